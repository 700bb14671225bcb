"""Intelligence reports and requests between partner forces.

A message goes from the actor's agency to one partner agency, and only when an active
sharing agreement from the sender to the recipient names "intelligence". Only the two
agencies ever see it (`scope.intel_messages_visible`); every read and every change is
audited. Life of a request: draft -> sent -> acknowledged -> answered -> closed, with
`overdue` set by `escalate_overdue` when the deadline passes unanswered (an overdue
request can still be answered). Reports skip "answered".
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.intel import deadlines
from concordia.intel.schemas import MessageCreate, MessageRead
from concordia.intel.seizures import require_role
from concordia.models import Agency, IntelMessage, Notification, Seizure
from concordia.reference import service as reference

ANALYSTS = frozenset({"analyst", "supervisor"})


def create(session: Session, actor: Actor, body: MessageCreate) -> IntelMessage:
    """A draft; nothing reaches the partner until `send`."""
    require_role(actor, ANALYSTS, "write intelligence messages")
    sender = reference.get_agency(session, actor.agency_code)
    recipient = reference.get_agency(session, body.to_agency, field="to_agency")
    if recipient.id == sender.id:
        raise ValidationFailed("a message goes to another agency", field="to_agency")
    visible = scope.seizures_visible(session, actor, datetime.now(UTC).date())
    for index, seizure_id in enumerate(body.seizure_ids):
        if session.scalars(visible.where(Seizure.id == seizure_id)).first() is None:
            raise NotFound(f"no seizure {seizure_id}", field=f"seizure_ids.{index}")
    reference_code = body.reference or f"INT-{sender.code}-{str(uuid.uuid4())[:8].upper()}"
    if session.scalars(
        select(IntelMessage.id).where(IntelMessage.reference == reference_code)
    ).first():
        raise Conflict(f"message {reference_code} already exists", field="reference")
    message = IntelMessage(
        **body.model_dump(exclude={"to_agency", "reference", "seizure_ids"}),
        reference=reference_code,
        seizure_ids=[str(s) for s in body.seizure_ids],
        from_agency_id=sender.id,
        to_agency_id=recipient.id,
        from_country=sender.country_code,
        to_country=recipient.country_code,
        status="draft",
        created_by=actor.user_id,
    )
    session.add(message)
    session.flush()
    record(session, actor, "create", "intel_message", message.id, {"to": recipient.code})
    return message


def _load(session: Session, actor: Actor, message_id: uuid.UUID) -> IntelMessage:
    query = scope.intel_messages_visible(actor).where(IntelMessage.id == message_id)
    message = session.scalars(query).first()
    if message is None:
        raise NotFound(f"no message {message_id}", field="message_id")
    return message


def _own_agency_id(session: Session, actor: Actor) -> uuid.UUID:
    return reference.get_agency(session, actor.agency_code).id


def _require_side(session: Session, actor: Actor, message: IntelMessage, side: str) -> None:
    require_role(actor, ANALYSTS, "handle intelligence messages")
    agency_id = message.from_agency_id if side == "sender" else message.to_agency_id
    if _own_agency_id(session, actor) != agency_id:
        raise PermissionDenied(f"only the {side} may do this", field="message_id")


def _require_status(message: IntelMessage, allowed: set[str], action: str) -> None:
    if message.status not in allowed:
        raise Conflict(f"a {message.status} message cannot be {action}", field="status")


def get(session: Session, actor: Actor, message_id: uuid.UUID) -> IntelMessage:
    message = _load(session, actor, message_id)
    record(session, actor, "read", "intel_message", message.id)
    return message


def send(
    session: Session, actor: Actor, message_id: uuid.UUID, now: datetime | None = None
) -> IntelMessage:
    """Send a draft: checks the agreement and starts a request's deadline."""
    now = now or datetime.now(UTC)
    message = _load(session, actor, message_id)
    _require_side(session, actor, message, "sender")
    _require_status(message, {"draft"}, "sent")
    sender = session.get_one(Agency, message.from_agency_id)
    recipient = session.get_one(Agency, message.to_agency_id)
    if not scope.agency_may_share(session, sender, recipient, "intelligence", now.date()):
        raise PermissionDenied(
            f"no sharing agreement in force lets {sender.code} send intelligence to "
            f"{recipient.code}",
            field="to_agency",
        )
    message.status, message.sent_at = "sent", now
    if message.kind == "request":
        message.due_at = deadlines.due_at(message.priority, sender.code, recipient.code, now)
    _notify(session, recipient.id, "intel_received", f"{message.reference}: {message.subject}")
    record(session, actor, "send", "intel_message", message.id, {"to": recipient.code})
    return message


