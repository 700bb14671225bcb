"""Stored batches and map layers: analysts only, scoped by agency and "intelligence" agreements."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.access.agreements import AgreementIn, create
from concordia.aviation import service
from concordia.errors import NotFound, PermissionDenied, ValidationFailed
from concordia.models import AnalysedFlight, AuditEntry, TrackBatch
from tests.aviation.factories import PANDO_STRIP, VRAEM_STRIP, flight, lawful, tracks_csv
from tests.factories import bearer


def _csv() -> bytes:
    tracks = [flight(f"N{i}", [VRAEM_STRIP, PANDO_STRIP], seed=i)[0] for i in range(2)]
    return tracks_csv([*tracks, lawful()]).encode()


def _share_intelligence(session: Session) -> None:
    create(session, load_actor(session, "admin"), AgreementIn(
        code="PER-DIRANDRO-TO-BOL-FELCN", owner_country="PER", owner_agency="PER-DIRANDRO",
        recipient_country="BOL", recipient_agency="BOL-FELCN", categories=["intelligence"],
        purpose="Rutas de narcovuelos", valid_from=date(2026, 1, 1)))  # fmt: skip


def test_import_stores_results_and_layers_are_geojson(session: Session) -> None:
    analyst = load_actor(session, "pe.pnp.analista")
    batch = service.import_batch(session, analyst, name="Radar VRAEM", data=_csv(), fmt="csv")
    assert (batch.flights, batch.suspect_flights, batch.candidate_sites) == (3, 2, 2)
    sites = service.sites_layer(session, analyst, batch.id)
    assert sites["type"] == "FeatureCollection" and len(sites["features"]) == 4
    candidate = next(f for f in sites["features"] if not f["properties"]["registered"])
    assert candidate["geometry"]["type"] == "Point"
    assert candidate["properties"]["flights"] == ["N0", "N1"]
    flights = service.flights_layer(session, analyst, batch.id)
    assert [f["properties"]["id"] for f in flights["features"]] == ["N0", "N1"]
    assert flights["features"][0]["properties"]["reason_codes"][0] == "unregistered_site"
    assert flights["features"][0]["geometry"]["type"] == "LineString"
    assert 10 < len(flights["features"][0]["geometry"]["coordinates"]) <= 2 * service.PATH_POINTS
    everything = service.flights_layer(session, analyst, batch.id, suspect_only=False)
    assert len(everything["features"]) == 3
    routes = service.routes_layer(session, analyst, batch.id)
    recurrent = [r for r in routes["features"] if r["properties"]["recurrent"]]
    assert recurrent[0]["properties"]["flights"] == ["N0", "N1"]
    actions = set(session.scalars(select(AuditEntry.action)))
    assert {"import", "read"} <= actions


def test_other_agency_sees_nothing_without_an_intelligence_agreement(session: Session) -> None:
    analyst = load_actor(session, "pe.pnp.analista")
    batch = service.import_batch(session, analyst, name="Radar VRAEM", data=_csv(), fmt="csv")
    felcn = load_actor(session, "bo.felcn.analista")
    assert service.list_batches(session, felcn) == []
    with pytest.raises(NotFound):
        service.sites_layer(session, felcn, batch.id)
    _share_intelligence(session)
    assert [b.id for b in service.list_batches(session, felcn)] == [batch.id]
    assert service.sites_layer(session, felcn, batch.id)["features"]


def test_only_analysts_and_bad_files_store_nothing(session: Session) -> None:
    booth = load_actor(session, "pe.migraciones.tacna")
    with pytest.raises(PermissionDenied):
        service.import_batch(session, booth, name="x", data=_csv(), fmt="csv")
    with pytest.raises(PermissionDenied):
        service.list_batches(session, booth)
    analyst = load_actor(session, "pe.pnp.analista")
    bad = _csv() + b"N9,,,2026-11-10T15:00:00,-12.5,-200,9000,,,\n"
    with pytest.raises(ValidationFailed) as caught:
        service.import_batch(session, analyst, name="x", data=bad, fmt="csv")
    assert caught.value.field == "longitude"
    with pytest.raises(ValidationFailed) as caught:
        service.import_batch(session, analyst, name=" ", data=_csv(), fmt="csv")
    assert caught.value.field == "name"
    assert session.scalar(select(func.count()).select_from(TrackBatch)) == 0
    assert session.scalar(select(func.count()).select_from(AnalysedFlight)) == 0


def test_api_upload_and_layers(client: TestClient) -> None:
    pnp, felcn = bearer("pe.pnp.analista"), bearer("bo.felcn.analista")
    created = client.post("/api/aviation/batches?name=Radar%20VRAEM", content=_csv(),
                          headers={**pnp, "Content-Type": "text/csv"})  # fmt: skip
    assert created.status_code == 201, created.text
    batch_id = created.json()["id"]
    assert created.json()["suspect_flights"] == 2
    for layer in ("sites", "routes", "flights"):
        response = client.get(f"/api/aviation/batches/{batch_id}/{layer}.geojson", headers=pnp)
        assert response.status_code == 200 and response.json()["type"] == "FeatureCollection"
        hidden = client.get(f"/api/aviation/batches/{batch_id}/{layer}.geojson", headers=felcn)
        assert hidden.status_code == 404
    assert [b["id"] for b in client.get("/api/aviation/batches", headers=pnp).json()] == [batch_id]
    bad = client.post("/api/aviation/batches?name=x", content=b"flight_id,timestamp\n", headers=pnp)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "latitude"
    booth = client.get("/api/aviation/batches", headers=bearer("pe.migraciones.tacna"))
    assert booth.status_code == 403
    borders = client.get("/api/aviation/borders.geojson", headers=pnp).json()
    assert {f["properties"]["iso_a3"] for f in borders["features"]} == {"PER", "BOL", "CHL", "BRA"}
    assert client.get("/api/aviation/batches").status_code == 401


def test_demo_batch_is_seeded_once_with_its_strips_and_suspects(session: Session) -> None:
    from concordia.access.agreements import seed_demo_agreements
    from concordia.aviation.demo import seed_demo

    assert seed_demo(session, seed=7) == 1
    assert seed_demo(session, seed=7) == 0
    [batch] = service.list_batches(session, load_actor(session, "pe.pnp.analista"))
    assert (batch.flights, batch.suspect_flights) == (18, 8)
    assert 3 <= batch.candidate_sites <= 6
    flights = service.flights_layer(session, load_actor(session, "pe.pnp.analista"), batch.id)
    assert all(f["properties"]["id"].startswith("PR-") for f in flights["features"])
    seed_demo_agreements(session, load_actor(session, "admin"))
    assert service.list_batches(session, load_actor(session, "bo.felcn.analista"))
