"""The acting user every service receives.

The web edge finds it from a session cookie or a bearer token (`access.auth`); the CLI,
which runs with direct database access on the server, names it with `--as`. Services
only ever see an Actor.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.errors import NotAuthenticated, PermissionDenied
from concordia.models import Agency, User


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    username: str
    country: str
    agency_code: str
    agency_kind: str
    roles: frozenset[str]
    purpose: str = "control fronterizo"
    source: str = "cli"

    def require_country(self, country: str, *, field: str = "country") -> None:
        """Only a country's own officers may sign that country's decisions."""
        if self.country != country and "administrator" not in self.roles:
            raise PermissionDenied(
                f"{self.username} belongs to {self.country} and cannot act for {country}",
                field=field,
            )


def actor_of(session: Session, user: User, agency: Agency | None = None) -> Actor:
    if not user.active:
        raise NotAuthenticated(f"user {user.username!r} is disabled")
    agency = agency or session.get_one(Agency, user.agency_id)
    return Actor(
        user_id=user.id,
        username=user.username,
        country=user.country_code,
        agency_code=agency.code,
        agency_kind=agency.kind,
        roles=frozenset(user.roles),
    )


def load_actor(session: Session, username: str | None) -> Actor:
    """The acting user by username: for the CLI, which runs with direct database access."""
    if not username:
        raise NotAuthenticated("no acting user: use --as or CONCORDIA_OFFICER")
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotAuthenticated(f"unknown or inactive user {username!r}", field="username")
    return actor_of(session, user)
