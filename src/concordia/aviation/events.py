"""Take-offs and landings from one track, without knowing the height above ground.

Radar and ADS-B give altitude above sea level, and the strips of the VRAEM lie from
500 m to 3,000 m, so no fixed altitude means "on the ground". As the `traffic` library
does for its landing and take-off detectors, we look at the shape of the flight instead:

1. Clean: a running median (5 plots) removes altitude and speed spikes; missing
   groundspeed is derived from positions (vertical rate is not needed).
2. Split the track where plots stop for longer than a gap (radar shadow, low flight).
3. A touch-down in the middle of a segment is a valley of the altitude profile at least
   `valley_ft` deep on both sides whose floor is flown slower than `slow_kt`; it is a
   touch-and-go unless the aircraft stays slower than `ground_kt` for `stop_s`.
4. A ground contact hidden by a gap: the aircraft disappears at the bottom of a descent
   and reappears at the bottom of a climb (or is seen stopped on both sides), at about
   the same height, within `same_place_km` of where it vanished or having moved slower
   than `gap_speed_kt` on average; the landing is placed where it vanished and the
   take-off where it reappeared, each with the slope of its descent or climb.
5. The track's ends: it starts with a take-off when it starts low (slow, or climbing at
   least `valley_ft` soon after) and ends with a landing when it ends low (slow, or after
   descending at least `valley_ft`). Radar loses a light aircraft a few hundred feet up,
   so these events record the slope and direction of that last descent (first climb),
   which `sites.carry_down` uses to carry them down to the strip.

The place of a valley's touch-down is the mean position of the slowest plots on its
floor. Thresholds live in `DetectionConfig`.
"""

import itertools
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.ndimage import median_filter
from scipy.signal import find_peaks

from concordia.aviation.geo import Array, haversine_km
from concordia.aviation.tracks import Track

Index = npt.NDArray[np.intp]
EventKind = Literal["takeoff", "landing"]
Manner = Literal["track_start", "track_end", "touch_and_go", "stop", "stop_in_gap"]


@dataclass(frozen=True)
class DetectionConfig:
    slow_kt: float = 85.0  # approach and rotation speeds of light aircraft
    ground_kt: float = 35.0  # taxiing or stopped
    stop_s: float = 30.0
    valley_ft: float = 800.0
    floor_ft: float = 250.0  # plots this close to a valley's bottom are on its floor
    window_s: float = 900.0  # how far from an end or gap a climb or descent is looked for
    min_gap_s: float = 90.0
    same_place_km: float = 6.0
    gap_speed_kt: float = 40.0  # slower than this across a gap: it stopped somewhere
    site_radius_km: float = 3.0  # landings this close form one site
    reach_s: float = 60.0  # the last descent (first climb) measured over this long
    max_reach_km: float = 4.0  # a track's end is moved at most this far toward the ground
    reach_min_ft: float = 150.0  # closer to the ground than this (noise): not moved
    reach_drop_ft: float = 200.0  # a steady descent or climb over `reach_s`, not noise
    airborne_kt: float = 55.0  # slower at a track's end: seen on the ground, not moved
    registered_km: float = 3.0  # a site this close to a known aerodrome is that aerodrome
    low_ft: float = 14_000.0  # "low": a light aircraft below oxygen altitude
    slow_cross_kt: float = 190.0  # "slow": a piston or light turboprop, not an airliner


@dataclass(frozen=True)
class Event:
    flight_id: str
    kind: EventKind
    manner: Manner
    t: float
    lat: float
    lon: float
    alt: float = float("nan")  # ft; the lowest seen, to tell the contacts nearest the ground
    # Where the ground contact lies from (lat, lon), in degrees per foot of height above
    # it: along the last descent (or back along the first climb) of a contact seen in the
    # air, at a track's ends or either side of a gap; NaN otherwise.
    reach_lat: float = float("nan")
    reach_lon: float = float("nan")


@dataclass(frozen=True)
class Profile:
    """One track after cleaning: smoothed altitude and speed, derived where missing."""

    t: Array
    lat: Array
    lon: Array
    alt: Array
    gs: Array

    def slice(self, start: int, stop: int) -> "Profile":
        return Profile(*(a[start:stop] for a in (self.t, self.lat, self.lon, self.alt, self.gs)))


def _fill(values: Array, fallback: Array) -> Array:
    return np.where(np.isnan(values), fallback, values)


