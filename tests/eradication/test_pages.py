"""Eradication pages without a browser: the campaign dashboard (chart data, provinces,
joint operations, fields map source, checks), estimates, alternative development, CSV."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia.db import session_scope
from concordia.eradication import demo
from tests.web.conftest import login


@pytest.fixture
def seeded(engine: Engine, client: TestClient) -> Iterator[TestClient]:
    with session_scope(engine) as session:
        assert demo.seed_demo(session)
    yield client


def test_campaign_dashboard_shows_target_against_achieved(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/eradication", params={"campaign": demo.NATIONAL})
    assert page.status_code == 200 and "Erradicación" in page.text
    assert 'data-tile="target">25,782 ha' in page.text
    canvas = page.text.split('id="campaign-chart"')[1].split(">")[0]
    series = json.loads(canvas.split("data-series='")[1].split("'")[0])
    assert series[1]["data"][0] == 25_782 and round(series[0]["data"][-1]) == 19_982
    assert 'data-checks="ok"' in page.text
    export = seeded.get("/eradication", params={"campaign": demo.NATIONAL, "format": "csv"})
    assert export.text.lstrip("\ufeff").startswith("Provincia,Meta (ha),Logrado (ha)")
    seeded.cookies.set("concordia_lang", "en")
    english = seeded.get("/eradication", params={"campaign": demo.NATIONAL})
    assert "Joint operations" in english.text and "By province" in english.text


def test_joint_campaign_lists_operations_and_fields_map(seeded: TestClient) -> None:
    login(seeded, "bo.felcn.analista")
    page = seeded.get("/eradication", params={"campaign": demo.PUNO})
    assert page.status_code == 200 and "Operaciones conjuntas" in page.text
    assert f"/api/eradication/campaigns/{demo.PUNO}/fields.geojson" in page.text
    fields = seeded.get(f"/api/eradication/campaigns/{demo.PUNO}/fields.geojson")
    assert len(fields.json()["features"]) == 4


def test_unknown_campaign_names_the_field(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/eradication", params={"campaign": "NOPE"})
    assert page.status_code == 404 and "data-field=" in page.text


def test_estimates_and_alternative_development(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/eradication/estimates", params={"country": "PER"})
    assert page.status_code == 200 and "95008" in page.text.replace(",", "").replace(".0", "")
    export = seeded.get("/eradication/estimates", params={"format": "csv"})
    assert "92784" in export.text.replace(".0", "")
    alt = seeded.get("/eradication/alternative-development")
    assert alt.status_code == 200 and "Desarrollo alternativo" in alt.text
    assert "Familias" in alt.text
