"""Every demo user, every country pair: reads through the API and exports return exactly
what the sharing agreements allow, computed here by an independent oracle."""

import json

import pytest
from fastapi.testclient import TestClient

from concordia.access.service import DEMO_USERS
from tests.factories import WEEKDAY_NOON, bearer, crossing_body, id_card, passport_mrz

AGENCY = {u.username: u.agency for u in DEMO_USERS}
COUNTRY = {u.username: u.agency[:3] for u in DEMO_USERS}
AGREEMENTS = [
    {
        "code": "PER-DIRANDRO-TO-CHL",
        "owner_country": "PER",
        "owner_agency": "PER-DIRANDRO",
        "recipient_country": "CHL",
        "categories": ["alerts:wanted_person"],
        "purpose": "cooperación antidrogas",
        "valid_from": "2026-01-01",
    },
    {
        "code": "CHL-CROSSINGS-TO-DIGEMIG",
        "owner_country": "CHL",
        "recipient_country": "BOL",
        "recipient_agency": "BOL-DIGEMIG",
        "categories": ["crossings"],
        "purpose": "control de permanencia",
        "valid_from": "2026-01-01",
    },
    {
        "code": "EXPIRED",
        "owner_country": "BOL",
        "recipient_country": "PER",
        "categories": ["alerts:wanted_person", "crossings"],
        "purpose": "vencido",
        "valid_from": "2025-01-01",
        "valid_until": "2025-12-31",
    },
]
LISTS = [  # (list code, owner user, owner agency, category)
    ("PER-DIRANDRO-REQ", "pe.pnp.analista", "PER-DIRANDRO", "wanted_person"),
    ("CHL-PDI-PROHIB", "cl.pdi.chacalluta", "CHL-PDI", "entry_ban"),
    ("BOL-FELCN-REQ", "bo.felcn.analista", "BOL-FELCN", "wanted_person"),
]
ROUTES = [  # (post, from, to, officer, document)
    ("santa-rosa-chacalluta", "PER", "CHL", "pe.migraciones.tacna", passport_mrz()),
    ("desaguadero", "PER", "BOL", "pe.migraciones.puno", passport_mrz(number="P7777777")),
    ("chungara-tambo-quemado", "CHL", "BOL", "cl.pdi.chacalluta", None),
]


def oracle_alert(user: str, owner_agency: str, category: str) -> bool:
    if AGENCY[user] == owner_agency:
        return True
    return owner_agency == "PER-DIRANDRO" and category == "wanted_person" and COUNTRY[user] == "CHL"


def oracle_crossing(user: str, route: tuple[str, str]) -> bool:
    return COUNTRY[user] in route or (AGENCY[user] == "BOL-DIGEMIG" and "CHL" in route)


@pytest.fixture
def world(client: TestClient) -> dict[str, object]:
    for agreement in AGREEMENTS:
        response = client.post("/api/agreements", json=agreement, headers=bearer("admin"))
        assert response.status_code == 201, response.text
    alerts = {}
    for code, owner, agency, category in LISTS:
        body = {
            "code": code,
            "name": code,
            "owner_agency": agency,
            "category": category,
            "action": "arrest" if category == "wanted_person" else "refuse_entry",
        }
        assert client.post("/api/watchlists", json=body, headers=bearer(owner)).status_code == 201
        alert = {"list_code": code, "names": [f"Persona {code}"], "birth_dates": ["1970"]}
        created = client.post("/api/alerts", json=alert, headers=bearer(owner)).json()
        alerts[created["alert"]["id"]] = (code, agency, category)
    crossings = {}
    for post, origin, dest, officer, mrz in ROUTES:
        doc = {"mrz": mrz} if mrz else id_card(number="123456785")
        body = crossing_body(doc, post=post, from_country=origin, to_country=dest, at=WEEKDAY_NOON)
        created = client.post("/api/crossings", json=body, headers=bearer(officer))
        assert created.status_code == 201, created.text
        crossings[created.json()["id"]] = (origin, dest)
    return {"alerts": alerts, "crossings": crossings}


def test_alerts_read_and_exported_exactly_as_agreed(
    client: TestClient, world: dict[str, dict[str, tuple[str, str, str]]]
) -> None:
    for user in AGENCY:
        for code, _, _, _ in LISTS:
            expected = {
                a
                for a, (c, agency, cat) in world["alerts"].items()
                if c == code and oracle_alert(user, agency, cat)
            }
            listed = client.get(f"/api/watchlists/{code}/alerts", headers=bearer(user)).json()
            assert {a["id"] for a in listed} == expected, (user, code)
            exported = client.get(f"/api/watchlists/{code}/export", headers=bearer(user)).text
            assert len(exported.splitlines()) == len(expected), (user, code)


def test_crossings_read_exactly_as_agreed(
    client: TestClient, world: dict[str, dict[str, tuple[str, str]]]
) -> None:
    for user in AGENCY:
        expected = {c for c, route in world["crossings"].items() if oracle_crossing(user, route)}
        listed = client.get("/api/crossings", headers=bearer(user)).json()
        assert {c["id"] for c in listed} == expected, user
        for crossing_id in world["crossings"]:
            status = client.get(f"/api/crossings/{crossing_id}", headers=bearer(user)).status_code
            assert status == (200 if crossing_id in expected else 404), (user, crossing_id)


def test_stays_follow_the_crossings_agreement(client: TestClient, world: object) -> None:
    for user in AGENCY:
        for country in ("PER", "CHL", "BOL"):
            allowed = country == COUNTRY[user] or (
                AGENCY[user] == "BOL-DIGEMIG" and country == "CHL"
            )
            response = client.get(
                "/api/stays/overstayers", params={"country": country}, headers=bearer(user)
            )
            assert response.status_code == (200 if allowed else 403), (user, country)


def test_hit_on_an_unshared_alert_shows_only_the_action(client: TestClient) -> None:
    body = {
        "code": "BOL-FELCN-X",
        "name": "Requeridos FELCN",
        "owner_agency": "BOL-FELCN",
        "category": "wanted_person",
        "action": "arrest",
    }
    assert client.post("/api/watchlists", json=body, headers=bearer("bo.felcn.analista")).is_success
    entity = {
        "id": "felcn-1",
        "schema": "Person",
        "properties": {
            "firstName": ["Juan Carlos"],
            "lastName": ["Quispe Mamani"],
            "birthDate": ["1985-03-14"],
        },
    }
    client.post(
        "/api/watchlists/BOL-FELCN-X/import",
        content=json.dumps(entity),
        headers=bearer("bo.felcn.analista"),
    )
    client.post("/api/crossings", json=crossing_body(), headers=bearer("pe.migraciones.tacna"))
    seen = client.get("/api/hits", headers=bearer("cl.supervisor.arica")).json()
    assert len(seen) == 1 and seen[0]["restricted"] is True
    assert seen[0]["action"] == "detener" and "FELCN" in seen[0]["explanation"][0]["detail"]
    owner_view = client.get("/api/hits", headers=bearer("bo.felcn.analista")).json()
    assert owner_view[0]["restricted"] is False and len(owner_view[0]["explanation"]) > 1
