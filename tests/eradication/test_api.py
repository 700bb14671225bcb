"""The eradication JSON API: campaign, progress, fields as GeoJSON, dashboard, estimates."""

from fastapi.testclient import TestClient

from tests.eradication.factories import PERU_2024, utm_square
from tests.factories import bearer

PNP = bearer("pe.pnp.analista")


def test_campaign_dashboard_over_the_api(client: TestClient) -> None:
    assert client.post("/api/eradication/campaigns", json=PERU_2024, headers=PNP).status_code == 201
    rows = [
        {
            "province": "Sandia",
            "period_start": "2024-01-01",
            "period_end": "2024-10-31",
            "achieved_ha": 19_982,
            "target_ha": 25_782,
        }
    ]
    url = "/api/eradication/campaigns/PER-CORAH-2024"
    assert client.put(f"{url}/progress", json=rows, headers=PNP).json() == {"rows": 1}
    field = {"province": "Sandia", "geometry": utm_square(400_000, 8_400_000, 200)}
    made = client.post(f"{url}/fields", json=field, headers=PNP)
    assert made.status_code == 201 and abs(made.json()["area_ha"] - 4.0) < 0.01
    board = client.get(url, headers=PNP).json()
    assert board["achieved_ha"] == 19_982 and board["fields"]["count"] == 1
    geo = client.get(f"{url}/fields.geojson", headers=bearer("bo.felcn.analista")).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1
    assert client.get(url, headers=bearer("cl.pdi.analista")).status_code == 404


def test_bad_field_and_estimate_answer_422(client: TestClient) -> None:
    client.post("/api/eradication/campaigns", json=PERU_2024, headers=PNP)
    url = "/api/eradication/campaigns/PER-CORAH-2024/fields"
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    response = client.post(url, json={"province": "Sandia", "geometry": bowtie}, headers=PNP)
    assert response.status_code == 422 and response.json()["error"]["field"] == "geometry"
    estimate = {"country": "PER", "year": 1800, "zone": "PER", "hectares": 1, "source": "x1"}
    response = client.put("/api/eradication/estimates", json=estimate, headers=PNP)
    assert response.status_code == 422 and response.json()["error"]["field"] == "year"
    good = estimate | {"year": 2023, "hectares": 92_784, "source": "UNODC/DEVIDA"}
    assert client.put("/api/eradication/estimates", json=good, headers=PNP).status_code == 200
    report = client.get("/api/eradication/estimates?country=PER", headers=PNP).json()
    assert report["estimates"][0]["hectares"] == 92_784 and report["issues"] == []
