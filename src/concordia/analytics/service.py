"""Flows and waiting times from the crossing records, and the public wait feed.

Every figure says how it was obtained: flows and waits from queue tickets are
"measured"; waits from Erlang C on the last hour's arrivals are "estimated"; staffing
plans, scenarios and forecasts are "predicted" (see `planning` and `outlook`).
"""

import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.analytics import erlang, queries
from concordia.analytics.common import (
    SERVICE_MIN,
    direction_of,
    local_window,
    require_aware,
    zone,
)
from concordia.analytics.schemas import (
    FlowPoint,
    FlowReport,
    FlowSeries,
    LaneWait,
    PostWaits,
    WaitFeed,
)
from concordia.errors import ValidationFailed
from concordia.models import BorderPost
from concordia.reference.service import get_post, lanes_of, list_posts

SECONDS = {"15min": 900, "hour": 3600, "day": 3600}
MAX_DAYS = {"15min": 7, "hour": 62, "day": 400}
SHIFTS = {"last_week": timedelta(days=7), "last_year": timedelta(days=364)}  # same weekday
MIN_MEASURED = 5  # tickets needed before a measured wait is shown
FEED_NOTICE = (
    "Tiempos de espera: 'measured' = del ingreso a la fila a la decisión, última hora; "
    "'estimated' = modelo de colas (Erlang C) con las llegadas de la última hora."
)
Counts = dict[tuple[str, ...], dict[datetime, int]]


def flows(
    session: Session,
    actor: Actor,
    *,
    post: str,
    start: date,
    end: date,
    granularity: str = "hour",
    measure: str = "arrivals",
    by: tuple[str, ...] = ("flow",),
) -> FlowReport:
    """Counts per bucket and key, next to the same buckets a week and a year earlier."""
    _check_flows(granularity, measure, by, start, end)
    where = get_post(session, post, field="post")
    window = local_window(where, start, end)
    grid = _grid(where, window, granularity)
    found = {"count": _counts(session, actor, where, window, granularity, measure, by)}
    for name, shift in SHIFTS.items():
        past = (window[0] - shift, window[1] - shift)
        found[name] = _counts(session, actor, where, past, granularity, measure, by, shift)
    keys = sorted(set().union(*(f.keys() for f in found.values())))
    series = [_series(by, key, grid, found) for key in keys]
    return FlowReport(post=post, measure=measure, granularity=granularity, series=series)


def _check_flows(
    granularity: str, measure: str, by: tuple[str, ...], start: date, end: date
) -> None:
    if granularity not in SECONDS:
        raise ValidationFailed("granularity must be 15min, hour or day", field="granularity")
    if measure not in ("arrivals", "processed"):
        raise ValidationFailed("measure must be arrivals or processed", field="measure")
    if unknown := set(by) - set(queries.DIMENSIONS):
        raise ValidationFailed(f"cannot group by {', '.join(sorted(unknown))}", field="by")
    if (end - start).days + 1 > MAX_DAYS[granularity]:
        days = MAX_DAYS[granularity]
        raise ValidationFailed(f"at most {days} days at {granularity} granularity", field="end")


def _counts(
    session: Session,
    actor: Actor,
    post: BorderPost,
    window: tuple[datetime, datetime],
    granularity: str,
    measure: str,
    by: tuple[str, ...],
    shift: timedelta = timedelta(0),
) -> Counts:
    """Counts keyed by (key, local bucket start), moved forward by `shift` to align."""
    seconds = SECONDS[granularity]
    query = queries.counts_query(session, actor, post, window, seconds=seconds,
                                 measure=measure, by=by)  # fmt: skip
    out: Counts = defaultdict(lambda: defaultdict(int))
    for row in session.execute(query):
        start = datetime.fromtimestamp(row.bucket * seconds, UTC) + shift
        key = tuple(_label(d, getattr(row, d)) for d in by)
        out[key][_local_start(post, start, granularity)] += row.n
    return out


def _label(dimension: str, value: Any) -> str:
    return queries.FLOW_OF_MODE.get(value, value) if dimension == "flow" else str(value)


