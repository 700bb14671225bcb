"""Narco-flight detection against simulated truth: landings, take-offs, sites, suspects.

Lawful flights go between registered aerodromes of Peru and Bolivia with a transponder
(ADS-B every 5 s) and a flight plan; a tenth of them are airliners. Illicit flights leave
clandestine strips of the VRAEM (around -12.5, -73.8) for strips near the Peru–Bolivia
border (about 560 km, 2.2 h for a light single-engine aircraft at 140 kt), some with a
fuel stop or a touch-and-go on the way; they are seen only by primary radar (every
10 s, no identity, no speed), with position and altitude noise, a coverage floor above
the ground and random gaps. The detector sees only the tracks file and the plans file;
the truth is kept aside and compared.

    .venv/bin/python benchmarks/flights.py [--seed 7] [--lawful 60] [--illicit 40]
                                           [--radar-floor-ft 600] [--match-km 3]
"""

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from concordia.aviation.detect import DetectionResult, detect
from concordia.aviation.events import Event
from concordia.aviation.geo import default_register, distance_km
from concordia.aviation.plans import FlightPlans
from concordia.aviation.simulate import (
    ADSB,
    AIRLINER,
    VRAEM,
    Aircraft,
    Place,
    Sensor,
    Stop,
    Truth,
    fly,
)
from concordia.aviation.tracks import Track

AERODROMES = ("SPZO", "SPTU", "SPJL", "SLLP", "SLRI", "SLCO", "SPAY", "SLTR", "SLRY", "SPJC")
MATCH_KM = 3.0  # by default, a detection within this distance of the truth is right


@dataclass(frozen=True)
class Scenario:
    tracks: list[Track]
    truths: list[Truth]
    strips: list[Place]
    illicit: set[str]
    plans: FlightPlans


def _aerodromes() -> list[Place]:
    import airportsdata

    rows = airportsdata.load("ICAO")
    return [Place(c, rows[c]["lat"], rows[c]["lon"], rows[c]["elevation"]) for c in AERODROMES
            if c in rows]  # fmt: skip


def _strips(rng: np.random.Generator, centre: tuple[float, float], spread: float, n: int,
            prefix: str, elevation: float) -> list[Place]:  # fmt: skip
    """Strips scattered around `centre`, none within 8 km of a registered aerodrome."""
    register, found = default_register(), []
    while len(found) < n:
        lat, lon = (
            centre[0] + rng.uniform(-spread, spread),
            centre[1] + rng.uniform(-spread, spread),
        )
        [_], [km] = register.nearest(np.array([lat]), np.array([lon]))
        if km > 8:
            found.append(Place(f"{prefix}{len(found) + 1}", lat, lon, elevation))
    return found


def _lawful(i: int, rng: np.random.Generator, aerodromes: list[Place], start: datetime
            ) -> tuple[Track, Truth]:  # fmt: skip
    a, b = rng.choice(len(aerodromes), 2, replace=False)
    plane = AIRLINER if i % 10 == 0 else Aircraft(cruise_kt=rng.uniform(120, 170))
    return fly(f"L{i:03d}", [aerodromes[a], aerodromes[b]], [], start, rng, plane=plane,
               sensor=ADSB, callsign=f"OB{1000 + i}")  # fmt: skip


def _illicit(i: int, rng: np.random.Generator, vraem: list[Place], border: list[Place],
             start: datetime, floor_ft: float) -> tuple[Track, Truth]:  # fmt: skip
    places = [vraem[rng.integers(len(vraem))], border[rng.integers(len(border))]]
    stops: list[Stop] = []
    if rng.random() < 0.3:
        others = [s for s in (*vraem, *border) if s not in places]
        places.insert(1, others[rng.integers(len(others))])
        stops = ["stop" if rng.random() < 0.6 else "touch_and_go"]
    floor, gaps = rng.uniform(0, floor_ft), int(rng.integers(0, 4))
    sensor = Sensor(interval_s=10, position_sigma_m=150, altitude_sigma_ft=100,
                    floor_agl_ft=floor, gaps=gaps)  # fmt: skip
    plane = Aircraft(cruise_kt=rng.uniform(125, 155), cruise_agl_ft=rng.uniform(6000, 10000))
    return fly(f"N{i:03d}", places, stops, start, rng, plane=plane, sensor=sensor)


