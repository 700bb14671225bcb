"""Group ground contacts into sites: known aerodromes or candidate clandestine strips.

Every take-off and landing is a ground contact: a strip reveals itself as much by the
aircraft leaving it as by those arriving. DBSCAN with the haversine metric joins
contacts within `site_radius_km` of one another (one contact is enough for a
candidate: a strip used once is still worth a look); the site is the median of its
contacts seen nearest the ground (`_centre`), which resists the odd contact placed a few
km off by a radar gap. A site within `registered_km` of an aerodrome in the register is
that aerodrome.
"""

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import DBSCAN

from concordia.aviation.events import DetectionConfig, Event
from concordia.aviation.geo import EARTH_KM, Aerodrome, AerodromeRegister, Array


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


def _centre(contacts: list[Event], config: DetectionConfig) -> tuple[float, float]:
    """The median of the contacts seen nearest the ground: radar loses an aircraft some
    hundred feet up, about a kilometre short of the strip, so the lowest plots are the
    best placed ones."""
    alts = np.array([e.alt for e in contacts])
    if not np.isnan(alts).all():
        lowest = alts <= np.nanmin(alts) + config.lowest_ft
        contacts = [e for e, low in zip(contacts, lowest, strict=True) if low]
    return float(np.median([e.lat for e in contacts])), float(np.median([e.lon for e in contacts]))


def build_sites(
    events: list[Event], register: AerodromeRegister, config: DetectionConfig
) -> tuple[list[Site], list[str]]:
    """The sites, and the site id of each event (same order as `events`)."""
    labels = cluster_labels(events, config.site_radius_km)
    members: dict[int, list[Event]] = {}
    for label, event in zip(labels, events, strict=True):
        members.setdefault(label, []).append(event)
    order = sorted(members, key=lambda label: (-len(members[label]), label))
    names = {label: f"S{n}" for n, label in enumerate(order, 1)}
    centres = np.array([_centre(members[label], config) for label in order])
    if not order:
        return [], []
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