def _local_start(post: BorderPost, at: datetime, granularity: str) -> datetime:
    local = at.astimezone(zone(post))
    return local.replace(hour=0) if granularity == "day" else local


def _grid(post: BorderPost, window: tuple[datetime, datetime], granularity: str) -> list[datetime]:
    step, at, out = timedelta(seconds=SECONDS[granularity]), window[0], []
    while at < window[1]:
        out.append(_local_start(post, at, granularity))
        at += step
    return sorted(set(out))


def _series(
    by: tuple[str, ...], key: tuple[str, ...], grid: list[datetime], found: dict[str, Counts]
) -> FlowSeries:
    def get(name: str, at: datetime) -> int:
        return found[name].get(key, {}).get(at, 0)

    points = [FlowPoint(start=at, count=get("count", at), last_week=get("last_week", at),
                        last_year=get("last_year", at)) for at in grid]  # fmt: skip
    return FlowSeries(key=dict(zip(by, key, strict=True)), points=points)


# --- waits ----------------------------------------------------------------------------


def post_waits(session: Session, post: BorderPost, now: datetime) -> PostWaits:
    """Each lane's wait over the last hour: measured when enough queue tickets were
    decided, otherwise estimated by Erlang C from the hour's arrivals and the lane's
    booths."""
    window = (now - timedelta(hours=1), now)
    measured: dict[tuple[str, str], list[float]] = defaultdict(list)
    for mode, origin, queued, done in session.execute(queries.waits_query(post, window)):
        if done is None:
            continue
        lane = (queries.FLOW_OF_MODE[mode], direction_of(post, origin))
        measured[lane].append((done - queued).total_seconds() / 60)
    arrived: dict[tuple[str, str], int] = defaultdict(int)
    for mode, origin, n in session.execute(queries.lane_arrivals_query(post, window)):
        arrived[(queries.FLOW_OF_MODE[mode], direction_of(post, origin))] += n
    lanes = [_lane(lane.flow, way, lane.booths, measured, arrived, now)
             for lane in lanes_of(session, post.id) for way in _directions(lane)]  # fmt: skip
    return PostWaits(post=post.code, name=post.name, status=post.status,
                     local_time=now.astimezone(zone(post)), lanes=lanes)  # fmt: skip


def _directions(lane: Any) -> list[str]:
    return ["a_to_b", "b_to_a"] if lane.direction == "both" else [lane.direction]


def _lane(
    flow: str,
    direction: str,
    booths: int,
    measured: dict[tuple[str, str], list[float]],
    arrived: dict[tuple[str, str], int],
    now: datetime,
) -> LaneWait:
    sample, count = measured.get((flow, direction), []), arrived.get((flow, direction), 0)
    if len(sample) >= MIN_MEASURED:
        delay, basis = statistics.median(sample), "measured"
    else:
        delay, basis = estimated_wait(count, booths, SERVICE_MIN[flow]), "estimated"
    return LaneWait(flow=flow, direction=direction, delay_minutes=round(delay, 1), basis=basis,
                    booths_open=booths, travellers_last_hour=count,
                    measured_sample=len(sample), update_time=now)  # fmt: skip


def estimated_wait(per_hour: float, booths: int, service_min: float) -> float:
    """Erlang C mean wait; past saturation, the mean wait of a queue growing from empty
    over the hour at the excess rate (fluid approximation), since no steady state exists."""
    rate = per_hour / 60
    if rate * service_min < booths:
        return erlang.steady(rate, service_min, booths, 15).mean_wait
    capacity = booths / service_min
    return (rate - capacity) * 30 / capacity


def wait_feed(session: Session, now: datetime | None = None) -> WaitFeed:
    """The public feed: every post, no personal data, so no login and no scoping."""
    at = require_aware(now, "at") if now else datetime.now(UTC)
    posts = [post_waits(session, post, at) for post in list_posts(session)]
    return WaitFeed(generated_at=at, notice=FEED_NOTICE, posts=posts)
