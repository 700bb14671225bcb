"""FastAPI dependencies: the request owns the transaction; the actor comes from a session
cookie or a bearer token. Cookie-authenticated changes must carry the CSRF token."""

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated

import anyio
from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from concordia.access.actor import Actor
from concordia.access.auth import remembered_token, session_actor, token_actor
from concordia.db import end_session, new_session
from concordia.errors import NotAuthenticated, PermissionDenied

SESSION_COOKIE = "concordia_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_bearer = HTTPBearer(auto_error=False, description="API token of a booth device or system.")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="Web session.")


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error.

    Opening a session does no I/O, so it happens on the event loop; the transaction
    begins at the route's first statement, on the route's thread. Its end (commit or
    rollback, then close) runs on a worker thread, shielded so a cancelled request still
    hands SQLite's write lock on."""
    session = new_session(request.app.state.engine)
    try:
        yield session
    except BaseException:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(end_session, session, commit=False)
        raise
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(end_session, session, commit=True)


# scope="function": commit when the route returns, before the response is sent, so a
# client never receives a 201 for a crossing that is not yet (or never) committed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _csrf_ok(request: Request, expected: str) -> bool:
    if request.method in SAFE_METHODS:
        return True
    return request.headers.get(CSRF_HEADER) == expected


def _with_context(actor: Actor, request: Request) -> Actor:
    """Where the request came from and the purpose it declares, for the audit log."""
    purpose = request.headers.get("X-Purpose", actor.purpose)[:120]
    source = request.client.host if request.client else "unknown"
    return replace(actor, purpose=purpose, source=source)


async def get_actor(
    request: Request,
    session: SessionDep,
    bearer: HTTPAuthorizationCredentials | None = Depends(_bearer),
    cookie: str | None = Depends(_cookie),
) -> Actor:
    """A token seen in the last seconds is answered from memory, on the event loop;
    anything that reads the database runs on a worker thread."""
    now = datetime.now(UTC)
    if bearer is not None:
        found = remembered_token(session, bearer.credentials, now)
        if found is None:
            found = await run_in_threadpool(token_actor, session, bearer.credentials, now)
        actor, scopes = found
        needed = "read" if request.method in SAFE_METHODS else "write"
        if needed not in scopes:
            raise PermissionDenied(f"this token lacks the {needed!r} scope", field="scopes")
        return _with_context(actor, request)
    if cookie:
        actor, login = await run_in_threadpool(session_actor, session, cookie, now)
        if not _csrf_ok(request, login.csrf_token):
            raise PermissionDenied("missing or wrong CSRF token", field=CSRF_HEADER)
        return _with_context(actor, request)
    raise NotAuthenticated("log in or send an API token (Authorization: Bearer …)")


ActorDep = Annotated[Actor, Depends(get_actor)]
