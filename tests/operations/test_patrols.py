"""Joint patrols: planning checks, tracks, linked events, coverage and unpatrolled sections."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import LineString, Polygon
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import Patrol
from concordia.operations import events, geo, patrols
from concordia.operations.schemas import EventIn, PatrolIn, PatrolTrackIn
from tests.factories import actor_for, bearer
from tests.operations.factories import HALF_LAND_TRACK, NOON, event_body, patrol_body

PNP = "pe.pnp.tacna"
PERIOD = {"since": NOON - timedelta(days=1), "until": NOON + timedelta(days=1)}


def plan(session: Session, username: str = PNP, **overrides: Any) -> Patrol:
    body = PatrolIn.model_validate(patrol_body(**overrides))
    return patrols.plan(session, actor_for(session, username), body)


def track(
    session: Session, code: str = "PAT-TACNA-001", username: str = PNP, **body: Any
) -> Patrol:
    payload = {"track": {"type": "LineString", "coordinates": HALF_LAND_TRACK}} | body
    return patrols.record_track(
        session, actor_for(session, username), code, PatrolTrackIn.model_validate(payload)
    )


def test_plan_record_and_cover_half_the_land_section(ops_session: Session) -> None:
    patrol = plan(ops_session)
    assert (patrol.countries, patrol.status) == ("CHL,PER", "planned")
    event = events.report(
        ops_session,
        actor_for(ops_session, PNP),
        EventIn.model_validate(event_body(kind="patrol_sighting")),
    )
    track(ops_session, findings="Grupo de 12 personas en la quebrada", events=[str(event.id)])
    assert (patrol.status, event.patrol_id) == ("completed", patrol.id)
    report = patrols.coverage_report(
        ops_session, actor_for(ops_session, "cl.carabineros.arica"), **PERIOD
    )
    land = next(s for s in report.sections if s.section == "per-chl-land")
    assert 0.25 < land.fraction < 0.6 and land.patrols == ["PAT-TACNA-001"]
    assert "per-chl-land" not in report.unpatrolled
    assert {"per-bol-titicaca", "chl-bol-north", "chl-bol-south"} <= set(report.unpatrolled)
    sea = next(s for s in report.sections if s.section == "per-chl-maritime")
    assert 0 < sea.fraction < 0.02  # only the 2 km around Hito 1, where land and sea meet
    assert [e.id for e in patrols.events_of(ops_session, actor_for(ops_session, PNP), patrol)] == [
        event.id
    ]


def test_tracks_outside_the_period_do_not_count(ops_session: Session) -> None:
    plan(ops_session)
    track(ops_session)
    later = {"since": NOON + timedelta(days=2), "until": NOON + timedelta(days=3)}
    report = patrols.coverage_report(ops_session, actor_for(ops_session, PNP), **later)
    assert len(report.unpatrolled) == len(report.sections) == 7


def test_timed_points_become_the_track(ops_session: Session) -> None:
    plan(ops_session)
    points = [
        {"longitude": lon, "latitude": lat, "at": (NOON + timedelta(minutes=30 * i)).isoformat()}
        for i, (lon, lat) in enumerate(HALF_LAND_TRACK)
    ]
    patrol = track(ops_session, track=None, points=points)
    assert patrol.track is not None and len(patrol.track_times) == 4
    backwards = list(reversed(points))
    with pytest.raises(ValidationFailed) as raised:
        track(ops_session, track=None, points=backwards)
    assert raised.value.field == "points.1.at"
    late = [*points[:3], points[3] | {"at": (NOON + timedelta(days=2)).isoformat()}]
    with pytest.raises(ValidationFailed) as raised:
        track(ops_session, track=None, points=late)
    assert raised.value.field == "points.3.at"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agencies": ["PER-PNP", "PER-EJERCITO"]}, "agencies"),
        ({"agencies": ["PER-PNP", "BOL-POLICIA"]}, "agencies"),
        ({"agencies": ["PER-PNP", "NOPE"]}, "agencies"),
        ({"kind": "lake"}, "sections"),
        ({"sections": ["no-such-section"]}, "sections"),
        ({"ends_at": "2026-12-10T15:00:00+00:00"}, "ends_at"),
        ({"crew": [{"name": "Ana Choque", "agency": "BOL-DIGEMIG"}]}, "crew.0.agency"),
    ],
)
def test_bad_plans_name_the_field_and_store_nothing(
    ops_session: Session, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises((ValidationFailed, NotFound)) as raised:
        plan(ops_session, **overrides)
    assert raised.value.field == field
    assert ops_session.scalar(select(func.count()).select_from(Patrol)) == 0


def test_duplicate_code_and_foreign_planner_are_refused(ops_session: Session) -> None:
    plan(ops_session)
    with pytest.raises(Conflict):
        plan(ops_session)
    with pytest.raises(PermissionDenied):
        plan(ops_session, "bo.policia.oruro", code="PAT-OTHER")


def test_lake_patrol_of_peru_and_bolivia(ops_session: Session) -> None:
    lake = plan(
        ops_session,
        code="PAT-TITICACA-01",
        kind="lake",
        agencies=["PER-PNP", "BOL-POLICIA"],
        sections=["per-bol-titicaca"],
        crew=[],
    )
    assert lake.countries == "BOL,PER"
    chile = actor_for(ops_session, "cl.carabineros.arica")
    assert [p.code for p in patrols.list_patrols(ops_session, chile)] == []
    with pytest.raises(NotFound):
        patrols.get(ops_session, chile, "PAT-TITICACA-01")


def test_bad_tracks_are_refused_and_the_patrol_unchanged(ops_session: Session) -> None:
    patrol = plan(ops_session)
    cases = [
        ({"track": {"type": "Point", "coordinates": [-70.3, -18.3]}}, "track.type"),
        (
            {"track": {"type": "LineString", "coordinates": [[-18.3, -70.3], [-18.2, -70.2]]}},
            "track.coordinates",
        ),
        ({"track": {"type": "LineString", "coordinates": [[-70.3, -18.3]]}}, "track.coordinates"),
    ]
    for body, field in cases:
        with pytest.raises(ValidationFailed) as raised:
            track(ops_session, **body)
        assert raised.value.field == field
    with pytest.raises(PermissionDenied):
        track(ops_session, username="pe.migraciones.tacna")
    assert (patrol.status, patrol.track) == ("planned", None)


def test_coverage_math_in_metres() -> None:
    line = geo.to_metric(LineString([(-70.0, -18.0), (-70.0, -18.2)]))
    half = geo.to_metric(LineString([(-70.0, -18.0), (-70.0, -18.1)]))
    assert geo.coverage(line, [half], 500) == pytest.approx(0.5, abs=0.03)
    assert geo.coverage(line, [], 500) == 0.0
    area = geo.to_metric(Polygon([(-70, -18), (-69.9, -18), (-69.9, -18.1), (-70, -18.1)]))
    assert 0 < geo.coverage(area, [half], 2000) < 0.3
    assert geo.length_km(LineString([(-70.0, -18.0), (-70.0, -18.2)])) == pytest.approx(
        22.1, abs=0.3
    )


def test_patrol_api_and_coverage_endpoint(ops_client: TestClient) -> None:
    headers = bearer(PNP)
    created = ops_client.post("/api/ops/patrols", json=patrol_body(), headers=headers)
    assert created.status_code == 201, created.text
    body = {
        "track": {"type": "LineString", "coordinates": HALF_LAND_TRACK},
        "findings": "Sin novedad",
    }
    recorded = ops_client.post("/api/ops/patrols/PAT-TACNA-001/track", json=body, headers=headers)
    assert recorded.json()["status"] == "completed"
    params = {k: v.isoformat() for k, v in PERIOD.items()}
    report = ops_client.get("/api/ops/coverage", params=params, headers=headers).json()
    assert "per-chl-land" not in report["unpatrolled"]
    bad = ops_client.get("/api/ops/coverage", params=params | {"buffer_km": 0}, headers=headers)
    assert (bad.status_code, bad.json()["error"]["field"]) == (422, "buffer_km")
    layer = ops_client.get("/api/ops/geo/patrols", headers=headers).json()
    assert [f["id"] for f in layer["features"]] == ["PAT-TACNA-001"]
    both = ops_client.post(
        "/api/ops/patrols/PAT-TACNA-001/track", json=body | {"points": []}, headers=headers
    )
    assert both.status_code == 422


def test_event_reported_during_a_patrol_is_linked_to_it(ops_session: Session) -> None:
    patrol = plan(ops_session)
    actor = actor_for(ops_session, PNP)
    sighting = EventIn.model_validate(event_body(kind="patrol_sighting", patrol=patrol.code))
    assert events.report(ops_session, actor, sighting).patrol_id == patrol.id
    unknown = EventIn.model_validate(event_body(patrol="PAT-NOPE"))
    with pytest.raises(NotFound) as raised:
        events.report(ops_session, actor, unknown)
    assert raised.value.field == "patrol"
