"""Traveller pages: search by document, identity, timeline, stays and overstay warnings."""

from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from concordia.models import Stay
from tests.factories import bearer, crossing_body, passport_mrz
from tests.web.conftest import login

PUNO = bearer("pe.migraciones.puno")
LA_PAZ = bearer("bo.digemig.desaguadero")


def crossed_into_bolivia(client: TestClient) -> str:
    """Cleared by both countries: Peru's exit and Bolivia's entry, a stay in Bolivia."""
    now = datetime.now(UTC).replace(microsecond=0)
    body = crossing_body(
        {"mrz": passport_mrz()}, post="desaguadero", to_country="BOL", at=now - timedelta(hours=1)
    )
    crossing = client.post("/api/crossings", json=body, headers=PUNO).json()
    url = f"/api/crossings/{crossing['id']}/decisions"
    client.post(url, json={"country": "PER", "decision": "clear"}, headers=PUNO)
    done = client.post(url, json={"country": "BOL", "decision": "clear"}, headers=LA_PAZ).json()
    assert done["status"] == "completed", done
    return str(crossing["traveller"]["id"])


def test_search_by_document_goes_to_the_traveller(client: TestClient) -> None:
    traveller_id = crossed_into_bolivia(client)
    login(client, "pe.migraciones.puno")
    found = client.get("/travellers?issuing_state=PER&number=P1234567", follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == f"/travellers/{traveller_id}"
    missing = client.get("/travellers?issuing_state=PER&number=X0000000")
    assert missing.status_code == 200 and 'data-field="number"' in missing.text
    assert 'for="number"' in client.get("/travellers").text


def test_traveller_page_shows_identity_timeline_and_stays(client: TestClient) -> None:
    traveller_id = crossed_into_bolivia(client)
    login(client, "bo.digemig.desaguadero")
    page = client.get(f"/travellers/{traveller_id}")
    assert page.status_code == 200 and "QUISPE MAMANI, JUAN CARLOS" in page.text
    assert "P PER P1234567" in page.text and "desaguadero" in page.text
    assert 'data-country="BOL"' in page.text and "Permanencia por país" in page.text
    assert "PER salida, BOL ingreso" in page.text
    client.cookies.set("concordia_lang", "en")
    assert "Stay per country" in client.get(f"/travellers/{traveller_id}").text


def test_overstay_is_a_warning(client: TestClient, engine: Engine) -> None:
    traveller_id = crossed_into_bolivia(client)
    with Session(engine) as s, s.begin():
        stay = s.scalars(select(Stay)).one()
        s.execute(
            update(Stay)
            .where(Stay.id == stay.id)
            .values(authorised_until=date.today() - timedelta(days=4))
        )
    login(client, "bo.digemig.desaguadero")
    page = client.get(f"/travellers/{traveller_id}")
    assert 'data-warning="overstay"' in page.text and "4 días" in page.text


def test_other_countries_do_not_see_the_traveller(client: TestClient) -> None:
    traveller_id = crossed_into_bolivia(client)
    login(client, "cl.pdi.chacalluta")
    page = client.get(f"/travellers/{traveller_id}")
    assert page.status_code == 404 and "No encontrado" in page.text
    bad = client.get("/travellers/not-a-uuid")
    assert bad.status_code == 422 and "«Viajero»" in bad.text
