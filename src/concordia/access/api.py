"""Login, logout, who am I, and API tokens."""

import uuid
from datetime import UTC, date, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from concordia.access import agreements, auth
from concordia.access.agreements import AgreementIn
from concordia.access.ratelimit import SlidingWindow
from concordia.audit.service import append
from concordia.errors import DomainError
from concordia.models import LoginSession, User
from concordia.web.deps import SESSION_COOKIE, ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["access"])


def login_window() -> SlidingWindow:
    """Twenty attempts per client address in five minutes, per application instance."""
    return SlidingWindow(limit=20, seconds=300)


class TooManyAttempts(DomainError):
    status = 429
    code = "rate_limited"


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)


class LoginOut(BaseModel):
    username: str
    csrf_token: str
    expires_at: datetime


class Me(BaseModel):
    username: str
    country: str
    agency: str
    roles: list[str]


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field(default_factory=lambda: ["read", "write"], max_length=2)
    days: int | None = Field(default=365, ge=1, le=3650)


class TokenOut(BaseModel):
    id: uuid.UUID
    name: str
    scopes: list[str]
    expires_at: datetime | None
    token: str | None = None


def open_web_session(
    session: Session, request: Request, username: str, password: str
) -> tuple[User, LoginSession, str] | None:
    """Check the password and start a session; None when it fails (the failure is
    audited and counted without raising, so the caller's transaction commits it)."""
    ip = request.client.host if request.client else ""
    if not request.app.state.login_window.allow(ip):
        raise TooManyAttempts("too many login attempts from this address; wait a few minutes")
    now = datetime.now(UTC)
    user = auth.attempt_login(session, username, password, now)
    who = {"username": username, "agency": "", "purpose": "login", "source": ip}
    if user is None:
        append(session, who, "login_failed", "user", username)
        return None
    login_row, raw = auth.start_session(
        session, user, ip=ip, user_agent=request.headers.get("user-agent", ""), now=now
    )
    append(session, who, "login", "user", user.username)
    return user, login_row, raw


def set_session_cookie(request: Request, response: Response, raw: str) -> None:
    """HttpOnly and SameSite=Strict: scripts cannot read it, other sites cannot send it."""
    response.set_cookie(
        SESSION_COOKIE,
        raw,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
        path="/",
    )


@router.post("/auth/login", response_model=LoginOut)
def login(
    body: LoginIn, request: Request, response: Response, session: SessionDep
) -> LoginOut | JSONResponse:
    """Start a web session: an HttpOnly, SameSite=Strict cookie plus a CSRF token."""
    opened = open_web_session(session, request, body.username, body.password)
    if opened is None:
        error = auth.login_failed()
        return JSONResponse({"error": error.to_dict()}, status_code=error.status)
    user, login_row, raw = opened
    set_session_cookie(request, response, raw)
    return LoginOut(
        username=user.username, csrf_token=login_row.csrf_token, expires_at=login_row.expires_at
    )


@router.post("/auth/logout", status_code=204)
def logout(request: Request, response: Response, session: SessionDep, actor: ActorDep) -> None:
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        auth.end_session(session, raw, datetime.now(UTC))
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/auth/me")
def me(actor: ActorDep) -> Me:
    return Me(
        username=actor.username,
        country=actor.country,
        agency=actor.agency_code,
        roles=sorted(actor.roles),
    )


@router.post("/tokens", status_code=201)
def issue_token(body: TokenIn, session: SessionDep, actor: ActorDep) -> TokenOut:
    """The token is shown once; only its hash is stored."""
    token, raw = auth.issue_token(
        session, actor, body.username, body.name, body.scopes, days=body.days
    )
    return TokenOut(
        id=token.id, name=token.name, scopes=token.scopes, expires_at=token.expires_at, token=raw
    )


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> None:
    auth.revoke_token(session, actor, token_id)


class AgreementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    owner_country: str
    owner_agency: str | None
    recipient_country: str
    recipient_agency: str | None
    categories: list[str]
    fields: list[str]
    purpose: str
    valid_from: date
    valid_until: date | None
    status: str


@router.get("/agreements")
def list_agreements(session: SessionDep, actor: ActorDep) -> list[AgreementRead]:
    return [AgreementRead.model_validate(a) for a in agreements.list_all(session, actor)]


@router.post("/agreements", status_code=201)
def create_agreement(body: AgreementIn, session: SessionDep, actor: ActorDep) -> AgreementRead:
    return AgreementRead.model_validate(agreements.create(session, actor, body))


@router.post("/agreements/{agreement_id}/revoke")
def revoke_agreement(
    agreement_id: uuid.UUID, session: SessionDep, actor: ActorDep
) -> AgreementRead:
    return AgreementRead.model_validate(agreements.revoke(session, actor, agreement_id))
