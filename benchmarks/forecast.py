"""Rolling-origin backtest of the arrival and stranded-people forecasts.

Data: demo-like series generated here with a seed, from the demo's post profiles
(`concordia.demo.population`): daily people = profile volume x weekday x month x holiday
factor x Gaussian noise (4%, as the demo's traffic plan), for three years per post;
hourly series spread a day over the post's hourly profile with Poisson noise; stranded
people at Santa Rosa–Chacalluta as Poisson counts that triple from late December to
March (the governor of Arica's expectation) plus national-day peaks.

For each origin (every 14 days over the last year for daily series, every 7 days over
the last 8 weeks for hourly ones) the model is fitted on the history before it and
forecasts the next 14 days (or 24 hours). Printed per series: MAE of the model divided
by MAE of the seasonal-naive forecast (same weekday last week; same hour yesterday),
target <= 0.8, and the share of actual values inside the 80% and 95% intervals.
Stranded people are forecast as the product does (`outlook.forecast_post`): with the
`stranded_season` regressor besides the holidays.

Run: `make bench-forecast`.
"""

import argparse
import math
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

import numpy as np

from concordia.analytics import holidays
from concordia.analytics.forecast import daily_times, forecast, forecast_hourly, seasonal_naive
from concordia.demo.population import HOLIDAYS, HOURLY, PROFILES, day_factor

FIRST = date(2023, 1, 2)
DAYS = 3 * 365
Series = tuple[list[datetime], list[float]]


def daily_series(code: str, rng: random.Random) -> Series:
    profile = PROFILES[code]
    times = daily_times(FIRST, DAYS)
    return times, [
        profile.daily * day_factor(profile, t.date()) * rng.gauss(1, 0.04) for t in times
    ]


def hourly_series(code: str, rng: np.random.Generator, days: int = 120) -> Series:
    profile = PROFILES[code]
    first = FIRST + timedelta(days=DAYS - days)
    share = np.array(HOURLY) / sum(HOURLY)
    times, values = [], []
    for t in daily_times(first, days):
        mean = profile.daily * day_factor(profile, t.date()) * share
        times += [t + timedelta(hours=h) for h in range(24)]
        values += [float(v) for v in rng.poisson(mean)]
    return times, values


def stranded_series(rng: np.random.Generator) -> Series:
    times = daily_times(FIRST, DAYS)
    values = []
    for t in times:
        d = t.date()
        season = 3.0 if d.month in (1, 2, 3) or (d.month == 12 and d.day >= 20) else 1.0
        peak = 1.5 if (d.month, d.day) in HOLIDAYS else 1.0
        values.append(float(rng.poisson(12 * season * peak * (1.2 if d.weekday() >= 5 else 1))))
    return times, values


def backtest(
    series: Series,
    *,
    season: int,
    horizon: int,
    step: int,
    span: int,
    fit: int,
    regressors: tuple[str, ...] = holidays.REGRESSORS,
) -> dict[str, float]:
    """Origins every `step` periods over the last `span`; each fit on `fit` periods."""
    times, values = series
    model_err = naive_err = 0.0
    inside = {80: 0, 95: 0}
    count = 0
    for origin in range(len(values) - span, len(values) - horizon + 1, step):
        lo = origin - fit
        if season == 24:
            points = forecast_hourly(times[lo:origin], values[lo:origin], horizon)
        else:
            points = forecast(
                times[lo:origin], values[lo:origin], horizon, season=season, regressors=regressors
            )
        naive = seasonal_naive(values[lo:origin], horizon, season)
        actual = values[origin : origin + horizon]
        for p, n, a in zip(points, naive, actual, strict=True):
            model_err += abs(p.mean - a)
            naive_err += abs(n - a)
            inside[80] += p.lo80 <= a <= p.hi80
            inside[95] += p.lo95 <= a <= p.hi95
            count += 1
    ratio = model_err / naive_err if naive_err else math.nan
    return {"ratio": ratio, "cover80": inside[80] / count, "cover95": inside[95] / count,
            "points": count}  # fmt: skip


def row(name: str, run: Callable[[], dict[str, float]]) -> float:
    start = time.perf_counter()
    r = run()
    took = time.perf_counter() - start
    verdict = "met" if r["ratio"] <= 0.8 else "MISSED"
    print(f"{name:<42} {r['ratio']:>6.3f} {verdict:>6} {r['cover80']:>8.1%} "
          f"{r['cover95']:>8.1%} {int(r['points']):>7} {took:>7.1f}s")  # fmt: skip
    return r["ratio"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng, nrng = random.Random(args.seed), np.random.default_rng(args.seed)
    print(f"{'series':<42} {'MAE/naive':>6} {'<=0.8':>6} {'cover80':>8} {'cover95':>8} "
          f"{'points':>7} {'time':>8}")  # fmt: skip
    ratios = []
    daily = {"season": 7, "horizon": 14, "step": 14, "span": 365, "fit": 365}
    for code in PROFILES:
        data = daily_series(code, rng)
        ratios.append(row(f"daily arrivals {code}", lambda d=data: backtest(d, **daily)))
    stranded = stranded_series(nrng)
    ratios.append(row("daily stranded santa-rosa-chacalluta",
                      lambda: backtest(stranded, **daily,
                                       regressors=holidays.STRANDED_REGRESSORS)))  # fmt: skip
    hourly = {"season": 24, "horizon": 24, "step": 24 * 7, "span": 24 * 56, "fit": 24 * 28}
    for code in ("santa-rosa-chacalluta", "desaguadero"):
        data = hourly_series(code, nrng)
        ratios.append(row(f"hourly arrivals {code}", lambda d=data: backtest(d, **hourly)))
    print(f"worst ratio {max(ratios):.3f} (target <= 0.8)")


if __name__ == "__main__":
    main()
