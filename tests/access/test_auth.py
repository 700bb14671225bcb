"""Login, sessions, CSRF, lockout, rate limit and API tokens, through the HTTP API."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from concordia.access import auth
from concordia.access.service import DEMO_PASSWORD
from concordia.app import create_app
from concordia.errors import NotAuthenticated
from tests.factories import bearer, crossing_body

PUBLIC = {"/healthz", "/api/auth/login", "/", "/public/waits"}  # the wait feed is public
DUMMY_ID = "0190a7a0-0000-7000-8000-000000000000"


def login(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> str:
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def test_login_sets_a_strict_httponly_cookie_and_csrf_guards_changes(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login", json={"username": "pe.pnp.analista", "password": DEMO_PASSWORD}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    csrf = response.json()["csrf_token"]
    assert client.get("/api/auth/me").json()["agency"] == "PER-DIRANDRO"
    body = {
        "code": "PER-X-LIST",
        "name": "Lista X",
        "owner_agency": "PER-DIRANDRO",
        "category": "wanted_person",
        "action": "arrest",
    }
    forged = client.post("/api/watchlists", json=body)
    assert forged.status_code == 403 and forged.json()["error"]["field"] == "X-CSRF-Token"
    assert (
        client.post("/api/watchlists", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    )
    client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert client.get("/api/auth/me").status_code == 401


def test_failures_look_alike_and_five_lock_the_account(client: TestClient) -> None:
    def attempt(username: str, password: str) -> dict[str, object]:
        response = client.post("/api/auth/login", json={"username": username, "password": password})
        assert response.status_code == 401
        return dict(response.json()["error"])

    assert attempt("nobody", "whatever") == attempt("admin", "wrong password")
    for _ in range(4):
        attempt("admin", "wrong password")
    attempt("admin", DEMO_PASSWORD)  # locked now: even the right password fails


def test_login_attempts_are_rate_limited_per_address(client: TestClient) -> None:
    codes = [
        client.post("/api/auth/login", json={"username": f"u{i}", "password": "x"}).status_code
        for i in range(21)
    ]
    assert codes[:20] == [401] * 20 and codes[20] == 429


def test_tokens_are_scoped_and_revocable(client: TestClient) -> None:
    admin = bearer("admin")
    issued = client.post(
        "/api/tokens",
        json={"username": "cl.pdi.chacalluta", "name": "booth 4", "scopes": ["read"]},
        headers=admin,
    )
    assert issued.status_code == 201
    token = {"Authorization": f"Bearer {issued.json()['token']}"}
    assert client.get("/api/auth/me", headers=token).json()["username"] == "cl.pdi.chacalluta"
    write = client.post("/api/crossings", json={}, headers=token)
    assert write.status_code == 403 and write.json()["error"]["field"] == "scopes"
    other = client.post(
        "/api/tokens", json={"username": "admin", "name": "x"}, headers=bearer("cl.pdi.chacalluta")
    )
    assert other.status_code == 403
    assert client.delete(f"/api/tokens/{issued.json()['id']}", headers=admin).status_code == 204
    assert client.get("/api/auth/me", headers=token).status_code == 401


def test_sessions_expire_after_idle_time_and_shift(session: Session) -> None:
    now = datetime.now(UTC)
    user = auth.attempt_login(session, "admin", DEMO_PASSWORD, now)
    assert user is not None
    _, raw = auth.start_session(session, user, ip="127.0.0.1", user_agent="t", now=now)
    auth.session_actor(session, raw, now + timedelta(minutes=20))
    with pytest.raises(NotAuthenticated):
        auth.session_actor(session, raw, now + timedelta(minutes=51))
    with pytest.raises(NotAuthenticated):
        auth.session_actor(session, raw, now + timedelta(hours=9))


def test_every_api_route_requires_authentication(client: TestClient) -> None:
    """Walks the OpenAPI document, so a new route is covered the day it is added."""
    paths = client.get("/openapi.json").json()["paths"]
    checked = 0
    for template, operations in paths.items():
        if template in PUBLIC or template.startswith("/public/"):  # the notice feed, on purpose
            continue
        path = re.sub(r"\{[a-z_]*id\}", DUMMY_ID, template).replace("{code}", "X")
        for method in operations:
            response = client.request(method.upper(), path, json={})
            assert response.status_code == 401, (method, template, response.status_code)
            checked += 1
    assert checked >= 25


def test_security_headers_and_no_stack_traces(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    huge = client.post("/api/crossings", content=b"x", headers={"Content-Length": str(300 << 20)})
    assert huge.status_code == 413 and huge.json()["error"]["field"] == "body"


def test_unexpected_errors_are_hidden(engine: Engine) -> None:
    app = create_app(engine)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail in a stack trace")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.text and response.json()["error"]["code"] == "internal_error"


def test_nul_characters_are_bad_input_not_a_crash(client: TestClient) -> None:
    """Found by schemathesis on PostgreSQL, which refuses NUL in text."""
    response = client.get("/api/agencies", params={"country": "P\x00E"}, headers=bearer("admin"))
    assert response.status_code in (404, 422)
    body = crossing_body(post="santa-rosa\x00-chacalluta")
    bad = client.post("/api/crossings", json=body, headers=bearer("pe.migraciones.tacna"))
    assert bad.status_code in (404, 422)
