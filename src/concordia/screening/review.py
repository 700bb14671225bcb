"""The review queue: officers confirm hits or mark false positives; owners are told."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import Agency, Alert, Crossing, Hit, Notification
from concordia.screening.hits import ACTION_ES

HIT_FIELDS = (
    "id",
    "alert_id",
    "crossing_id",
    "traveller_id",
    "source",
    "subject",
    "score",
    "explanation",
    "status",
    "due_at",
    "reason",
)
REVIEWERS = frozenset({"secondary_inspection", "supervisor", "administrator"})


def _visible_hits(session: Session, actor: Actor) -> Select[Hit]:
    """Hits on crossings the actor may see, or on alerts the actor may read."""
    today = datetime.now(UTC).date()
    crossings = scope.crossings_visible(session, actor, today).with_only_columns(Crossing.id)
    alerts = scope.alerts_visible(session, actor, today).with_only_columns(Alert.id)
    return select(Hit).where(or_(Hit.crossing_id.in_(crossings), Hit.alert_id.in_(alerts)))


def queue(
    session: Session, actor: Actor, *, status: str = "open", limit: int = 100, offset: int = 0
) -> list[Hit]:
    """Hits in review order: the nearest deadline first."""
    query = _visible_hits(session, actor).where(Hit.status == status)
    query = query.order_by(Hit.due_at, Hit.id).limit(limit).offset(offset)
    found = list(session.scalars(query))
    record(session, actor, "list", "hit", status, {"count": len(found)})
    return found


def get_hit(session: Session, actor: Actor, hit_id: uuid.UUID) -> Hit:
    hit = session.scalars(_visible_hits(session, actor).where(Hit.id == hit_id)).first()
    if hit is None:
        raise NotFound(f"no hit {hit_id}", field="hit_id")
    return hit


def review(session: Session, actor: Actor, hit_id: uuid.UUID, decision: str, reason: str) -> Hit:
    """Confirm or dismiss a hit; a dismissal needs a reason, a confirmation tells the owner."""
    if not REVIEWERS & actor.roles:
        raise PermissionDenied("only secondary inspection or supervisors review hits")
    hit = get_hit(session, actor, hit_id)
    if hit.status != "open":
        raise Conflict(f"hit already reviewed: {hit.status}", field="hit_id")
    if decision == "false_positive" and not reason.strip():
        raise ValidationFailed("say why it is a false positive", field="reason")
    hit.status = decision
    hit.reason = reason
    hit.reviewed_by = actor.user_id
    hit.reviewed_at = datetime.now(UTC)
    if decision == "confirmed":
        _notify_owner(session, hit, actor)
    session.flush()
    record(session, actor, "review", "hit", hit.id, {"decision": decision})
    return hit


def _notify_owner(session: Session, hit: Hit, actor: Actor) -> None:
    alert = session.get_one(Alert, hit.alert_id)
    subject = hit.subject
    who = f"{subject.get('given_names') or ''} {subject.get('surnames') or ''}".strip()
    message = (
        f"Coincidencia confirmada con su alerta {alert.external_id} ({alert.category}): "
        f"{who}, documento {subject.get('document_number')}, confirmada por "
        f"{actor.username} ({actor.agency_code})."
    )
    session.add(
        Notification(
            agency_id=alert.owner_agency_id, hit_id=hit.id, kind="hit_confirmed", message=message
        )
    )


def view(session: Session, actor: Actor, hit: Hit) -> dict[str, object]:
    """The hit as this actor may see it: full explanation only if the owner shares the
    alert with the actor's agency; otherwise the action to take and whom to call."""
    alert = session.get_one(Alert, hit.alert_id)
    owner = session.get_one(Agency, alert.owner_agency_id)
    shown = {c: getattr(hit, c) for c in HIT_FIELDS}
    shown |= {"action": ACTION_ES.get(alert.action, alert.action), "owner": owner.name}
    if not scope.may_read_alert(session, actor, alert, datetime.now(UTC).date()):
        detail = (
            f"Detalle reservado por {owner.acronym}: {shown['action']}; contactar a {owner.name}."
        )
        shown["explanation"] = [{"feature": "restricted", "detail": detail}]
        shown["restricted"] = True
    return shown


def notifications(
    session: Session, actor: Actor, *, unread_only: bool = True
) -> list[Notification]:
    agency = session.scalars(select(Agency).where(Agency.code == actor.agency_code)).one()
    query = select(Notification).where(Notification.agency_id == agency.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query.order_by(Notification.created_at.desc())))
