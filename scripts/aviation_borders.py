"""Regenerate src/concordia/aviation/data/borders.geojson from Natural Earth.

Source: Natural Earth 1:50m admin-0 countries (public domain) as packaged in the npm
package world-atlas 2.0.2 (`countries-50m.json`, TopoJSON, ISC licence). Only Peru,
Bolivia, Chile and Brazil are kept, simplified with shapely (0.01 degree, about 1 km),
coordinates rounded to 3 decimals, so the committed file stays small.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/aviation_borders.py package/countries-50m.json
"""

import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

KEEP = {"604": "PER", "068": "BOL", "152": "CHL", "076": "BRA"}
OUT = Path(__file__).parent.parent / "src/concordia/aviation/data/borders.geojson"


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON quantised delta-encoded arcs to absolute longitude/latitude."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text())
    arcs = decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = KEEP.get(geometry.get("id"))
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coords = [[ring(arcs, r) for r in polygon] for polygon in polygons]
        shp = shape({"type": "MultiPolygon", "coordinates": coords}).simplify(0.01)
        geo = json.loads(json.dumps(mapping(shp)), parse_float=lambda v: round(float(v), 3))
        features.append({"type": "Feature", "properties": {"iso_a3": code}, "geometry": geo})
    collection = {"type": "FeatureCollection", "features": features}
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
