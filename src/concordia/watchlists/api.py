"""JSON routes for watch lists and alerts; creating an alert runs the retro-check."""

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from concordia.screening.retro import RetroSighting, retro_check
from concordia.watchlists import exchange, search, service
from concordia.watchlists.schemas import AlertCreate, AlertRead, ImportReport, ListCreate, ListRead
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["watch lists"])
MAX_UPLOAD = 200 * 1024 * 1024


class AlertCreated(BaseModel):
    alert: AlertRead
    retro_check: list[RetroSighting]


@router.get("/watchlists")
def list_watchlists(session: SessionDep, actor: ActorDep) -> list[ListRead]:
    return [ListRead.model_validate(w) for w in service.lists(session, actor)]


@router.post("/watchlists", status_code=201)
def create_watchlist(body: ListCreate, session: SessionDep, actor: ActorDep) -> ListRead:
    return ListRead.model_validate(service.create_list(session, actor, body))


@router.get("/watchlists/{code}/alerts")
def alerts_of(
    code: str, session: SessionDep, actor: ActorDep, limit: int = Query(100, ge=1, le=1000)
) -> list[AlertRead]:
    return [
        AlertRead.model_validate(a) for a in service.alerts_of(session, actor, code, limit=limit)
    ]


@router.post("/watchlists/{code}/import")
async def import_watchlist(
    code: str,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    format: Literal["ftm", "csv", "documents"] = "ftm",
    replace: bool = False,
) -> ImportReport:
    """Body: the file itself (FtM JSON lines, person CSV or stolen-document CSV)."""
    raw = await request.body()
    if len(raw) > MAX_UPLOAD:
        from concordia.errors import ValidationFailed

        raise ValidationFailed("file larger than 200 MB", field="body")
    lines = raw.decode("utf-8", errors="replace").splitlines(keepends=True)
    return exchange.import_list(session, actor, code, lines, fmt=format, replace=replace)


@router.get("/watchlists/{code}/export")
def export_watchlist(
    code: str, session: SessionDep, actor: ActorDep, format: Literal["ftm", "csv"] = "ftm"
) -> StreamingResponse:
    lines = list(exchange.export_list(session, actor, code, fmt=format))
    media = "application/x-ndjson" if format == "ftm" else "text/csv"
    return StreamingResponse(iter(lines), media_type=media)


@router.post("/alerts", status_code=201)
def create_alert(body: AlertCreate, session: SessionDep, actor: ActorDep) -> AlertCreated:
    """A new alert, and where its person crossed in the last 30 days."""
    alert = service.create_alert(session, actor, body)
    sightings = list(retro_check(session, actor, alert.id)) if alert.kind == "person" else []
    return AlertCreated(alert=AlertRead.model_validate(alert), retro_check=sightings)


@router.post("/alerts/{alert_id}/withdraw")
def withdraw_alert(alert_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> AlertRead:
    return AlertRead.model_validate(service.withdraw_alert(session, actor, alert_id))


@router.get("/alerts")
def search_alerts(
    session: SessionDep,
    actor: ActorDep,
    q: str = Query("", max_length=120),
    list_code: str = Query("", max_length=60),
    status: str = Query("", max_length=10),
    kind: str = Query("", max_length=10),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> list[AlertRead]:
    """Visible alerts (own agency's and shared by agreement), newest first."""
    filters = search.AlertFilter(q=q, list_code=list_code, status=status, kind=kind)
    rows = search.search_alerts(session, actor, filters, limit=limit, offset=offset)
    return [AlertRead.model_validate(row.alert) for row in rows]


@router.put("/alerts/{alert_id}")
def update_alert(
    alert_id: uuid.UUID, body: AlertCreate, session: SessionDep, actor: ActorDep
) -> AlertRead:
    """Replace an active alert's content (owner agency only); its list stays."""
    return AlertRead.model_validate(search.update_alert(session, actor, alert_id, body))


@router.post("/alerts/{alert_id}/expire")
def expire_alert(alert_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> AlertRead:
    """End the alert's validity yesterday; screening stops matching it at once."""
    return AlertRead.model_validate(search.expire_alert(session, actor, alert_id))
