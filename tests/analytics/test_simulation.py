"""The queue simulation: agrees with Erlang C and with SimPy, and shows what Erlang C misses."""

import numpy as np
import pytest
import simpy

from concordia.analytics import erlang, simulation
from concordia.analytics.simulation import SimSpec, Window
from concordia.errors import ValidationFailed


def _steady_spec(booths: int, rho: float, hours: int = 24 * 20, seed: int = 1) -> SimSpec:
    per_hour = rho * booths / 2.0 * 60
    return SimSpec([per_hour] * hours, [booths] * hours, 2.0, seed=seed)


@pytest.mark.parametrize(("booths", "rho"), [(1, 0.6), (3, 0.8), (8, 0.85)])
def test_agrees_with_erlang_c(booths: int, rho: float) -> None:
    result = simulation.simulate(_steady_spec(booths, rho))
    exact = erlang.steady(rho * booths / 2.0, 2.0, booths, 15)
    assert (result.waits > 0).mean() == pytest.approx(exact.p_wait, rel=0.05)
    assert result.waits.mean() == pytest.approx(exact.mean_wait, rel=0.1)


def _simpy_waits(at: np.ndarray, service: np.ndarray, booths: int) -> list[float]:
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=booths)
    waits: list[float] = []

    def traveller(arrive: float, work: float) -> simpy.events.ProcessGenerator:
        yield env.timeout(arrive - env.now)
        with desk.request() as turn:
            yield turn
            waits.append(env.now - arrive)
            yield env.timeout(work)

    def source() -> simpy.events.ProcessGenerator:
        for a, s in zip(at, service, strict=True):
            yield env.timeout(a - env.now)
            env.process(traveller(a, s))

    env.process(source())
    env.run()
    return waits


def test_event_loop_matches_a_simpy_model_traveller_by_traveller() -> None:
    rng = np.random.default_rng(5)
    at = np.sort(rng.uniform(0, 600, 400))
    service = rng.exponential(4.0, 400)
    spans = simulation.open_spans(SimSpec([0.0], [3], 4.0))
    ours = simulation.queue_waits(at, service, spans)
    assert ours == pytest.approx(np.array(_simpy_waits(at, service, 3)), abs=1e-9)


def test_outage_stops_service_and_waits_grow() -> None:
    base = SimSpec([60.0] * 8, [2] * 8, 1.5, seed=3)
    down = SimSpec([60.0] * 8, [2] * 8, 1.5, outages=(Window(120, 300),), seed=3)
    calm, hit = simulation.simulate(base), simulation.simulate(down)
    starts = hit.arrivals + hit.waits
    assert not ((starts > 120) & (starts < 300)).any()  # nobody is served in the outage
    assert hit.waits.mean() > 5 * calm.waits.mean()


def test_bus_groups_wait_longer_than_the_same_people_one_by_one() -> None:
    alone = simulation.simulate(SimSpec([120.0] * 48, [3] * 48, 1.2, seed=2))
    buses = simulation.simulate(SimSpec([120.0] * 48, [3] * 48, 1.2, group_size=40, seed=2))
    assert len(buses.arrivals) % 40 == 0
    assert buses.summary()["mean_wait_min"] > 3 * alone.summary()["mean_wait_min"]


def test_closed_booths_and_extra_checks_lower_the_service_level() -> None:
    base = SimSpec([100.0] * 24, [3] * 24, 1.5, seed=4)
    fewer = SimSpec([100.0] * 24, [3] * 12 + [2] * 12, 1.5, seed=4)
    slower = SimSpec([100.0] * 24, [3] * 24, 1.5, extra_checks=(Window(0, 1440, 1.6),), seed=4)
    level = {n: simulation.simulate(s).summary()["service_level"]
             for n, s in (("base", base), ("fewer", fewer), ("slower", slower))}  # fmt: skip
    assert level["fewer"] < level["base"] and level["slower"] < level["base"]


def test_hourly_series_add_up() -> None:
    result = simulation.simulate(SimSpec([30.0, 0.0, 90.0], [1, 1, 2], 1.0, seed=9))
    hours = result.hourly()
    assert [h["hour"] for h in hours] == [0, 1, 2]
    assert sum(h["arrivals"] for h in hours) == len(result.arrivals)
    assert hours[1]["arrivals"] == 0 and hours[1]["service_level"] == 1.0


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (SimSpec([1.0, 1.0], [1], 1.0), "booths"),
        (SimSpec([1.0], [0], 1.0), "booths"),
        (SimSpec([-1.0], [1], 1.0), "hourly_arrivals"),
        (SimSpec([1.0], [1], 0.0), "service_min"),
        (SimSpec([1.0], [1], 1.0, group_size=0), "group_size"),
    ],
)
def test_bad_specs_name_the_field(spec: SimSpec, field: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        simulation.simulate(spec)
    assert err.value.field == field
