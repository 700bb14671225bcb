"""Referrals of stranded people to partners, with consent, status tracking and history.

Partners are agencies of kind humanitarian or health (IOM, UNHCR, the health services,
child protection) of one of the post's two countries. A liaison refers; the partner
accepts or declines, then works the case and closes it; a liaison may close (withdraw)
a referral still open. Every change is a `ReferralEvent` and an audit entry. Without
recorded consent the partner sees the referral but none of the person's personal data.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.humanitarian import service, views
from concordia.humanitarian.schemas import (
    ConsentIn,
    PersonRead,
    ReferralCreate,
    ReferralRead,
    ReferralStatusIn,
)
from concordia.humanitarian.service import EARLIEST
from concordia.models import Agency, BorderPost, Referral, ReferralEvent, StrandedPerson
from concordia.reference import service as reference

PARTNER_KINDS = ("humanitarian", "health")
LIVE = ("open", "accepted", "in_progress")
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"accepted", "declined", "closed"}),
    "accepted": frozenset({"in_progress", "closed"}),
    "in_progress": frozenset({"closed"}),
}
LIAISON_MAY = frozenset({"closed"})


def _partner(session: Session, code: str, post: BorderPost) -> Agency:
    agency = reference.get_agency(session, code, field="partner")
    if agency.kind not in PARTNER_KINDS:
        raise ValidationFailed(
            f"{agency.code} is a {agency.kind} agency; refer to a humanitarian or health "
            "partner (e.g. PER-OIM, CHL-ACNUR, CHL-SEREMI-SALUD, CHL-MEJOR-NINEZ)",
            field="partner",
        )
    if agency.country_code not in (post.country_a, post.country_b):
        raise ValidationFailed(f"{agency.code} does not work at {post.code}", field="partner")
    return agency


def _when(at: datetime | None, field: str, not_before: datetime) -> datetime:
    """When a referral step happened: now by default; a field officer working offline
    may give the time, which cannot be in the future nor before the previous step."""
    now = datetime.now(UTC)
    moment = at.astimezone(UTC) if at else max(now, not_before)
    if moment > now:
        raise ValidationFailed(f"{field} is in the future", field=field)
    if moment < not_before:
        raise ValidationFailed(
            f"{field} is before the previous step ({not_before:%Y-%m-%d %H:%M} UTC)", field=field
        )
    return moment


def _set_consent(
    referral: Referral, actor: Actor, consent: ConsentIn, person: StrandedPerson, at: datetime
) -> None:
    age = views.current_age(person)
    if consent.relationship == "self" and (age is None or age < 18):
        raise ValidationFailed(
            "a child (or a person of unknown age) cannot consent alone: record the parent, "
            "guardian or child-protection officer who consents",
            field="consent.relationship",
        )
    given_at = consent.given_at.astimezone(UTC) if consent.given_at else at
    if not EARLIEST <= given_at <= datetime.now(UTC):
        raise ValidationFailed(
            "consent.given_at is in the future or implausibly old", field="consent.given_at"
        )
    referral.consent_given = True
    referral.consent_by, referral.consent_relationship = consent.given_by, consent.relationship
    referral.consent_at, referral.consent_purpose = given_at, consent.purpose
    referral.consent_recorded_by = actor.user_id


def _event(
    session: Session,
    actor: Actor,
    referral: Referral,
    kind: str,
    before: str | None,
    note: str,
    at: datetime | None = None,
) -> None:
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            at=at or datetime.now(UTC),
            by_user=actor.user_id,
            by_agency=actor.agency_code,
            kind=kind,
            from_status=before,
            to_status=referral.status,
            note=note,
        )
    )
    session.flush()


def _refuse_repeat(session: Session, person_id: uuid.UUID, partner: Agency, need: str) -> None:
    query = select(Referral.id).where(
        Referral.person_id == person_id,
        Referral.partner_agency_id == partner.id,
        Referral.need == need,
        Referral.status.in_(LIVE),
    )
    if session.scalars(query.limit(1)).first() is not None:
        raise Conflict(f"a live {need} referral to {partner.code} already exists", field="partner")


def create(session: Session, actor: Actor, body: ReferralCreate) -> ReferralRead:
    person = views.liaison_person(session, actor, body.person_id, doing="refer people")
    post = session.get_one(BorderPost, person.post_id)
    partner = _partner(session, body.partner, post)
    _refuse_repeat(session, person.id, partner, body.need)
    when = _when(body.referred_at, "referred_at", person.registered_at)
    referral = Referral(
        created_at=when,
        person_id=person.id,
        post_id=post.id,
        partner_agency_id=partner.id,
        need=body.need,
        reason=body.reason,
        status="open",
        created_by=actor.user_id,
    )
    if body.consent is not None:
        _set_consent(referral, actor, body.consent, person, when)
    session.add(referral)
    session.flush()
    _event(session, actor, referral, "created", None, body.reason, when)
    if body.consent is not None:
        _event(session, actor, referral, "consent", "open", body.consent.purpose, when)
    details = {"partner": partner.code, "need": body.need, "consent": referral.consent_given}
    record(session, actor, "create", "referral", referral.id, details)
    return views.referral_read(session, actor, referral, with_history=True)


def _visible(session: Session, actor: Actor, referral_id: uuid.UUID) -> Referral:
    query = scope.referrals_visible(session, actor).where(Referral.id == referral_id)
    referral = session.scalars(query).first()
    if referral is None:
        raise NotFound(f"no referral {referral_id}", field="referral_id")
    return referral


def get(session: Session, actor: Actor, referral_id: uuid.UUID) -> ReferralRead:
    referral = _visible(session, actor, referral_id)
    record(session, actor, "read", "referral", referral.id)
    return views.referral_read(session, actor, referral, with_history=True)


def add_consent(
    session: Session, actor: Actor, referral_id: uuid.UUID, consent: ConsentIn
) -> ReferralRead:
    """Consent given after the referral was made: from now on the partner sees the data."""
    referral = _visible(session, actor, referral_id)
    person = views.liaison_person(session, actor, referral.person_id, doing="refer people")
    if referral.status not in LIVE:
        raise Conflict(f"the referral is {referral.status}", field="referral_id")
    _set_consent(referral, actor, consent, person, datetime.now(UTC))
    referral.updated_at = datetime.now(UTC)
    _event(session, actor, referral, "consent", referral.status, consent.purpose)
    record(session, actor, "consent", "referral", referral.id, {"purpose": consent.purpose})
    return views.referral_read(session, actor, referral, with_history=True)


def _may_change(session: Session, actor: Actor, referral: Referral, status: str) -> None:
    partner = session.get_one(Agency, referral.partner_agency_id)
    if actor.agency_code == partner.code:
        return
    post = session.get_one(BorderPost, referral.post_id)
    liaison = scope.is_humanitarian_liaison(actor) and actor.country in (
        post.country_a,
        post.country_b,
    )
    if not (liaison and status in LIAISON_MAY):
        raise PermissionDenied(
            f"only {partner.code} may set a referral to {status}", field="status"
        )


def _last_step(session: Session, referral: Referral) -> datetime:
    query = select(func.max(ReferralEvent.at)).where(ReferralEvent.referral_id == referral.id)
    return session.scalar(query) or referral.created_at


def change_status(
    session: Session, actor: Actor, referral_id: uuid.UUID, body: ReferralStatusIn
) -> ReferralRead:
    referral = _visible(session, actor, referral_id)
    allowed = TRANSITIONS.get(referral.status, frozenset())
    if body.status not in allowed:
        options = ", ".join(sorted(allowed)) or "none (final)"
        raise Conflict(
            f"a {referral.status} referral cannot become {body.status}; allowed: {options}",
            field="status",
        )
    _may_change(session, actor, referral, body.status)
    if body.status == "declined" and not body.note:
        raise ValidationFailed("say why the referral is declined", field="note")
    when = _when(body.at, "at", _last_step(session, referral))
    before, referral.status = referral.status, body.status
    referral.updated_at = when
    _event(session, actor, referral, "status", before, body.note, when)
    record(session, actor, "status", "referral", referral.id, {"from": before, "to": body.status})
    return views.referral_read(session, actor, referral, with_history=True)


def list_referrals(
    session: Session,
    actor: Actor,
    *,
    status: str | None = None,
    partner: str | None = None,
    person_id: uuid.UUID | None = None,
    limit: int = 100,
) -> list[ReferralRead]:
    query = scope.referrals_visible(session, actor)
    if person_id:
        query = query.where(Referral.person_id == person_id)
    if status:
        query = query.where(Referral.status == status)
    if partner:
        agency = reference.get_agency(session, partner, field="partner")
        query = query.where(Referral.partner_agency_id == agency.id)
    found = list(session.scalars(query.order_by(Referral.created_at.desc()).limit(limit)))
    record(session, actor, "list", "referral", partner or "*", {"count": len(found)})
    return [views.referral_read(session, actor, r) for r in found]


def person_file(
    session: Session, actor: Actor, person_id: uuid.UUID
) -> tuple[PersonRead, list[PersonRead], list[ReferralRead]]:
    """A person's console page: the record (triage reasons), the household's other
    members and the referrals with their consent, each as the actor may see them."""
    person = service.get_person(session, actor, person_id)
    household = []
    if person.household_id is not None:
        members = service.list_people(session, actor, household_id=person.household_id)
        household = [m for m in members if m.id != person.id]
    return person, household, list_referrals(session, actor, person_id=person.id, limit=200)