def _smooth(values: Array) -> Array:
    if len(values) < 3 or np.isnan(values).all():
        return values
    filled = _fill(values, np.interp(np.arange(len(values)),
                                     np.flatnonzero(~np.isnan(values)),
                                     values[~np.isnan(values)]))  # fmt: skip
    return np.asarray(median_filter(filled, size=min(5, len(values)), mode="nearest"))


def derived_speed(track: Track, baseline_s: float = 30.0) -> Array:
    """Groundspeed in knots from positions `baseline_s` before and after each plot: over
    consecutive plots, a radar's 150 m of position noise would swing it by 60 kt. Unknown
    (NaN) where the plots around are too far apart in time: a gap says nothing of speed."""
    if len(track) < 2:
        return np.full(len(track), np.nan)
    before = np.searchsorted(track.t, track.t - baseline_s, side="left")
    after = np.clip(np.searchsorted(track.t, track.t + baseline_s, side="right") - 1, 0, None)
    after = np.maximum(after, np.minimum(before + 1, len(track) - 1))
    before = np.minimum(before, after - 1).clip(0)
    km = haversine_km(track.lat[before], track.lon[before], track.lat[after], track.lon[after])
    span = track.t[after] - track.t[before]
    speed = km / np.maximum(span, 1e-9) * 3600 / 1.852
    return np.where(span <= 2 * baseline_s + 60, speed, np.nan)  # not across a radar gap


def profile(track: Track) -> Profile:
    gs = _fill(track.gs, derived_speed(track))
    return Profile(track.t, track.lat, track.lon, _smooth(track.alt), _smooth(gs))


def segments(p: Profile, config: DetectionConfig) -> list[tuple[int, int]]:
    """(start, stop) index ranges between gaps; a gap is several typical plot intervals."""
    if len(p.t) < 2:
        return [(0, len(p.t))]
    dt = np.diff(p.t)
    limit = max(config.min_gap_s, 6 * float(np.median(dt)))
    cuts = np.flatnonzero(dt > limit) + 1
    bounds = [0, *cuts.tolist(), len(p.t)]
    return list(itertools.pairwise(bounds))


def _rise_within(p: Profile, index: int, window_s: float, forward: bool) -> float:
    """How much higher the aircraft gets within `window_s` after (or before) `index`."""
    near = p.t >= p.t[index] if forward else p.t <= p.t[index]
    near &= np.abs(p.t - p.t[index]) <= window_s
    if np.isnan(p.alt[index]) or not near.any():
        return 0.0
    return float(np.nanmax(p.alt[near]) - p.alt[index])


def _low_end(p: Profile, index: int, config: DetectionConfig, forward: bool) -> bool:
    """At `index` the aircraft is slow, or near the bottom of a climb-out or descent."""
    if p.gs[index] < config.slow_kt:
        return True
    return _rise_within(p, index, config.window_s, forward) >= config.valley_ft


def _event(flight: str, kind: EventKind, manner: Manner, p: Profile, idx: Index) -> Event:
    alt = float(np.nanmin(p.alt[idx])) if not np.isnan(p.alt[idx]).all() else float("nan")
    return Event(flight, kind, manner, float(p.t[idx].mean()),
                 float(p.lat[idx].mean()), float(p.lon[idx].mean()), alt)  # fmt: skip


def valley_events(flight: str, p: Profile, config: DetectionConfig) -> list[Event]:
    """Touch-downs inside one gap-free segment: deep, slow valleys of the altitude."""
    if len(p.t) < 5 or np.isnan(p.alt).all():
        return []
    peaks, _ = find_peaks(-p.alt, prominence=config.valley_ft, plateau_size=1)
    events: list[Event] = []
    for peak in peaks:
        floor = _floor(p, int(peak), config)
        if p.gs[floor].min() >= config.slow_kt:
            continue  # a low pass over a ridge or a valley, not a touch-down
        stopped = p.gs[floor] < config.ground_kt
        stop = stopped.any() and np.ptp(p.t[floor][stopped]) >= config.stop_s
        manner: Manner = "stop" if stop else "touch_and_go"
        slowest = floor[p.gs[floor] <= np.percentile(p.gs[floor], 50)]
        events.append(_event(flight, "landing", manner, p, slowest))
        events.append(_event(flight, "takeoff", manner, p, slowest))
    return events


