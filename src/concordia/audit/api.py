"""Audit search for administrators and oversight bodies."""

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from concordia.audit.service import search
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/audit", tags=["audit"])


class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    at: datetime
    username: str
    agency: str
    action: str
    object_type: str
    object_id: str
    purpose: str
    source: str
    details: dict[str, object]
    entry_hash: str


@router.get("")
def audit_search(
    session: SessionDep,
    actor: ActorDep,
    username: str | None = Query(None, max_length=80),
    object_id: str | None = Query(None, max_length=80),
    since: datetime | None = None,
    limit: int = Query(200, ge=1, le=5000),
) -> list[AuditRead]:
    found = search(session, actor, username=username, object_id=object_id, since=since, limit=limit)
    return [AuditRead.model_validate(e) for e in found]
