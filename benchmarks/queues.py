"""Queue simulation against Erlang C, and a year of one post's traffic against the clock.

1. Agreement: steady M/M/c loads over a grid of booth counts and utilisations; each
   cell simulates `--travellers` people (after a warm-up day) and compares the share
   who wait and the mean wait with Erlang C. Target: relative error within 2%.
2. Speed: a year of Santa Rosa–Chacalluta at real volume (17,000 people a day, the demo
   profile's modes, weekdays, months, holidays and hours), each of its eight lanes
   staffed hour by hour by the Erlang C plan for 90% within 15 minutes, buses arriving
   in groups of 40. Target: under 30 s.

Run: `make bench-queues` (or `.venv/bin/python benchmarks/queues.py --travellers 500000`).
The last column is the 95% interval of the simulated mean wait (batch means): an error
inside it is sampling noise, not a model difference.
"""

import argparse
import time
from datetime import date, timedelta

import numpy as np

from concordia.analytics import erlang, simulation
from concordia.analytics.common import SERVICE_MIN
from concordia.demo.population import HOURLY, PROFILES, day_factor

GRID_BOOTHS = (1, 2, 4, 8, 16)
GRID_RHO = (0.5, 0.7, 0.85)
SERVICE = 2.0  # minutes
MODES = {"pedestrian": "foot", "car": "car", "bus": "bus", "cargo": "truck"}
OPEN_HOURS = range(7, 24)  # Santa Rosa–Chacalluta, 07:00-24:00 Lima


def agreement(travellers: int, seed: int) -> float:
    print(f"{'c':>3} {'load':>6} | {'ErlangC P(wait)':>15} {'sim':>8} {'err%':>6} | "
          f"{'ErlangC Wq':>10} {'sim':>8} {'err%':>6} {'±95%CI%':>8}")  # fmt: skip
    worst = 0.0
    for c in GRID_BOOTHS:
        for rho in GRID_RHO:
            rate = rho * c / SERVICE  # per minute
            hours = int(travellers / (rate * 60)) + 24
            spec = simulation.SimSpec([rate * 60] * hours, [c] * hours, SERVICE, seed=seed)
            result = simulation.simulate(spec)
            warm = result.arrivals >= 24 * 60
            waits = result.waits[warm]
            exact = erlang.steady(rate, SERVICE, c, 15)
            pw, wq = float((waits > 0).mean()), float(waits.mean())
            e1, e2 = abs(pw / exact.p_wait - 1) * 100, abs(wq / exact.mean_wait - 1) * 100
            worst = max(worst, e1, e2)
            ci = _batch_ci(waits) / wq * 100
            print(f"{c:>3} {rho * c:>6.2f} | {exact.p_wait:>15.4f} {pw:>8.4f} {e1:>6.2f} | "
                  f"{exact.mean_wait:>10.3f} {wq:>8.3f} {e2:>6.2f} {ci:>8.2f}")  # fmt: skip
    return worst


def _batch_ci(waits: np.ndarray) -> float:
    """Half-width of the 95% interval of the mean wait by 20 batch means (waits of
    neighbours are correlated, so the plain standard error would be too small)."""
    means = np.array([b.mean() for b in np.array_split(waits, 20)])
    return float(2.093 * means.std(ddof=1) / np.sqrt(20))


def year_of_chacalluta(first: date) -> tuple[list[tuple[str, int, float]], float]:
    """Per lane: (lane, travellers, seconds); and the total seconds."""
    profile = PROFILES["santa-rosa-chacalluta"]
    share = np.array([HOURLY[h] if h in OPEN_HOURS else 0.0 for h in range(24)])
    share /= share.sum()
    days = [first + timedelta(days=n) for n in range(365)]
    rows, total = [], 0.0
    for flow, mode in MODES.items():
        for direction in ("a_to_b", "b_to_a"):
            daily = profile.daily * profile.modes[mode] / 2
            hourly = [daily * day_factor(profile, d) * s for d in days for s in share]
            booths = erlang.staffing_plan(hourly, SERVICE_MIN[flow], 15, 0.9)
            group = 40 if flow == "bus" else 1
            spec = simulation.SimSpec(hourly, booths, SERVICE_MIN[flow], group_size=group,
                                      seed=len(rows))  # fmt: skip
            start = time.perf_counter()
            result = simulation.simulate(spec)
            took = time.perf_counter() - start
            total += took
            rows.append((f"{flow}-{direction}", len(result.waits), took))
            level = result.summary()["service_level"]
            print(f"{flow + '-' + direction:<16} {len(result.waits):>10,} {took:>8.2f} s "
                  f"  served within 15 min: {level:.3f}")  # fmt: skip
    return rows, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--travellers", type=int, default=4_000_000, help="per grid cell")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"# Simulation vs Erlang C (service {SERVICE} min, {args.travellers:,} travellers "
          "per cell after a warm-up day)")  # fmt: skip
    worst = agreement(args.travellers, args.seed)
    print(
        f"worst relative error: {worst:.2f}%  (target <= 2%: {'met' if worst <= 2 else 'MISSED'})"
    )
    print("\n# A year of Santa Rosa–Chacalluta at real volume (lanes staffed by Erlang C plan)")
    rows, total = year_of_chacalluta(date(2025, 1, 1))
    people = sum(n for _, n, _ in rows)
    print(f"total {people:,} travellers in {total:.1f} s  (target < 30 s: "
          f"{'met' if total < 30 else 'MISSED'})")  # fmt: skip


if __name__ == "__main__":
    main()
