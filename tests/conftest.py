"""Shared fixtures: a migrated, reference-seeded database per test, on SQLite or PostgreSQL.

Set CONCORDIA_TEST_PG_URL (the Makefile does, after starting a throwaway cluster) to run
the database tests on PostgreSQL; each test then gets its own database cloned from a
migrated template. On SQLite each test gets a copy of a migrated template file.
"""

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.access.auth import issue_token
from concordia.access.service import DEMO_USERS, seed_demo_users
from concordia.app import create_app
from concordia.db import make_engine, session_scope
from concordia.migrate import upgrade
from concordia.reference.service import load_reference
from tests.factories import test_token

PG_URL = os.environ.get("CONCORDIA_TEST_PG_URL")
DB_FIXTURES = {"engine", "session", "client", "cli_db", "api_schema"}
_counter = itertools.count()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches a database, so `-m db` reruns exactly those on PostgreSQL."""
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def _seed(engine: Engine) -> None:
    """Schema, reference data, demo users and one API token each (`tests.factories.bearer`)."""
    upgrade(engine)
    with session_scope(engine) as session:
        load_reference(session)
        seed_demo_users(session)
        admin = load_actor(session, "admin")
        for spec in DEMO_USERS:
            issue_token(
                session,
                admin,
                spec.username,
                "tests",
                ["read", "write"],
                secret=test_token(spec.username),
            )


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if PG_URL:
        yield from _pg_template()
        return
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    _seed(engine)
    engine.dispose()
    yield str(path)


def _pg_admin() -> Engine:
    assert PG_URL
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _pg_template() -> Iterator[str]:
    admin = _pg_admin()
    name = f"concordia_tpl_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine = make_engine(make_url(PG_URL).set(database=name).render_as_string(False))
    _seed(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
    admin.dispose()


@pytest.fixture
def engine(template: str, tmp_path: Path) -> Iterator[Engine]:
    if not PG_URL:
        db = tmp_path / "test.sqlite3"
        shutil.copy(template, db)
        eng = make_engine(f"sqlite:///{db}")
        yield eng
        eng.dispose()
        return
    name = f"concordia_t_{os.getpid()}_{next(_counter)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    eng = make_engine(make_url(PG_URL).set(database=name).render_as_string(False))
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session for service tests; flushes but never commits, as services expect."""
    with Session(engine) as s:
        yield s
        s.rollback()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine)) as c:
        yield c


@pytest.fixture
def cli_db(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """Point the CLI's settings at the test database for the duration of one test."""
    from concordia.db import get_engine
    from concordia.settings import get_settings

    monkeypatch.setenv("CONCORDIA_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield engine
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
