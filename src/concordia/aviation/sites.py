"""Group ground contacts into sites: known aerodromes or candidate clandestine strips.

Every take-off and landing is a ground contact: a strip reveals itself as much by the
aircraft leaving it as by those arriving. Radar loses a light aircraft a few hundred
feet up, a kilometre or two short of the strip, so a contact seen in the air (at a
track's end or beside a gap) is first carried down its last descent (or first climb) to
the lowest height any contact of the same rough cluster was seen at (`carry_down`).
DBSCAN with the haversine metric then joins contacts within `site_radius_km` of one
another (one contact is enough: a strip used once is still worth a look); the site is
the median of its contacts, which resists the odd one placed a few km off. A site within
`registered_km` of an aerodrome in the register is that aerodrome.
"""

from dataclasses import dataclass, replace

import numpy as np
from sklearn.cluster import DBSCAN

from concordia.aviation.events import DetectionConfig, Event
from concordia.aviation.geo import EARTH_KM, Aerodrome, AerodromeRegister, Array, distance_km


@dataclass(frozen=True)
class Site:
    id: str
    lat: float
    lon: float
    registered: bool
    nearest_aerodrome: str | None  # "ICAO name"
    distance_km: float | None
    flights: tuple[str, ...]
    contacts: int


def cluster_labels(events: list[Event], radius_km: float) -> list[int]:
    """A cluster number per event (DBSCAN, haversine, at least one contact per site)."""
    if not events:
        return []
    points = np.radians([[e.lat, e.lon] for e in events])
    model = DBSCAN(eps=radius_km / EARTH_KM, min_samples=1, metric="haversine",
                   algorithm="ball_tree")  # fmt: skip
    return [int(label) for label in model.fit_predict(points)]


def _carried_down(event: Event, ground_ft: float, config: DetectionConfig) -> Event:
    """The contact moved along its last descent (first climb) down to `ground_ft`."""
    height = event.alt - ground_ft
    if np.isnan(event.reach_lat) or not height > config.reach_min_ft:
        return event
    lat, lon = event.lat + event.reach_lat * height, event.lon + event.reach_lon * height
    moved = distance_km(event.lat, event.lon, lat, lon)
    share = min(1.0, config.max_reach_km / moved) if moved > 0 else 0.0
    return replace(event, lat=event.lat + (lat - event.lat) * share,
                   lon=event.lon + (lon - event.lon) * share, alt=ground_ft)  # fmt: skip


def carry_down(events: list[Event], config: DetectionConfig) -> list[Event]:
    """Each contact seen in the air carried down to its site's ground: the lowest altitude
    any contact of the rough cluster was seen at (a flight the radar followed down)."""
    labels = cluster_labels(events, config.site_radius_km)
    ground: dict[int, float] = {}
    for label, event in zip(labels, events, strict=True):
        if not np.isnan(event.alt):
            ground[label] = min(ground.get(label, event.alt), event.alt)
    return [
        _carried_down(e, ground[label], config) if label in ground else e
        for label, e in zip(labels, events, strict=True)
    ]


def build_sites(
    events: list[Event], register: AerodromeRegister, config: DetectionConfig
) -> tuple[list[Site], list[str]]:
    """The sites, and the site id of each event (same order as `events`, which should be
    carried down first)."""
    if not events:
        return [], []
    labels = cluster_labels(events, config.site_radius_km)
    members: dict[int, list[Event]] = {}
    for label, event in zip(labels, events, strict=True):
        members.setdefault(label, []).append(event)
    order = sorted(members, key=lambda label: (-len(members[label]), label))
    names = {label: f"S{n}" for n, label in enumerate(order, 1)}
    centres = np.array(
        [[np.median([e.lat for e in members[k]]), np.median([e.lon for e in members[k]])]
         for k in order]
    )  # fmt: skip
    nearest, dist = register.nearest(centres[:, 0], centres[:, 1])
    sites = [
        _site(names[label], centres[i], members[label], nearest[i], float(dist[i]), config)
        for i, label in enumerate(order)
    ]
    return sites, [names[label] for label in labels]


def _site(
    name: str,
    centre: Array,
    contacts: list[Event],
    aerodrome: Aerodrome | None,
    dist: float,
    config: DetectionConfig,
) -> Site:
    flights = tuple(sorted({e.flight_id for e in contacts}))
    label = f"{aerodrome.icao} {aerodrome.name}" if aerodrome is not None else None
    finite = dist if np.isfinite(dist) else None
    return Site(
        id=name,
        lat=round(float(centre[0]), 5),
        lon=round(float(centre[1]), 5),
        registered=finite is not None and finite <= config.registered_km,
        nearest_aerodrome=label,
        distance_km=round(finite, 2) if finite is not None else None,
        flights=flights,
        contacts=len(contacts),
    )
