"""Retro-check: a new alert is screened against recent crossings and people present.

The alert becomes the query's counterpart: every traveller who crossed in the window or
is present now (open stay) is scored against it. When the alert gives birth years, only
travellers born within a year of them are scored, which keeps a month at full volume to
a few thousand pairs.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import Select, extract, or_, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.models import Alert, BorderPost, Crossing, Stay, TravelDocument, Traveller
from concordia.screening.engine import DEFAULT_THRESHOLD, score_pair
from concordia.screening.flows import traveller_query
from concordia.screening.hits import Candidate, record_hits
from concordia.screening.registry import to_entity


class RetroSighting(BaseModel):
    traveller_id: uuid.UUID
    surnames: str
    given_names: str
    score: float
    crossings: list[dict[str, str]]
    present_in: list[str]
    hit_id: uuid.UUID | None


def _birth_years(alert: Alert) -> set[int]:
    return {int(d[:4]) for d in alert.birth_dates if d[:4].isdigit()}


def _recent_travellers(
    session: Session, actor: Actor, alert: Alert, since: datetime
) -> Select[Traveller]:
    """Only travellers on crossings the alert's author may see."""
    visible = scope.crossings_visible(session, actor, since.date())
    crossed = visible.with_only_columns(Crossing.traveller_id).where(Crossing.occurred_at >= since)
    present = select(Stay.traveller_id).where(Stay.exited_at.is_(None))
    query = select(Traveller).where(or_(Traveller.id.in_(crossed), Traveller.id.in_(present)))
    years = _birth_years(alert)
    if years:
        window = {y + d for y in years for d in (-1, 0, 1)}
        query = query.where(
            or_(Traveller.birth_date.is_(None), extract("year", Traveller.birth_date).in_(window))
        )
    return query.execution_options(yield_per=1000)


def _latest_document(session: Session, traveller: Traveller) -> TravelDocument:
    query = select(TravelDocument).where(TravelDocument.traveller_id == traveller.id)
    return session.scalars(query.order_by(TravelDocument.created_at.desc()).limit(1)).one()


def _sighting_details(
    session: Session, traveller: Traveller, since: datetime
) -> tuple[list[dict[str, str]], list[str]]:
    rows = session.execute(
        select(Crossing, BorderPost.code)
        .join(BorderPost, BorderPost.id == Crossing.post_id)
        .where(Crossing.traveller_id == traveller.id, Crossing.occurred_at >= since)
        .order_by(Crossing.occurred_at)
    ).all()
    crossings = [
        {
            "post": code,
            "at": c.occurred_at.isoformat(),
            "route": f"{c.from_country}->{c.to_country}",
            "status": c.status,
        }
        for c, code in rows
    ]
    present = select(Stay.country).where(
        Stay.traveller_id == traveller.id, Stay.exited_at.is_(None)
    )
    return crossings, sorted(set(session.scalars(present)))


def retro_check(
    session: Session,
    actor: Actor,
    alert_id: uuid.UUID,
    *,
    days: int = 30,
    threshold: float = DEFAULT_THRESHOLD,
) -> Sequence[RetroSighting]:
    """Where has the person of a new alert crossed lately, and are they in a country now?"""
    alert = session.get_one(Alert, alert_id)
    entity = to_entity(alert)
    since = datetime.now(UTC) - timedelta(days=days)
    sightings = []
    for traveller in session.scalars(_recent_travellers(session, actor, alert, since)):
        query = traveller_query(traveller, _latest_document(session, traveller))
        score, explanation = score_pair(query, entity)
        if score < threshold:
            continue
        hits = record_hits(
            session,
            [Candidate(alert.id, score, explanation)],
            query,
            source="retro",
            traveller_id=traveller.id,
        )
        crossings, present = _sighting_details(session, traveller, since)
        sightings.append(
            RetroSighting(
                traveller_id=traveller.id,
                surnames=traveller.surnames,
                given_names=traveller.given_names,
                score=round(score, 3),
                crossings=crossings,
                present_in=present,
                hit_id=hits[0].id if hits else None,
            )
        )
    return sorted(sightings, key=lambda s: -s.score)
