"""Read shapes built from rows, with only the fields the reader may see."""

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.access.scope import is_humanitarian_liaison
from concordia.errors import NotFound, PermissionDenied
from concordia.humanitarian import minimise
from concordia.humanitarian.schemas import (
    ConsentRead,
    DocumentRead,
    EventRead,
    GroupCountRead,
    PersonRead,
    ReasonRead,
    ReferralRead,
)
from concordia.humanitarian.triage import age_on
from concordia.models import (
    Agency,
    BorderPost,
    GroupCount,
    Referral,
    ReferralEvent,
    StrandedDocument,
    StrandedPerson,
    User,
)


def post_codes(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(BorderPost.id, BorderPost.code).where(BorderPost.id.in_(wanted)))
    return {post_id: code for post_id, code in rows}


def documents_of(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[DocumentRead]]:
    found: dict[uuid.UUID, list[DocumentRead]] = {}
    query = select(StrandedDocument).where(StrandedDocument.person_id.in_(set(ids)))
    for doc in session.scalars(query.order_by(StrandedDocument.created_at)):
        found.setdefault(doc.person_id, []).append(DocumentRead.model_validate(doc))
    return found


def current_age(person: StrandedPerson, today: date | None = None) -> int | None:
    if person.birth_date is not None:
        return age_on(person.birth_date, today or datetime.now(UTC).date())
    return person.age_estimate


def _personal(person: StrandedPerson, docs: list[DocumentRead]) -> dict[str, object]:
    return {
        "given_names": person.given_names,
        "surnames": person.surnames,
        "birth_date": person.birth_date,
        "age": current_age(person),
        "sex": person.sex,
        "nationality": person.nationality,
        "intended_destination": person.intended_destination,
        "documents": docs,
        "household_id": person.household_id,
        "household_role": person.household_role,
        "priority_reasons": [ReasonRead.model_validate(r) for r in person.priority_reasons],
    }


def person_read(
    person: StrandedPerson, post: str, docs: list[DocumentRead], shown: frozenset[str]
) -> PersonRead:
    personal = {k: v for k, v in _personal(person, docs).items() if k in shown}
    return PersonRead(
        id=person.id,
        post=post,
        area=person.area,
        campaign=person.campaign,
        census_number=person.census_number,
        registered_at=person.registered_at,
        priority_score=person.priority_score,
        priority_level=person.priority_level,
        categories=list(person.categories),
        departed_at=person.departed_at,
        departure=person.departure,
        withheld=minimise.withheld(shown),
        **personal,
    )


def visible_person(session: Session, actor: Actor, person_id: uuid.UUID) -> StrandedPerson:
    """The person, if scope lets the actor read them; NotFound otherwise (never says why)."""
    visible = scope.stranded_people_visible(session, actor)
    person = session.scalars(visible.where(StrandedPerson.id == person_id)).first()
    if person is None:
        raise NotFound(f"no stranded person {person_id}", field="person_id")
    return person


def liaison_person(
    session: Session, actor: Actor, person_id: uuid.UUID, *, doing: str
) -> StrandedPerson:
    """The person, if the actor is a liaison of their post: only liaisons change or refer
    people (`doing` completes the refusal, e.g. "refer people")."""
    person = visible_person(session, actor, person_id)
    if relation_to(session, actor, person) != "liaison":
        raise PermissionDenied(f"only humanitarian liaisons of the post {doing}", field="person_id")
    return person


def relation_to(session: Session, actor: Actor, person: StrandedPerson) -> str:
    """How the actor relates to a person it may read (scope already checked the row)."""
    post = session.get_one(BorderPost, person.post_id)
    if is_humanitarian_liaison(actor) and actor.country in (post.country_a, post.country_b):
        return "liaison"
    query = (
        select(Referral.id)
        .join(Agency, Agency.id == Referral.partner_agency_id)
        .where(
            Referral.person_id == person.id,
            Agency.code == actor.agency_code,
            Referral.consent_given.is_(True),
            Referral.status != "declined",
        )
    )
    return "partner_consented" if session.scalars(query.limit(1)).first() else "partner"


def people_read(session: Session, actor: Actor, people: list[StrandedPerson]) -> list[PersonRead]:
    codes = post_codes(session, {p.post_id for p in people})
    docs = documents_of(session, [p.id for p in people])
    reads = []
    for person in people:
        shown = minimise.visible_fields(relation_to(session, actor, person), actor.agency_kind)
        reads.append(person_read(person, codes[person.post_id], docs.get(person.id, []), shown))
    return reads


def group_read(group: GroupCount, post: str) -> GroupCountRead:
    return GroupCountRead(
        id=group.id,
        post=post,
        area=group.area,
        counted_at=group.counted_at,
        total=group.total,
        nationalities=dict(group.nationalities),
        composition=dict(group.composition),
        note=group.note,
    )


def _usernames(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def _consent(referral: Referral, users: dict[uuid.UUID, str]) -> ConsentRead | None:
    if not referral.consent_given or referral.consent_at is None:
        return None
    return ConsentRead(
        given_by=referral.consent_by or "",
        relationship=referral.consent_relationship or "",
        purpose=referral.consent_purpose or "",
        given_at=referral.consent_at,
        recorded_by=users.get(referral.consent_recorded_by or uuid.UUID(int=0), ""),
    )


def history_of(session: Session, referral_id: uuid.UUID) -> list[EventRead]:
    query = select(ReferralEvent).where(ReferralEvent.referral_id == referral_id)
    events = list(session.scalars(query.order_by(ReferralEvent.at, ReferralEvent.created_at)))
    users = _usernames(session, [e.by_user for e in events])
    return [
        EventRead(
            at=e.at,
            by=users.get(e.by_user, ""),
            agency=e.by_agency,
            kind=e.kind,
            from_status=e.from_status,
            to_status=e.to_status,
            note=e.note,
        )
        for e in events
    ]


def referral_read(
    session: Session, actor: Actor, referral: Referral, *, with_history: bool = False
) -> ReferralRead:
    person = session.get_one(StrandedPerson, referral.person_id)
    partner = session.get_one(Agency, referral.partner_agency_id)
    users = _usernames(session, [referral.consent_recorded_by])
    return ReferralRead(
        id=referral.id,
        person_id=referral.person_id,
        post=post_codes(session, [referral.post_id])[referral.post_id],
        partner=partner.code,
        need=referral.need,
        reason=referral.reason,
        status=referral.status,
        created_at=referral.created_at,
        updated_at=referral.updated_at,
        consent=_consent(referral, users),
        person=people_read(session, actor, [person])[0],
        history=history_of(session, referral.id) if with_history else [],
    )
