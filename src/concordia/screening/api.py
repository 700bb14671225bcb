"""JSON routes for the hit review queue, notifications and advance passenger lists."""

import uuid
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from concordia.screening import review
from concordia.screening.manifest import ManifestIn, ManifestResult, screen_manifest
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["screening"])


class HitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    alert_id: uuid.UUID
    crossing_id: uuid.UUID | None
    traveller_id: uuid.UUID | None
    source: str
    subject: dict[str, object]
    score: float
    explanation: list[dict[str, object]]
    status: str
    due_at: datetime
    reason: str
    action: str
    owner: str
    restricted: bool = False


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["confirmed", "false_positive"]
    reason: str = Field(default="", max_length=500)


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    hit_id: uuid.UUID | None
    kind: str
    message: str
    created_at: datetime


@router.get("/hits")
def hit_queue(
    session: SessionDep,
    actor: ActorDep,
    status: Literal["open", "confirmed", "false_positive"] = "open",
    limit: int = Query(100, ge=1, le=1000),
) -> list[HitRead]:
    """The review queue, nearest deadline first."""
    hits = review.queue(session, actor, status=status, limit=limit)
    return [HitRead.model_validate(review.view(session, actor, h)) for h in hits]


@router.post("/hits/{hit_id}/review")
def review_hit(hit_id: uuid.UUID, body: ReviewIn, session: SessionDep, actor: ActorDep) -> HitRead:
    hit = review.review(session, actor, hit_id, body.decision, body.reason)
    return HitRead.model_validate(review.view(session, actor, hit))


@router.get("/notifications")
def notifications(session: SessionDep, actor: ActorDep) -> list[NotificationRead]:
    return [NotificationRead.model_validate(n) for n in review.notifications(session, actor)]


@router.post("/manifests/screen")
def screen_bus_manifest(
    body: ManifestIn, session: SessionDep, actor: ActorDep
) -> list[ManifestResult]:
    """A bus company's passenger list, screened in one call before the bus arrives."""
    return screen_manifest(session, actor, body)
