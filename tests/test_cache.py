"""The request-path caches: reuse within the TTL, forget on commit, never keep a value
loaded while a change was committing."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia import cache
from concordia.db import session_scope
from tests.factories import bearer


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_value_is_reused_until_the_ttl(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    clock = [100.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    with session_scope(engine) as session:
        for _ in range(3):
            assert cache.cached(session, "t", "k", lambda: loads.append(1) or len(loads)) == 1
        clock[0] += cache.TTL_S + 0.01
        assert cache.cached(session, "t", "k", lambda: loads.append(1) or len(loads)) == 2
    assert len(loads) == 2


def test_keys_and_names_are_separate(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert cache.cached(session, "a", 1, lambda: "a1") == "a1"
        assert cache.cached(session, "a", 2, lambda: "a2") == "a2"
        assert cache.cached(session, "b", 1, lambda: "b1") == "b1"
        assert cache.cached(session, "a", 1, lambda: "other") == "a1"


def test_expire_on_commit_forgets_after_the_commit(engine: Engine) -> None:
    with session_scope(engine) as session:
        cache.cached(session, "t", "k", lambda: "old")
    with session_scope(engine) as writer:
        cache.expire_on_commit(writer, "t")
        with session_scope(engine) as reader:  # reads before the writer commits
            assert cache.cached(reader, "t", "k", lambda: "old again") == "old again"
    with session_scope(engine) as session:  # the commit forgot "old again"
        assert cache.cached(session, "t", "k", lambda: "new") == "new"


def test_a_value_loaded_across_an_expiry_is_not_kept(engine: Engine) -> None:
    def load_while_expiring() -> str:
        cache.expire("t")  # a writer commits while this load runs
        return "stale"

    with session_scope(engine) as session:
        assert cache.cached(session, "t", "k", load_while_expiring) == "stale"
        assert cache.cached(session, "t", "k", lambda: "fresh") == "fresh"


def test_revoked_token_is_refused_at_once(client: TestClient) -> None:
    """The token is cached by the first request; revoking it forgets it on commit."""
    issued = client.post(
        "/api/tokens",
        json={"username": "pe.migraciones.tacna", "name": "booth 3"},
        headers=bearer("pe.migraciones.tacna"),
    )
    assert issued.status_code == 201, issued.text
    headers = {"Authorization": f"Bearer {issued.json()['token']}"}
    assert client.get("/api/crossings", headers=headers).status_code == 200
    revoked = client.delete(f"/api/tokens/{issued.json()['id']}", headers=headers)
    assert revoked.status_code == 204
    refused = client.get("/api/crossings", headers=headers)
    assert refused.status_code == 401
    assert "revoked" in refused.text
