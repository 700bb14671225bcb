"""Synthetic flights with known truth, for tests, the benchmark and the demo.

A flight is a list of places (aerodromes or strips) with what happens at each one
between the first and the last: a ground stop or a touch-and-go. Each leg is flown
like a light single-engine aircraft (or an airliner): take-off roll, climb, cruise,
descent, approach, roll-out, built second by second with NumPy and then sampled like a
sensor: ADS-B (transponder, every 5 s) or primary radar (no icao24 or callsign, every
10 s, no speed or vertical rate, a coverage floor above the ground and random gaps).
Noise is Gaussian on position and altitude.
"""

import itertools
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from concordia.aviation.geo import EARTH_KM, haversine_km
from concordia.aviation.tracks import Array, Track

Stop = Literal["stop", "touch_and_go"]
VRAEM = (-12.5, -73.8)  # Apurímac–Ene–Mantaro valley, departure area of narco-flights


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    elevation_ft: float = 1500.0


@dataclass(frozen=True)
class Aircraft:
    cruise_kt: float = 140.0  # light single-engine (Cessna 206/210 class)
    climb_kt: float = 80.0
    approach_kt: float = 75.0
    climb_fpm: float = 700.0
    descent_fpm: float = 600.0
    cruise_agl_ft: float = 8000.0


AIRLINER = Aircraft(450.0, 250.0, 150.0, 2500.0, 2000.0, 33_000.0)


@dataclass(frozen=True)
class Sensor:
    interval_s: float = 10.0
    transponder: bool = False
    position_sigma_m: float = 150.0
    altitude_sigma_ft: float = 100.0
    floor_agl_ft: float = 0.0  # plots below this height above the ground are lost
    gaps: int = 0  # random radar gaps of 1 to 4 minutes at cruise


ADSB = Sensor(interval_s=5.0, transponder=True, position_sigma_m=30.0, altitude_sigma_ft=25.0)


@dataclass(frozen=True)
class Truth:
    """What really happened: every ground contact with its place and manner."""

    flight_id: str
    contacts: list[tuple[str, Place, str]] = field(default_factory=list)  # (kind, place, how)


def _ramp(a: float, b: float, seconds: float) -> Array:
    return np.linspace(a, b, max(int(seconds), 1), endpoint=False)


def _edges(a: Place, b: Place, top: float, plane: Aircraft) -> tuple[float, float, float]:
    """Seconds of climb and of descent to and from `top`, and the km they cover."""
    climb_s = (top - a.elevation_ft) / plane.climb_fpm * 60
    descent_s = (top - b.elevation_ft) / plane.descent_fpm * 60
    edge_s = climb_s * plane.climb_kt + descent_s * (plane.cruise_kt + plane.approach_kt) / 2
    return climb_s, descent_s, edge_s / 3600 * 1.852


def _leg(a: Place, b: Place, plane: Aircraft) -> tuple[Array, Array, Array]:
    """Per-second groundspeed (kt), altitude (ft) and the ground elevation fraction."""
    km = float(haversine_km(np.array(a.lat), np.array(a.lon), np.array(b.lat), np.array(b.lon)))
    top = max(a.elevation_ft, b.elevation_ft) + plane.cruise_agl_ft
    climb_s, descent_s, edge_km = _edges(a, b, top, plane)
    if edge_km > km:  # a short hop: climb only as high as the distance allows
        top = max(a.elevation_ft, b.elevation_ft) + plane.cruise_agl_ft * km / edge_km
        climb_s, descent_s, edge_km = _edges(a, b, top, plane)
    cruise_s = max(km - edge_km - 1.0, 0.0) / 1.852 / plane.cruise_kt * 3600
    speed = np.concatenate([
        _ramp(0, plane.climb_kt, 30), np.full(int(climb_s), plane.climb_kt),
        np.full(int(cruise_s), plane.cruise_kt),
        _ramp(plane.cruise_kt, plane.approach_kt, descent_s), _ramp(plane.approach_kt, 5, 30),
    ])  # fmt: skip
    alt = np.concatenate([
        np.full(30, a.elevation_ft), _ramp(a.elevation_ft, top, climb_s),
        np.full(int(cruise_s), top), _ramp(top, b.elevation_ft, descent_s),
        np.full(30, b.elevation_ft),
    ])  # fmt: skip
    n = min(len(speed), len(alt))
    return speed[:n], alt[:n], np.full(n, km)


