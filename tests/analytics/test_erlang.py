"""Erlang C: textbook values, stability with many booths, staffing against exhaustive search."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordia.analytics import erlang
from concordia.errors import ValidationFailed


def _erlang_c_direct(c: int, a: float) -> float:
    """The closed formula with factorials: fine for small c, the reference here."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def test_textbook_values() -> None:
    assert erlang.erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: P(wait) = rho
    assert erlang.erlang_c(2, 1.0) == pytest.approx(1 / 3)
    s = erlang.steady(arrivals_per_min=0.5, service_min=1.0, booths=1, target_min=0)
    assert s.mean_wait == pytest.approx(1.0)  # rho / (mu - lambda) = 0.5 / 0.5
    assert s.service_level == pytest.approx(0.5)


@settings(deadline=None)  # correctness, not speed: a loaded machine must not fail it
@given(st.integers(1, 30), st.floats(0.01, 0.99))
def test_matches_the_factorial_formula(c: int, rho: float) -> None:
    assert erlang.erlang_c(c, rho * c) == pytest.approx(_erlang_c_direct(c, rho * c), rel=1e-9)


def test_stable_for_hundreds_of_booths() -> None:
    p = erlang.erlang_c(800, 780.0)  # a**c would overflow a float
    assert 0 < p < 1 and math.isfinite(p)


def test_overload_has_no_steady_state() -> None:
    s = erlang.steady(2.0, 1.0, 2, 15)
    assert s.mean_wait == math.inf and s.service_level == 0.0 and s.p_wait == 1.0


def _exhaustive(rate: float, service: float, target: float, level: float) -> int:
    return next(c for c in range(1, 1000)
                if erlang.steady(rate, service, c, target).service_level >= level)  # fmt: skip


@settings(deadline=None)
@given(st.floats(0.0, 40.0), st.floats(0.2, 6.0), st.floats(0.0, 30.0), st.floats(0.5, 0.99))
def test_booths_needed_is_the_fewest_by_exhaustive_search(
    rate: float, service: float, target: float, level: float
) -> None:
    assert erlang.booths_needed(rate, service, target, level) == _exhaustive(
        rate, service, target, level
    )


def test_staffing_plan_per_hour() -> None:
    plan = erlang.staffing_plan([0, 60, 600], 1.5, 15, 0.9)
    assert plan[0] == 1 and plan[1] == 2  # 1.5 Erlangs need two booths
    assert plan[2] == _exhaustive(10, 1.5, 15, 0.9)


@pytest.mark.parametrize(
    ("args", "field"),
    [((-1, 1, 1, 15), "arrivals"), ((1, 0, 1, 15), "service_min"), ((1, 1, 0, 15), "booths")],
)
def test_bad_input_names_the_field(args: tuple[float, float, int, float], field: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        erlang.steady(*args)
    assert err.value.field == field


def test_level_must_be_a_share() -> None:
    with pytest.raises(ValidationFailed) as err:
        erlang.booths_needed(1, 1, 15, 1.5)
    assert err.value.field == "level"
