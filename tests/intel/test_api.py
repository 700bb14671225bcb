"""The intel JSON API: seizures, GeoJSON, statistics, CSV, network and messages."""

from fastapi.testclient import TestClient

from tests.factories import bearer
from tests.intel.factories import seizure_body

PNP, PDI = bearer("pe.pnp.analista"), bearer("cl.pdi.analista")
AGREEMENTS = [
    {
        "code": code,
        "owner_country": owner[:3],
        "owner_agency": owner,
        "recipient_country": recipient[:3],
        "recipient_agency": recipient,
        "categories": ["seizures", "intelligence"],
        "purpose": "cooperación antidrogas",
        "valid_from": "2026-01-01",
    }
    for code, owner, recipient in [
        ("PNP-PDI", "PER-DIRANDRO", "CHL-PDI"),
        ("PDI-PNP", "CHL-PDI", "PER-DIRANDRO"),
    ]
]


def _share(client: TestClient) -> None:
    for agreement in AGREEMENTS:
        response = client.post("/api/agreements", json=agreement, headers=bearer("admin"))
        assert response.status_code == 201, response.text


def test_seizure_round_trip_and_views(client: TestClient) -> None:
    links = [
        {"kind": "phone", "ref": "+51 951 000 111", "role": "celular"},
        {"kind": "company", "ref": "Inversiones Sandia EIRL", "role": "dueña"},
    ]
    created = client.post("/api/intel/seizures", json=seizure_body(links=links), headers=PNP)
    assert created.status_code == 201, created.text
    seizure = created.json()
    assert seizure["agency"] == "PER-DIRANDRO" and len(seizure["links"]) == 2
    assert client.get("/api/intel/seizures", headers=PDI).json() == []
    assert client.get(f"/api/intel/seizures/{seizure['id']}", headers=PDI).status_code == 404
    _share(client)
    assert [s["id"] for s in client.get("/api/intel/seizures", headers=PDI).json()] == [
        seizure["id"]
    ]
    geo = client.get("/api/intel/seizures.geojson", headers=PNP).json()
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [-69.04, -16.57]}
    stats = client.get("/api/intel/seizures/stats?by=route", headers=PNP).json()
    assert stats == [{"route": "VRAEM → La Paz", "unit": "kg", "seizures": 1, "quantity": 312.5}]
    csv_response = client.get("/api/intel/seizures.csv", headers=PDI)
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "cocaine_paste" in csv_response.text
    view = client.get("/api/intel/network", params={"entity": "phone:951000111"}, headers=PNP)
    assert view.status_code == 404  # no country code: another number
    view = client.get("/api/intel/network", params={"entity": "phone:+51951000111"}, headers=PNP)
    assert {n["kind"] for n in view.json()["nodes"]} == {"phone", "seizure", "company"}
    path = client.get(
        "/api/intel/network/path",
        headers=PNP,
        params={"source": "phone:+51951000111", "target": "company:INVERSIONES SANDIA EIRL"},
    )
    assert len(path.json()["path"]) == 3


def test_bad_seizures_answer_422_with_the_field(client: TestClient) -> None:
    for body, field in [
        (seizure_body(substance="cash", unit="kg"), "unit"),
        (seizure_body(quantity=-3), "quantity"),
        (seizure_body(location={"type": "Point", "coordinates": [1]}), "location.coordinates.1"),
    ]:
        response = client.post("/api/intel/seizures", json=body, headers=PNP)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["field"] == field
    bad_depth = client.get(
        "/api/intel/network", params={"entity": "phone:+5195100011", "depth": 0}, headers=PNP
    )
    assert bad_depth.json()["error"]["field"] == "depth"


def test_message_exchange_over_the_api(client: TestClient) -> None:
    body = {
        "kind": "request",
        "to_agency": "CHL-PDI",
        "subject": "Antecedentes",
        "body": "Ingresos por Chacalluta",
        "priority": "urgent",
        "handling": "TLP:RED",
    }
    draft = client.post("/api/intel/messages", json=body, headers=PNP).json()
    refused = client.post(f"/api/intel/messages/{draft['id']}/send", headers=PNP)
    assert refused.status_code == 403 and refused.json()["error"]["field"] == "to_agency"
    _share(client)
    sent = client.post(f"/api/intel/messages/{draft['id']}/send", headers=PNP).json()
    assert sent["status"] == "sent" and sent["due_at"] is not None
    inbox = client.get("/api/intel/messages?box=in", headers=PDI).json()
    assert [m["reference"] for m in inbox] == [draft["reference"]]
    missing = client.post(f"/api/intel/messages/{draft['id']}/answer", headers=PDI)
    assert missing.status_code == 422
    answered = client.post(
        f"/api/intel/messages/{draft['id']}/answer", headers=PDI, json={"answer": "Sin registros"}
    )
    assert answered.json()["status"] == "answered"
    felcn = client.get(f"/api/intel/messages/{draft['id']}", headers=bearer("bo.felcn.analista"))
    assert felcn.status_code == 404
