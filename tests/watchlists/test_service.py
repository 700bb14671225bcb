"""Watch lists through the API: ownership, imports with bad rows, exports, retro-checks."""

import json

from fastapi.testclient import TestClient

from tests.factories import bearer, crossing_body

PNP = bearer("pe.pnp.analista")
PDI = bearer("cl.pdi.chacalluta")
PE = bearer("pe.migraciones.tacna")
LIST = {
    "code": "PER-DIRANDRO-REQ",
    "name": "Requisitorias por tráfico ilícito de drogas",
    "owner_agency": "PER-DIRANDRO",
    "category": "wanted_person",
    "action": "arrest",
    "legal_reference": "Código Procesal Penal, art. 261",
    "shared_with": ["CHL-PDI", "BOL-FELCN"],
}


def ftm(entity_id: str, first: str, last: str, born: str) -> str:
    props = {"firstName": [first], "lastName": [last], "birthDate": [born], "nationality": ["pe"]}
    return json.dumps({"id": entity_id, "schema": "Person", "properties": props})


def make_list(client: TestClient) -> None:
    assert client.post("/api/watchlists", json=LIST, headers=PNP).status_code == 201


def test_only_the_owner_agency_creates_and_changes_its_list(client: TestClient) -> None:
    response = client.post("/api/watchlists", json=LIST, headers=PDI)
    assert response.status_code == 403
    make_list(client)
    alert = {"list_code": LIST["code"], "last_names": ["QUISPE"], "first_names": ["JUAN"]}
    assert client.post("/api/alerts", json=alert, headers=PDI).status_code == 403
    assert client.post("/api/watchlists", json=LIST, headers=PNP).status_code == 409


def test_import_reports_bad_rows_and_keeps_the_rest(client: TestClient) -> None:
    make_list(client)
    lines = [
        ftm("pe-1", "Juan Carlos", "Quispe Mamani", "1985-03-14"),
        "{not json",
        json.dumps({"id": "x", "schema": "Company", "properties": {"name": ["ACME"]}}),
        ftm("pe-2", "Yeferson", "Huamán", "1990-13-40"),
        json.dumps({"id": "pe-3", "schema": "Person", "properties": {}}),
        ftm("pe-1", "Otro", "Duplicado", "1970"),
        ftm("pe-4", "Rosa", "Condori", "1979"),
    ]
    url = f"/api/watchlists/{LIST['code']}/import?format=ftm&replace=true"
    report = client.post(url, content="\n".join(lines), headers=PNP).json()
    assert (report["created"], report["withdrawn"]) == (2, 0)
    assert [(e["line"], e["field"]) for e in report["errors"]] == [
        (2, "json"),
        (3, "schema"),
        (4, "birthDate"),
        (5, "name"),
        (6, "id"),
    ]
    exported = client.get(f"/api/watchlists/{LIST['code']}/export", headers=PNP).text
    assert sorted(json.loads(line)["id"] for line in exported.splitlines()) == ["pe-1", "pe-4"]


def test_clean_replace_withdraws_what_the_file_no_longer_has(client: TestClient) -> None:
    make_list(client)
    url = f"/api/watchlists/{LIST['code']}/import?replace=true"
    first = "\n".join([ftm("a", "Ana", "Choque", "1980"), ftm("b", "Luis", "Apaza", "1975")])
    client.post(url, content=first, headers=PNP)
    report = client.post(url, content=ftm("a", "Ana", "Choque", "1980"), headers=PNP).json()
    assert (report["unchanged"], report["withdrawn"]) == (1, 1)


def test_new_alert_reports_where_the_person_crossed(client: TestClient) -> None:
    crossing = client.post("/api/crossings", json=crossing_body(), headers=PE).json()
    make_list(client)
    alert = {
        "list_code": LIST["code"],
        "first_names": ["JUAN CARLOS"],
        "last_names": ["QUISPE MAMANI"],
        "birth_dates": ["1985-03-14"],
        "nationalities": ["PER"],
    }
    created = client.post("/api/alerts", json=alert, headers=PNP)
    assert created.status_code == 201, created.text
    sightings = created.json()["retro_check"]
    assert [s["traveller_id"] for s in sightings] == [crossing["traveller"]["id"]]
    assert sightings[0]["crossings"][0]["post"] == "santa-rosa-chacalluta"
    assert sightings[0]["hit_id"] is not None


def test_alert_input_errors_name_the_field(client: TestClient) -> None:
    make_list(client)
    empty = client.post("/api/alerts", json={"list_code": LIST["code"]}, headers=PNP)
    assert empty.status_code == 422 and empty.json()["error"]["field"] == "names"
    backwards = {
        "list_code": LIST["code"],
        "names": ["X Y"],
        "valid_from": "2026-02-01",
        "valid_until": "2026-01-01",
    }
    assert client.post("/api/alerts", json=backwards, headers=PNP).status_code == 422
    unknown = client.post("/api/alerts", json={"list_code": "NOPE", "names": ["X"]}, headers=PNP)
    assert unknown.status_code == 404 and unknown.json()["error"]["field"] == "list_code"


def test_bad_document_rows_and_late_validation_errors_name_their_lines(client: TestClient) -> None:
    body = LIST | {"code": "PER-SLTD", "category": "stolen_document", "action": "seize_document"}
    assert client.post("/api/watchlists", json=body, headers=PNP).status_code == 201
    rows = [
        "number,type,issuing_state,date_reported,status",
        "P1,P,PER,2026-01-01,stolen",
        "P2,P,PER,2026-13-01,lost",
        "P3,P,PER,,bogus",
    ]
    url = "/api/watchlists/PER-SLTD/import?format=documents"
    report = client.post(url, content="\n".join(rows), headers=PNP).json()
    assert report["created"] == 1
    assert [(e["line"], e["field"]) for e in report["errors"]] == [
        (3, "date_reported"),
        (4, "status"),
    ]
    make_list(client)
    too_many = {"id": "x", "schema": "Person", "properties": {"name": [f"N{i}" for i in range(25)]}}
    content = "\n\n" + json.dumps(too_many)
    ftm_report = client.post(f"/api/watchlists/{LIST['code']}/import", content=content, headers=PNP)
    assert [(e["line"], e["field"]) for e in ftm_report.json()["errors"]] == [(3, "names")]
