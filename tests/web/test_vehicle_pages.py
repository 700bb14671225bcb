"""Vehicle and bus-manifest pages: everyone aboard checked at once, errors name the person."""

from fastapi.testclient import TestClient

from concordia.crossings.vehicle_booth import split_documents
from concordia.errors import ValidationFailed
from tests.factories import bearer, passport_mrz
from tests.web.conftest import htmx, login
from tests.web.factories import add_wanted_list

CAR = {
    "post": "desaguadero",
    "direction": "PER>BOL",
    "mode": "car",
    "plate": "V2A-123",
    "registration_country": "PER",
    "idempotency_key": "vehicle-test-0001",
}
DRIVER = passport_mrz()
PASSENGER = passport_mrz("APAZA CONDORI", "MARIA ELENA", number="P9998887", sex="F")


def test_split_documents_by_line_length() -> None:
    two = DRIVER + "\n\n" + PASSENGER.lower()
    assert split_documents(two, field="passengers") == [DRIVER, PASSENGER]
    assert split_documents("", field="passengers") == []
    try:
        split_documents(DRIVER + "\n" + PASSENGER.splitlines()[0], field="passengers")
    except ValidationFailed as exc:
        assert exc.field == "passengers[1]"
    else:
        raise AssertionError("an incomplete document must be refused")


def test_vehicle_page_checks_everyone_and_clears_the_green(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    page = client.get("/booth/vehicle")
    assert page.status_code == 200 and 'for="plate"' in page.text and "Placa" in page.text
    form = CAR | {"driver_mrz": DRIVER, "passengers_mrz": PASSENGER}
    result = client.post("/booth/vehicle/read", data=form, headers=htmx(csrf))
    assert result.text.count("data-crossing=") == 2 and "conductor" in result.text
    group = result.text.split('data-group="')[1].split('"')[0]
    done = client.post(
        f"/booth/vehicle/{group}/decide", data={"decision": "clear"}, headers=htmx(csrf)
    )
    assert 'data-decided="2"' in done.text and 'data-left="0"' in done.text


def test_flagged_passenger_is_left_for_an_individual_decision(client: TestClient) -> None:
    add_wanted_list(client)
    from tests.web.factories import WANTED_MRZ

    csrf = login(client, "pe.migraciones.puno")
    form = CAR | {"driver_mrz": DRIVER, "passengers_mrz": WANTED_MRZ}
    result = client.post("/booth/vehicle/read", data=form, headers=htmx(csrf))
    assert "necesitan una decisión individual" in result.text
    group = result.text.split('data-group="')[1].split('"')[0]
    done = client.post(
        f"/booth/vehicle/{group}/decide", data={"decision": "clear"}, headers=htmx(csrf)
    )
    assert 'data-decided="1"' in done.text and 'data-left="1"' in done.text


def test_bad_passenger_document_stores_no_one(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    lines = PASSENGER.splitlines()
    broken = lines[0] + "\n" + lines[1][:9] + "0" + lines[1][10:]
    form = CAR | {"driver_mrz": DRIVER, "passengers_mrz": broken}
    result = client.post("/booth/vehicle/read", data=form, headers=htmx(csrf))
    assert 'data-field="passengers[0].document.mrz.document_number"' in result.text
    assert client.get("/api/crossings", headers=bearer("pe.migraciones.puno")).json() == []
    no_plate = client.post(
        "/booth/vehicle/read", data=CAR | {"plate": "", "driver_mrz": DRIVER}, headers=htmx(csrf)
    )
    assert 'data-field="vehicle.plate"' in no_plate.text and "«Placa»" in no_plate.text


def test_manifest_is_screened_and_hits_link_to_secondary(client: TestClient) -> None:
    add_wanted_list(client)
    csrf = login(client, "pe.migraciones.puno")
    assert 'for="passengers"' in client.get("/booth/manifest").text
    lines = (
        "Apaza Condori; Maria Elena; 1990-02-01; PER; P9998887\n"
        "\n"
        "Ccahuana Huamani; Pedro Pablo; 1985-03-14; PER; P5550001\n"
    )
    form = {"post": "desaguadero", "company": "Transportes Titicaca", "passengers": lines}
    result = client.post("/booth/manifest/screen", data=form, headers=htmx(csrf))
    assert 'data-flagged="1"' in result.text and "/secondary/hits/" in result.text
    assert "2 pasajeros revisados" in result.text


def test_manifest_errors_name_the_line(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    form = {"post": "desaguadero", "company": "Transportes Titicaca"}
    bad_date = form | {"passengers": "Apaza; Maria; 01/02/1990; PER; P1"}
    result = client.post("/booth/manifest/screen", data=bad_date, headers=htmx(csrf))
    assert 'data-field="passengers[1].birth_date"' in result.text
    empty = client.post(
        "/booth/manifest/screen", data=form | {"passengers": " \n"}, headers=htmx(csrf)
    )
    assert 'data-field="passengers"' in empty.text
    no_company = client.post(
        "/booth/manifest/screen",
        data={"post": "desaguadero", "company": "", "passengers": "Apaza; Maria"},
        headers=htmx(csrf),
    )
    assert 'data-field="company"' in no_company.text
