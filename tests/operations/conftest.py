"""Operations fixtures: the border sections and the section owners' users, in the test DB."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from concordia.app import create_app
from tests.operations.factories import seed_engine


@pytest.fixture
def ops_engine(engine: Engine) -> Engine:
    seed_engine(engine)
    return engine


@pytest.fixture
def ops_session(ops_engine: Engine) -> Iterator[Session]:
    with Session(ops_engine) as s:
        yield s
        s.rollback()


@pytest.fixture
def ops_client(ops_engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(ops_engine)) as c:
        yield c
