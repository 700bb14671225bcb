"""Small factories for eradication tests: a campaign body and field polygons."""

from datetime import date
from typing import Any

from pyproj import Transformer

# Peru 2024 national campaign: target 25,782 ha.
PERU_2024: dict[str, Any] = {
    "code": "PER-CORAH-2024",
    "name": "Erradicación 2024",
    "agency": "PER-DIRANDRO",
    "executing_body": "CORAH",
    "starts_on": date(2024, 1, 1).isoformat(),
    "ends_on": date(2024, 12, 31).isoformat(),
    "target_ha": 25782,
    "partner_countries": ["BOL"],
    "source": "meta nacional 2024",
}


def utm_square(x0: float, y0: float, side_m: float, zone: int = 19) -> dict[str, Any]:
    """A square drawn in UTM (southern hemisphere) as a GeoJSON polygon in lon/lat."""
    to_lonlat = Transformer.from_crs(f"EPSG:{32700 + zone}", "EPSG:4326", always_xy=True)
    corners = [(x0, y0), (x0 + side_m, y0), (x0 + side_m, y0 + side_m), (x0, y0 + side_m)]
    ring = [list(to_lonlat.transform(x, y)) for x, y in [*corners, corners[0]]]
    return {"type": "Polygon", "coordinates": [ring]}
