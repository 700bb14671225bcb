"""Census of stranded people: individual registrations and group counts.

Registration issues the next census number of the post's campaign (as Chile numbered its
2023 census at Chacalluta), runs the triage, and refuses a likely duplicate unless the
registrar names every candidate in `confirm_not_duplicate_of`: nothing is ever merged.
Only humanitarian liaisons of one of the post's two countries register people.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.humanitarian import duplicates, views
from concordia.humanitarian.schemas import (
    DuplicateCandidate,
    GroupCountCreate,
    GroupCountRead,
    PersonCreate,
    PersonRead,
)
from concordia.humanitarian.triage import Profile, age_on, triage
from concordia.ids import uuid7
from concordia.models import (
    BorderPost,
    CensusSequence,
    GroupCount,
    StrandedDocument,
    StrandedPerson,
)
from concordia.reference import service as reference
from concordia.screening.names import normalise_document

CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # older instants are typos, and break day maths
COUNTERS = ("supervisor", scope.HUMANITARIAN_ROLE)


class PossibleDuplicate(Conflict):
    """A registration resembling stored ones; the body lists them so the registrar can
    check and confirm."""

    code = "possible_duplicate"

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        numbers = ", ".join(f"{c.campaign} n.º {c.census_number} ({c.id})" for c in candidates)
        super().__init__(
            f"possible duplicate of {numbers}: check the person and, if different, "
            "register again listing these ids in confirm_not_duplicate_of",
            field="confirm_not_duplicate_of",
        )
        self.candidates = candidates

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {
            "candidates": [c.model_dump(mode="json") for c in self.candidates]
        }


def _require_post_role(actor: Actor, post: BorderPost, roles: tuple[str, ...]) -> None:
    if not set(roles) & actor.roles:
        raise PermissionDenied(f"only {' or '.join(roles)} may do this", field="post")
    if actor.country not in (post.country_a, post.country_b):
        raise PermissionDenied(f"{post.code} is not a post of {actor.country}", field="post")


def _moment(at: datetime | None, field: str) -> datetime:
    now = datetime.now(UTC)
    if at is None:
        return now
    if at > now + CLOCK_SKEW:
        raise ValidationFailed(f"{field} is in the future", field=field)
    if at < EARLIEST:
        raise ValidationFailed(f"{field} is before {EARLIEST:%Y-%m-%d}", field=field)
    return at.astimezone(UTC)


def _age(body: PersonCreate, day: date) -> int | None:
    if body.birth_date is not None:
        if body.birth_date > day:
            raise ValidationFailed("birth_date is after the registration date", field="birth_date")
        if age_on(body.birth_date, day) > 120:
            raise ValidationFailed("birth_date gives an age above 120", field="birth_date")
        return age_on(body.birth_date, day)
    return body.age_estimate


def _check_person(body: PersonCreate, age: int | None) -> None:
    if body.birth_date is not None and body.age_estimate is not None:
        raise ValidationFailed("give birth_date or age_estimate, not both", field="age_estimate")
    if body.pregnant and body.sex != "F":
        raise ValidationFailed("pregnant is only recorded for sex F", field="pregnant")
    if body.unaccompanied and (age is None or age >= 18):
        raise ValidationFailed(
            "unaccompanied applies to minors: give a birth date or age under 18",
            field="unaccompanied",
        )


def next_census_number(session: Session, post_id: uuid.UUID, campaign: str) -> int:
    """The campaign's next number, in one statement: an upsert on the counter row, so two
    registrars starting a new campaign at once cannot both insert it (the second waits on
    the row and gets the next number)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(CensusSequence)
        .values(post_id=post_id, campaign=campaign, last_number=1)
        .on_conflict_do_update(
            index_elements=["post_id", "campaign"],
            set_={"last_number": CensusSequence.last_number + 1},
        )
        .returning(CensusSequence.last_number)
    )
    return int(session.execute(statement).scalar_one())


