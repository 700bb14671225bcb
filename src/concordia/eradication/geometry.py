"""Field polygons: validation and area in hectares (pure).

Areas are computed in a Lambert azimuthal equal-area projection centred on the field,
so the error is negligible for fields of any size at any latitude; degrees of longitude
and latitude are never multiplied together.
"""

from typing import Any

import shapely
from pyproj import CRS, Transformer
from shapely import geometry as shp
from shapely.validation import explain_validity

MAX_FIELD_HA = 5_000.0


class BadGeometry(ValueError):
    """The GeoJSON is not a usable polygon; the message says why."""


def _equal_area(lon: float, lat: float) -> Transformer:
    laea = CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    return Transformer.from_crs("EPSG:4326", laea, always_xy=True)


def parse_polygon(geojson: dict[str, Any]) -> shp.Polygon | shp.MultiPolygon:
    """A valid Polygon or MultiPolygon in longitude/latitude, or BadGeometry."""
    if geojson.get("type") not in ("Polygon", "MultiPolygon"):
        raise BadGeometry("a field is a GeoJSON Polygon or MultiPolygon")
    try:
        shape = shp.shape(geojson)
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        raise BadGeometry(f"unreadable coordinates: {exc}") from None
    minx, miny, maxx, maxy = shape.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise BadGeometry("coordinates are [longitude, latitude] within ±180 and ±90")
    if not shape.is_valid:
        raise BadGeometry(f"invalid polygon: {explain_validity(shape)}")
    if shape.is_empty or shape.area == 0:
        raise BadGeometry("the polygon has no area")
    assert isinstance(shape, shp.Polygon | shp.MultiPolygon)
    return shape


def area_ha(shape: shp.Polygon | shp.MultiPolygon) -> float:
    centre = shape.centroid
    # interleaved=False calls transform(x, y); the stubs only describe the one-array form
    project = _equal_area(centre.x, centre.y).transform
    projected = shapely.transform(shape, project, interleaved=False)  # type: ignore[arg-type]
    return float(projected.area) / 10_000


def field_area_ha(geojson: dict[str, Any]) -> float:
    """Area of a field in hectares; refuses shapes larger than any single field."""
    hectares = area_ha(parse_polygon(geojson))
    if hectares > MAX_FIELD_HA:
        raise BadGeometry(f"{hectares:,.0f} ha is larger than a field ({MAX_FIELD_HA:,.0f} ha)")
    return round(hectares, 4)
