"""Score flights for the analyst: border crossings low and slow, no plan, no transponder.

A flight is suspect when it touches down away from every known aerodrome, or when it
crosses a border low and slow (below `low_ft`, slower than `slow_cross_kt`: a light
aircraft, not an airliner at cruise) with no flight plan on file or no transponder.
The score adds the weight of each reason (capped at 1) and the reasons are listed, so an
analyst sees why, as screening hits carry their explanation. Flight plans are only
judged when a plans file was given: without one, "no flight plan" is never claimed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from concordia.aviation.events import DetectionConfig, Event, Profile
from concordia.aviation.geo import Array, countries_at
from concordia.aviation.sites import Site

WEIGHTS = {
    "unregistered_site": 0.4,
    "low_slow_crossing": 0.3,
    "no_transponder": 0.25,
    "no_flight_plan": 0.2,
    "recurrent_route": 0.1,
}


@dataclass(frozen=True)
class Crossing:
    frm: str
    to: str
    t: float
    alt_ft: float
    gs_kt: float
    low_slow: bool

    @property
    def label(self) -> str:
        return f"{self.frm}-{self.to}"


@dataclass
class FlightFacts:
    """What the detector learnt about one flight, before scoring."""

    flight_id: str
    icao24: str | None
    callsign: str | None
    crossings: list[Crossing]
    contacts: list[tuple[Event, Site]]
    has_plan: bool | None  # None: no plans file was given
    reasons: list[str] = field(default_factory=list)
    reason_codes: list[str] = field(default_factory=list)  # stable keys of WEIGHTS
    score: float = 0.0

    @property
    def origin(self) -> Site | None:
        takeoffs = [site for event, site in self.contacts if event.kind == "takeoff"]
        return takeoffs[0] if takeoffs else None

    @property
    def destination(self) -> Site | None:
        landings = [site for event, site in self.contacts if event.kind == "landing"]
        return landings[-1] if landings else None


def _lowest(values: Array) -> float:
    return float("nan") if np.isnan(values).all() else float(np.nanmin(values))


def crossings(p: Profile, config: DetectionConfig) -> list[Crossing]:
    """Each change of country along the track, with height and speed where it happened;
    an unknown height or speed does not clear a crossing of being low and slow."""
    where = countries_at(p.lat, p.lon)
    found: list[Crossing] = []
    last: tuple[int, str] | None = None
    for index, country in enumerate(where):
        if country is None:
            continue
        if last is not None and country != last[1]:
            around = np.arange(last[0], index + 1)
            alt, gs = _lowest(p.alt[around]), _lowest(p.gs[around])
            low = not alt > config.low_ft and not gs > config.slow_cross_kt  # NaN: unknown
            found.append(Crossing(last[1], country, float(p.t[index]), alt, gs, low))
        last = (index, country)
    return found


def score(facts: FlightFacts, recurrent_sites: set[tuple[str, str]]) -> FlightFacts:
    """Fill in `reasons` and `score`; a flight with no reason scores 0."""
    unregistered = sorted({s.id for _, s in facts.contacts if not s.registered})
    reasons: dict[str, str] = {}
    if unregistered:
        reasons["unregistered_site"] = "touched down away from any known aerodrome: " + ", ".join(
            unregistered
        )
    low = [c.label for c in facts.crossings if c.low_slow]
    covert = facts.icao24 is None or facts.has_plan is False
    if low and covert:
        reasons["low_slow_crossing"] = "crossed a border low and slow: " + ", ".join(low)
    if facts.icao24 is None:
        reasons["no_transponder"] = "no transponder (primary radar plots only)"
    if facts.has_plan is False:
        reasons["no_flight_plan"] = "no flight plan on file"
    if reasons and _route(facts) in recurrent_sites:
        reasons["recurrent_route"] = "flies a route used by other flights between the same sites"
    suspect = "unregistered_site" in reasons or "low_slow_crossing" in reasons
    facts.reasons = list(reasons.values()) if suspect else []
    facts.reason_codes = list(reasons) if suspect else []
    facts.score = round(min(1.0, sum(WEIGHTS[k] for k in reasons)), 2) if suspect else 0.0
    return facts


def _route(facts: FlightFacts) -> tuple[str, str] | None:
    origin, destination = facts.origin, facts.destination
    if origin is None or destination is None or origin.id == destination.id:
        return None
    return (origin.id, destination.id)


@dataclass(frozen=True)
class Route:
    origin_site: str
    destination_site: str
    flights: tuple[str, ...]

    @property
    def recurrent(self) -> bool:
        return len(self.flights) >= 2


def routes(facts: Sequence[FlightFacts]) -> list[Route]:
    """Flights grouped by (origin site, destination site), most used first."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for flight in facts:
        key = _route(flight)
        if key is not None:
            grouped.setdefault(key, []).append(flight.flight_id)
    found = [Route(o, d, tuple(sorted(f))) for (o, d), f in grouped.items()]
    return sorted(found, key=lambda r: (-len(r.flights), r.origin_site, r.destination_site))
