"""The crossing API end to end: MRZ in, both decisions, exit and entry out; errors name fields."""

from fastapi.testclient import TestClient

from tests.factories import bearer, crossing_body, id_card, passport_mrz

PE = bearer("pe.migraciones.tacna")
CL = bearer("cl.pdi.chacalluta")


def test_crossing_from_mrz_to_exit_and_entry(client: TestClient) -> None:
    created = client.post("/api/crossings", json=crossing_body(), headers=PE)
    assert created.status_code == 201, created.text
    crossing = created.json()
    assert [c["country"] for c in crossing["checks"]] == ["PER", "CHL"]
    assert crossing["traveller"]["surnames"] == "QUISPE MAMANI"
    assert crossing["occurred_at_local"]["PER"].endswith("-05:00")
    assert crossing["occurred_at_local"]["CHL"].endswith("-03:00")
    url = f"/api/crossings/{crossing['id']}/decisions"
    assert (
        client.post(url, json={"country": "PER", "decision": "clear"}, headers=PE).status_code
        == 200
    )
    done = client.post(url, json={"country": "CHL", "decision": "clear"}, headers=CL).json()
    assert done["status"] == "completed"
    assert {(r["country"], r["movement"], r["officer"]) for r in done["records"]} == {
        ("PER", "exit", "pe.migraciones.tacna"),
        ("CHL", "entry", "cl.pdi.chacalluta"),
    }
    assert client.get(f"/api/crossings/{crossing['id']}", headers=CL).json() == done


def test_replay_returns_200_and_the_same_crossing(client: TestClient) -> None:
    body = crossing_body(idempotency_key="booth-3-20261110-0001")
    first = client.post("/api/crossings", json=body, headers=PE)
    second = client.post("/api/crossings", json=body, headers=PE)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"] and second.json()["replayed"] is True
    body["mode"] = "car"
    conflict = client.post("/api/crossings", json=body, headers=PE)
    assert conflict.status_code == 409
    assert conflict.json()["error"]["field"] == "idempotency_key"


def test_errors_name_the_field(client: TestClient) -> None:
    cases = [
        (crossing_body(post="nowhere"), 404, "post"),
        (crossing_body(from_country="BOL"), 422, "from_country"),
        (crossing_body(mode="plane"), 422, "mode"),
        (crossing_body(document={"mrz": "P<PERQUISPE"}), 422, "document.mrz"),
        (crossing_body(document={}), 422, "document"),
        (crossing_body(at="2026-11-10T10:00:00"), 422, "occurred_at"),
    ]
    for body, status, field in cases:
        response = client.post("/api/crossings", json=body, headers=PE)
        assert response.status_code == status, (body, response.text)
        assert response.json()["error"]["field"] == field, response.json()
    assert client.get("/api/crossings", headers=PE).json() == []


def test_impossible_birth_date_in_mrz_is_rejected(client: TestClient) -> None:
    lines = passport_mrz().splitlines()
    bad = lines[1][:13] + "851340" + lines[1][19:]
    response = client.post(
        "/api/crossings", json=crossing_body(document={"mrz": lines[0] + "\n" + bad}), headers=PE
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"].startswith("document.mrz.birth_date")


def test_requests_need_an_acting_officer(client: TestClient) -> None:
    assert client.post("/api/crossings", json=crossing_body()).status_code == 401
    assert client.get("/api/crossings", headers=bearer("intruder")).status_code == 401


def test_health_and_openapi_are_public(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/crossings" in paths and "/api/stays/overstayers" in paths


def test_traveller_found_by_document_and_overstayers_listed(client: TestClient) -> None:
    client.post("/api/crossings", json=crossing_body(), headers=PE)
    found = client.get(
        "/api/travellers/by-document",
        params={"issuing_state": "PER", "number": "P1234567"},
        headers=CL,
    )
    assert found.status_code == 200 and found.json()["documents"][0]["number"] == "P1234567"
    listed = client.get("/api/stays/overstayers", params={"country": "CL"}, headers=CL)
    assert listed.status_code == 200 and listed.json() == []
    bad = client.get("/api/stays/overstayers", params={"country": "ZZ"}, headers=CL)
    assert bad.status_code == 404 and bad.json()["error"]["field"] == "country"


def _bus(passengers: list[dict[str, object]]) -> dict[str, object]:
    body = crossing_body(mode="bus")
    del body["document"]
    return body | {
        "vehicle": {"plate": "ABCD12", "registration_country": "CL", "kind": "bus"},
        "driver": {"document": id_card(surnames="SOTO", given_names="PEDRO", number="123456785")},
        "passengers": passengers,
    }


def test_bus_checked_in_one_call_and_cleared_in_one_action(client: TestClient) -> None:
    venezuelan = passport_mrz(surnames="PEREZ", given_names="ANA", nationality="VEN", number="V88")
    passengers = [{"document": {"mrz": passport_mrz()}}, {"document": {"mrz": venezuelan}}]
    created = client.post("/api/vehicle-crossings", json=_bus(passengers), headers=PE)
    assert created.status_code == 201, created.text
    members = created.json()
    assert [m["vehicle_role"] for m in members] == ["driver", "passenger", "passenger"]
    assert {m["vehicle_plate"] for m in members} == {"ABCD12"}
    group_id = members[0]["group_id"]
    url = f"/api/vehicle-crossings/{group_id}/decisions"
    client.post(url, json={"country": "PE", "decision": "clear"}, headers=PE)
    result = client.post(url, json={"country": "CL", "decision": "clear"}, headers=CL).json()
    assert len(result["decided"]) == 2
    assert result["left_for_individual_decision"] == [members[2]["id"]]
    listed = client.get(f"/api/vehicle-crossings/{group_id}", headers=CL).json()
    statuses = [m["status"] for m in listed]
    assert statuses == ["completed", "completed", "pending"]


def test_bad_passenger_document_names_its_place_and_stores_no_one(client: TestClient) -> None:
    passengers = [{"document": {"mrz": passport_mrz()}}, {"document": {"mrz": "NOT AN MRZ"}}]
    response = client.post("/api/vehicle-crossings", json=_bus(passengers), headers=PE)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "passengers[1].document.mrz"
    assert client.get("/api/crossings", headers=PE).json() == []
