"""What an actor may see: the one place that decides, one helper per aggregate.

Owners see their own data. Anyone else sees it only through an active sharing agreement
naming the data category, from the owner (country and agency, or any agency of the
country) to the actor (country and agency, or any agency of the country). Crossings are
jointly owned by the two countries of the route. Every list query goes through here.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect, Select, String, and_, cast, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from concordia import cache
from concordia.access.actor import Actor
from concordia.models import (
    Agency,
    Alert,
    BorderPost,
    BorderSection,
    Crossing,
    EmergencyDeclaration,
    EradicationCampaign,
    IntelLink,
    IntelMessage,
    Notice,
    OpsEvent,
    Patrol,
    PostStatusChange,
    Referral,
    Scenario,
    Seizure,
    SharingAgreement,
    StrandedPerson,
    TrackBatch,
)

ALL_FIELDS = "*"
GRANTS = "sharing_grants"  # cache of (day, country, agency) -> grants in force


@dataclass(frozen=True)
class Grant:
    owner_country: str
    owner_agency: str | None
    categories: frozenset[str]
    fields: frozenset[str]


def _in_force(today: date, country: str, agency: str) -> tuple[ColumnElement[bool], ...]:
    """Agreements in force `today` whose recipient is that country and agency (or any
    agency of the country): active, and `today` within their validity."""
    return (
        SharingAgreement.status == "active",
        SharingAgreement.recipient_country == country,
        or_(
            SharingAgreement.recipient_agency.is_(None),
            SharingAgreement.recipient_agency == agency,
        ),
        SharingAgreement.valid_from <= today,
        or_(SharingAgreement.valid_until.is_(None), SharingAgreement.valid_until >= today),
    )


def grants(session: Session, actor: Actor, today: date) -> tuple[Grant, ...]:
    """Agreements in force today whose recipient is the actor's country and agency
    (every request asks: kept for `cache.TTL_S`)."""

    def load() -> tuple[Grant, ...]:
        query = select(SharingAgreement).where(*_in_force(today, actor.country, actor.agency_code))
        return tuple(
            Grant(a.owner_country, a.owner_agency, frozenset(a.categories), frozenset(a.fields))
            for a in session.scalars(query)
        )

    return cache.cached(session, GRANTS, (today, actor.country, actor.agency_code), load)


def _sharing_countries(session: Session, actor: Actor, today: date, category: str) -> set[str]:
    """Countries with an agreement in force sharing `category` with the actor."""
    return {g.owner_country for g in grants(session, actor, today) if category in g.categories}


def _agency_ids(session: Session, codes: set[str]) -> dict[str, uuid.UUID]:
    rows = session.execute(select(Agency.code, Agency.id).where(Agency.code.in_(codes)))
    return {code: agency_id for code, agency_id in rows}


def _own_agency(actor: Actor) -> ScalarSelect[uuid.UUID]:
    """The actor's agency id, as a subquery to compare owner columns with."""
    return select(Agency.id).where(Agency.code == actor.agency_code).scalar_subquery()


def alerts_visible(session: Session, actor: Actor, today: date) -> Select[Alert]:
    """Alerts of the actor's agency, plus those an agreement shares by category."""
    own = _own_agency(actor)
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
    shared = sorted(_sharing_countries(session, actor, today, "crossings"))
    clauses = [Crossing.from_country == actor.country, Crossing.to_country == actor.country]
    if shared:
        clauses += [Crossing.from_country.in_(shared), Crossing.to_country.in_(shared)]
    return select(Crossing).where(or_(*clauses))


def stays_countries(session: Session, actor: Actor, today: date) -> set[str]:
    """Countries whose stay records the actor may read: its own and shared ones."""
    return {actor.country} | _sharing_countries(session, actor, today, "crossings")


# --- humanitarian (issue 6): personal data of stranded people -----------------------------
# Only humanitarian liaisons of one of the post's two countries, and the partner agencies a
# consented referral names, read a stranded person; a sharing agreement alone never opens it.
# Aggregates (counts, situation reports) are for both governments: any actor of one of the
# post's countries.

HUMANITARIAN_ROLE = "humanitarian_liaison"


def humanitarian_posts(actor: Actor) -> Select[uuid.UUID]:
    """Posts whose stranded-people aggregates the actor's government may read."""
    return select(BorderPost.id).where(
        or_(BorderPost.country_a == actor.country, BorderPost.country_b == actor.country)
    )


def is_humanitarian_liaison(actor: Actor) -> bool:
    return HUMANITARIAN_ROLE in actor.roles


def stranded_people_visible(session: Session, actor: Actor) -> Select[StrandedPerson]:
    """Liaisons of the post's countries, and partners named in a consented, live referral."""
    own = _own_agency(actor)
    referred = select(Referral.person_id).where(
        Referral.partner_agency_id == own,
        Referral.consent_given.is_(True),
        Referral.status != "declined",
    )
    clauses = [StrandedPerson.id.in_(referred)]
    if is_humanitarian_liaison(actor):
        clauses.append(StrandedPerson.post_id.in_(humanitarian_posts(actor)))
    return select(StrandedPerson).where(or_(*clauses))


def referrals_visible(session: Session, actor: Actor) -> Select[Referral]:
    """Liaisons see the referrals of their posts; a partner sees those addressed to it."""
    own = _own_agency(actor)
    clauses = [Referral.partner_agency_id == own]
    if is_humanitarian_liaison(actor):
        clauses.append(Referral.post_id.in_(humanitarian_posts(actor)))
    return select(Referral).where(or_(*clauses))


# --- operational picture -------------------------------------------------------------
# Operational records carry `countries`: the countries party to them (the declaring or
# reporting country and the partner across the post or section). Those countries see them
# at once; others need an "operations" agreement from one of those countries.


