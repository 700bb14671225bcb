"""Administration pages: users, agencies, posts, rules files, sharing agreements, audit."""

import csv
import io

from fastapi.testclient import TestClient

from concordia.access.service import DEMO_USERS
from tests.web.conftest import login

ANALYSTS = {u.username for u in DEMO_USERS if "analyst" in u.roles}

AGREEMENT = {
    "code": "PER-SUNAT-TO-CHL-SNA",
    "owner_country": "PER",
    "owner_agency": "",
    "recipient_country": "CHL",
    "recipient_agency": "",
    "categories": "crossings",
    "purpose": "Control aduanero integrado",
    "valid_from": "2026-01-01",
}


def _rows(response_bytes: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response_bytes.decode("utf-8-sig"))))


def test_users_filter_page_and_export(client: TestClient) -> None:
    login(client, "admin")
    page = client.get("/admin/users", params={"q": "tacna"})
    assert page.status_code == 200 and "Administración" in page.text
    assert "pe.migraciones.tacna" in page.text and "cl.pdi.chacalluta" not in page.text
    by_role = client.get("/admin/users", params={"role": "analyst", "format": "csv"})
    names = {row[0] for row in _rows(by_role.content)[1:]}
    assert names == ANALYSTS and "pe.pnp.analista" in names
    first = client.get("/admin/users", params={"per_page": 2})
    assert 'rel="next"' in first.text
    client.cookies.set("concordia_lang", "en")
    assert "Users" in client.get("/admin/users").text
    bad = client.get("/admin/users", params={"role": "king"})
    assert bad.status_code == 422 and 'data-field="role"' in bad.text


def test_officers_cannot_list_users_or_agreements(client: TestClient) -> None:
    login(client, "pe.migraciones.tacna")
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/agreements").status_code == 403
    assert 'href="/admin"' not in client.get("/watchlists").text


def test_reference_lists_and_rules_files(client: TestClient) -> None:
    login(client, "admin")
    agencies = client.get("/admin/agencies", params={"country": "BOL", "format": "csv"})
    codes = [row[0] for row in _rows(agencies.content)[1:]]
    assert "BOL-FELCN" in codes and not any(c.startswith("PER-") for c in codes)
    posts = client.get("/admin/posts")
    assert "Desaguadero" in posts.text and "santa-rosa-chacalluta" in posts.text
    rules = client.get("/admin/rules", params={"format": "csv"})
    files = {row[0]: row for row in _rows(rules.content)[1:]}
    assert {"per-2026.1.yaml", "chl-2026.1.yaml", "bol-2026.1.yaml"} <= set(files)
    assert files["per-2026.1.yaml"][5] == "OK"


def test_create_and_revoke_an_agreement(client: TestClient) -> None:
    csrf = login(client, "admin")
    created = client.post(
        "/admin/agreements", data=AGREEMENT | {"csrf_token": csrf}, follow_redirects=True
    )
    assert "Acuerdo creado" in created.text and "PER-SUNAT-TO-CHL-SNA" in created.text
    again = client.post("/admin/agreements", data=AGREEMENT | {"csrf_token": csrf})
    assert 'data-field="code"' in again.text and 'value="Control aduanero integrado"' in again.text
    agreement_id = created.text.split('action="/admin/agreements/')[1].split("/revoke")[0]
    revoked = client.post(
        f"/admin/agreements/{agreement_id}/revoke", data={"csrf_token": csrf}, follow_redirects=True
    )
    assert "Acuerdo revocado" in revoked.text
    listed = client.get("/admin/agreements", params={"status": "revoked", "format": "csv"})
    assert [row[0] for row in _rows(listed.content)[1:]] == ["PER-SUNAT-TO-CHL-SNA"]


def test_bad_agreement_names_the_field_and_stores_nothing(client: TestClient) -> None:
    csrf = login(client, "admin")
    bad = AGREEMENT | {"csrf_token": csrf, "recipient_agency": "PER-DIRANDRO"}
    page = client.post("/admin/agreements", data=bad)
    assert 'data-field="recipient_agency"' in page.text
    no_category = AGREEMENT | {"csrf_token": csrf, "categories": ""}
    assert 'data-field="categories"' in client.post("/admin/agreements", data=no_category).text
    listed = client.get("/admin/agreements", params={"format": "csv"})
    assert len(_rows(listed.content)) == 1  # header only


def test_audit_search_finds_the_admins_own_actions(client: TestClient) -> None:
    login(client, "admin")
    client.get("/admin/users")
    page = client.get("/admin/audit", params={"username": "admin"})
    assert page.status_code == 200 and "search" in page.text
    exported = _rows(
        client.get("/admin/audit", params={"username": "admin", "format": "csv"}).content
    )
    assert exported[0][0] == "N.º" and all(row[2] == "admin" for row in exported[1:])
    login(client, "pe.supervisor.tacna")
    assert client.get("/admin/audit").status_code == 403


def test_an_administrator_disables_and_enables_an_account(client: TestClient) -> None:
    csrf = login(client, "admin")
    url = "/admin/users/pe.oim.enlace/active"
    page = client.post(url, data={"csrf_token": csrf, "active": "false"}, follow_redirects=True)
    assert "Cuenta desactivada" in page.text and "Activar" in page.text
    refused = client.post(
        "/api/auth/login", json={"username": "pe.oim.enlace", "password": "concordia-demo"}
    )
    assert refused.status_code == 401
    client.post(url, data={"csrf_token": csrf, "active": "true"})
    audit = client.get("/admin/audit", params={"object_id": "pe.oim.enlace", "format": "csv"})
    actions = [row[4] for row in _rows(audit.content)[1:]]
    assert actions == ["enable", "login_failed", "disable"]  # newest first
    assert client.post("/admin/users/nobody/active", data={"csrf_token": csrf}).status_code == 404
