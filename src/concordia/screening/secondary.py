"""Secondary inspection: a hit with everything needed to resolve it, resolved in one step.

Reviewing the hit (`review.review`) and, when the hit came from a crossing, signing the
officer's own country's decision on that crossing (`crossings.service.decide`) happen
in one transaction, so a traveller is never left cleared with the hit still open.
"""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingRead, DecisionIn
from concordia.crossings.views import crossing_read
from concordia.errors import ValidationFailed
from concordia.models import Hit
from concordia.screening import review

HISTORY_LIMIT = 20
ACTIONS = (
    "interviewed_and_released",
    "document_retained",
    "vehicle_retained",
    "handed_to_police",
    "entry_refused",
    "minor_protected",
    "owner_contacted",
)


REFERRALS_SHOWN = 50


@dataclass
class Queue:
    """Hits in review order (one page) and the crossings referred by a booth."""

    hits: list[dict[str, object]]
    referrals: list[CrossingRead]


def queue(
    session: Session, actor: Actor, *, status: str = "open", limit: int = 50, offset: int = 0
) -> Queue:
    """Referrals without a hit (a rule asked for it, or the officer) wait here too; those
    with a hit are worked from the hit."""
    hits = review.queue(session, actor, status=status, limit=limit, offset=offset)
    referred = crossings.list_crossings(session, actor, status="referred", limit=REFERRALS_SHOWN)
    ids = [c.id for c in referred]
    with_hits = set(session.scalars(select(Hit.crossing_id).where(Hit.crossing_id.in_(ids))))
    return Queue(
        hits=[review.view(session, actor, h) for h in hits],
        referrals=[crossing_read(session, c) for c in referred if c.id not in with_hits],
    )


@dataclass
class HitDetail:
    hit: dict[str, object]
    crossing: CrossingRead | None = None
    history: list[CrossingRead] = field(default_factory=list)
    may_review: bool = False


def detail(session: Session, actor: Actor, hit_id: uuid.UUID) -> HitDetail:
    """The hit as the actor may see it, its crossing, and the traveller's recent crossings."""
    hit = review.get_hit(session, actor, hit_id)
    record(session, actor, "read", "hit", hit.id)  # a watch-list match is sensitive
    shown = HitDetail(
        review.view(session, actor, hit), may_review=bool(review.REVIEWERS & actor.roles)
    )
    if hit.crossing_id is not None:
        shown.crossing = crossing_read(session, crossings.get(session, actor, hit.crossing_id))
    if hit.traveller_id is not None:
        rows = crossings.list_crossings(
            session, actor, traveller_id=hit.traveller_id, limit=HISTORY_LIMIT
        )
        shown.history = [crossing_read(session, c) for c in rows]
    return shown


@dataclass(frozen=True)
class Resolution:
    decision: str  # confirmed | false_positive
    action_taken: str = ""
    note: str = ""
    crossing_decision: str = ""  # "", clear, refer or refuse: the actor's country's decision


def _reason(resolution: Resolution) -> str:
    if resolution.action_taken and resolution.action_taken not in ACTIONS:
        raise ValidationFailed(f"unknown action {resolution.action_taken!r}", field="action_taken")
    parts = [f"action: {resolution.action_taken}"] if resolution.action_taken else []
    return "; ".join([*parts, resolution.note.strip()] if resolution.note.strip() else parts)


def resolve(session: Session, actor: Actor, hit_id: uuid.UUID, resolution: Resolution) -> HitDetail:
    """Confirm or dismiss the hit, record the action taken, decide the crossing if asked."""
    if resolution.decision not in ("confirmed", "false_positive"):
        raise ValidationFailed("choose confirmed or false positive", field="decision")
    if resolution.crossing_decision not in ("", "clear", "refer", "refuse"):
        raise ValidationFailed("choose clear, refer or refuse", field="crossing_decision")
    hit = review.review(session, actor, hit_id, resolution.decision, _reason(resolution))
    if resolution.crossing_decision:
        if hit.crossing_id is None:
            raise ValidationFailed("this hit has no crossing to decide", field="crossing_decision")
        body = DecisionIn(
            country=actor.country,
            decision=resolution.crossing_decision,
            note=f"control secundario: {resolution.decision}",
        )
        crossings.decide(session, actor, hit.crossing_id, body)
    return detail(session, actor, hit_id)