def _party_to(
    countries: InstrumentedAttribute[str], session: Session, actor: Actor, today: date
) -> ColumnElement[bool]:
    shared = _sharing_countries(session, actor, today, "operations")
    return or_(*(countries.contains(code) for code in sorted({actor.country} | shared)))


def emergencies_visible(
    session: Session, actor: Actor, today: date
) -> Select[EmergencyDeclaration]:
    """The declaring country and the partner countries of the affected posts."""
    party = _party_to(EmergencyDeclaration.countries, session, actor, today)
    return select(EmergencyDeclaration).where(party)


def post_changes_visible(session: Session, actor: Actor, today: date) -> Select[PostStatusChange]:
    """Both countries of the post see its status history."""
    party = _party_to(PostStatusChange.countries, session, actor, today)
    return select(PostStatusChange).where(party)


def notices_visible(session: Session, actor: Actor, today: date) -> Select[Notice]:
    """Public notices are for everyone; internal ones for the countries party to them."""
    party = _party_to(Notice.countries, session, actor, today)
    return select(Notice).where(or_(Notice.public.is_(True), party))


def events_visible(session: Session, actor: Actor, today: date) -> Select[OpsEvent]:
    """The reporter's country and the countries of the section the event falls in."""
    party = _party_to(OpsEvent.countries, session, actor, today)
    return select(OpsEvent).where(party)


def patrols_visible(session: Session, actor: Actor, today: date) -> Select[Patrol]:
    """The countries of the patrol's agencies."""
    party = _party_to(Patrol.countries, session, actor, today)
    return select(Patrol).where(party)


def sections_visible(session: Session, actor: Actor, today: date) -> Select[BorderSection]:
    """Border sections and their impact levels are the shared picture: every actor."""
    return select(BorderSection)


def aviation_batches_visible(session: Session, actor: Actor, today: date) -> Select[TrackBatch]:
    """Track batches of the actor's agency, plus those an "intelligence" agreement shares
    (flight tracks are police intelligence: PNP-DIRANDRO and FELCN share them by that)."""
    clauses = _shared_by_category(
        session, actor, today, "intelligence", TrackBatch.country, TrackBatch.owner_agency_id
    )
    return select(TrackBatch).where(or_(*clauses))


def _shared_by_category(
    session: Session,
    actor: Actor,
    today: date,
    category: str,
    country_col: InstrumentedAttribute[str],
    agency_col: InstrumentedAttribute[uuid.UUID],
) -> list["ColumnElement[bool]"]:
    """The actor's own agency's rows, plus those an agreement shares for `category`."""
    own = _own_agency(actor)
    clauses: list[ColumnElement[bool]] = [agency_col == own]
    given = [g for g in grants(session, actor, today) if category in g.categories]
    ids = _agency_ids(session, {g.owner_agency for g in given if g.owner_agency})
    for grant in given:
        clause = country_col == grant.owner_country
        if grant.owner_agency:
            clause = and_(clause, agency_col == ids.get(grant.owner_agency))
        clauses.append(clause)
    return clauses


def seizures_visible(session: Session, actor: Actor, today: date) -> Select[Seizure]:
    """Seizures of the actor's agency, plus those a "seizures" agreement shares."""
    clauses = _shared_by_category(
        session, actor, today, "seizures", Seizure.country, Seizure.owner_agency_id
    )
    return select(Seizure).where(or_(*clauses))


def intel_links_visible(session: Session, actor: Actor, today: date) -> Select[IntelLink]:
    """Graph edges: own agency's, plus those whose category an agreement shares."""
    clauses = []
    for category in ("seizures", "intelligence"):
        shared = _shared_by_category(
            session, actor, today, category, IntelLink.country, IntelLink.owner_agency_id
        )
        clauses.append(and_(IntelLink.category == category, or_(*shared)))
    return select(IntelLink).where(or_(*clauses))


def intel_messages_visible(actor: Actor) -> Select[IntelMessage]:
    """A message is seen by its sender agency, and by its recipient once it is sent.

    The agreement was checked when it was sent; a message is never visible to a third
    agency, whatever its handling code.
    """
    own = _own_agency(actor)
    return select(IntelMessage).where(
        or_(
            IntelMessage.from_agency_id == own,
            and_(IntelMessage.to_agency_id == own, IntelMessage.status != "draft"),
        )
    )


def campaigns_visible(actor: Actor) -> Select[EradicationCampaign]:
    """Eradication campaigns of the actor's country, or of which it is a partner."""
    # JSON list stored as text on both databases ('["BOL"]'): a LIKE on the quoted code.
    partner = cast(EradicationCampaign.partner_countries, String).like(f'%"{actor.country}"%')
    return select(EradicationCampaign).where(
        or_(EradicationCampaign.country == actor.country, partner)
    )


def agency_may_share(
    session: Session, owner: Agency, recipient: Agency, category: str, today: date
) -> bool:
    """Does an agreement in force let `owner` pass `category` data to `recipient`?
    (An intelligence message may only be sent when it does.)"""
    query = select(SharingAgreement).where(
        SharingAgreement.owner_country == owner.country_code,
        or_(SharingAgreement.owner_agency.is_(None), SharingAgreement.owner_agency == owner.code),
        *_in_force(today, recipient.country_code, recipient.code),
    )
    return any(category in a.categories for a in session.scalars(query))


def scenarios_visible(session: Session, actor: Actor, today: date) -> Select[Scenario]:
    """Staffing scenarios of the actor's country, plus those of countries sharing the
    "analytics" category with it."""
    shared = _sharing_countries(session, actor, today, "analytics")
    return select(Scenario).where(Scenario.country.in_({actor.country} | shared))