def scenario(seed: int, lawful: int, illicit: int, floor_ft: float = 600) -> Scenario:
    rng = np.random.default_rng(seed)
    vraem = _strips(rng, VRAEM, 0.3, 4, "VRAEM-", 2000)
    border = [*_strips(rng, (-12.6, -69.0), 0.4, 4, "PE-MDD-", 800),
              *_strips(rng, (-12.2, -68.2), 0.4, 4, "BO-PANDO-", 700)]  # fmt: skip
    aerodromes = _aerodromes()
    day = datetime(2026, 11, 10, 11, tzinfo=UTC)
    flown = [_lawful(i, rng, aerodromes, day + timedelta(minutes=7 * i)) for i in range(lawful)]
    flown += [_illicit(i, rng, vraem, border, day + timedelta(minutes=11 * i), floor_ft)
              for i in range(illicit)]  # fmt: skip
    plans = FlightPlans(frozenset(f"L{i:03d}" for i in range(lawful)), frozenset(), frozenset())
    return Scenario([f[0] for f in flown], [f[1] for f in flown], [*vraem, *border],
                    {f"N{i:03d}" for i in range(illicit)}, plans)  # fmt: skip


def match(
    detected: list[Event], truths: list[Truth], kind: str, radius_km: float
) -> tuple[int, int, int]:
    """(right, detected, true) for one kind of event, matched per flight within radius."""
    right = total_true = 0
    by_flight: dict[str, list[Event]] = {}
    for event in detected:
        if event.kind == kind:
            by_flight.setdefault(event.flight_id, []).append(event)
    for truth in truths:
        wanted = [place for k, place, _ in truth.contacts if k == kind]
        total_true += len(wanted)
        free = list(by_flight.get(truth.flight_id, []))
        for place in wanted:
            near = [e for e in free if distance_km(e.lat, e.lon, place.lat, place.lon) <= radius_km]
            if near:
                free.remove(near[0])
                right += 1
    return right, sum(len(v) for v in by_flight.values()), total_true


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def report(s: Scenario, result: DetectionResult, seconds: float, radius_km: float) -> None:
    print(
        f"{len(s.tracks)} flights, {sum(len(t) for t in s.tracks)} plots, detection {seconds:.2f} s"
    )
    print(f"{'measure':<34}{'precision':>10}{'recall':>8}   counts")
    for kind in ("landing", "takeoff"):
        right, found, true = match(result.events, s.truths, kind, radius_km)
        print(f"{kind + ' detection':<34}{_ratio(right, found):>10}{_ratio(right, true):>8}"
              f"   {right} right of {found} found, {true} true")  # fmt: skip
    used = {p.name: p for t in s.truths for _, p, _ in t.contacts if p in s.strips}
    candidates = [site for site in result.sites if not site.registered]
    near = [min((distance_km(c.lat, c.lon, p.lat, p.lon), p.name) for p in used.values())
            for c in candidates]  # fmt: skip
    good = [n for n in near if n[0] <= radius_km]
    found_strips = {name for _, name in good}
    print(f"{'site discovery (clandestine strips)':<34}{_ratio(len(good), len(candidates)):>10}"
          f"{_ratio(len(found_strips), len(used)):>8}   {len(candidates)} candidate sites, "
          f"{len(found_strips)} of {len(used)} strips found")  # fmt: skip
    flagged = {f.flight_id for f in result.suspects}
    hit = len(flagged & s.illicit)
    print(f"{'suspect flights':<34}{_ratio(hit, len(flagged)):>10}{_ratio(hit, len(s.illicit)):>8}"
          f"   {len(flagged)} flagged, {len(s.illicit)} illicit")  # fmt: skip
    errors = [min(distance_km(c.lat, c.lon, p.lat, p.lon) for c in candidates) * 1000
              for p in used.values() if p.name in found_strips]  # fmt: skip
    if errors:
        print(f"site location error: median {np.median(errors):.0f} m, "
              f"p90 {np.percentile(errors, 90):.0f} m over {len(errors)} strips")  # fmt: skip
    print(f"recurrent routes: {sum(r.recurrent for r in result.routes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lawful", type=int, default=60)
    parser.add_argument("--illicit", type=int, default=40)
    parser.add_argument(
        "--radar-floor-ft",
        type=float,
        default=600,
        help="radar coverage floor above ground: uniform 0..this per flight",
    )
    parser.add_argument("--match-km", type=float, default=MATCH_KM,
                        help="a detection this close to the truth is right")  # fmt: skip
    args = parser.parse_args()
    began = time.perf_counter()
    s = scenario(args.seed, args.lawful, args.illicit, args.radar_floor_ft)
    simulated = time.perf_counter()
    ends = [(t.contacts[0][1], t.contacts[-1][1]) for t in s.truths if t.flight_id in s.illicit]
    km = [distance_km(a.lat, a.lon, b.lat, b.lon) for a, b in ends]
    hours = [(t.t[-1] - t.t[0]) / 3600 for t in s.tracks if t.flight_id in s.illicit]
    print(f"seed {args.seed}, match radius {args.match_km} km: simulated in "
          f"{simulated - began:.2f} s; illicit flights {np.mean(km):.0f} km, "
          f"{np.mean(hours):.2f} h on radar on average")  # fmt: skip
    start = time.perf_counter()
    result = detect(s.tracks, s.plans)
    report(s, result, time.perf_counter() - start, args.match_km)


if __name__ == "__main__":
    main()
