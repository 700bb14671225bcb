"""Staffing plans and saved what-if scenarios: predicted figures from queue models.

A plan takes the mean arrivals per local hour of the same weekday over the past four
weeks, gives each hour the fewest booths Erlang C says meet the service level, then
simulates the whole day with those booths: carry-over from a busy hour into the next,
which Erlang C ignores, shows up in the simulated columns.
"""

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.access.scope import scenarios_visible
from concordia.analytics import erlang, queries, simulation, sizing
from concordia.analytics.common import SERVICE_MIN, local_window, zone
from concordia.analytics.schemas import (
    Comparison,
    ScenarioCreate,
    ScenarioRead,
    StaffingHour,
    StaffingPlan,
)
from concordia.audit.service import record
from concordia.errors import NotFound, ValidationFailed
from concordia.models import BorderPost, Lane, Scenario
from concordia.reference.service import get_post, lanes_of

WEEKS = 4


def typical_day(
    session: Session, actor: Actor, post: BorderPost, flow: str, direction: str, day: date
) -> list[float]:
    """Mean travellers per local hour over the same weekday of the past four weeks."""
    totals = [0.0] * 24
    for week in range(1, WEEKS + 1):
        past = day - timedelta(weeks=week)
        window = local_window(post, past, past)
        query = queries.counts_query(session, actor, post, window, seconds=3600,
                                     measure="arrivals", by=("flow", "direction"))  # fmt: skip
        for row in session.execute(query):
            if queries.FLOW_OF_MODE[row.flow] != flow or row.direction != direction:
                continue
            hour = datetime.fromtimestamp(row.bucket * 3600, UTC).astimezone(zone(post)).hour
            totals[hour] += row.n / WEEKS
    return totals


def staffing_plan(
    session: Session,
    actor: Actor,
    *,
    post: str,
    flow: str,
    direction: str,
    day: date,
    target_min: float = 15.0,
    level: float = 0.9,
    group_size: int = 1,
) -> StaffingPlan:
    """Erlang C booths per hour, that plan simulated (travellers arriving `group_size` at
    a time), and the fewest booths the simulation itself says meet the level."""
    if not 1 <= group_size <= 60:
        raise ValidationFailed("group_size must be between 1 and 60", field="group_size")
    where = get_post(session, post, field="post")
    _lane(session, where, flow, direction)
    service = SERVICE_MIN[flow]
    arrivals = typical_day(session, actor, where, flow, direction, day)
    booths = erlang.staffing_plan(arrivals, service, target_min, level)
    spec = simulation.SimSpec(arrivals, booths, service, group_size=group_size,
                              target_min=target_min, seed=day.toordinal())  # fmt: skip
    simulated = simulation.simulate(spec).hourly()
    sized = sizing.simulated_plan(arrivals, service, target_min, level, group_size=group_size,
                                  seed=day.toordinal())  # fmt: skip
    hours = [_hour(h, arrivals[h], booths[h], service, target_min, simulated[h], sized[h])
             for h in range(24)]  # fmt: skip
    return StaffingPlan(
        post=post, flow=flow, direction=direction, day=day, target_min=target_min,
        level=level, service_min=service, group_size=group_size, hours=hours,
    )  # fmt: skip


def _hour(
    h: int, arrivals: float, booths: int, service: float, target: float,
    sim: dict[str, float], sized: int,
) -> StaffingHour:  # fmt: skip
    steady = erlang.steady(arrivals / 60, service, booths, target)
    return StaffingHour(hour=h, arrivals=round(arrivals, 2), booths=booths,
                        erlang_wait_min=round(steady.mean_wait, 2),
                        erlang_service_level=round(steady.service_level, 4),
                        simulated_wait_min=round(sim["mean_wait_min"], 2),
                        simulated_service_level=round(sim["service_level"], 4),
                        simulated_booths=sized)  # fmt: skip


def _lane(session: Session, post: BorderPost, flow: str, direction: str) -> Lane:
    for lane in lanes_of(session, post.id):
        if lane.flow == flow and lane.direction in (direction, "both"):
            return lane
    raise ValidationFailed(f"post {post.code} has no {flow} lane {direction}", field="flow")


# --- scenarios ------------------------------------------------------------------------


