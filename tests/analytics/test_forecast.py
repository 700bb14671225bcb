"""Forecasts: intervals nest, holidays lift the forecast, short series are refused."""

import random
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from concordia.analytics import holidays
from concordia.analytics.forecast import (
    Point,
    daily_times,
    forecast,
    forecast_hourly,
    seasonal_naive,
)
from concordia.errors import ValidationFailed

WEEK = (0.9, 0.85, 0.9, 0.95, 1.1, 1.35, 1.2)


def _series(first: date, days: int, seed: int = 1) -> tuple[list[datetime], list[float]]:
    rng = random.Random(seed)
    times = daily_times(first, days)
    values = [
        1000 * WEEK[t.weekday()] * (1.5 if holidays.flags(t.date())["national_day"] else 1.0)
        * rng.gauss(1, 0.03)
        for t in times
    ]  # fmt: skip
    return times, values


def test_intervals_nest_and_holidays_lift_the_forecast() -> None:
    times, values = _series(date(2025, 5, 1), 450)  # two Fiestas Patrias seasons... and one ahead
    cut = times.index(datetime(2026, 7, 20))
    points = forecast(times[:cut], values[:cut], 14, season=7)
    assert len(points) == 14 and points[0].at == datetime(2026, 7, 20)
    for p in points:
        assert 0 <= p.lo95 <= p.lo80 <= p.mean <= p.hi80 <= p.hi95
    by_day = {p.at.date(): p.mean for p in points}
    # 28 July 2026 is a Tuesday: compare with the Tuesday before.
    assert by_day[date(2026, 7, 28)] > 1.25 * by_day[date(2026, 7, 21)]


def test_beats_seasonal_naive_on_a_noisy_weekly_series() -> None:
    times, values = _series(date(2026, 1, 5), 140, seed=3)
    fit, actual = values[:126], values[126:]
    ours = [p.mean for p in forecast(times[:126], fit, 14, season=7)]
    naive = seasonal_naive(fit, 14, 7)
    err = sum(abs(a - b) for a, b in zip(ours, actual, strict=True))
    assert err < sum(abs(a - b) for a, b in zip(naive, actual, strict=True))


def test_hourly_series() -> None:
    start = datetime(2026, 3, 2)
    times = [start + timedelta(hours=h) for h in range(24 * 21)]
    values = [max(0.0, 50 + 40 * ((t.hour - 12) / 12) ** 2 * -1) for t in times]
    points = forecast(times, values, 24, season=24)
    assert len(points) == 24 and points[0].at == start + timedelta(days=21)
    assert points[12].mean > points[0].mean


def test_hourly_top_down_follows_the_daily_profile() -> None:
    start = datetime(2026, 3, 2)
    times = [start + timedelta(hours=h) for h in range(24 * 28 + 5)]  # a partial last day
    values = [100.0 if 10 <= t.hour < 14 else 10.0 for t in times]
    points = forecast_hourly(times, values, 30)
    assert points[0].at == start + timedelta(days=28)  # after the last whole day
    assert points[11].mean == pytest.approx(100, rel=0.05)
    assert points[3].mean == pytest.approx(10, rel=0.05)
    assert all(p.lo95 <= p.lo80 <= p.mean <= p.hi80 <= p.hi95 for p in points)
    with pytest.raises(ValidationFailed) as err:
        forecast_hourly(times[: 24 * 10], values[: 24 * 10], 24)
    assert err.value.field == "history"


def test_short_history_and_bad_horizon_name_the_field() -> None:
    times, values = _series(date(2026, 1, 1), 10)
    with pytest.raises(ValidationFailed) as err:
        forecast(times, values, 7, season=7)
    assert err.value.field == "history"
    times, values = _series(date(2026, 1, 1), 60)
    with pytest.raises(ValidationFailed) as err:
        forecast(times, values, 0, season=7)
    assert err.value.field == "horizon"


def test_holiday_names() -> None:
    assert holidays.names(date(2026, 9, 18)) == ["Fiestas Patrias (Chile)"]
    assert holidays.names(date(2027, 1, 1)) == ["Año Nuevo", "vacaciones de verano"]
    assert holidays.flags(date(2026, 8, 6))["national_day"] == 1.0


def test_stranded_season_runs_from_20_december_to_march() -> None:
    on = [date(2025, 12, 20), date(2026, 1, 15), date(2026, 3, 31)]
    off = [date(2025, 12, 19), date(2026, 4, 1), date(2026, 7, 28)]
    assert all(holidays.flags(d)["stranded_season"] == 1.0 for d in on)
    assert all(holidays.flags(d)["stranded_season"] == 0.0 for d in off)
    assert "stranded_season" in holidays.STRANDED_REGRESSORS
    assert "stranded_season" not in holidays.REGRESSORS  # arrivals do not use it


def _stranded(first: date, days: int) -> tuple[list[datetime], list[float]]:
    """Poisson counts around 10 a day, tripled in the stranded season."""
    rng = np.random.default_rng(5)
    times = daily_times(first, days)
    lift = [3.0 if holidays.stranded_season(t.date()) else 1.0 for t in times]
    return times, [float(rng.poisson(10 * x)) for x in lift]


def test_stranded_season_regressor_forecasts_the_step_up() -> None:
    times, values = _stranded(date(2024, 12, 1), 400)  # one season in the history
    cut = times.index(datetime(2025, 12, 13))
    history = (times[:cut], values[:cut])
    with_season = forecast(*history, 14, season=7, regressors=holidays.STRANDED_REGRESSORS)
    plain = forecast(*history, 14, season=7)

    def step(points: list[Point]) -> float:  # mean after 20 December / mean before
        return sum(p.mean for p in points[7:]) / sum(p.mean for p in points[:7])

    assert with_season[7].at == datetime(2025, 12, 20)
    assert step(with_season) > 2.2
    assert step(plain) < 1.5
    actual = values[cut + 7 : cut + 14]
    err = [sum(abs(p.mean - a) for p, a in zip(f[7:], actual, strict=True))
           for f in (with_season, plain)]  # fmt: skip
    assert err[0] < err[1] / 2


def test_unknown_regressor_names_the_field() -> None:
    times, values = _series(date(2026, 1, 1), 60)
    with pytest.raises(ValidationFailed) as err:
        forecast(times, values, 7, season=7, regressors=("carnival",))
    assert err.value.field == "regressors"
