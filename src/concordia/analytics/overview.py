"""One post's dashboard in one call: today's flows, current waits, staffing, forecast.

What the post commander's page shows (issue 8's "done when"): the pages of the web
console render this document; each part keeps its own `basis` label. A forecast that
cannot be made (no visible history) is reported as a note rather than failing the whole
dashboard.
"""

from datetime import UTC, date, datetime

from pydantic import BaseModel
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.analytics import outlook, planning, service
from concordia.analytics.common import require_aware, zone
from concordia.analytics.schemas import FlowReport, ForecastReport, PostWaits, StaffingPlan
from concordia.errors import ValidationFailed
from concordia.reference.service import get_post, lanes_of


class PostOverview(BaseModel):
    post: str
    local_time: datetime
    flows: FlowReport
    waits: PostWaits
    staffing: list[StaffingPlan]
    forecast: ForecastReport | None
    notes: list[str]


def overview(
    session: Session, actor: Actor, *, post: str, now: datetime | None = None
) -> PostOverview:
    where = get_post(session, post, field="post")
    at = require_aware(now, "at") if now else datetime.now(UTC)
    today = at.astimezone(zone(where)).date()
    flows = service.flows(session, actor, post=post, start=today, end=today,
                          granularity="hour", by=("flow", "direction"))  # fmt: skip
    staffing = [
        planning.staffing_plan(session, actor, post=post, flow=lane.flow, direction=way, day=today)
        for lane in lanes_of(session, where.id)
        for way in (("a_to_b", "b_to_a") if lane.direction == "both" else (lane.direction,))
    ]
    notes: list[str] = []
    try:
        forecast = outlook.forecast_post(session, actor, post=post, horizon=14,
                                         today=today)  # fmt: skip
    except ValidationFailed as exc:
        forecast, notes = None, [f"forecast: {exc.message}"]
    return PostOverview(post=post, local_time=at.astimezone(zone(where)), flows=flows,
                        waits=service.post_waits(session, where, at), staffing=staffing,
                        forecast=forecast, notes=notes)  # fmt: skip


class PostDashboard(BaseModel):
    """The post analytics page: flows over a chosen window and breakdown, current waits,
    and one lane's staffing plan (the console shows one lane at a time: a plan simulates
    a whole day, so sixteen at once would make the page slow)."""

    post: str
    local_time: datetime
    flows: FlowReport
    waits: PostWaits
    staffing: StaffingPlan


def post_dashboard(
    session: Session,
    actor: Actor,
    *,
    post: str,
    start: date,
    end: date,
    granularity: str = "hour",
    by: str = "flow",
    flow: str = "pedestrian",
    direction: str = "a_to_b",
    now: datetime | None = None,
) -> PostDashboard:
    """Flows grouped by one dimension, waits at `now`, the lane's plan for the day `end`."""
    where = get_post(session, post, field="post")
    at = require_aware(now, "at") if now else datetime.now(UTC)
    flows = service.flows(session, actor, post=post, start=start, end=end,
                          granularity=granularity, by=(by,))  # fmt: skip
    plan = planning.staffing_plan(session, actor, post=post, flow=flow, direction=direction,
                                  day=end)  # fmt: skip
    return PostDashboard(post=post, local_time=at.astimezone(zone(where)), flows=flows,
                         waits=service.post_waits(session, where, at), staffing=plan)  # fmt: skip