def build_spec(
    body: ScenarioCreate, arrivals: list[float], booths: list[int]
) -> simulation.SimSpec:
    """The day repeated over `days`, booths shut and events placed by hour from the start."""
    hours = 24 * body.days
    staffed = [booths[h % 24] for h in range(hours)]
    for w in body.booths_closed:
        for h in range(int(w.start_hour), min(hours, int(w.start_hour + w.hours))):
            staffed[h] = max(0, staffed[h] - int(w.factor))
    if max(staffed) < 1:
        raise ValidationFailed(
            "the scenario closes every booth for its whole length", field="booths_closed"
        )

    def windows(items: list[object]) -> tuple[simulation.Window, ...]:
        return tuple(simulation.Window(w.start_hour * 60, (w.start_hour + w.hours) * 60,  # type: ignore[attr-defined]
                                       getattr(w, "factor", 1.0)) for w in items)  # fmt: skip

    return simulation.SimSpec(
        [arrivals[h % 24] for h in range(hours)], staffed,
        body.service_min or SERVICE_MIN[body.flow], group_size=body.group_size,
        outages=windows(list(body.outages)), surges=windows(list(body.surges)),
        extra_checks=windows(list(body.extra_checks)), target_min=body.target_min, seed=body.seed,
    )  # fmt: skip


def run_scenario(session: Session, actor: Actor, body: ScenarioCreate) -> Scenario:
    """Simulate the scenario, save parameters and results, audit the write."""
    post = get_post(session, body.post, field="post")
    lane = _lane(session, post, body.flow, body.direction)
    today = datetime.now(UTC).date()
    arrivals = body.hourly_arrivals or typical_day(session, actor, post, body.flow,
                                                   body.direction, today)  # fmt: skip
    booths = body.booths or [lane.booths] * 24
    result = simulation.simulate(build_spec(body, arrivals, booths))
    hourly = result.hourly()
    results: dict[str, object] = {
        "summary": result.summary(),
        "hourly": {
            k: [round(h[k], 3) for h in hourly]
            for k in ("arrivals", "mean_wait_min", "service_level")
        },
        "basis": "predicted",
    }
    params = body.model_dump(mode="json") | {"hourly_arrivals": arrivals, "booths": booths}
    scenario = Scenario(name=body.name, post_id=post.id, flow=body.flow, country=actor.country,
                        params=params, results=results, created_by=actor.user_id)  # fmt: skip
    session.add(scenario)
    session.flush()
    record(session, actor, "create", "analytics_scenario", scenario.id, {"name": body.name})
    return scenario


def read(session: Session, scenario: Scenario) -> ScenarioRead:
    code = session.get_one(BorderPost, scenario.post_id).code
    return ScenarioRead(id=scenario.id, name=scenario.name, post=code, flow=scenario.flow,
                        country=scenario.country, created_at=scenario.created_at,
                        params=scenario.params, results=scenario.results)  # fmt: skip


def list_scenarios(session: Session, actor: Actor, *, limit: int = 100) -> list[Scenario]:
    query = scenarios_visible(session, actor, datetime.now(UTC).date())
    return list(session.scalars(query.order_by(Scenario.created_at.desc()).limit(limit)))


def get_scenario(session: Session, actor: Actor, scenario_id: uuid.UUID) -> Scenario:
    query = scenarios_visible(session, actor, datetime.now(UTC).date())
    found = session.scalars(query.where(Scenario.id == scenario_id)).first()
    if found is None:
        raise NotFound(f"no scenario {scenario_id} visible to {actor.username}", field="id")
    return found


def compare(session: Session, actor: Actor, ids: list[uuid.UUID]) -> Comparison:
    """Scenarios side by side: summaries, and each metric's hourly series by name."""
    if not 1 <= len(ids) <= 8:
        raise ValidationFailed("compare between 1 and 8 scenarios", field="ids")
    found = [get_scenario(session, actor, i) for i in ids]
    length = max(len(s.results["hourly"]["arrivals"]) for s in found)  # type: ignore[index]
    series: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for s in found:
        for metric, values in s.results["hourly"].items():  # type: ignore[attr-defined]
            series[metric][f"{s.name} ({str(s.id)[-6:]})"] = values
    summaries = [{"id": str(s.id), "name": s.name, **s.results["summary"]} for s in found]  # type: ignore[dict-item]
    return Comparison(scenarios=summaries, hours=list(range(length)), series=dict(series))


def scenario_page(
    session: Session,
    actor: Actor,
    *,
    post: str = "",
    flow: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[Scenario]:
    """Visible scenarios, newest first, filtered by post and flow: the console's list."""
    query = scenarios_visible(session, actor, datetime.now(UTC).date())
    if post:
        query = query.where(Scenario.post_id == get_post(session, post, field="post").id)
    if flow:
        query = query.where(Scenario.flow == flow)
    query = query.order_by(Scenario.created_at.desc(), Scenario.id.desc())
    return list(session.scalars(query.limit(limit).offset(offset)))
