"""JSON routes of the operational picture under /api/ops, and the public notice feed
under /public (no login: transport companies read it)."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from concordia.errors import NotFound
from concordia.models import Notice
from concordia.operations import (
    emergencies,
    events,
    feed,
    layers,
    notices,
    patrols,
    posts,
    sections,
)
from concordia.operations.schemas import (
    CoverageReport,
    EmergencyIn,
    EmergencyLiftIn,
    EmergencyRead,
    EventImpactIn,
    EventIn,
    EventKind,
    EventRead,
    NoticeIn,
    NoticeRead,
    PatrolIn,
    PatrolRead,
    PatrolTrackIn,
    PostStatusChangeRead,
    PostStatusIn,
    PostStatusRead,
    SectionImpactIn,
    SectionRead,
)
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/ops", tags=["operations"])
public_router = APIRouter(prefix="/public", tags=["public"])
GEOJSON = "application/geo+json"


def _geojson(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, media_type=GEOJSON)


# --- posts ---------------------------------------------------------------------------


@router.get("/posts")
def list_posts(session: SessionDep, actor: ActorDep) -> list[PostStatusRead]:
    return posts.list_status(session, actor)


@router.post("/posts/{code}/status")
def set_post_status(
    code: str, body: PostStatusIn, session: SessionDep, actor: ActorDep
) -> PostStatusRead:
    return posts.status_of(session, posts.set_status(session, actor, code, body))


@router.get("/posts/{code}/history")
def post_history(code: str, session: SessionDep, actor: ActorDep) -> list[PostStatusChangeRead]:
    return [PostStatusChangeRead.model_validate(c) for c in posts.history(session, actor, code)]


# --- emergencies ---------------------------------------------------------------------


@router.post("/emergencies", status_code=201)
def declare_emergency(body: EmergencyIn, session: SessionDep, actor: ActorDep) -> EmergencyRead:
    return EmergencyRead.model_validate(emergencies.declare(session, actor, body))


@router.get("/emergencies")
def list_emergencies(
    session: SessionDep, actor: ActorDep, in_force_on: date | None = None
) -> list[EmergencyRead]:
    found = emergencies.list_declarations(session, actor, in_force_on=in_force_on)
    return [EmergencyRead.model_validate(d) for d in found]


@router.get("/emergencies/{declaration_id}")
def get_emergency(declaration_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> EmergencyRead:
    return EmergencyRead.model_validate(emergencies.get(session, actor, declaration_id))


@router.post("/emergencies/{declaration_id}/lift")
def lift_emergency(
    declaration_id: uuid.UUID, body: EmergencyLiftIn, session: SessionDep, actor: ActorDep
) -> EmergencyRead:
    return EmergencyRead.model_validate(emergencies.lift(session, actor, declaration_id, body))


# --- notices -------------------------------------------------------------------------


@router.post("/notices", status_code=201)
def create_notice(body: NoticeIn, session: SessionDep, actor: ActorDep) -> NoticeRead:
    return notices.read_models(session, [notices.create(session, actor, body)])[0]


@router.get("/notices")
def list_notices(
    session: SessionDep, actor: ActorDep, limit: int = Query(100, ge=1, le=1000)
) -> list[NoticeRead]:
    return notices.read_models(session, notices.list_notices(session, actor, limit=limit))


# --- sections and events -------------------------------------------------------------


@router.get("/sections")
def list_sections(session: SessionDep, actor: ActorDep) -> list[SectionRead]:
    return sections.read_models(session, sections.list_sections(session, actor))


@router.post("/sections/{code}/impact")
def set_section_impact(
    code: str, body: SectionImpactIn, session: SessionDep, actor: ActorDep
) -> SectionRead:
    return sections.read_models(session, [sections.set_impact(session, actor, code, body)])[0]


@router.post("/events", status_code=201)
def report_event(body: EventIn, session: SessionDep, actor: ActorDep) -> EventRead:
    return events.read_models(session, [events.report(session, actor, body)])[0]


def _event_filters(
    since: datetime | None = None,
    until: datetime | None = None,
    kind: EventKind | None = None,
    agency: str | None = None,
) -> dict[str, Any]:
    """The filters the event list and the event map layer both take."""
    return {"since": since, "until": until, "kind": kind, "agency": agency}


EventFilters = Annotated[dict[str, Any], Depends(_event_filters)]


@router.get("/events")
def list_events(
    session: SessionDep,
    actor: ActorDep,
    filters: EventFilters,
    section: str | None = None,
    limit: int = Query(500, ge=1, le=5000),
) -> list[EventRead]:
    found = events.list_events(session, actor, **filters, section=section, limit=limit)
    return events.read_models(session, found)


@router.post("/events/{event_id}/impact")
def set_event_impact(
    event_id: uuid.UUID, body: EventImpactIn, session: SessionDep, actor: ActorDep
) -> EventRead:
    return events.read_models(session, [events.set_impact(session, actor, event_id, body)])[0]


# --- patrols -------------------------------------------------------------------------


@router.post("/patrols", status_code=201)
def plan_patrol(body: PatrolIn, session: SessionDep, actor: ActorDep) -> PatrolRead:
    return PatrolRead.model_validate(patrols.plan(session, actor, body))


@router.get("/patrols")
def list_patrols(
    session: SessionDep,
    actor: ActorDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[PatrolRead]:
    found = patrols.list_patrols(session, actor, since=since, until=until)
    return [PatrolRead.model_validate(p) for p in found]


@router.post("/patrols/{code}/track")
def record_track(
    code: str, body: PatrolTrackIn, session: SessionDep, actor: ActorDep
) -> PatrolRead:
    return PatrolRead.model_validate(patrols.record_track(session, actor, code, body))


@router.get("/coverage")
def coverage(
    session: SessionDep,
    actor: ActorDep,
    since: datetime,
    until: datetime,
    buffer_km: float = patrols.DEFAULT_BUFFER_KM,
) -> CoverageReport:
    return patrols.coverage_report(session, actor, since=since, until=until, buffer_km=buffer_km)


# --- map layers (GeoJSON) ------------------------------------------------------------


@router.get("/geo/events", response_class=JSONResponse)
def events_layer(session: SessionDep, actor: ActorDep, filters: EventFilters) -> JSONResponse:
    return _geojson(layers.events_layer(session, actor, **filters))


@router.get("/geo/sections", response_class=JSONResponse)
def sections_layer(session: SessionDep, actor: ActorDep) -> JSONResponse:
    return _geojson(layers.sections_layer(session, actor))


@router.get("/geo/posts", response_class=JSONResponse)
def posts_layer(session: SessionDep, actor: ActorDep) -> JSONResponse:
    return _geojson(layers.posts_layer(session, actor))


@router.get("/geo/patrols", response_class=JSONResponse)
def patrols_layer(
    session: SessionDep,
    actor: ActorDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> JSONResponse:
    return _geojson(layers.patrols_layer(session, actor, since, until))


# --- public feed (no login) ----------------------------------------------------------


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _public(session: Session, limit: int) -> list[NoticeRead]:
    return notices.read_models(session, notices.public_notices(session, limit=limit))


@public_router.get("/notices.json")
def public_notices_json(
    request: Request, session: SessionDep, limit: int = Query(50, ge=1, le=500)
) -> JSONResponse:
    """JSON Feed 1.1 of public closure, suspension and emergency notices."""
    body = feed.json_feed(_public(session, limit), _base_url(request))
    return JSONResponse(body, media_type="application/feed+json")


@public_router.get("/notices.atom")
def public_notices_atom(
    request: Request, session: SessionDep, limit: int = Query(50, ge=1, le=500)
) -> Response:
    """Atom 1.0 feed of the same notices, for feed readers and transport companies."""
    body = feed.atom(_public(session, limit), _base_url(request), datetime.now(UTC))
    return Response(body, media_type="application/atom+xml")


@public_router.get("/notices/{notice_id}")
def public_notice(notice_id: uuid.UUID, session: SessionDep) -> NoticeRead:
    notice = session.get(Notice, notice_id)
    if notice is None or not notice.public:
        raise NotFound(f"no public notice {notice_id}", field="notice_id")
    return notices.read_models(session, [notice])[0]
