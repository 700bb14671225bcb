"""A traveller's page: identity, documents, crossings, stays per country, overstay warnings.

Composes the identity, crossings and stays services so the page calls one function;
each part stays scoped by its own service (a traveller is visible through a crossing the
actor may see; stays only in the countries a sharing agreement opens).
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingRead
from concordia.crossings.views import crossing_read
from concordia.identity import service as identity
from concordia.models import Stay, TravelDocument, Traveller
from concordia.stays import service as stays
from concordia.stays.schemas import StaySummary

SOON = timedelta(days=3)


@dataclass
class Warning:
    kind: str  # overstay | ends_soon
    country: str
    days: int


@dataclass
class TravellerProfile:
    traveller: Traveller
    documents: list[TravelDocument]
    crossings: list[CrossingRead]
    stays: list[StaySummary] = field(default_factory=list)
    hidden_countries: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[Warning]:
        today = datetime.now(UTC).date()
        found = []
        for summary in self.stays:
            until = summary.authorised_until
            if summary.overstay_days > 0:
                found.append(Warning("overstay", summary.country, summary.overstay_days))
            elif summary.present and until is not None and until - today <= SOON:
                found.append(Warning("ends_soon", summary.country, (until - today).days))
        return found


def _stay_countries(session: Session, traveller_id: uuid.UUID) -> list[str]:
    query = select(Stay.country).where(Stay.traveller_id == traveller_id).distinct()
    return sorted(session.scalars(query))


def profile(
    session: Session, actor: Actor, traveller_id: uuid.UUID, *, limit: int = 50, offset: int = 0
) -> TravellerProfile:
    traveller = identity.get(session, actor, traveller_id)
    rows = crossings.list_crossings(
        session, actor, traveller_id=traveller.id, limit=limit, offset=offset
    )
    shown = TravellerProfile(
        traveller=traveller,
        documents=identity.documents_of(session, traveller.id),
        crossings=[crossing_read(session, c) for c in rows],
    )
    allowed = scope.stays_countries(session, actor, datetime.now(UTC).date())
    for country in _stay_countries(session, traveller.id):
        if country in allowed:
            shown.stays.append(stays.summary(session, actor, traveller.id, country))
        else:
            shown.hidden_countries.append(country)
    return shown


def find(session: Session, actor: Actor, issuing_state: str, number: str) -> uuid.UUID:
    """The traveller holding this document (not found when the actor may not see them)."""
    return identity.find_by_document(session, actor, issuing_state.strip(), number.strip()).id
