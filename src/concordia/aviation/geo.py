"""Distances, the country under a point, and the register of known aerodromes.

Countries come from `data/borders.geojson`: Natural Earth 1:50m admin-0 polygons of Peru,
Bolivia, Chile and Brazil (public domain, via the npm package world-atlas 2.0.2),
simplified to about 1 km by `scripts/aviation_borders.py`. A point outside all four is
"elsewhere" (the ocean, Argentina, Paraguay …) and never counts as a crossing by itself.
Aerodromes come from the `airportsdata` package (offline, ICAO-keyed, with the many
small Brazilian, Bolivian and Peruvian strips it lists).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import shape

EARTH_KM = 6371.0088
COUNTRIES = ("PER", "BOL", "CHL", "BRA")
AERODROME_COUNTRIES = ("PE", "BO", "CL", "BR")
BORDERS_FILE = Path(__file__).parent / "data" / "borders.geojson"
Array = npt.NDArray[np.float64]


def haversine_km(lat1: Array, lon1: Array, lat2: Array, lon2: Array) -> Array:
    """Great-circle distance in km, element-wise over arrays (or scalars)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(haversine_km(np.array(lat1), np.array(lon1), np.array(lat2), np.array(lon2)))


@cache
def _borders() -> dict[str, shapely.Geometry]:
    features = json.loads(BORDERS_FILE.read_text())["features"]
    geometries: dict[str, shapely.Geometry] = {
        f["properties"]["iso_a3"]: shape(f["geometry"]) for f in features
    }
    for geometry in geometries.values():
        shapely.prepare(geometry)
    return geometries


def countries_at(lat: Array, lon: Array) -> list[str | None]:
    """ISO alpha-3 of the country under each point, None outside the four countries."""
    found: list[str | None] = [None] * len(lat)
    for code, geometry in _borders().items():
        inside = shapely.contains_xy(geometry, lon, lat)
        for index in np.flatnonzero(inside):
            found[index] = code
    return found


def border_geojson() -> dict[str, object]:
    """The committed country polygons, for a map layer."""
    loaded: dict[str, object] = json.loads(BORDERS_FILE.read_text())
    return loaded


@dataclass(frozen=True)
class Aerodrome:
    icao: str
    name: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True)
class AerodromeRegister:
    """Known aerodromes with a haversine ball tree for nearest-neighbour look-ups."""

    aerodromes: tuple[Aerodrome, ...]

    @property
    def coordinates(self) -> Array:
        return np.array([[a.lat, a.lon] for a in self.aerodromes], dtype=np.float64)

    def nearest(self, lat: Array, lon: Array) -> tuple[list[Aerodrome | None], Array]:
        """The nearest aerodrome to each point and its distance in km."""
        if not self.aerodromes or len(lat) == 0:
            return [None] * len(lat), np.full(len(lat), np.inf)
        tree = _tree(self)
        dist, index = tree.query(np.radians(np.column_stack([lat, lon])), k=1)
        return [self.aerodromes[i] for i in index[:, 0]], dist[:, 0] * EARTH_KM


@cache
def _tree(register: AerodromeRegister) -> Any:
    from sklearn.neighbors import BallTree

    return BallTree(np.radians(register.coordinates), metric="haversine")


@cache
def default_register() -> AerodromeRegister:
    """Every aerodrome `airportsdata` lists in Peru, Bolivia, Chile and Brazil."""
    import airportsdata

    rows = airportsdata.load("ICAO").values()
    aerodromes = tuple(
        Aerodrome(r["icao"], r["name"], r["country"], float(r["lat"]), float(r["lon"]))
        for r in rows
        if r["country"] in AERODROME_COUNTRIES
    )
    return AerodromeRegister(aerodromes)
