"""Analytics services on the database: flows, waits, staffing, scenarios, forecasts, scope."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from concordia.analytics import holidays, outlook, planning, service
from concordia.analytics.forecast import Point
from concordia.analytics.schemas import ScenarioCreate
from concordia.errors import NotFound, ValidationFailed
from concordia.models import AuditEntry
from tests.analytics.factories import crossing
from tests.factories import actor_for

# 10:05 in Tacna (UTC-5) on Tuesday 10 November 2026.
T0 = datetime(2026, 11, 10, 15, 5, tzinfo=UTC)


def _flows(session: Session, user: str = "pe.migraciones.tacna", **kw: object) -> object:
    args: dict[str, object] = {"post": "santa-rosa-chacalluta", "start": date(2026, 11, 10),
                               "end": date(2026, 11, 10), "granularity": "hour"}  # fmt: skip
    return service.flows(session, actor_for(session, user), **(args | kw))  # type: ignore[arg-type]


def test_flows_by_hour_compared_with_last_week_and_last_year(session: Session) -> None:
    crossing(session, T0)
    crossing(session, T0 + timedelta(minutes=20), mode="car", nationality="CHL", reverse=True)
    crossing(session, T0 - timedelta(days=7))
    crossing(session, T0 - timedelta(days=7, minutes=-10))
    crossing(session, T0 - timedelta(days=364))
    report = _flows(session, by=("flow",))
    foot = next(s for s in report.series if s.key == {"flow": "pedestrian"})  # type: ignore[attr-defined]
    assert len(foot.points) == 24
    ten = next(p for p in foot.points if p.start.hour == 10)
    assert (ten.count, ten.last_week, ten.last_year) == (1, 2, 1)
    assert ten.start.utcoffset() == timedelta(hours=-5)  # local time of Tacna
    assert sum(p.count for p in foot.points) == 1


def test_flows_by_direction_and_nationality_per_15_minutes_and_day(session: Session) -> None:
    crossing(session, T0, nationality="VEN")
    crossing(session, T0 + timedelta(minutes=16), nationality="VEN")
    crossing(session, T0, reverse=True, nationality="CHL")
    quarter = _flows(session, granularity="15min", by=("direction", "nationality"))
    keys = {tuple(s.key.values()): s for s in quarter.series}  # type: ignore[attr-defined]
    assert set(keys) == {("a_to_b", "VEN"), ("b_to_a", "CHL")}
    assert len(keys[("a_to_b", "VEN")].points) == 96
    assert sorted(p.count for p in keys[("a_to_b", "VEN")].points if p.count) == [1, 1]
    day = _flows(session, granularity="day", by=())
    assert [p.count for p in day.series[0].points] == [3]  # type: ignore[attr-defined]


def test_processed_counts_by_decision_time(session: Session) -> None:
    crossing(session, T0, decided_after=timedelta(hours=1))
    crossing(session, T0, status="referred", decided_after=None)
    report = _flows(session, measure="processed", by=())
    counts = {p.start.hour: p.count for p in report.series[0].points if p.count}  # type: ignore[attr-defined]
    assert counts == {11: 1}


def test_flows_respect_the_actors_scope(session: Session) -> None:
    crossing(session, T0)
    assert _flows(session, user="bo.digemig.desaguadero").series == []  # type: ignore[attr-defined]
    assert _flows(session, user="cl.pdi.chacalluta").series  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kw", "field"),
    [({"granularity": "week"}, "granularity"), ({"measure": "all"}, "measure"),
     ({"by": ("sex",)}, "by"), ({"end": date(2026, 12, 31), "granularity": "15min"}, "end"),
     ({"end": date(2026, 11, 1)}, "end"), ({"post": "nowhere"}, "post")],
)  # fmt: skip
def test_bad_flow_queries_name_the_field(
    session: Session, kw: dict[str, object], field: str
) -> None:
    with pytest.raises((ValidationFailed, NotFound)) as err:
        _flows(session, **kw)
    assert err.value.field == field


def test_waits_measured_from_tickets_else_estimated(session: Session) -> None:
    for i in range(6):
        crossing(session, T0 + timedelta(minutes=i), queued_before=timedelta(minutes=10 + i))
    for i in range(3):
        crossing(session, T0 + timedelta(minutes=i), mode="car")
    now = T0 + timedelta(minutes=30)
    waits = service.post_waits(session, crossing(session, T0 - timedelta(days=1)).post_id and
                               _post(session), now)  # fmt: skip
    lanes = {(w.flow, w.direction): w for w in waits.lanes}
    foot = lanes[("pedestrian", "a_to_b")]
    assert foot.basis == "measured" and foot.measured_sample == 6
    assert foot.delay_minutes == pytest.approx(12.5 + 2, abs=0.01)  # median ticket-to-decision
    car = lanes[("car", "a_to_b")]
    assert car.basis == "estimated" and car.travellers_last_hour == 3
    assert car.delay_minutes == pytest.approx(0.0, abs=0.05)
    assert lanes[("cargo", "b_to_a")].travellers_last_hour == 0


def _post(session: Session) -> object:
    from concordia.reference.service import get_post

    return get_post(session, "santa-rosa-chacalluta")


def test_estimated_wait_past_saturation_grows_with_the_excess() -> None:
    assert service.estimated_wait(60, 1, 2.0) == pytest.approx(30.0)
    assert service.estimated_wait(30, 1, 1.0) == pytest.approx(1.0)  # M/M/1 at rho 0.5


def test_staffing_plan_meets_the_level_in_erlang_and_simulation(session: Session) -> None:
    for week in range(1, 5):
        for i in range(120):  # 120 cars an hour at 10:00 on past Tuesdays
            at = T0 - timedelta(weeks=week, minutes=5) + timedelta(seconds=29 * i)
            crossing(session, at, mode="car")
    actor = actor_for(session, "pe.supervisor.tacna")
    plan = planning.staffing_plan(session, actor, post="santa-rosa-chacalluta", flow="car",
                                  direction="a_to_b", day=date(2026, 11, 10))  # fmt: skip
    ten = plan.hours[10]
    assert ten.arrivals == 120 and ten.booths == 4  # 3 Erlangs at 1.5 min
    assert ten.erlang_service_level >= 0.9
    assert plan.basis == "predicted" and plan.hours[3].arrivals == 0
    assert ten.simulated_booths >= 1 and plan.hours[3].simulated_booths == 1
    with pytest.raises(ValidationFailed) as err:
        planning.staffing_plan(
            session, actor, post="desaguadero", flow="car", direction="a_to_b",
            day=date(2026, 11, 10), group_size=0,
        )  # fmt: skip
    assert err.value.field == "group_size"


def _scenario(session: Session, user: str = "pe.supervisor.tacna", **kw: object) -> object:
    body = {"name": "base", "post": "santa-rosa-chacalluta", "flow": "bus",
            "hourly_arrivals": [0] * 7 + [100] * 17, "booths": [3] * 24} | kw  # fmt: skip
    return planning.run_scenario(
        session, actor_for(session, user), ScenarioCreate.model_validate(body)
    )


def test_scenarios_saved_audited_compared_and_scoped(session: Session) -> None:
    base = _scenario(session)
    outage = _scenario(session, name="caída 3 h", group_size=40,
                       outages=[{"start_hour": 10, "hours": 3}])  # fmt: skip
    assert base.results["summary"]["travellers"] > 1000  # type: ignore[attr-defined]
    assert session.query(AuditEntry).filter_by(object_type="analytics_scenario").count() == 2
    peru = actor_for(session, "pe.migraciones.tacna")
    table = planning.compare(session, peru, [base.id, outage.id])  # type: ignore[attr-defined]
    assert len(table.hours) == 24 and set(table.series) == {
        "arrivals",
        "mean_wait_min",
        "service_level",
    }
    waits = list(table.series["mean_wait_min"].values())
    assert max(waits[1][10:14]) > max(waits[0][10:14])
    bolivia = actor_for(session, "bo.digemig.desaguadero")
    assert planning.list_scenarios(session, bolivia) == []
    with pytest.raises(NotFound):
        planning.get_scenario(session, bolivia, base.id)  # type: ignore[attr-defined]


def test_sixty_day_emergency_scenario(session: Session) -> None:
    whole = {"start_hour": 0, "hours": 24 * 60}
    emergency = _scenario(session, name="emergencia 60 días", days=60,
                          surges=[whole | {"factor": 1.3}],
                          extra_checks=[whole | {"factor": 1.2}])  # fmt: skip
    assert len(emergency.results["hourly"]["arrivals"]) == 24 * 60  # type: ignore[attr-defined]


def test_scenario_that_closes_every_booth_is_refused(session: Session) -> None:
    with pytest.raises(ValidationFailed) as err:
        _scenario(session, booths_closed=[{"start_hour": 0, "hours": 24, "factor": 3}])
    assert err.value.field == "booths_closed"
    with pytest.raises(NotFound) as missing:
        _scenario(session, post="nowhere")
    assert missing.value.field == "post"


def test_forecast_and_stranded_from_records(session: Session) -> None:
    first = date(2026, 9, 1)
    for n in range(70):
        day = datetime(first.year, first.month, first.day, 15, tzinfo=UTC) + timedelta(days=n)
        for _ in range(3 + day.weekday() % 3):
            crossing(session, day, decided_after=timedelta(minutes=1))
        crossing(session, day, status="refused")
    actor = actor_for(session, "pe.supervisor.tacna")
    report = outlook.forecast_post(session, actor, post="santa-rosa-chacalluta", horizon=7,
                                   history_days=60, today=date(2026, 11, 10))  # fmt: skip
    assert len(report.points) == 7 and report.basis == "predicted"
    assert report.points[0].start == datetime(2026, 11, 10)
    assert all(4 <= p.mean <= 8 and p.lo95 <= p.mean <= p.hi95 for p in report.points)
    stranded = outlook.forecast_post(session, actor, post="santa-rosa-chacalluta",
                                     series="stranded", horizon=3, history_days=60,
                                     today=date(2026, 11, 10))  # fmt: skip
    assert all(p.mean == pytest.approx(1.0, abs=0.3) for p in stranded.points)
    with pytest.raises(ValidationFailed) as err:
        outlook.forecast_post(session, actor, post="santa-rosa-chacalluta", series="x")
    assert err.value.field == "series"


def test_only_stranded_people_get_the_season_regressor(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, tuple[str, ...]] = {}
    real = outlook.forecast

    def spy(*args: Any, regressors: tuple[str, ...], **kwargs: Any) -> list[Point]:
        seen[str(len(seen))] = tuple(regressors)
        return real(*args, regressors=regressors, **kwargs)

    monkeypatch.setattr(outlook, "forecast", spy)
    for n in range(30):
        day = datetime(2026, 10, 1, 15, tzinfo=UTC) + timedelta(days=n)
        crossing(session, day, decided_after=timedelta(minutes=1))
        crossing(session, day, status="refused")
    actor = actor_for(session, "pe.supervisor.tacna")
    for series in ("arrivals", "stranded"):
        outlook.forecast_post(session, actor, post="santa-rosa-chacalluta", series=series,
                              horizon=3, history_days=28, today=date(2026, 11, 1))  # fmt: skip
    assert seen == {"0": holidays.REGRESSORS, "1": holidays.STRANDED_REGRESSORS}


def test_diversion_learns_from_a_closure_in_the_records(session: Session) -> None:
    first = date(2026, 10, 1)
    for n in range(30):
        noon = datetime(first.year, first.month, first.day, 16, tzinfo=UTC) + timedelta(days=n)
        closed = n in (10, 11)
        for _ in range(0 if closed else 10):
            crossing(session, noon, code="desaguadero")
        for _ in range(9 if closed else 2):
            crossing(session, noon, code="kasani-copacabana")
    actor = actor_for(session, "pe.migraciones.puno")
    report = outlook.diversion_estimate(session, actor, post="desaguadero", history_days=30,
                                        today=date(2026, 10, 31))  # fmt: skip
    assert report.closures_in_history == 2 and report.daily_volume_mean == 10
    kasani = next(s for s in report.shares if s.destination == "kasani-copacabana")
    assert kasani.share > 0.30  # the prior, moved up by 70% uplift on both closure days
    assert kasani.lo95 <= kasani.per_day <= kasani.hi95


def test_an_analytics_agreement_shares_scenarios(session: Session) -> None:
    from concordia.access.agreements import AgreementIn, create

    scenario = _scenario(session)
    bolivia = actor_for(session, "bo.digemig.desaguadero")
    assert planning.list_scenarios(session, bolivia) == []
    body = AgreementIn(code="PER-BOL-ANALYTICS", owner_country="PER", recipient_country="BOL",
                       categories=["analytics"], purpose="planificación binacional",
                       valid_from=date(2026, 1, 1))  # fmt: skip
    create(session, actor_for(session, "admin"), body)
    assert [s.id for s in planning.list_scenarios(session, bolivia)] == [scenario.id]  # type: ignore[attr-defined]


def test_forecast_of_a_post_the_actor_cannot_see_says_so(session: Session) -> None:
    crossing(session, T0 - timedelta(days=3), code="colchane-pisiga", nationality="BOL")
    with pytest.raises(ValidationFailed) as err:
        outlook.forecast_post(session, actor_for(session, "pe.supervisor.tacna"),
                              post="colchane-pisiga", today=date(2026, 11, 10))  # fmt: skip
    assert err.value.field == "post"
