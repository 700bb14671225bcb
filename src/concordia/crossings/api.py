"""JSON routes for crossings: thin, one service call each."""

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response, status

from concordia.crossings import groups, service
from concordia.crossings.schemas import (
    CrossingCreate,
    CrossingRead,
    DecisionIn,
    GroupCreate,
    GroupDecisionResult,
)
from concordia.crossings.views import crossing_read
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/crossings", tags=["crossings"])
groups_router = APIRouter(prefix="/api/vehicle-crossings", tags=["crossings"])


@router.post("", status_code=status.HTTP_201_CREATED)
def submit_crossing(
    body: CrossingCreate, session: SessionDep, actor: ActorDep, response: Response
) -> CrossingRead:
    """Read the document once and run the checks of both countries at once."""
    crossing, replayed = service.submit(session, actor, body)
    if replayed:
        response.status_code = status.HTTP_200_OK
    return crossing_read(session, crossing, replayed=replayed)


@router.post("/{crossing_id}/decisions")
def decide(
    crossing_id: uuid.UUID, body: DecisionIn, session: SessionDep, actor: ActorDep
) -> CrossingRead:
    """One country's officer signs that country's decision."""
    crossing = service.decide(session, actor, crossing_id, body)
    return crossing_read(session, crossing)


@router.get("/{crossing_id}")
def get_crossing(crossing_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> CrossingRead:
    return crossing_read(session, service.get(session, actor, crossing_id))


@router.get("")
def list_crossings(
    session: SessionDep,
    actor: ActorDep,
    post: str | None = Query(default=None, max_length=40),
    status_: Literal["pending", "referred", "completed", "refused"] | None = Query(
        default=None, alias="status"
    ),
    traveller_id: uuid.UUID | None = None,
    limit: int = Query(default=50, ge=1, le=500),
) -> list[CrossingRead]:
    """Most recent first."""
    rows = service.list_crossings(
        session, actor, post=post, status=status_, traveller_id=traveller_id, limit=limit
    )
    return [crossing_read(session, c) for c in rows]


@groups_router.post("", status_code=status.HTTP_201_CREATED)
def submit_vehicle_crossing(
    body: GroupCreate, session: SessionDep, actor: ActorDep
) -> list[CrossingRead]:
    """A car, bus or truck with its driver and passengers, all checked in one call."""
    return [crossing_read(session, c) for c in groups.submit_group(session, actor, body)]


@groups_router.get("/{group_id}")
def get_vehicle_crossing(
    group_id: uuid.UUID, session: SessionDep, actor: ActorDep
) -> list[CrossingRead]:
    return [crossing_read(session, c) for c in groups.members(session, actor, group_id)]


@groups_router.post("/{group_id}/decisions")
def decide_vehicle_crossing(
    group_id: uuid.UUID, body: DecisionIn, session: SessionDep, actor: ActorDep
) -> GroupDecisionResult:
    """One country's decision for everyone aboard; clearing skips flagged passengers."""
    return groups.decide_group(session, actor, group_id, body)
