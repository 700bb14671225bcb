"""The acting user every service receives.

Until the access issue brings login and tokens, the edges name the acting user by
username (HTTP header `X-Officer`, CLI option `--as`). Services only ever see an Actor.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.errors import NotAuthenticated, PermissionDenied
from concordia.models import Agency, User

SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    username: str
    country: str
    agency_code: str
    agency_kind: str
    roles: frozenset[str]

    def require_country(self, country: str, *, field: str = "country") -> None:
        """Only a country's own officers may sign that country's decisions."""
        if self.country != country and "administrator" not in self.roles:
            raise PermissionDenied(
                f"{self.username} belongs to {self.country} and cannot act for {country}",
                field=field,
            )


def load_actor(session: Session, username: str | None) -> Actor:
    if not username:
        raise NotAuthenticated("no acting user: send the X-Officer header or --as")
    row = session.execute(
        select(User, Agency)
        .join(Agency, Agency.id == User.agency_id)
        .where(User.username == username)
    ).first()
    if row is None or not row[0].active:
        raise NotAuthenticated(f"unknown or inactive user {username!r}", field="X-Officer")
    user, agency = row
    return Actor(
        user_id=user.id,
        username=user.username,
        country=user.country_code,
        agency_code=agency.code,
        agency_kind=agency.kind,
        roles=frozenset(user.roles),
    )
