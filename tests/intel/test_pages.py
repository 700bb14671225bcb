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


def test_bolivian_analyst_sees_no_chilean_seizure_without_agreement(seeded: TestClient) -> None:
    login(seeded, "bo.felcn.analista")
    page = seeded.get("/intel/seizures")
    assert page.status_code == 200 and "DEMO-DIRANDRO-0001" in page.text
    assert "DEMO-PDI-0001" not in page.text
    login(seeded, "cl.pdi.analista")
    assert "DEMO-PDI-0001" in seeded.get("/intel/seizures").text


def test_exchange_inbox_outbox_deadline_and_answer(seeded: TestClient) -> None:
    login(seeded, "cl.pdi.analista")
    inbox = seeded.get("/intel/messages")
    assert inbox.status_code == 200 and "Bandeja de entrada" in inbox.text
    assert "DEMO-INT-PNP-0001" in inbox.text and "TLP:AMBER" in inbox.text
    assert " h " in inbox.text.split("DEMO-INT-PNP-0001")[1].split("</tr>")[0]
    outbox = seeded.get("/intel/messages", params={"box": "out"})
    assert "DEMO-INT-PDI-0001" in outbox.text and "DEMO-INT-PNP-0001" not in outbox.text
    export = seeded.get("/intel/messages", params={"format": "csv"})
    assert "DEMO-INT-PNP-0001" in export.text
    href = inbox.text.split('href="/intel/messages/0')[1].split('"')[0]
    message = seeded.get("/intel/messages/0" + href)
    assert 'for="answer"' in message.text and "Plazo" in message.text
    csrf = login(seeded, "cl.pdi.analista")
    empty = seeded.post(f"/intel/messages/0{href}/answer", data={"csrf_token": csrf})
    assert 'data-field="answer"' in empty.text
    done = seeded.post(
        f"/intel/messages/0{href}/answer", data={"csrf_token": csrf, "answer": "Titular: ARAYA"}
    )
    assert 'data-status="answered"' in done.text and "Titular: ARAYA" in done.text


def test_new_message_form_drafts_sends_and_names_bad_fields(seeded: TestClient) -> None:
    csrf = login(seeded, "pe.pnp.analista")
    assert 'for="to_agency"' in seeded.get("/intel/messages/new").text
    body = {"csrf_token": csrf, "kind": "request", "to_agency": "BOL-FELCN",
            "subject": "Avioneta PR-004", "body": "Datos del piloto", "priority": "urgent",
            "handling": "TLP:RED"}  # fmt: skip
    bad = seeded.post("/intel/messages", data=body | {"grading": "Z9"})
    assert 'data-field="grading"' in bad.text and 'value="Avioneta PR-004"' in bad.text
    unknown = seeded.post("/intel/messages", data=body | {"to_agency": "XXX-NONE"})
    assert 'data-field="to_agency"' in unknown.text
    draft = seeded.post("/intel/messages", data=body)
    assert "Borrador guardado" in draft.text and 'data-status="draft"' in draft.text
    message_id = str(draft.url).split("/intel/messages/")[1].split("?")[0]
    sent = seeded.post(f"/intel/messages/{message_id}/send", data={"csrf_token": csrf})
    assert 'data-status="sent"' in sent.text and "Plazo" in sent.text
    login(seeded, "cl.pdi.analista")
    hidden = seeded.get(f"/intel/messages/{message_id}")
    assert hidden.status_code == 404


def test_overdue_request_is_highlighted(seeded: TestClient, engine: Engine) -> None:
    from datetime import UTC, datetime, timedelta

    from concordia.intel import exchange
    from tests.factories import actor_for

    with session_scope(engine) as session:
        system = actor_for(session, "system")
        exchange.escalate_overdue(session, system, datetime.now(UTC) + timedelta(days=2))
    login(seeded, "pe.pnp.analista")
    page = seeded.get("/intel/messages", params={"box": "out"})
    assert 'data-overdue="1"' in page.text and "vencida" in page.text


def test_network_overview_around_and_path(seeded: TestClient) -> None:
    login(seeded, "pe.pnp.analista")
    overview = seeded.get("/intel/network")
    assert overview.status_code == 200 and "Figuras centrales" in overview.text
    assert 'id="network-data"' in overview.text and "network.js" in overview.text
    around = seeded.get("/intel/network", params={"entity": "phone:+56 9 8765 4321", "depth": 1})
    assert around.status_code == 200 and "HUAMANI CCAHUA" in around.text
    assert "Transportes Altiplano" not in around.text.split('id="network-data"')[1]
    path = seeded.get(
        "/intel/network",
        params={
            "source": "phone:+56 9 8765 4321",
            "target": "company:Transportes Altiplano Sur S.A.C.",
        },
    )
    assert 'data-path-length="3"' in path.text
    export = seeded.get("/intel/network", params={"entity": "phone:+56987654321", "format": "csv"})
    assert "HUAMANI CCAHUA" in export.text
    bad = seeded.get("/intel/network", params={"entity": "phone:+56987654321", "depth": 9})
    assert bad.status_code == 422 and 'data-field="depth"' in bad.text
    unknown = seeded.get("/intel/network", params={"entity": "nonsense"})
    assert 'data-field="entity"' in unknown.text


def test_network_hides_links_of_agencies_without_agreement(seeded: TestClient) -> None:
    login(seeded, "bo.felcn.analista")
    around = seeded.get("/intel/network", params={"entity": "phone:+56 9 8765 4321"})
    assert "ARAYA CORTÉS" not in around.text