def _pool(
    session: Session, actor: Actor, body: PersonCreate, keys: set[str]
) -> list[StrandedPerson]:
    """Registrations the registrar may see that could match: same or unknown birth date, or
    a shared document. Candidates show names, so they never come from outside the scope."""
    by_doc = select(StrandedDocument.person_id).where(StrandedDocument.number_key.in_(keys))
    clauses: list[Any] = [StrandedPerson.id.in_(by_doc)]
    if body.birth_date is not None:
        clauses += [
            StrandedPerson.birth_date == body.birth_date,
            StrandedPerson.birth_date.is_(None),
        ]
    else:
        clauses.append(StrandedPerson.id.is_not(None))
    visible = scope.stranded_people_visible(session, actor)
    return list(session.scalars(visible.where(or_(*clauses))))


def _duplicates(session: Session, actor: Actor, body: PersonCreate) -> list[DuplicateCandidate]:
    keys = {normalise_document(d.number) for d in body.documents} - {""}
    pool = _pool(session, actor, body, keys)
    docs = views.documents_of(session, [p.id for p in pool])
    new = duplicates.Identity(
        "new",
        body.given_names,
        body.surnames,
        body.birth_date,
        tuple(d.number for d in body.documents),
    )
    stored = [
        duplicates.Identity(
            str(p.id),
            p.given_names,
            p.surnames,
            p.birth_date,
            tuple(d.number for d in docs.get(p.id, [])),
        )
        for p in pool
    ]
    by_id = {str(p.id): p for p in pool}
    codes = views.post_codes(session, {p.post_id for p in pool})
    return [
        DuplicateCandidate(
            id=by_id[c.ref].id,
            post=codes[by_id[c.ref].post_id],
            campaign=by_id[c.ref].campaign,
            census_number=by_id[c.ref].census_number,
            name_similarity=c.name_similarity,
            reasons=list(c.reasons),
        )
        for c in duplicates.find_duplicates(new, stored)
    ]


def _household(session: Session, actor: Actor, household_id: uuid.UUID | None) -> uuid.UUID:
    if household_id is None:
        return uuid7()
    visible = scope.stranded_people_visible(session, actor)
    if session.scalars(visible.where(StrandedPerson.household_id == household_id)).first() is None:
        raise NotFound(f"no household {household_id}", field="household_id")
    return household_id


def _documents(session: Session, body: PersonCreate) -> list[StrandedDocument]:
    found = []
    for index, doc in enumerate(body.documents):
        key = normalise_document(doc.number)
        if not key:
            raise ValidationFailed(
                "a document number needs letters or digits", field=f"documents.{index}.number"
            )
        state = None
        if doc.issuing_state:
            state = reference.country_code(
                session, doc.issuing_state, field=f"documents.{index}.issuing_state"
            )
        found.append(
            StrandedDocument(
                kind=doc.kind,
                number=doc.number,
                number_key=key,
                issuing_state=state,
                expired=doc.expired,
            )
        )
    return found


def _new_person(
    session: Session, actor: Actor, body: PersonCreate, post: BorderPost, at: datetime
) -> StrandedPerson:
    age = _age(body, at.date())
    _check_person(body, age)
    result = triage(
        Profile(
            age,
            body.pregnant,
            body.unaccompanied,
            body.disability,
            body.serious_illness or None,
            tuple(body.protection_needs),
        )
    )
    destination = body.intended_destination
    return StrandedPerson(
        post_id=post.id,
        area=body.area,
        campaign=body.campaign,
        registered_at=at,
        registered_by=actor.user_id,
        given_names=body.given_names,
        surnames=body.surnames,
        birth_date=body.birth_date,
        age_estimate=body.age_estimate,
        sex=body.sex,
        nationality=reference.country_code(session, body.nationality, field="nationality"),
        intended_destination=reference.country_code(
            session, destination, field="intended_destination"
        )
        if destination
        else None,
        household_id=_household(session, actor, body.household_id),
        household_role=body.household_role,
        pregnant=body.pregnant,
        unaccompanied=body.unaccompanied,
        disability=body.disability,
        serious_illness=body.serious_illness or None,
        protection_needs=list(body.protection_needs),
        priority_score=result.score,
        priority_level=result.level,
        priority_reasons=[
            {"code": r.code, "weight": r.weight, "detail": r.detail} for r in result.reasons
        ],
        categories=result.categories,
        confirmed_not_duplicate_of=[str(i) for i in body.confirm_not_duplicate_of],
    )


