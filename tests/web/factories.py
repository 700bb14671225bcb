"""Small factories for console tests: a watch list with one wanted person, crossings."""

import json
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.factories import bearer, passport_mrz

WANTED_MRZ = passport_mrz("CCAHUANA HUAMANI", "PEDRO PABLO", number="P5550001", nationality="PER")


def wanted_person(
    given: str = "Pedro Pablo", surnames: str = "Ccahuana Huamani", birth: str = "1985-03-14"
) -> dict[str, Any]:
    return {
        "id": "dirandro-web-0001",
        "schema": "Person",
        "properties": {
            "firstName": [given],
            "lastName": [surnames],
            "birthDate": [birth],
            "nationality": ["pe"],
            "gender": ["male"],
        },
    }


def add_wanted_list(
    client: TestClient | httpx.Client, person: dict[str, Any] | None = None
) -> None:
    """PNP DIRANDRO's list of wanted persons with one entry (API, as the analyst)."""
    pnp = bearer("pe.pnp.analista")
    body = {
        "code": "PER-DIRANDRO-WEB",
        "name": "Requisitorias de prueba",
        "owner_agency": "PER-DIRANDRO",
        "category": "wanted_person",
        "action": "arrest",
    }
    created = client.post("/api/watchlists", json=body, headers=pnp)
    assert created.status_code == 201, created.text
    line = json.dumps(person or wanted_person())
    url = "/api/watchlists/PER-DIRANDRO-WEB/import?format=ftm"
    report = client.post(url, content=line, headers=pnp).json()
    assert report["errors"] == [] and report["created"] == 1, report