def _floor(p: Profile, peak: int, config: DetectionConfig) -> Index:
    """Indices of the contiguous plots around `peak` within `floor_ft` of its altitude."""
    low = p.alt <= p.alt[peak] + config.floor_ft
    start = stop = peak
    while start > 0 and low[start - 1]:
        start -= 1
    while stop < len(low) - 1 and low[stop + 1]:
        stop += 1
    return np.arange(start, stop + 1)


def gap_events(flight: str, p: Profile, a: int, b: int, config: DetectionConfig) -> list[Event]:
    """A ground contact hidden by the gap between plots `a` and `b = a + 1`: the aircraft
    vanished at the bottom of a descent and reappeared at the bottom of a climb (or
    stopped on both sides), at about the same height, close by or too slowly to have
    flown on. A light aircraft climbing at 80 kt through a radar gap is none of these."""
    moved = float(haversine_km(p.lat[a], p.lon[a], p.lat[b], p.lon[b]))
    speed = moved / max(p.t[b] - p.t[a], 1.0) * 3600 / 1.852
    if moved > config.same_place_km and speed > config.gap_speed_kt:
        return []
    if abs(p.alt[a] - p.alt[b]) > config.valley_ft:  # False when either is unknown
        return []
    stopped = p.gs[a] < config.ground_kt and p.gs[b] < config.ground_kt
    descended = _rise_within(p, a, config.window_s, False) >= config.valley_ft
    climbed = _rise_within(p, b, config.window_s, True) >= config.valley_ft
    if not (stopped or (descended and climbed)):
        return []
    manner: Manner = "stop_in_gap" if speed <= config.gap_speed_kt else "touch_and_go"
    landing = _event(flight, "landing", manner, p, np.array([a]))
    takeoff = _event(flight, "takeoff", manner, p, np.array([b]))
    return [_with_reach(landing, p, a, config), _with_reach(takeoff, p, b, config)]


def _reach(p: Profile, first: int, last: int, config: DetectionConfig) -> tuple[float, float]:
    """Degrees of latitude and longitude per foot lost between plots `first` and `last`,
    NaN unless the aircraft clearly descended to `last` and was still flying there (an
    aircraft seen rolling on the ground is already where it is)."""
    drop = p.alt[first] - p.alt[last]
    if not drop >= config.reach_drop_ft or not p.gs[last] >= config.airborne_kt:
        return float("nan"), float("nan")
    return (p.lat[last] - p.lat[first]) / drop, (p.lon[last] - p.lon[first]) / drop


def _with_reach(event: Event, p: Profile, index: int, config: DetectionConfig) -> Event:
    """The event with the slope and direction of the descent that ends at plot `index`
    (a landing) or of the climb that starts there (a take-off)."""
    if event.kind == "landing":
        first = int(np.searchsorted(p.t, p.t[index] - config.reach_s, side="left"))
        reach = _reach(p, min(first, index - 1), index, config) if index > 0 else (np.nan,) * 2
    else:
        later = int(np.searchsorted(p.t, p.t[index] + config.reach_s, side="right")) - 1
        last = len(p.t) - 1
        reach = _reach(p, max(later, index + 1), index, config) if index < last else (np.nan,) * 2
    return replace(event, reach_lat=float(reach[0]), reach_lon=float(reach[1]))


def end_events(flight: str, p: Profile, config: DetectionConfig) -> list[Event]:
    """A take-off where the track starts low, a landing where it ends low; each carries
    the direction and slope of its first climb or last descent (`Event.reach_*`)."""
    events: list[Event] = []
    if len(p.t) < 2:
        return events
    last = len(p.t) - 1
    if _low_end(p, 0, config, True):
        start = _event(flight, "takeoff", "track_start", p, np.array([0]))
        events.append(_with_reach(start, p, 0, config))
    if _low_end(p, last, config, False):
        end = _event(flight, "landing", "track_end", p, np.array([last]))
        events.append(_with_reach(end, p, last, config))
    return events


def detect_events(track: Track, config: DetectionConfig | None = None) -> list[Event]:
    """Every take-off and landing of one track, in time order."""
    config = config or DetectionConfig()
    p = profile(track)
    events = end_events(track.flight_id, p, config)
    parts = segments(p, config)
    for start, stop in parts:
        events += valley_events(track.flight_id, p.slice(start, stop), config)
    for (_, stop), _next in itertools.pairwise(parts):
        events += gap_events(track.flight_id, p, stop - 1, stop, config)
    return sorted(events, key=lambda e: (e.t, e.kind == "takeoff"))
