"""Screening inside the crossing flow: hits, the review queue, suppression, documents, manifests."""

import json
from datetime import date

from fastapi.testclient import TestClient

from tests.factories import bearer, crossing_body, passport_mrz

PNP = bearer("pe.pnp.analista")
PE = bearer("pe.migraciones.tacna")
SUPERVISOR = bearer("cl.supervisor.arica")
WANTED = {
    "id": "dirandro-0042",
    "schema": "Person",
    "properties": {
        "firstName": ["Juan Carlos"],
        "lastName": ["Quispe Mamani"],
        "birthDate": ["1985-03-14"],
        "nationality": ["pe"],
        "gender": ["male"],
    },
}


def wanted_list(client: TestClient, lines: list[str], category: str = "wanted_person") -> None:
    code = "PER-DIRANDRO-" + category.upper().replace("_", "-")
    action = "arrest" if category == "wanted_person" else "seize_document"
    body = {
        "code": code,
        "name": "Lista de prueba",
        "owner_agency": "PER-DIRANDRO",
        "category": category,
        "action": action,
    }
    assert client.post("/api/watchlists", json=body, headers=PNP).status_code == 201
    fmt = "ftm" if category == "wanted_person" else "documents"
    url = f"/api/watchlists/{code}/import?format={fmt}"
    report = client.post(url, content="\n".join(lines), headers=PNP).json()
    assert report["errors"] == [] and report["created"] >= 1, report


def test_hit_refers_both_checks_and_confirmation_notifies_the_owner(client: TestClient) -> None:
    wanted_list(client, [json.dumps(WANTED)])
    variant = passport_mrz(surnames="QUISPE", given_names="JUAN CARLOS")  # maternal dropped
    crossing = client.post(
        "/api/crossings", json=crossing_body({"mrz": variant}), headers=PE
    ).json()
    assert [c["recommendation"] for c in crossing["checks"]] == ["refer", "refer"]
    assert any(r["id"] == "WATCHLIST-ARREST" for r in crossing["checks"][0]["fired_rules"])
    queue = client.get("/api/hits", headers=SUPERVISOR).json()
    assert len(queue) == 1 and queue[0]["crossing_id"] == crossing["id"]
    assert queue[0]["explanation"], "every hit carries its explanation"
    reviewed = client.post(
        f"/api/hits/{queue[0]['id']}/review", json={"decision": "confirmed"}, headers=SUPERVISOR
    )
    assert reviewed.json()["status"] == "confirmed"
    notes = client.get("/api/notifications", headers=PNP).json()
    assert len(notes) == 1 and "dirandro-0042" in notes[0]["message"]


def test_same_name_other_birth_date_is_no_hit(client: TestClient) -> None:
    wanted_list(client, [json.dumps(WANTED)])
    other = passport_mrz(birth_date=date(1961, 8, 2))
    crossing = client.post("/api/crossings", json=crossing_body({"mrz": other}), headers=PE).json()
    assert [c["recommendation"] for c in crossing["checks"]] == ["clear", "clear"]
    assert client.get("/api/hits", headers=SUPERVISOR).json() == []


def test_false_positive_needs_a_reason_and_is_not_raised_again(client: TestClient) -> None:
    wanted_list(client, [json.dumps(WANTED)])
    client.post("/api/crossings", json=crossing_body(), headers=PE)
    hit = client.get("/api/hits", headers=SUPERVISOR).json()[0]
    url = f"/api/hits/{hit['id']}/review"
    no_reason = client.post(url, json={"decision": "false_positive"}, headers=SUPERVISOR)
    assert no_reason.status_code == 422 and no_reason.json()["error"]["field"] == "reason"
    booth = client.post(url, json={"decision": "false_positive", "reason": "x"}, headers=PE)
    assert booth.status_code == 403
    reason = {"decision": "false_positive", "reason": "homónimo: huellas no coinciden"}
    assert client.post(url, json=reason, headers=SUPERVISOR).status_code == 200
    again = client.post("/api/crossings", json=crossing_body(mode="car"), headers=PE).json()
    assert [c["recommendation"] for c in again["checks"]] == ["clear", "clear"]
    assert client.get("/api/hits", headers=SUPERVISOR).json() == []


def test_stolen_document_found_through_ocr_confusion(client: TestClient) -> None:
    header = "number,type,issuing_state,date_reported,status"
    csv_lines = [header, "PI234S67,P,PER,2026-10-01,stolen"]  # as typed: I for 1, S for 5
    wanted_list(client, csv_lines, category="stolen_document")
    crossing = client.post("/api/crossings", json=crossing_body(), headers=PE).json()
    assert crossing["document"]["number"] == "P1234567"
    assert crossing["checks"][1]["recommendation"] == "refer"
    fired = crossing["checks"][1]["fired_rules"]
    assert any("documento robado" in r["text"] for r in fired), fired


def test_bus_manifest_screened_before_arrival(client: TestClient) -> None:
    wanted_list(client, [json.dumps(WANTED)])
    manifest = {
        "company": "Transportes Flores Hnos.",
        "post": "santa-rosa-chacalluta",
        "passengers": [
            {
                "ref": "A1",
                "given_names": "Juan Carlos",
                "surnames": "Quispe",
                "birth_date": "1985",
                "nationality": "PE",
            },
            {"ref": "A2", "given_names": "Camila", "surnames": "Rojas Araya", "nationality": "CHL"},
        ],
    }
    results = client.post("/api/manifests/screen", json=manifest, headers=PE).json()
    assert [(r["ref"], len(r["hits"])) for r in results] == [("A1", 1), ("A2", 0)]
    assert results[0]["hits"][0]["action"] == "detener"
    bad = client.post("/api/manifests/screen", json=manifest | {"passengers": []}, headers=PE)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "passengers"


def test_stolen_vehicle_flagged_on_its_drivers_checks(client: TestClient) -> None:
    body = {
        "code": "CHL-CARAB-VEH",
        "name": "Vehículos robados",
        "owner_agency": "CHL-CARABINEROS",
        "category": "stolen_vehicle",
        "action": "seize_vehicle",
    }
    assert client.post("/api/watchlists", json=body, headers=bearer("admin")).status_code == 201
    alert = {"list_code": "CHL-CARAB-VEH", "plate": "ab-cd 12"}
    assert client.post("/api/alerts", json=alert, headers=bearer("admin")).status_code == 201
    car = {"plate": "ABCD12", "registration_country": "CHL", "kind": "car"}
    driver = crossing_body(mode="car", vehicle=car, vehicle_role="driver")
    crossing = client.post("/api/crossings", json=driver, headers=PE).json()
    assert [c["recommendation"] for c in crossing["checks"]] == ["refer", "refer"]
    assert crossing["checks"][1]["fired_rules"][-1]["id"] == "WATCHLIST-SEIZE_VEHICLE"
