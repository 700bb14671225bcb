"""Events on the map: location checks, assignment to sections, EUROSUR impact levels,
scoping and the GeoJSON layers."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.errors import PermissionDenied
from concordia.models import OpsEvent
from concordia.operations import events, impact, sections
from concordia.operations.schemas import EventImpactIn, EventIn, SectionImpactIn
from tests.factories import actor_for, bearer
from tests.operations.factories import ON_TITICACA, event_body

PNP = bearer("pe.pnp.tacna")
NOW = datetime.now(UTC).replace(microsecond=0)


def report(session: Session, username: str = "pe.migraciones.tacna", **body: Any) -> OpsEvent:
    payload = event_body(**({"occurred_at": (NOW - timedelta(hours=1)).isoformat()} | body))
    return events.report(session, actor_for(session, username), EventIn.model_validate(payload))


def section_of(session: Session, code: str) -> Any:
    found = sections.read_models(session, [sections.get_section(session, code)])
    return found[0]


def test_event_near_santa_rosa_falls_in_the_peru_chile_land_section(ops_session: Session) -> None:
    event = report(ops_session)
    read = events.read_models(ops_session, [event])[0]
    assert read.section == "per-chl-land" and read.distance_km is not None and read.distance_km < 5
    assert event.countries == "CHL,PER" and read.reporter_agency == "PER-MIGRACIONES"
    lake = report(ops_session, kind="suspicious_boat", coordinates=ON_TITICACA)
    assert events.read_models(ops_session, [lake])[0].section == "per-bol-titicaca"


def test_partner_sees_the_event_and_a_third_country_does_not(ops_session: Session) -> None:
    event = report(ops_session)
    chile = actor_for(ops_session, "cl.pdi.chacalluta")
    assert [e.id for e in events.list_events(ops_session, chile)] == [event.id]
    assert events.list_events(ops_session, actor_for(ops_session, "bo.felcn.analista")) == []


def test_event_far_from_every_section_stays_with_the_reporter(ops_session: Session) -> None:
    iquique = report(ops_session, "cl.pdi.chacalluta", coordinates=[-70.14, -20.21])
    assert (iquique.section_id, iquique.countries) == (None, "CHL")
    assert events.list_events(ops_session, actor_for(ops_session, "pe.migraciones.tacna")) == []


@pytest.mark.parametrize(
    ("location", "field"),
    [
        (
            {"type": "Point", "coordinates": [-18.27, -70.30]},
            "location.coordinates",
        ),  # lat/lon swapped
        ({"type": "Point", "coordinates": [-3.70, 40.42]}, "location.coordinates"),  # Madrid
        ({"type": "Point", "coordinates": ["x", "y"]}, "location.coordinates"),
        ({"type": "Point", "coordinates": []}, "location.coordinates"),
        ({"type": "Point", "coordinates": ["-70.3", "-18.27"]}, "location.coordinates"),
        ({"type": "Point", "coordinates": [[-70.3, -18.27]]}, "location.coordinates"),
        ({"type": "Feature", "geometry": {"type": "Point"}}, "location.type"),
        ({"type": "Circle", "coordinates": [-70.3, -18.27]}, "location.type"),
        ({"coordinates": [-70.3, -18.27]}, "location"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[-70, -18], [-69, -18], [-70, -17], [-69, -17], [-70, -18]]],
            },
            "location.coordinates",
        ),
    ],
)
def test_bad_locations_are_refused_with_the_field_and_nothing_stored(
    ops_client: TestClient, location: dict[str, Any], field: str
) -> None:
    body = event_body() | {"location": location}
    response = ops_client.post("/api/ops/events", json=body, headers=PNP)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    assert ops_client.get("/api/ops/events", headers=PNP).json() == []


def test_missing_location_or_future_time_names_the_field(ops_client: TestClient) -> None:
    body = event_body()
    del body["location"]
    missing = ops_client.post("/api/ops/events", json=body, headers=PNP)
    assert (missing.status_code, missing.json()["error"]["field"]) == (422, "location")
    future = event_body(occurred_at=(NOW + timedelta(days=1)).isoformat())
    response = ops_client.post("/api/ops/events", json=future, headers=PNP)
    assert (response.status_code, response.json()["error"]["field"]) == (422, "occurred_at")
    ancient = ops_client.post(
        "/api/ops/events", json=event_body(occurred_at="0001-01-01T00:00:00Z"), headers=PNP
    )
    assert (ancient.status_code, ancient.json()["error"]["field"]) == (422, "occurred_at")
    unknown = ops_client.post("/api/ops/events", json=event_body(kind="ovni"), headers=PNP)
    assert (unknown.status_code, unknown.json()["error"]["field"]) == (422, "kind")


def test_reporter_proposes_and_only_the_section_owner_sets_the_impact(ops_session: Session) -> None:
    event = report(ops_session, proposed_impact="critical")
    assert section_of(ops_session, "per-chl-land").impact_level == "high"  # proposal capped
    with pytest.raises(PermissionDenied):
        events.set_impact(
            ops_session,
            actor_for(ops_session, "pe.migraciones.tacna"),
            event.id,
            EventImpactIn(level="low"),
        )
    events.set_impact(
        ops_session,
        actor_for(ops_session, "pe.pnp.tacna"),
        event.id,
        EventImpactIn(level="critical"),
    )
    section = section_of(ops_session, "per-chl-land")
    assert (section.impact_level, section.impact_source) == ("critical", "derived")
    assert event.proposed_impact == "critical" and event.impact == "critical"


def test_five_recent_events_raise_a_section_to_medium(ops_session: Session) -> None:
    for _ in range(4):
        report(ops_session, proposed_impact="low")
    assert section_of(ops_session, "per-chl-land").impact_level == "low"
    report(ops_session, proposed_impact="low")
    old = report(
        ops_session, proposed_impact="high", occurred_at=(NOW - timedelta(days=8)).isoformat()
    )
    assert old.section_id is not None
    section = section_of(ops_session, "per-chl-land")
    assert (section.impact_level, section.recent_events) == ("medium", 5)
    assert "Patrullaje reforzado" in section.response


def test_owner_overrides_the_level_until_it_expires_or_is_cleared(ops_session: Session) -> None:
    owner = actor_for(ops_session, "pe.pnp.tacna")
    sections.set_impact(
        ops_session, owner, "per-chl-land", SectionImpactIn(level="critical", reason="Emergencia")
    )
    read = section_of(ops_session, "per-chl-land")
    assert (read.impact_level, read.impact_source, read.derived_level) == (
        "critical",
        "owner",
        "low",
    )
    past = SectionImpactIn(level="high", reason="Vencida", until=NOW - timedelta(hours=1))
    sections.set_impact(ops_session, owner, "per-chl-land", past)
    assert section_of(ops_session, "per-chl-land").impact_level == "low"
    with pytest.raises(PermissionDenied):
        sections.set_impact(
            ops_session, actor_for(ops_session, "cl.carabineros.arica"), "per-chl-land",
            SectionImpactIn(level="low", reason="No es mía"),
        )  # fmt: skip


def test_derivation_rule_is_the_documented_one() -> None:
    level = impact.EventLevel
    assert impact.derive_level([]) == "low"
    assert impact.derive_level([level("critical", None)]) == "high"
    assert impact.derive_level([level("low", "critical")]) == "critical"
    assert impact.derive_level([level("low", None)] * impact.MEDIUM_COUNT) == "medium"
    assert impact.derive_level([level("low", None)] * impact.HIGH_COUNT) == "high"
    assert impact.derive_level([level("high", "low")] * 2) == "low"


def test_sections_are_loaded_idempotently_and_keep_overrides(ops_session: Session) -> None:
    owner = actor_for(ops_session, "pe.pnp.tacna")
    sections.set_impact(
        ops_session, owner, "per-chl-land", SectionImpactIn(level="high", reason="Refuerzo")
    )
    assert sections.load_sections(ops_session) == 7
    codes = [s.code for s in sections.list_sections(ops_session, owner)]
    assert {"per-chl-land", "per-chl-maritime", "per-bol-titicaca", "chl-bol-north"} <= set(codes)
    assert len(codes) == 7 and section_of(ops_session, "per-chl-land").impact_level == "high"
    # the real boundary is 169 km; the approximate polyline cuts its curves
    assert 120 < section_of(ops_session, "per-chl-land").length_km < 200


def test_geojson_layers_filter_and_colour(ops_client: TestClient) -> None:
    hour_ago = (NOW - timedelta(hours=1)).isoformat()
    for kind in ("stranded_group", "smuggling"):
        body = event_body(kind=kind, occurred_at=hour_ago)
        assert ops_client.post("/api/ops/events", json=body, headers=PNP).status_code == 201
    layer = ops_client.get("/api/ops/geo/events", params={"kind": "smuggling"}, headers=PNP)
    assert layer.headers["content-type"] == "application/geo+json"
    collection = layer.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["kind"] for f in collection["features"]] == ["smuggling"]
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["colour"] == "#f9a825"
    by_agency = ops_client.get("/api/ops/geo/events", params={"agency": "CHL-PDI"}, headers=PNP)
    assert by_agency.json()["features"] == []
    later = ops_client.get("/api/ops/geo/events", params={"since": NOW.isoformat()}, headers=PNP)
    assert later.json()["features"] == []
    sections_layer = ops_client.get("/api/ops/geo/sections", headers=PNP).json()
    land = next(f for f in sections_layer["features"] if f["id"] == "per-chl-land")
    assert land["geometry"]["type"] == "LineString"
    assert (
        land["properties"]["impact_level"] == "medium" and land["properties"]["colour"] == "#f9a825"
    )


def test_bad_filters_name_the_field(ops_client: TestClient, ops_session: Session) -> None:
    response = ops_client.get("/api/ops/events", params={"agency": "NOPE"}, headers=PNP)
    assert (response.status_code, response.json()["error"]["field"]) == (404, "agency")
    response = ops_client.get("/api/ops/events", params={"section": "nope"}, headers=PNP)
    assert (response.status_code, response.json()["error"]["field"]) == (404, "section")
    assert ops_session.scalar(select(func.count()).select_from(OpsEvent)) == 0
