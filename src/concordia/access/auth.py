"""Login, sessions and API tokens.

One message for every failed login (unknown user, wrong password, locked or disabled
account) so the answer does not tell which usernames exist. Five failures lock the
account for fifteen minutes. Sessions end after a shift (8 h) or 30 idle minutes.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.access.actor import Actor, actor_of
from concordia.access.secrets import (
    MIN_PASSWORD,
    digest,
    hash_password,
    needs_rehash,
    new_token,
    verify_password,
)
from concordia.audit.service import record
from concordia.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from concordia.models import Agency, ApiToken, LoginSession, User

MAX_FAILED = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
IDLE_TIMEOUT = timedelta(minutes=30)
SCOPES = frozenset({"read", "write"})
TOKENS = "api_tokens"  # cache of token hash -> actor, scopes, expiry
FAILED_LOGIN = "invalid username or password, or the account is locked"


def _user(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def _fail(user: User | None, now: datetime) -> None:
    if user is not None:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0


def attempt_login(session: Session, username: str, password: str, now: datetime) -> User | None:
    """The user whose password this is, or None. Never raises, so the caller's
    transaction commits the failure count and the lockout even when the login fails."""
    user = _user(session, username)
    locked = user is not None and user.locked_until is not None and user.locked_until > now
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or locked or not user.active:
        if not locked:
            _fail(user, now)
        return None
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def login_failed() -> NotAuthenticated:
    return NotAuthenticated(FAILED_LOGIN, field="password")


def start_session(
    session: Session, user: User, *, ip: str, user_agent: str, now: datetime
) -> tuple[LoginSession, str]:
    raw = new_token()
    login = LoginSession(
        user_id=user.id,
        token_hash=digest(raw),
        csrf_token=new_token(),
        expires_at=now + SESSION_LIFETIME,
        last_seen_at=now,
        ip=ip[:45],
        user_agent=user_agent[:200],
    )
    session.add(login)
    session.flush()
    return login, raw


def session_actor(session: Session, raw: str, now: datetime) -> tuple[Actor, LoginSession]:
    login = session.scalars(
        select(LoginSession).where(LoginSession.token_hash == digest(raw))
    ).first()
    if login is None or login.revoked_at is not None or login.expires_at <= now:
        raise NotAuthenticated("session expired: log in again")
    if login.last_seen_at + IDLE_TIMEOUT <= now:
        raise NotAuthenticated("session idle for too long: log in again")
    if (now - login.last_seen_at).total_seconds() > 60:
        login.last_seen_at = now
    return actor_of(session, session.get_one(User, login.user_id)), login


def end_session(session: Session, raw: str, now: datetime) -> None:
    login = session.scalars(
        select(LoginSession).where(LoginSession.token_hash == digest(raw))
    ).first()
    if login is not None and login.revoked_at is None:
        login.revoked_at = now


def issue_token(
    session: Session,
    actor: Actor,
    username: str,
    name: str,
    scopes: list[str],
    *,
    days: int | None = 365,
    secret: str | None = None,
) -> tuple[ApiToken, str]:
    """A bearer token for `username`; only administrators issue tokens for others."""
    if actor.username != username and "administrator" not in actor.roles:
        raise PermissionDenied("only administrators issue tokens for other users")
    if not scopes or set(scopes) - SCOPES:
        raise ValidationFailed(f"scopes must be among {sorted(SCOPES)}", field="scopes")
    user = _user(session, username)
    if user is None:
        raise NotFound(f"no user {username}", field="username")
    raw = secret or new_token()
    now = datetime.now(UTC)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=digest(raw),
        scopes=sorted(set(scopes)),
        expires_at=now + timedelta(days=days) if days else None,
    )
    session.add(token)
    session.flush()
    record(session, actor, "issue", "api_token", token.id, {"for": username, "scopes": scopes})
    return token, raw


@dataclass(frozen=True)
class _TokenGrant:
    actor: Actor
    scopes: frozenset[str]
    expires_at: datetime | None


def _load_token(session: Session, token_hash: str, now: datetime) -> _TokenGrant:
    """Token, user and agency in one query; refuses revoked tokens and disabled users."""
    row = session.execute(
        select(ApiToken, User, Agency)
        .join(User, User.id == ApiToken.user_id)
        .join(Agency, Agency.id == User.agency_id)
        .where(ApiToken.token_hash == token_hash)
    ).first()
    if row is None or row[0].revoked_at is not None:
        raise NotAuthenticated("unknown or revoked API token")
    token, user, agency = row
    if not user.active:
        raise NotAuthenticated("the token's user is disabled")
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
    return _TokenGrant(actor_of(session, user, agency), frozenset(token.scopes), token.expires_at)


def _granted(grant: _TokenGrant, now: datetime) -> tuple[Actor, frozenset[str]]:
    if grant.expires_at is not None and grant.expires_at <= now:
        raise NotAuthenticated("API token expired")
    return grant.actor, grant.scopes


def remembered_token(
    session: Session, raw: str, now: datetime
) -> tuple[Actor, frozenset[str]] | None:
    """What `token_actor` answers, if the token is in the cache (no I/O); else None."""
    grant = cache.peek(session, TOKENS, digest(raw))
    return None if grant is None else _granted(grant, now)


def token_actor(session: Session, raw: str, now: datetime) -> tuple[Actor, frozenset[str]]:
    """The token's actor and scopes. This runs on every API request, so a good token is
    remembered for `cache.TTL_S`: a revocation made in another worker takes that long."""
    token_hash = digest(raw)
    grant = cache.cached(session, TOKENS, token_hash, lambda: _load_token(session, token_hash, now))
    return _granted(grant, now)


def revoke_token(session: Session, actor: Actor, token_id: uuid.UUID) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}", field="token_id")
    owner = session.get_one(User, token.user_id)
    if owner.username != actor.username and "administrator" not in actor.roles:
        raise PermissionDenied("only administrators revoke other users' tokens")
    token.revoked_at = datetime.now(UTC)
    cache.expire_on_commit(session, TOKENS)
    record(session, actor, "revoke", "api_token", token.id)
    return token


def require_strong_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(
            f"the password needs at least {MIN_PASSWORD} characters", field="password"
        )


def set_password(session: Session, actor: Actor, username: str, password: str) -> None:
    if actor.username != username and "administrator" not in actor.roles:
        raise PermissionDenied("only administrators set other users' passwords")
    require_strong_password(password)
    user = _user(session, username)
    if user is None:
        raise NotFound(f"no user {username}", field="username")
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    record(session, actor, "set_password", "user", username)
