"""Flight pages without a browser: import a tracks file from the form, the batch page's
sites, suspect flights and routes, CSV exports, errors naming the field, scoping, and the
map's "latest visible batch" layers."""

import csv
import io
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from concordia.aviation.demo import COLUMNS, demo_tracks
from concordia.aviation.simulate import to_rows
from concordia.dashboard import layers
from tests.web.conftest import login


def _tracks_csv() -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for track in demo_tracks(7, datetime(2026, 11, 1, tzinfo=UTC)):
        writer.writerows(to_rows(track))
    return out.getvalue().encode()


def _import(client: TestClient, csrf: str) -> str:
    response = client.post(
        "/flights",
        data={"csrf_token": csrf, "name": "Radar Puno"},
        files={"file": ("tracks.csv", _tracks_csv(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    return str(response.url).rsplit("/", 1)[1]


def test_import_a_track_file_and_read_its_batch(client: TestClient) -> None:
    csrf = login(client, "pe.pnp.analista")
    assert 'for="file"' in client.get("/flights").text
    batch = _import(client, csrf)
    page = client.get(f"/flights/{batch}")
    assert "Radar Puno" in page.text and "Vuelos sospechosos" in page.text
    suspects = int(page.text.split('data-tile="suspects">')[1].split("<")[0])
    assert suspects >= 6 and 'data-col="reasons"' in page.text
    assert f"/api/aviation/batches/{batch}/sites.geojson" in page.text
    sites = client.get(f"/flights/{batch}", params={"table": "sites", "format": "csv"})
    assert sites.text.lstrip("\ufeff").startswith("Sitio,Aeródromo registrado")
    assert "False" in sites.text
    listing = client.get("/flights", params={"format": "csv"})
    assert "Radar Puno" in listing.text
    client.cookies.set("concordia_lang", "en")
    assert "Suspect flights" in client.get(f"/flights/{batch}").text


def test_bad_files_are_named_and_nothing_is_stored(client: TestClient) -> None:
    csrf = login(client, "pe.pnp.analista")
    wrong = client.post(
        "/flights",
        data={"csrf_token": csrf},
        files={"file": ("tracks.txt", b"hello", "text/plain")},
    )
    assert wrong.status_code == 422 and 'data-field="file"' in wrong.text
    broken = client.post(
        "/flights",
        data={"csrf_token": csrf},
        files={"file": ("tracks.csv", b"flight_id,latitude\nx,1\n", "text/csv")},
    )
    assert broken.status_code == 422 and 'class="error"' in broken.text
    assert "tracks.csv" not in client.get("/flights").text


def test_other_agency_does_not_see_the_batch(client: TestClient) -> None:
    csrf = login(client, "pe.pnp.analista")
    batch = _import(client, csrf)
    login(client, "cl.pdi.analista")
    assert client.get(f"/flights/{batch}").status_code == 404
    assert "Radar Puno" not in client.get("/flights").text
    assert client.get("/api/aviation/latest/sites.geojson").json()["features"] == []


def test_map_layers_show_the_latest_visible_batch(client: TestClient) -> None:
    csrf = login(client, "pe.pnp.analista")
    _import(client, csrf)
    sites = client.get("/api/aviation/latest/sites.geojson").json()["features"]
    assert any(not f["properties"]["registered"] for f in sites)
    flights = client.get("/api/aviation/latest/flights.geojson").json()["features"]
    assert flights and all(f["properties"]["score"] > 0 for f in flights)
    assert client.get("/api/aviation/latest/routes.geojson").status_code == 200
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    sources = dict((layer.key, ok) for layer, ok in layers.with_sources(paths))
    assert sources["flight_sites"] and sources["flight_routes"] and sources["flights"]
