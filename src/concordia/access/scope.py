"""What an actor may see: the one place that decides, one helper per aggregate.

Owners see their own data. Anyone else sees it only through an active sharing agreement
naming the data category, from the owner (country and agency, or any agency of the
country) to the actor (country and agency, or any agency of the country). Crossings are
jointly owned by the two countries of the route. Every list query goes through here.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.models import Agency, Alert, Crossing, Scenario, SharingAgreement

ALL_FIELDS = "*"


@dataclass(frozen=True)
class Grant:
    owner_country: str
    owner_agency: str | None
    categories: frozenset[str]
    fields: frozenset[str]


def grants(session: Session, actor: Actor, today: date) -> list[Grant]:
    """Agreements in force today whose recipient is the actor's country and agency."""
    query = select(SharingAgreement).where(
        SharingAgreement.status == "active",
        SharingAgreement.recipient_country == actor.country,
        or_(
            SharingAgreement.recipient_agency.is_(None),
            SharingAgreement.recipient_agency == actor.agency_code,
        ),
        SharingAgreement.valid_from <= today,
        or_(SharingAgreement.valid_until.is_(None), SharingAgreement.valid_until >= today),
    )
    return [
        Grant(a.owner_country, a.owner_agency, frozenset(a.categories), frozenset(a.fields))
        for a in session.scalars(query)
    ]


def _agency_ids(session: Session, codes: set[str]) -> dict[str, uuid.UUID]:
    rows = session.execute(select(Agency.code, Agency.id).where(Agency.code.in_(codes)))
    return {code: agency_id for code, agency_id in rows}


def alerts_visible(session: Session, actor: Actor, today: date) -> Select[Alert]:
    """Alerts of the actor's agency, plus those an agreement shares by category."""
    own = select(Agency.id).where(Agency.code == actor.agency_code).scalar_subquery()
    clauses = [Alert.owner_agency_id == own]
    given = grants(session, actor, today)
    ids = _agency_ids(session, {g.owner_agency for g in given if g.owner_agency})
    for grant in given:
        cats = [c.split(":", 1)[1] for c in grant.categories if c.startswith("alerts:")]
        if not cats:
            continue
        clause = and_(Alert.country == grant.owner_country, Alert.category.in_(cats))
        if grant.owner_agency:
            clause = and_(clause, Alert.owner_agency_id == ids.get(grant.owner_agency))
        clauses.append(clause)
    return select(Alert).where(or_(*clauses))


def may_read_alert(session: Session, actor: Actor, alert: Alert, today: date) -> bool:
    query = alerts_visible(session, actor, today).where(Alert.id == alert.id)
    return session.scalars(query.limit(1)).first() is not None


def crossings_visible(session: Session, actor: Actor, today: date) -> Select[Crossing]:
    """The route's two countries own a crossing; others need a "crossings" agreement."""
    shared = [g.owner_country for g in grants(session, actor, today) if "crossings" in g.categories]
    clauses = [Crossing.from_country == actor.country, Crossing.to_country == actor.country]
    if shared:
        clauses += [Crossing.from_country.in_(shared), Crossing.to_country.in_(shared)]
    return select(Crossing).where(or_(*clauses) if clauses else false())


def stays_countries(session: Session, actor: Actor, today: date) -> set[str]:
    """Countries whose stay records the actor may read: its own and shared ones."""
    shared = {g.owner_country for g in grants(session, actor, today) if "crossings" in g.categories}
    return {actor.country} | shared


def scenarios_visible(session: Session, actor: Actor, today: date) -> Select[Scenario]:
    """Staffing scenarios of the actor's country, plus those of countries sharing the
    "analytics" category with it."""
    shared = {g.owner_country for g in grants(session, actor, today) if "analytics" in g.categories}
    return select(Scenario).where(Scenario.country.in_({actor.country} | shared))
