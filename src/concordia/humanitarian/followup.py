"""After registration: new needs (re-triage) and departures of stranded people.

Only liaisons of the post's countries change a person. The triage runs again on the
person's age today, so a child who turned 18 while waiting loses the child weight. A
departure keeps the record (figures and referrals need it) and stops counting the
person as waiting from that day.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, ValidationFailed
from concordia.humanitarian import views
from concordia.humanitarian.schemas import DepartureIn, NeedsUpdate, PersonRead
from concordia.humanitarian.service import CLOCK_SKEW
from concordia.humanitarian.triage import Profile, triage
from concordia.models import StrandedPerson


def retriage(person: StrandedPerson) -> None:
    """Score the person again from the stored facts and today's age."""
    age = views.current_age(person)
    if person.unaccompanied and (age is None or age >= 18):
        person.unaccompanied = False  # no longer a minor: the flag no longer applies
    result = triage(
        Profile(
            age,
            person.pregnant,
            person.unaccompanied,
            person.disability,
            person.serious_illness,
            tuple(person.protection_needs),
        )
    )
    person.priority_score, person.priority_level = result.score, result.level
    person.priority_reasons = [
        {"code": r.code, "weight": r.weight, "detail": r.detail} for r in result.reasons
    ]
    person.categories = result.categories


def update_needs(
    session: Session, actor: Actor, person_id: uuid.UUID, body: NeedsUpdate
) -> PersonRead:
    person = views.liaison_person(session, actor, person_id, doing="change a person")
    changes = body.model_dump(exclude_none=True)
    if changes.get("pregnant") and person.sex != "F":
        raise ValidationFailed("pregnant is only recorded for sex F", field="pregnant")
    age = views.current_age(person)
    if changes.get("unaccompanied") and (age is None or age >= 18):
        raise ValidationFailed("unaccompanied applies to minors", field="unaccompanied")
    for key, value in changes.items():
        setattr(person, key, (value or None) if key == "serious_illness" else value)
    before = person.priority_score
    retriage(person)
    person.updated_at = datetime.now(UTC)
    details = {"changed": sorted(changes), "score": [before, person.priority_score]}
    record(session, actor, "update", "stranded_person", person.id, details)
    return views.people_read(session, actor, [person])[0]


def record_departure(
    session: Session, actor: Actor, person_id: uuid.UUID, body: DepartureIn
) -> PersonRead:
    person = views.liaison_person(session, actor, person_id, doing="change a person")
    if person.departed_at is not None:
        raise Conflict(
            f"already recorded as {person.departure} on {person.departed_at:%Y-%m-%d}",
            field="departure",
        )
    now = datetime.now(UTC)
    at = body.at.astimezone(UTC) if body.at else now
    if at > now + CLOCK_SKEW or at < person.registered_at:
        raise ValidationFailed("at must lie between the registration and now", field="at")
    person.departed_at, person.departure, person.updated_at = at, body.departure, now
    record(session, actor, "depart", "stranded_person", person.id, {"departure": body.departure})
    return views.people_read(session, actor, [person])[0]
