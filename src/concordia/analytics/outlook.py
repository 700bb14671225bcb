"""Forecasts of arrivals and stranded people, and diversion when a crossing closes.

Both read daily (or hourly) counts of one post from the crossing records and hand
them to the pure modules: `forecast` (statsforecast with holiday regressors) and
`diversion` (Dirichlet shares from the routes file and past closures). "Stranded"
counts people presented at the post and refused: those who, in the words of Chile's
undersecretary, "remain because they cannot cross"; the humanitarian census can
replace this series once it exists.
"""

import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.analytics import diversion, holidays, queries
from concordia.analytics.common import local_window, zone
from concordia.analytics.forecast import forecast, forecast_hourly
from concordia.analytics.schemas import (
    DiversionReport,
    DiversionShare,
    ForecastPoint,
    ForecastReport,
)
from concordia.errors import ValidationFailed
from concordia.models import BorderPost
from concordia.reference.service import get_post, list_posts

CLOSED_BELOW = 0.2  # a day under 20% of the post's median is a closure day


def hourly_counts(
    session: Session, actor: Actor, post: BorderPost, start: date, end: date, measure: str
) -> dict[datetime, int]:
    """Counts per local hour start, every hour of the window present (zeros included)."""
    window = local_window(post, start, end)
    query = queries.counts_query(session, actor, post, window, seconds=3600,
                                 measure=measure, by=())  # fmt: skip
    out = {window[0] + timedelta(hours=h): 0
           for h in range(int((window[1] - window[0]).total_seconds() // 3600))}  # fmt: skip
    for row in session.execute(query):
        out[datetime.fromtimestamp(row.bucket * 3600, UTC)] = row.n
    return out


def daily_counts(
    session: Session, actor: Actor, post: BorderPost, start: date, end: date, measure: str
) -> dict[date, int]:
    days: dict[date, int] = {start + timedelta(days=i): 0 for i in range((end - start).days + 1)}
    for at, n in hourly_counts(session, actor, post, start, end, measure).items():
        days[at.astimezone(zone(post)).date()] += n
    return days


def forecast_post(
    session: Session,
    actor: Actor,
    *,
    post: str,
    series: str = "arrivals",
    granularity: str = "day",
    horizon: int = 14,
    history_days: int = 90,
    today: date | None = None,
) -> ForecastReport:
    """Forecast after the last complete local day; history and points in local time."""
    if series not in ("arrivals", "stranded"):
        raise ValidationFailed("series must be arrivals or stranded", field="series")
    if granularity not in ("day", "hour"):
        raise ValidationFailed("granularity must be day or hour", field="granularity")
    if not 14 <= history_days <= 730:
        raise ValidationFailed("history_days must be between 14 and 730", field="history_days")
    where = get_post(session, post, field="post")
    end = (today or datetime.now(UTC).astimezone(zone(where)).date()) - timedelta(days=1)
    start = end - timedelta(days=history_days - 1)
    measure = "arrivals" if series == "arrivals" else "refused"
    regressors = holidays.REGRESSORS if series == "arrivals" else holidays.STRANDED_REGRESSORS
    if granularity == "day":
        days = daily_counts(session, actor, where, start, end, measure)
        times = [datetime(d.year, d.month, d.day) for d in days]
        values = [float(v) for v in days.values()]
        _require_data(values, post)
        points = forecast(times, values, horizon, season=7, regressors=regressors)
    else:
        hours = hourly_counts(session, actor, where, start, end, measure)
        times = [t.astimezone(zone(where)).replace(tzinfo=None) for t in hours]
        values = [float(v) for v in hours.values()]
        _require_data(values, post)
        points = forecast_hourly(times, values, horizon, regressors=regressors)
    return ForecastReport(
        post=post, series=series, granularity=granularity,
        history=list(zip(times, values, strict=True)),
        points=[ForecastPoint(start=p.at, mean=round(p.mean, 2), lo80=round(p.lo80, 2),
                              hi80=round(p.hi80, 2), lo95=round(p.lo95, 2),
                              hi95=round(p.hi95, 2), holidays=holidays.names(p.at.date()))
                for p in points],
    )  # fmt: skip


def _require_data(values: list[float], post: str) -> None:
    """All zeros means nothing visible to fit on (another country's post, or no traffic):
    saying so beats a forecast of zeros."""
    if not any(values):
        raise ValidationFailed(f"no crossings of {post} visible to you in the history",
                               field="post")  # fmt: skip


def closure_history(
    counts: dict[str, dict[date, int]], post: str
) -> tuple[list[diversion.ClosureDay], list[float]]:
    """Closure days of `post` (under 20% of its median) with the uplift at the other
    posts over their medians, and the post's volumes on open days."""
    medians = {code: statistics.median(days.values()) for code, days in counts.items()}
    closures, open_days = [], []
    for day, n in counts[post].items():
        if medians[post] > 0 and n < CLOSED_BELOW * medians[post]:
            uplift = {code: max(0.0, days[day] - medians[code])
                      for code, days in counts.items() if code != post}  # fmt: skip
            closures.append(diversion.ClosureDay(medians[post] - n, uplift))
        else:
            open_days.append(float(n))
    return closures, open_days


def diversion_estimate(
    session: Session, actor: Actor, *, post: str, history_days: int = 365,
    routes: str | None = None, today: date | None = None,
) -> DiversionReport:  # fmt: skip
    """Where the closed post's travellers would go each day, with intervals."""
    if not 14 <= history_days <= 730:
        raise ValidationFailed("history_days must be between 14 and 730", field="history_days")
    models = diversion.load_routes(routes)
    if post not in models:
        raise ValidationFailed(f"the routes file has no model for {post}", field="post")
    end = (today or datetime.now(UTC).date()) - timedelta(days=1)
    start = end - timedelta(days=history_days - 1)
    counts: dict[str, dict[date, int]] = defaultdict(dict)
    for where in list_posts(session):
        counts[where.code] = daily_counts(session, actor, where, start, end, "arrivals")
    if post not in counts:
        raise ValidationFailed(f"unknown post {post}", field="post")
    closures, volumes = closure_history(counts, post)
    estimates = diversion.estimate(models[post], closures, volumes or [0.0])
    return DiversionReport(
        post=post, closures_in_history=len(closures),
        daily_volume_mean=round(statistics.fmean(volumes or [0.0]), 1),
        routes=list(models[post].routes),
        shares=[DiversionShare(**{k: round(v, 3) if isinstance(v, float) else v
                                  for k, v in e.model_dump().items()}) for e in estimates],
    )  # fmt: skip
