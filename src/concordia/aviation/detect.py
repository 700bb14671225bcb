"""The whole analysis of a batch of tracks: contacts, sites, suspect flights, routes.

Plain data in, plain data out: the CLI prints `DetectionResult.to_json()`, the service
stores it, the benchmark compares it with the truth it simulated.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from concordia.aviation.events import DetectionConfig, Event, detect_events, profile
from concordia.aviation.geo import AerodromeRegister, default_register
from concordia.aviation.plans import FlightPlans
from concordia.aviation.sites import Site, build_sites, carry_down
from concordia.aviation.suspects import FlightFacts, Route, crossings, routes, score
from concordia.aviation.tracks import Track


@dataclass(frozen=True)
class DetectionResult:
    events: list[Event]
    sites: list[Site]
    flights: list[FlightFacts]
    routes: list[Route]

    @property
    def suspects(self) -> list[FlightFacts]:
        flagged = [f for f in self.flights if f.reasons]
        return sorted(flagged, key=lambda f: (-f.score, f.flight_id))

    def to_json(self) -> dict[str, Any]:
        return {
            "sites": [site_json(s) for s in self.sites],
            "suspect_flights": [suspect_json(f) for f in self.suspects],
            "routes": [route_json(r) for r in self.routes],
        }


def site_json(site: Site) -> dict[str, Any]:
    return {
        "id": site.id,
        "latitude": site.lat,
        "longitude": site.lon,
        "registered": site.registered,
        "nearest_aerodrome": site.nearest_aerodrome,
        "distance_km": site.distance_km,
        "flights": list(site.flights),
    }


def suspect_json(flight: FlightFacts) -> dict[str, Any]:
    origin, destination = flight.origin, flight.destination
    return {
        "id": flight.flight_id,
        "icao24": flight.icao24,
        "callsign": flight.callsign,
        "origin_site": origin.id if origin else None,
        "destination_site": destination.id if destination else None,
        "borders_crossed": [c.label for c in flight.crossings],
        "score": flight.score,
        "reasons": flight.reasons,
        "reason_codes": flight.reason_codes,
    }


def route_json(route: Route) -> dict[str, Any]:
    return {
        "origin_site": route.origin_site,
        "destination_site": route.destination_site,
        "flights": list(route.flights),
        "recurrent": route.recurrent,
    }


def detect(
    tracks: Sequence[Track],
    plans: FlightPlans | None = None,
    register: AerodromeRegister | None = None,
    config: DetectionConfig | None = None,
) -> DetectionResult:
    config = config or DetectionConfig()
    register = register or default_register()
    seen = [e for t in tracks for e in detect_events(t, config)]
    events = carry_down(seen, config)  # placed where the aircraft met the ground
    sites, site_ids = build_sites(events, register, config)
    by_id = {s.id: s for s in sites}
    contacts: dict[str, list[tuple[Event, Site]]] = {t.flight_id: [] for t in tracks}
    for event, site_id in zip(events, site_ids, strict=True):
        contacts[event.flight_id].append((event, by_id[site_id]))
    facts = [
        FlightFacts(t.flight_id, t.icao24, t.callsign, crossings(profile(t), config),
                    contacts[t.flight_id], None if plans is None else plans.covers(t))
        for t in tracks
    ]  # fmt: skip
    found = routes(facts)
    recurrent = {(r.origin_site, r.destination_site) for r in found if r.recurrent}
    return DetectionResult(events, sites, [score(f, recurrent) for f in facts], found)