def register(session: Session, actor: Actor, body: PersonCreate) -> PersonRead:
    """Register one person; raises PossibleDuplicate unless every candidate is confirmed."""
    post = reference.get_post(session, body.post)
    _require_post_role(actor, post, (scope.HUMANITARIAN_ROLE,))
    at = _moment(body.registered_at, "registered_at")
    person = _new_person(session, actor, body, post, at)
    documents = _documents(session, body)
    candidates = _duplicates(session, actor, body)
    unconfirmed = [c for c in candidates if c.id not in set(body.confirm_not_duplicate_of)]
    if unconfirmed:
        raise PossibleDuplicate(unconfirmed)
    person.census_number = next_census_number(session, post.id, body.campaign)
    session.add(person)
    session.flush()
    for doc in documents:
        doc.person_id = person.id
        session.add(doc)
    session.flush()
    details = {
        "post": post.code,
        "campaign": person.campaign,
        "number": person.census_number,
        "confirmed_not_duplicate_of": person.confirmed_not_duplicate_of,
    }
    record(session, actor, "create", "stranded_person", person.id, details)
    return views.people_read(session, actor, [person])[0]


def get_person(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonRead:
    person = views.visible_person(session, actor, person_id)
    record(session, actor, "read", "stranded_person", person.id)
    return views.people_read(session, actor, [person])[0]


def list_people(
    session: Session,
    actor: Actor,
    *,
    post: str | None = None,
    campaign: str | None = None,
    level: str | None = None,
    household_id: uuid.UUID | None = None,
    limit: int = 100,
) -> list[PersonRead]:
    """People the actor may read, most urgent first, then by census number."""
    query = scope.stranded_people_visible(session, actor)
    if post:
        query = query.where(StrandedPerson.post_id == reference.get_post(session, post).id)
    if campaign:
        query = query.where(StrandedPerson.campaign == campaign)
    if level:
        query = query.where(StrandedPerson.priority_level == level)
    if household_id:
        query = query.where(StrandedPerson.household_id == household_id)
    order = (StrandedPerson.priority_score.desc(), StrandedPerson.census_number)
    people = list(session.scalars(query.order_by(*order).limit(limit)))
    record(session, actor, "list", "stranded_person", post or "*", {"count": len(people)})
    return views.people_read(session, actor, people)


def _check_group(session: Session, body: GroupCountCreate) -> dict[str, int]:
    if sum(body.nationalities.values()) > body.total:
        raise ValidationFailed("nationalities add up to more than total", field="nationalities")
    if any(n < 0 for n in [*body.nationalities.values(), *body.composition.values()]):
        raise ValidationFailed("counts cannot be negative", field="nationalities")
    for key, value in body.composition.items():
        if value > body.total:
            raise ValidationFailed(f"{key} exceeds total", field=f"composition.{key}")
    if sum(body.composition.get(k, 0) for k in ("men", "women", "children")) > body.total:
        raise ValidationFailed("men + women + children exceed total", field="composition")
    mix: dict[str, int] = {}
    for code, count in body.nationalities.items():
        alpha3 = reference.country_code(session, code, field=f"nationalities.{code}")
        mix[alpha3] = mix.get(alpha3, 0) + count
    return mix


def record_group(session: Session, actor: Actor, body: GroupCountCreate) -> GroupCountRead:
    """A head count of people who declined to register (aggregate, no personal data)."""
    post = reference.get_post(session, body.post)
    _require_post_role(actor, post, COUNTERS)
    group = GroupCount(
        post_id=post.id,
        area=body.area,
        counted_at=_moment(body.counted_at, "counted_at"),
        counted_by=actor.user_id,
        total=body.total,
        nationalities=_check_group(session, body),
        composition=dict(body.composition),
        note=body.note,
    )
    session.add(group)
    session.flush()
    record(session, actor, "create", "stranded_group_count", group.id, {"total": group.total})
    return views.group_read(group, post.code)


def list_groups(
    session: Session, actor: Actor, *, post: str | None = None, limit: int = 200
) -> list[GroupCountRead]:
    query = select(GroupCount).where(GroupCount.post_id.in_(scope.humanitarian_posts(actor)))
    if post:
        query = query.where(GroupCount.post_id == reference.get_post(session, post).id)
    groups = list(session.scalars(query.order_by(GroupCount.counted_at.desc()).limit(limit)))
    codes = views.post_codes(session, {g.post_id for g in groups})
    return [views.group_read(g, codes[g.post_id]) for g in groups]
