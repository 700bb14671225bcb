"""JSON routes of analytics; the public wait feed has its own router without login."""

import uuid
from datetime import date, datetime

from fastapi import APIRouter, Query

from concordia.analytics import outlook, planning, service
from concordia.analytics.overview import PostOverview, overview
from concordia.analytics.schemas import (
    Comparison,
    DiversionReport,
    FlowReport,
    ForecastReport,
    ScenarioCreate,
    ScenarioRead,
    StaffingPlan,
    WaitFeed,
)
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/analytics", tags=["analytics"])
public_router = APIRouter(prefix="/public", tags=["public"])


@public_router.get("/waits")
def public_waits(session: SessionDep) -> WaitFeed:
    """Current waits per post and lane type, like the US CBP border wait-time feed."""
    return service.wait_feed(session)


@router.get("/flows")
def flows(
    session: SessionDep,
    actor: ActorDep,
    post: str,
    start: date,
    end: date,
    granularity: str = "hour",
    measure: str = "arrivals",
    by: str = Query("flow", description="comma-separated: flow, direction, nationality"),
) -> FlowReport:
    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    return service.flows(session, actor, post=post, start=start, end=end,
                         granularity=granularity, measure=measure, by=dims)  # fmt: skip


@router.get("/waits")
def waits(session: SessionDep, actor: ActorDep, at: datetime | None = None) -> WaitFeed:
    """The same figures as the public feed, at any moment (`at`, default now)."""
    return service.wait_feed(session, at)


@router.get("/staffing")
def staffing(
    session: SessionDep,
    actor: ActorDep,
    post: str,
    flow: str,
    day: date,
    direction: str = "a_to_b",
    target_min: float = Query(15.0, gt=0, le=600),
    level: float = Query(0.9, gt=0, lt=1),
    group_size: int = Query(1, ge=1, le=60, description="travellers arriving together"),
) -> StaffingPlan:
    return planning.staffing_plan(session, actor, post=post, flow=flow, direction=direction,
                                  day=day, target_min=target_min, level=level,
                                  group_size=group_size)  # fmt: skip


@router.post("/scenarios", status_code=201)
def create_scenario(body: ScenarioCreate, session: SessionDep, actor: ActorDep) -> ScenarioRead:
    return planning.read(session, planning.run_scenario(session, actor, body))


@router.get("/scenarios")
def list_scenarios(session: SessionDep, actor: ActorDep) -> list[ScenarioRead]:
    return [planning.read(session, s) for s in planning.list_scenarios(session, actor)]


@router.get("/scenarios/compare")
def compare(session: SessionDep, actor: ActorDep, ids: list[uuid.UUID] = Query(...)) -> Comparison:
    return planning.compare(session, actor, ids)


@router.get("/scenarios/{scenario_id}")
def get_scenario(scenario_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> ScenarioRead:
    return planning.read(session, planning.get_scenario(session, actor, scenario_id))


@router.get("/forecast")
def forecast(
    session: SessionDep,
    actor: ActorDep,
    post: str,
    series: str = "arrivals",
    granularity: str = "day",
    horizon: int = Query(14, ge=1, le=1488),
    history_days: int = Query(90, ge=14, le=730),
) -> ForecastReport:
    return outlook.forecast_post(session, actor, post=post, series=series,
                                 granularity=granularity, horizon=horizon,
                                 history_days=history_days)  # fmt: skip


@router.get("/diversion")
def diversion(
    session: SessionDep, actor: ActorDep, post: str, history_days: int = Query(365, ge=14, le=730)
) -> DiversionReport:
    return outlook.diversion_estimate(session, actor, post=post, history_days=history_days)


@router.get("/posts/{code}/overview")
def post_overview(
    code: str, session: SessionDep, actor: ActorDep, at: datetime | None = None
) -> PostOverview:
    """A post's dashboard: today's flows, current waits, staffing per lane, 14-day forecast."""
    return overview(session, actor, post=code, now=at)
