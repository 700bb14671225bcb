"""Vehicle crossings: the driver and every passenger inspected in one transaction.

Each person still gets their own crossing and checks (people are admitted, not vehicles);
the group id ties them together so an officer can clear a whole bus in one action,
except the passengers whose checks recommend something other than clearing.
"""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.crossings import service
from concordia.crossings.schemas import (
    CrossingCreate,
    DecisionIn,
    GroupCreate,
    GroupDecisionResult,
    PersonIn,
)
from concordia.errors import DomainError, NotFound
from concordia.ids import uuid7
from concordia.models import Crossing
from concordia.reference import service as reference


def _person_body(group: GroupCreate, person: PersonIn, role: str, index: int) -> CrossingCreate:
    key = f"{group.idempotency_key}:{index}" if group.idempotency_key else None
    return CrossingCreate(
        **group.model_dump(include={"post", "from_country", "to_country", "mode", "occurred_at"}),
        control_country=group.control_country,
        document=person.document,
        vehicle=group.vehicle,
        vehicle_role=role,
        idempotency_key=key,
        minor_accompaniment=person.minor_accompaniment,
        has_minor_authorisation=person.has_minor_authorisation,
        has_visa=person.has_visa,
    )


def submit_group(session: Session, actor: Actor, group: GroupCreate) -> list[Crossing]:
    """All or nothing: a bad passenger document names its place and stores no one."""
    people = [("driver", group.driver)] + [("passenger", p) for p in group.passengers]
    group_id = uuid7()
    crossings = []
    for index, (role, person) in enumerate(people):
        where = "driver" if index == 0 else f"passengers[{index - 1}]"
        try:
            crossing, _ = service.submit(session, actor, _person_body(group, person, role, index))
        except DomainError as exc:
            exc.field = f"{where}.{exc.field}" if exc.field else where
            raise
        crossing.group_id = crossing.group_id or group_id
        crossings.append(crossing)
    session.flush()
    return crossings


def members(session: Session, actor: Actor, group_id: uuid.UUID) -> list[Crossing]:
    rows = list(
        session.scalars(
            select(Crossing).where(Crossing.group_id == group_id).order_by(Crossing.created_at)
        )
    )
    if not rows:
        raise NotFound(f"no vehicle crossing {group_id}", field="group_id")
    return rows


WAITING = ("pending", "referred")


def decide_group(
    session: Session, actor: Actor, group_id: uuid.UUID, body: DecisionIn
) -> GroupDecisionResult:
    """Apply one country's decision to every member still waiting for it.

    Clearing skips members whose check recommends refer or refuse: those need the
    officer's individual decision.
    """
    country = reference.country_code(session, body.country, field="country")
    body = body.model_copy(update={"country": country})
    decided, skipped = [], []
    for crossing in members(session, actor, group_id):
        check = next(
            (c for c in service.checks_of(session, crossing.id) if c.country == country),
            None,
        )
        if check is None or check.decision is not None or crossing.status not in WAITING:
            continue
        if body.decision == "clear" and check.recommendation != "clear":
            skipped.append(crossing.id)
            continue
        service.decide(session, actor, crossing.id, body)
        decided.append(crossing.id)
    return GroupDecisionResult(decided=decided, left_for_individual_decision=skipped)
