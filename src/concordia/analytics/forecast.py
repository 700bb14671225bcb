"""Forecasts of daily and hourly counts with prediction intervals, from statsforecast.

Days: statsforecast's ARIMA(1,0,1)(0,1,1) with a weekly season, and the holidays of the
three countries as exogenous regressors (`holidays.flags`), so the model estimates how
much each kind of holiday moves each post. A fixed order rather than AutoARIMA: on
demo-like series both gave the same backtest error (0.601 of seasonal naive) but the
search took 8 s per fit against 0.12 s. Stranded people add the `stranded_season`
regressor (20 December-31 March, `holidays`): it took their backtest from 0.813 to 0.596
of seasonal naive. Hours: top-down from the daily forecast (see
`forecast_hourly`). Counts cannot be negative: forecasts and bounds are clipped at zero.
statsforecast 2 runs on compiled coreforecast kernels (no numba): no compilation wait.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import ARIMA, SeasonalNaive

from concordia.analytics import holidays
from concordia.errors import ValidationFailed

LEVELS = (80, 95)
Z = {80: 1.2816, 95: 1.96}  # two-sided normal quantiles
# Non-seasonal orders tried in turn; the airline model (0,1,1) when the first fails to fit.
ORDERS = ((1, 0, 1), (0, 1, 1))


@dataclass(frozen=True)
class Point:
    """One predicted period: mean and the 80% and 95% intervals."""

    at: datetime
    mean: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float


def _frame(
    times: Sequence[datetime], values: Sequence[float] | None, regressors: Sequence[str]
) -> pd.DataFrame:
    rows = {"unique_id": ["s"] * len(times), "ds": pd.to_datetime(list(times))}
    if values is not None:
        rows["y"] = [float(v) for v in values]
    frame = pd.DataFrame(rows)
    flags = [holidays.flags(t.date()) for t in times]
    for name in regressors:
        frame[name] = [f[name] for f in flags]
    return frame


def _future(last: datetime, step: timedelta, horizon: int) -> list[datetime]:
    return [last + step * (i + 1) for i in range(horizon)]


def _usable(frame: pd.DataFrame, regressors: Sequence[str]) -> list[str]:
    """Regressors that vary in the history: a constant column makes ARIMA singular."""
    return [n for n in regressors if frame[n].nunique() > 1]


def forecast(
    times: Sequence[datetime],
    values: Sequence[float],
    horizon: int,
    *,
    season: int,
    regressors: Sequence[str] = holidays.REGRESSORS,
) -> list[Point]:
    """Forecast `horizon` periods after a regular series (a day or an hour apart).
    `regressors`: names of `holidays.flags` columns (stranded people add their season)."""
    unknown = sorted(set(regressors) - set(holidays.STRANDED_REGRESSORS))
    if unknown:
        raise ValidationFailed(f"unknown regressors: {', '.join(unknown)}", field="regressors")
    if len(times) != len(values):
        raise ValidationFailed("times and values differ in length", field="values")
    if len(times) < 2 * season + 2:
        raise ValidationFailed(
            f"at least {2 * season + 2} periods of history are needed", field="history"
        )
    if not 1 <= horizon <= 24 * 62:
        raise ValidationFailed("horizon must be between 1 and 1488 periods", field="horizon")
    step = times[1] - times[0]
    history = _frame(times, values, regressors)
    used = _usable(history, regressors)
    future = _frame(_future(times[-1], step, horizon), None, used)[["unique_id", "ds", *used]]
    history = history[["unique_id", "ds", "y", *used]]
    frame = None
    for order in ORDERS:
        model = ARIMA(order=order, seasonal_order=(0, 1, 1), season_length=season, alias="model")
        try:
            frame = StatsForecast(models=[model], freq=_freq(step), n_jobs=1).forecast(
                df=history, h=horizon, X_df=future if used else None, level=list(LEVELS)
            )
            break
        except (ValueError, np.linalg.LinAlgError):
            continue  # the likelihood failed on this series: try the simpler model
    if frame is None:
        raise ValidationFailed("no model could be fitted to this history", field="history")
    return [_point(row) for row in frame.to_dict("records")]


def forecast_hourly(
    times: Sequence[datetime],
    values: Sequence[float],
    horizon: int,
    *,
    regressors: Sequence[str] = holidays.REGRESSORS,
) -> list[Point]:
    """Hours by top-down: the daily model forecasts each day's total, which is spread over
    the hours by the mean hour-of-day profile of the last four weeks. Interval variance:
    the day's uncertainty times the hour's share, squared, plus Poisson noise of the hour.

    Hourly ARIMA lost to the naive forecast in the backtest (`benchmarks/forecast.py`):
    the day's level is what carries information; within a day the counts are noise
    around a stable profile. History must be whole local days (it is trimmed to them)."""
    days: dict[date, list[tuple[int, float]]] = {}
    for t, v in zip(times, values, strict=True):
        days.setdefault(t.date(), []).append((t.hour, float(v)))
    whole = sorted(d for d, hours in days.items() if len(hours) >= 23)
    if len(whole) < 16:
        raise ValidationFailed(
            "at least 16 whole days of hourly history are needed", field="history"
        )
    share = _profile([days[d] for d in whole[-28:]])
    totals = [sum(v for _, v in days[d]) for d in whole]
    ahead = -(-horizon // 24)
    daily = forecast(
        daily_times(whole[0], len(whole)), totals, ahead, season=7, regressors=regressors
    )
    start = datetime.combine(whole[-1] + timedelta(days=1), datetime.min.time())
    return [
        _hour_point(start + timedelta(hours=i), daily[i // 24], share[i % 24])
        for i in range(horizon)
    ]


def _profile(days: list[list[tuple[int, float]]]) -> list[float]:
    sums = [0.0] * 24
    for hours in days:
        for hour, v in hours:
            sums[hour] += v
    total = sum(sums) or 1.0
    return [x / total for x in sums]


def _hour_point(at: datetime, day: Point, share: float) -> Point:
    mean = day.mean * share
    spread = {level: (hi - lo) / 2 / z * share for level, lo, hi, z in
              ((80, day.lo80, day.hi80, Z[80]), (95, day.lo95, day.hi95, Z[95]))}  # fmt: skip
    half = {lv: Z[lv] * (spread[lv] ** 2 + mean) ** 0.5 for lv in (80, 95)}
    return Point(at, mean, max(0.0, mean - half[80]), mean + half[80],
                 max(0.0, mean - half[95]), mean + half[95])  # fmt: skip


def seasonal_naive(values: Sequence[float], horizon: int, season: int) -> list[float]:
    """The reference forecast: the same period one season earlier."""
    last = list(values[-season:])
    return [last[i % season] for i in range(horizon)]


def _freq(step: timedelta) -> str:
    return "D" if step == timedelta(days=1) else "h"


def _point(row: dict[str, object]) -> Point:
    def get(key: str) -> float:
        return max(0.0, float(row[key]))  # type: ignore[arg-type]

    ds = row["ds"]
    assert isinstance(ds, pd.Timestamp)
    return Point(ds.to_pydatetime(), get("model"), get("model-lo-80"), get("model-hi-80"),
                 get("model-lo-95"), get("model-hi-95"))  # fmt: skip


def daily_times(first: date, days: int) -> list[datetime]:
    return [datetime(first.year, first.month, first.day) + timedelta(days=i) for i in range(days)]


__all__ = [
    "LEVELS",
    "Point",
    "SeasonalNaive",
    "daily_times",
    "forecast",
    "forecast_hourly",
    "seasonal_naive",
]