def _positions(a: Place, b: Place, speed: Array, km: float) -> tuple[Array, Array]:
    """Along the great circle from a to b, scaled so the leg ends exactly on b."""
    flown = np.cumsum(speed) / 3600 * 1.852
    frac = flown / max(flown[-1], 1e-9)
    p1, l1, p2, l2 = np.radians([a.lat, a.lon, b.lat, b.lon])
    d = km / EARTH_KM
    if d < 1e-9:
        return np.full(len(speed), a.lat), np.full(len(speed), a.lon)
    s1, s2 = np.sin((1 - frac) * d) / np.sin(d), np.sin(frac * d) / np.sin(d)
    x = s1 * np.cos(p1) * np.cos(l1) + s2 * np.cos(p2) * np.cos(l2)
    y = s1 * np.cos(p1) * np.sin(l1) + s2 * np.cos(p2) * np.sin(l2)
    z = s1 * np.sin(p1) + s2 * np.sin(p2)
    return np.degrees(np.arctan2(z, np.hypot(x, y))), np.degrees(np.arctan2(y, x))


def fly(
    flight_id: str,
    places: list[Place],
    stops: list[Stop],
    start: datetime,
    rng: np.random.Generator,
    plane: Aircraft = Aircraft(),
    sensor: Sensor = Sensor(),
    callsign: str | None = None,
) -> tuple[Track, Truth]:
    """Fly through `places`, doing `stops[i]` at `places[i + 1]` (len(places) - 2 stops)."""
    parts: list[tuple[Array, ...]] = []
    truth = Truth(flight_id, [("takeoff", places[0], "track_start")])
    for index, (a, b) in enumerate(itertools.pairwise(places)):
        speed, alt, km = _leg(a, b, plane)
        lat, lon = _positions(a, b, speed, float(km[0]))
        top = int(np.argmax(alt))
        ground = np.where(np.arange(len(speed)) <= top, a.elevation_ft, b.elevation_ft)
        parts.append((speed, alt, lat, lon, ground))
        last = index == len(places) - 2
        truth.contacts.append(("landing", b, "track_end" if last else stops[index]))
        if not last:
            if stops[index] == "stop":
                wait = int(rng.uniform(600, 1800))
                parts.append((np.zeros(wait), np.full(wait, b.elevation_ft),
                              np.full(wait, b.lat), np.full(wait, b.lon),
                              np.full(wait, b.elevation_ft)))  # fmt: skip
            truth.contacts.append(("takeoff", b, stops[index]))
    speed, alt, lat, lon, ground = (np.concatenate(c) for c in zip(*parts, strict=True))
    t0 = start.astimezone(UTC).timestamp()
    track = _sense(flight_id, t0, speed, alt, lat, lon, ground, sensor, rng, callsign)
    return track, truth


def _sense(
    flight_id: str, t0: float, speed: Array, alt: Array, lat: Array, lon: Array,
    ground: Array, sensor: Sensor, rng: np.random.Generator, callsign: str | None,
) -> Track:  # fmt: skip
    """Sample the per-second truth like the sensor would, with its noise and losses."""
    idx = np.arange(0, len(speed), int(sensor.interval_s))
    keep = (alt[idx] - ground[idx]) >= sensor.floor_agl_ft
    keep[0] |= sensor.floor_agl_ft == 0
    for _ in range(sensor.gaps):
        cruise = np.flatnonzero(alt[idx] > ground[idx] + 3000)
        if len(cruise):
            centre = idx[rng.choice(cruise)]
            keep &= np.abs(idx - centre) > rng.uniform(30, 120)
    idx = idx[keep]
    n = len(idx)
    north = rng.normal(0, sensor.position_sigma_m, n) / 1000 / EARTH_KM
    east = rng.normal(0, sensor.position_sigma_m, n) / 1000 / EARTH_KM
    vr = np.gradient(alt, edge_order=1)[idx] * 60 if len(alt) > 1 else np.zeros(n)
    nan = np.full(n, np.nan)
    return Track(
        flight_id=flight_id,
        icao24=f"e8{zlib.crc32(flight_id.encode()) % 16**4:04x}" if sensor.transponder else None,
        callsign=callsign if sensor.transponder else None,
        t=t0 + idx.astype(np.float64),
        lat=lat[idx] + np.degrees(north),
        lon=lon[idx] + np.degrees(east) / np.cos(np.radians(lat[idx])),
        alt=alt[idx] + rng.normal(0, sensor.altitude_sigma_ft, n),
        gs=np.clip(speed[idx] + rng.normal(0, 3, n), 0, None) if sensor.transponder else nan,
        vr=vr if sensor.transponder else nan,
    )


def to_rows(track: Track) -> list[dict[str, object]]:
    """The track as rows with the `traffic` column names (for CSV and Parquet files)."""
    return [
        {
            "flight_id": track.flight_id,
            "icao24": track.icao24 or "",
            "callsign": track.callsign or "",
            "timestamp": datetime.fromtimestamp(float(t), UTC).isoformat(),
            "latitude": round(float(la), 6),
            "longitude": round(float(lo), 6),
            "altitude": round(float(al)),
            "groundspeed": "" if np.isnan(g) else round(float(g), 1),
            "track": "",
            "vertical_rate": "" if np.isnan(v) else round(float(v)),
        }
        for t, la, lo, al, g, v in zip(
            track.t, track.lat, track.lon, track.alt, track.gs, track.vr, strict=True
        )
    ]
