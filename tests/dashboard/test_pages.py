"""Dashboard and map without a browser: counts by hour, direction, nationality and flow,
refusals and queue; the posts GeoJSON; CSV exports; scoping by country; errors."""

import csv
import io
from collections import Counter
from datetime import date

from fastapi.testclient import TestClient

from concordia.dashboard import layers, tally
from tests.factories import WEEKDAY_NOON, bearer, crossing_body, passport_mrz
from tests.web.conftest import login

DAY = WEEKDAY_NOON.date().isoformat()  # 10:00 in Tacna


def _crossings(client: TestClient) -> None:
    pe = bearer("pe.migraciones.tacna")
    bolivian = passport_mrz("MAMANI", "ROSA", number="B1234567", nationality="BOL")
    for body in (
        crossing_body(),
        crossing_body({"mrz": passport_mrz(number="P7000001")}, mode="car"),
        crossing_body({"mrz": bolivian}, from_country="CHL", to_country="PER"),
    ):
        response = client.post("/api/crossings", json=body, headers=pe)
        assert response.status_code == 201, response.text
    first = client.get("/api/crossings", headers=pe).json()[0]["id"]
    decision = {"country": "PER", "decision": "refuse", "note": "documento observado"}
    assert (
        client.post(f"/api/crossings/{first}/decisions", json=decision, headers=pe).status_code
        == 200
    )


def test_dashboard_counts_the_day_in_spanish_and_english(client: TestClient) -> None:
    _crossings(client)
    login(client, "pe.supervisor.tacna")
    page = client.get("/dashboard", params={"post": "santa-rosa-chacalluta", "day": DAY})
    assert page.status_code == 200 and "Panel del puesto" in page.text
    assert 'data-tile="total">3<' in page.text and 'data-tile="refusals">1<' in page.text
    assert 'data-tile="queue">2<' in page.text and "PER → CHL" in page.text
    assert 'hx-trigger="every 30s"' in page.text and 'for="day"' in page.text
    client.cookies.set("concordia_lang", "en")
    fragment = client.get("/dashboard/counts", params={"post": "santa-rosa-chacalluta", "day": DAY})
    assert "crossings today" in fragment.text and "<html" not in fragment.text
    assert "By nationality" in fragment.text and "BOL" in fragment.text


def test_another_countrys_supervisor_sees_nothing_of_it(client: TestClient) -> None:
    _crossings(client)  # Peru–Chile crossings: Bolivia is not on the route
    login(client, "bo.digemig.desaguadero")
    page = client.get("/dashboard", params={"post": "desaguadero", "day": DAY})
    assert 'data-tile="total">0<' in page.text
    refused = client.get("/dashboard", params={"post": "santa-rosa-chacalluta"})
    assert refused.status_code == 404 and 'data-field="post"' in refused.text


def test_dashboard_tables_export_to_csv(client: TestClient) -> None:
    _crossings(client)
    login(client, "pe.supervisor.tacna")
    params = {"post": "santa-rosa-chacalluta", "day": DAY, "format": "csv", "table": "flows"}
    response = client.get("/dashboard", params=params)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Modo de viaje", "Cruces"] and sorted(rows[1:]) == [
        ["car", "1"],
        ["foot", "2"],
    ]
    hours = client.get("/dashboard", params=params | {"table": "hours"}).text
    assert "10:00,3" in hours
    bad = client.get("/dashboard", params=params | {"table": "nothing"})
    assert bad.status_code == 422 and 'data-field="table"' in bad.text


def test_map_page_lists_layers_and_the_geojson_has_every_post(client: TestClient) -> None:
    login(client, "pe.supervisor.tacna")
    page = client.get("/map")
    assert page.status_code == 200 and "Mapa de la frontera" in page.text
    assert (
        "/static/vendor/leaflet/leaflet.js" in page.text and "/api/map/posts.geojson" in page.text
    )
    for layer in layers.LAYERS:  # every layer's endpoint exists now: each offers its export
        assert f'data-layer="{layer.key}"' in page.text and f'href="{layer.url}' in page.text
    assert "sin datos todavía" not in page.text
    data = client.get("/api/map/posts.geojson").json()
    codes = {f["properties"]["code"] for f in data["features"]}
    assert {"santa-rosa-chacalluta", "desaguadero", "colchane-pisiga"} <= codes
    lon, lat = next(f for f in data["features"] if f["id"] == "desaguadero")["geometry"][
        "coordinates"
    ]
    assert -70 < lon < -68 and -17 < lat < -16
    posts = client.get("/map", params={"format": "csv"}).content.decode("utf-8-sig")
    assert posts.splitlines()[0].startswith("Código,Puesto fronterizo")
    client.cookies.set("concordia_lang", "en")
    english = client.get("/map").text
    assert "Map of the border" in english and "Patrols — <a" in english


def test_a_layer_loads_only_when_its_endpoint_exists() -> None:
    sources = dict((layer.key, ok) for layer, ok in layers.with_sources(["/api/map/posts.geojson"]))
    assert sources["posts"] is True and sources["flights"] is False
    assert len({layer.key for layer in layers.LAYERS}) == len(layers.LAYERS)


def test_hours_follow_the_posts_zone_and_summer_time() -> None:
    start, end = tally.local_day_bounds(date(2026, 1, 15), "America/Santiago")
    assert (end - start).total_seconds() == 24 * 3600
    assert str(start.utcoffset()) == "-1 day, 21:00:00"  # UTC-3: Chile's summer time
    assert tally.by_hour([WEEKDAY_NOON], "America/Lima")[10] == 1
    assert tally.top(Counter({"a": 3, "b": 1, "c": 1}), n=1) == [
        ("a", 3),
        ("other", 2),
    ]


def test_a_layer_without_its_endpoint_is_listed_as_empty() -> None:
    sources = dict((layer.key, ok) for layer, ok in layers.with_sources({"/api/map/posts.geojson"}))
    assert sources["posts"] is True and sources["events"] is False
