"""FastAPI dependencies: the request owns the transaction; the acting user comes from a header."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.db import session_scope

_officer_header = APIKeyHeader(
    name="X-Officer",
    auto_error=False,
    description="Username of the acting officer (placeholder until login and tokens arrive).",
)


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with session_scope(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_actor(session: SessionDep, username: str | None = Depends(_officer_header)) -> Actor:
    return load_actor(session, username)


ActorDep = Annotated[Actor, Depends(get_actor)]
