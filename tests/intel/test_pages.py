"""Seizure pages without a browser: list, filters, CSV, form errors, one seizure, statistics,
and scoping (an agency without a sharing agreement does not see another's seizures)."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia.access.actor import load_actor
from concordia.access.agreements import seed_demo_agreements
from concordia.db import session_scope
from concordia.intel import demo
from tests.web.conftest import login


@pytest.fixture
def seeded(engine: Engine, client: TestClient) -> Iterator[TestClient]:
    with session_scope(engine) as session:
        seed_demo_agreements(session, load_actor(session, "admin"))
        assert demo.seed_demo(session)
    yield client


def test_seizure_list_filters_in_spanish_and_english(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/intel/seizures")
    assert page.status_code == 200 and "Incautaciones" in page.text
    assert "DEMO-DIRANDRO-0001" in page.text and 'for="substance"' in page.text
    paste = seeded.get("/intel/seizures", params={"substance": "cocaine_paste"})
    assert "DEMO-DIRANDRO-0001" in paste.text and "marihuana</td>" not in paste.text
    cash = seeded.get("/intel/seizures", params={"substance": "cash"})
    assert "DEMO-DIRANDRO-0001" not in cash.text
    place = seeded.get("/intel/seizures", params={"place": "Titicaca"})
    assert "Desaguadero" not in place.text.split("<tbody>")[1]
    seeded.cookies.set("concordia_lang", "en")
    english = seeded.get("/intel/seizures", params={"agency": "PER-DIRANDRO"})
    assert "Register a seizure" in english.text and "DEMO-DIRANDRO-0001" in english.text
    other = seeded.get("/intel/seizures", params={"agency": "BOL-FELCN"})
    assert "DEMO-DIRANDRO-0001" not in other.text


def test_seizure_list_pages_and_exports_csv(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    first = seeded.get("/intel/seizures", params={"per_page": 1})
    assert 'rel="next"' in first.text
    export = seeded.get("/intel/seizures", params={"format": "csv", "per_page": 1})
    assert export.headers["content-type"].startswith("text/csv")
    lines = export.text.splitlines()
    assert lines[0].lstrip("\ufeff").startswith("Referencia,") and len(lines) > 2


def test_bad_month_is_named(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/intel/seizures", params={"month": "2026-13"})
    assert page.status_code == 422 and 'data-field="month"' in page.text


def _form(csrf: str, **changes: str) -> dict[str, str]:
    values = {
        "csrf_token": csrf,
        "occurred_at": "2026-01-10T08:30",
        "place_kind": "road",
        "place_name": "Carretera Binacional km 12",
        "latitude": "-16.61",
        "longitude": "-69.02",
        "substance": "cocaine_paste",
        "quantity": "48.5",
        "unit": "kg",
        "route_origin": "Juliaca",
        "route_destination": "Desaguadero",
    }
    return values | changes


def test_register_form_records_and_shows_the_seizure(seeded: TestClient) -> None:
    csrf = login(seeded, "pe.pnp.analista")
    form = seeded.get("/intel/seizures/new")
    assert form.status_code == 200 and 'for="quantity"' in form.text and "Unidades" in form.text
    done = seeded.post("/intel/seizures", data=_form(csrf, reference="PNP-TEST-1"))
    assert done.status_code == 200 and "Incautación registrada" in done.text
    assert "48.5 kg" in done.text and "Carretera Binacional km 12" in done.text


def test_register_form_errors_name_the_field_and_keep_values(seeded: TestClient) -> None:
    csrf = login(seeded, "pe.pnp.analista")
    wrong_unit = seeded.post("/intel/seizures", data=_form(csrf, substance="fuel"))
    assert 'data-field="seizure.unit"' in wrong_unit.text and "«Unidad»" in wrong_unit.text
    assert 'value="Carretera Binacional km 12"' in wrong_unit.text
    no_quantity = seeded.post("/intel/seizures", data=_form(csrf, quantity="-3"))
    assert 'data-field="seizure.quantity"' in no_quantity.text
    bad_lat = seeded.post("/intel/seizures", data=_form(csrf, latitude="norte"))
    assert 'data-field="seizure.location.coordinates.1"' in bad_lat.text
    future = seeded.post("/intel/seizures", data=_form(csrf, occurred_at="2099-01-01T00:00"))
    assert 'data-field="seizure.occurred_at"' in future.text
    assert "Carretera Binacional km 12" not in seeded.get("/intel/seizures").text


def test_seizure_page_shows_its_links(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    listing = seeded.get("/intel/seizures", params={"format": "csv"})
    assert "DEMO-DIRANDRO-0001" in listing.text
    page = seeded.get("/intel/seizures")
    href = page.text.split('href="/intel/seizures/0')[1].split('"')[0]
    detail = seeded.get("/intel/seizures/0" + href)
    assert detail.status_code == 200 and "Vínculos" in detail.text
    assert "/intel/network?entity=" in detail.text


def test_statistics_by_each_dimension_with_chart_and_csv(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    for by in ("substance", "place", "month", "route"):
        page = seeded.get("/intel/statistics", params={"by": by})
        assert page.status_code == 200 and 'data-chart="bar"' in page.text
    page = seeded.get("/intel/statistics")
    assert "pasta básica de cocaína" in page.text and "chart.umd.js" in page.text
    export = seeded.get("/intel/statistics", params={"by": "place", "format": "csv"})
    assert export.text.lstrip("\ufeff").startswith("Lugar,Unidad,Incautaciones,Cantidad")
    bad = seeded.get("/intel/statistics", params={"by": "colour"})
    assert bad.status_code == 422 and 'data-field="by"' in bad.text


def test_bolivian_analyst_sees_no_peruvian_seizure_without_agreement(seeded: TestClient) -> None:
    login(seeded, "bo.felcn.analista")
    page = seeded.get("/intel/seizures")
    assert page.status_code == 200 and "DEMO-DIRANDRO-0001" not in page.text