def acknowledge(
    session: Session, actor: Actor, message_id: uuid.UUID, now: datetime | None = None
) -> IntelMessage:
    message = _load(session, actor, message_id)
    _require_side(session, actor, message, "recipient")
    _require_status(message, {"sent", "overdue"}, "acknowledged")
    message.acknowledged_at = now or datetime.now(UTC)
    if message.status == "sent":
        message.status = "acknowledged"
    record(session, actor, "acknowledge", "intel_message", message.id)
    return message


def answer(
    session: Session, actor: Actor, message_id: uuid.UUID, text: str, now: datetime | None = None
) -> IntelMessage:
    message = _load(session, actor, message_id)
    _require_side(session, actor, message, "recipient")
    if message.kind != "request":
        raise Conflict("only requests are answered", field="kind")
    _require_status(message, {"sent", "acknowledged", "overdue"}, "answered")
    now = now or datetime.now(UTC)
    message.answer, message.answered_at, message.status = text, now, "answered"
    message.acknowledged_at = message.acknowledged_at or now
    _notify(session, message.from_agency_id, "intel_answered", f"{message.reference} respondida")
    record(session, actor, "answer", "intel_message", message.id)
    return message


def close(
    session: Session, actor: Actor, message_id: uuid.UUID, now: datetime | None = None
) -> IntelMessage:
    """The sender closes an answered request or an acknowledged report."""
    message = _load(session, actor, message_id)
    _require_side(session, actor, message, "sender")
    allowed = {"answered"} if message.kind == "request" else {"sent", "acknowledged"}
    _require_status(message, allowed, "closed")
    message.status, message.closed_at = "closed", now or datetime.now(UTC)
    record(session, actor, "close", "intel_message", message.id)
    return message


def inbox(
    session: Session,
    actor: Actor,
    *,
    box: str = "all",
    status: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[IntelMessage]:
    """Messages received ("in"), sent ("out") or both, newest first (the console pages
    through them with `limit` and `offset`)."""
    if box not in ("in", "out", "all"):
        raise ValidationFailed("box is in, out or all", field="box")
    query = scope.intel_messages_visible(actor)
    own = _own_agency_id(session, actor)
    if box == "in":
        query = query.where(IntelMessage.to_agency_id == own)
    elif box == "out":
        query = query.where(IntelMessage.from_agency_id == own)
    if status:
        query = query.where(IntelMessage.status == status)
    ordered = query.order_by(IntelMessage.created_at.desc(), IntelMessage.id)
    found = list(session.scalars(ordered.limit(limit).offset(offset)))
    record(session, actor, "list", "intel_message", box, {"count": len(found)})
    return found


def _notify(session: Session, agency_id: uuid.UUID, kind: str, message: str) -> None:
    session.add(Notification(agency_id=agency_id, kind=kind, message=message[:1000]))


def escalate_overdue(session: Session, actor: Actor, now: datetime) -> list[IntelMessage]:
    """Mark requests past their deadline `overdue` and notify the supervisors of both
    agencies. Run by a scheduled job as the system user; `now` is injected so that a
    run is repeatable. Already escalated requests are not escalated twice."""
    if not {"system", "supervisor"} & actor.roles:
        raise PermissionDenied("escalation runs as the system user or a supervisor", field="roles")
    # The scheduled job sees every agency's requests; a supervisor only those of their own.
    base = select(IntelMessage) if "system" in actor.roles else scope.intel_messages_visible(actor)
    query = base.where(
        IntelMessage.kind == "request",
        IntelMessage.status.in_(deadlines.OPEN),
        IntelMessage.due_at < now,
    )
    late = [m for m in session.scalars(query.order_by(IntelMessage.due_at))]
    for message in late:
        message.status, message.escalated_at = "overdue", now
        text = f"SUPERVISOR: {message.reference} vencida desde {message.due_at:%Y-%m-%d %H:%M} UTC"
        _notify(session, message.to_agency_id, "intel_overdue_supervisor", text)
        _notify(session, message.from_agency_id, "intel_overdue_supervisor", text)
        record(session, actor, "escalate", "intel_message", message.id)
    return late


def read_models(session: Session, messages: list[IntelMessage]) -> list[MessageRead]:
    codes = {i: c for i, c in session.execute(select(Agency.id, Agency.code))}
    return [
        MessageRead.model_validate(m).model_copy(
            update={"from_agency": codes[m.from_agency_id], "to_agency": codes[m.to_agency_id]}
        )
        for m in messages
    ]
