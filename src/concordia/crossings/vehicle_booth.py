"""The booth's vehicle flow: a plate, its driver and passengers read in one go.

Built on `groups.submit_group` and `groups.decide_group`, as the JSON API's
`/api/vehicle-crossings`; the page sends the documents as the reader typed them, one
after the other, and `split_documents` cuts them apart by their MRZ line lengths.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.crossings import groups
from concordia.crossings.booth import build
from concordia.crossings.schemas import (
    CrossingRead,
    DecisionIn,
    DocumentIn,
    GroupCreate,
    GroupDecisionResult,
    PersonIn,
)
from concordia.crossings.views import crossing_read
from concordia.errors import ValidationFailed
from concordia.vehicles.schemas import VehicleIn

LINES_OF = {44: 2, 36: 2, 30: 3}  # TD3 / TD2, MRV-B / TD1


def split_documents(text: str, *, field: str) -> list[str]:
    """Consecutive MRZs (blank lines optional) into one MRZ each, by line length."""
    lines = [line.strip().upper() for line in text.splitlines() if line.strip()]
    documents: list[str] = []
    while lines:
        size = LINES_OF.get(len(lines[0]))
        chunk = lines[:size] if size else lines[:1]
        if size is None or len(chunk) < size or any(len(line) != len(chunk[0]) for line in chunk):
            raise ValidationFailed(
                f"document {len(documents) + 1}: expected 2 lines of 44 or 36 characters "
                f"or 3 of 30, got a line of {len(chunk[0])}",
                field=f"{field}[{len(documents)}]",
            )
        documents.append("\n".join(chunk))
        lines = lines[size:]
    return documents


@dataclass(frozen=True)
class VehicleRead:
    post: str
    from_country: str
    to_country: str
    mode: str
    plate: str
    registration_country: str
    driver_mrz: str
    passengers_mrz: str = ""
    control_country: str | None = None
    idempotency_key: str | None = None


@dataclass
class VehicleView:
    group_id: uuid.UUID
    people: list[CrossingRead]
    result: GroupDecisionResult | None = None

    @property
    def flagged(self) -> int:
        return sum(1 for c in self.people if any(k.recommendation != "clear" for k in c.checks))


def _person(mrz: str) -> PersonIn:
    return PersonIn(document=DocumentIn(mrz=mrz))  # lengths already checked by the split


def read(session: Session, actor: Actor, form: VehicleRead) -> VehicleView:
    drivers = split_documents(form.driver_mrz, field="driver")
    if len(drivers) != 1:
        raise ValidationFailed("read exactly one document for the driver", field="driver")
    kind = {"car": "car", "bus": "bus", "truck": "truck"}.get(form.mode, "car")
    body = build(
        GroupCreate,
        post=form.post,
        from_country=form.from_country,
        to_country=form.to_country,
        mode=form.mode,
        vehicle=build(
            VehicleIn,
            "vehicle",
            plate=form.plate,
            registration_country=form.registration_country,
            kind=kind,
        ),
        driver=_person(drivers[0]),
        passengers=[_person(m) for m in split_documents(form.passengers_mrz, field="passengers")],
        control_country=form.control_country,
        idempotency_key=form.idempotency_key,
    )
    people = groups.submit_group(session, actor, body)
    group_id = people[0].group_id
    assert group_id is not None
    return VehicleView(group_id, [crossing_read(session, c) for c in people])


def decide(session: Session, actor: Actor, group_id: uuid.UUID, decision: str) -> VehicleView:
    """One decision for everyone aboard; clearing leaves flagged people to decide one by one."""
    if decision not in ("clear", "refer", "refuse"):
        raise ValidationFailed("choose clear, refer or refuse", field="decision")
    body = build(DecisionIn, country=actor.country, decision=decision)
    result = groups.decide_group(session, actor, group_id, body)
    people = [crossing_read(session, c) for c in groups.members(session, actor, group_id)]
    return VehicleView(group_id, people, result)
