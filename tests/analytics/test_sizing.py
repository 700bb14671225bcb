"""Booths per hour from the simulation: the fewest, by exhaustive search over small days."""

import itertools

import pytest

from concordia.analytics import erlang
from concordia.analytics.sizing import hour_levels, simulated_plan


def _exhaustive(arrivals: list[float], service: float, group: int) -> tuple[int, ...]:
    """The plan with the fewest booths in all whose every hour meets 90% within 15 min."""
    best: tuple[int, ...] | None = None
    for plan in itertools.product(range(1, 13), repeat=len(arrivals)):
        if best is not None and sum(plan) >= sum(best):
            continue
        if min(hour_levels(arrivals, plan, service, 15, group, 3)) >= 0.9:
            best = plan
    assert best is not None
    return best


@pytest.mark.parametrize(
    ("arrivals", "service", "group"),
    [([100, 200, 50], 1.5, 1), ([300, 300, 100], 1.2, 40), ([500, 100, 400], 1.5, 40)],
)
def test_simulated_plan_is_as_small_as_exhaustive_search(
    arrivals: list[float], service: float, group: int
) -> None:
    plan = simulated_plan(arrivals, service, 15, 0.9, group_size=group, seed=3)
    assert min(hour_levels(arrivals, plan, service, 15, group, 3)) >= 0.9
    assert sum(plan) == sum(_exhaustive(arrivals, service, group))


def test_buses_need_more_booths_than_erlang_c_says() -> None:
    arrivals = [300.0] * 6
    lone = erlang.staffing_plan(arrivals, 1.2, 15, 0.9)
    buses = simulated_plan(arrivals, 1.2, 15, 0.9, group_size=40, seed=1)
    assert sum(buses) > sum(lone)
