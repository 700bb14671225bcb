"""Small helpers every operations service shares: who may act, party countries, time."""

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.errors import PermissionDenied
from concordia.models import Agency, BorderPost, BorderSection
from concordia.reference import service as reference

COMMANDERS = frozenset({"supervisor", "administrator"})


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().date()


def party(codes: Iterable[str]) -> str:
    """The `countries` column value: sorted, unique alpha-3 codes joined by commas."""
    return ",".join(sorted(set(codes)))


def party_list(value: str) -> list[str]:
    return [code for code in value.split(",") if code]


def require_commander(actor: Actor, countries: Iterable[str], *, field: str) -> None:
    """Post status and emergencies are decided by a supervisor of a country concerned."""
    allowed = set(countries)
    if "administrator" in actor.roles:
        return
    if "supervisor" not in actor.roles or actor.country not in allowed:
        raise PermissionDenied(
            f"only a supervisor of {' or '.join(sorted(allowed))} may do this", field=field
        )


def id_to_code(
    session: Session, model: type[Agency] | type[BorderPost] | type[BorderSection]
) -> dict[uuid.UUID, str]:
    """Every row's id and code, for filling codes into read models in one query."""
    return {row_id: code for row_id, code in session.execute(select(model.id, model.code))}


def actor_agency(session: Session, actor: Actor) -> Agency:
    return reference.get_agency(session, actor.agency_code, field="agency")
