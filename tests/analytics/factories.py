"""Crossing rows written straight to the tables, at chosen times: analytics reads them."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from concordia.models import BorderPost, Crossing, QueueArrival, TravelDocument, Traveller
from concordia.reference.service import get_post


def post(session: Session, code: str = "santa-rosa-chacalluta") -> BorderPost:
    return get_post(session, code)


def crossing(
    session: Session,
    at: datetime,
    *,
    code: str = "santa-rosa-chacalluta",
    mode: str = "foot",
    reverse: bool = False,
    nationality: str = "PER",
    status: str = "completed",
    decided_after: timedelta | None = timedelta(minutes=2),
    queued_before: timedelta | None = None,
) -> Crossing:
    """One traveller's crossing at `at` (UTC), decided `decided_after` later, with a queue
    ticket `queued_before` the crossing when given."""
    where = post(session, code)
    origin, dest = (
        (where.country_b, where.country_a) if reverse else (where.country_a, where.country_b)
    )
    person = Traveller(surnames="QUISPE", given_names="ANA", name_key=uuid.uuid4().hex,
                       nationality=nationality)  # fmt: skip
    session.add(person)
    session.flush()
    doc = TravelDocument(traveller_id=person.id, kind="id_card", document_code="ID",
                         issuing_state=nationality, number=uuid.uuid4().hex[:12])  # fmt: skip
    session.add(doc)
    session.flush()
    row = Crossing(post_id=where.id, from_country=origin, to_country=dest, control=where.control,
                   mode=mode, traveller_id=person.id, document_id=doc.id, status=status,
                   occurred_at=at, facts={},
                   completed_at=at + decided_after if decided_after else None)  # fmt: skip
    session.add(row)
    session.flush()
    if queued_before is not None:
        session.add(QueueArrival(crossing_id=row.id, post_id=where.id,
                                 queued_at=at - queued_before, source="test"))  # fmt: skip
        session.flush()
    return row
