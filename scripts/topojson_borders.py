"""Cut Natural Earth's world-atlas TopoJSON down to a GeoJSON of the Concordia countries.

TopoJSON stores shared borders once as quantised, delta-encoded arcs; a polygon ring is a
list of arc indexes (a negative index ~i means arc i reversed). Decoding is twenty lines,
so no topojson dependency. Usage: topojson_borders.py countries-50m.json out.geojson
"""

import json
import sys
from typing import Any

# ISO 3166 numeric -> alpha-3: the three countries of the border, then their neighbours.
KEEP = {"604": "PER", "152": "CHL", "068": "BOL"}
NEIGHBOURS = {"032": "ARG", "076": "BRA", "170": "COL", "218": "ECU", "600": "PRY"}
Point = list[float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + shift[0], 4), round(y * scale[1] + shift[1], 4)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
    return points


def geometry(geom: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    polygons = [[ring(r, arcs) for r in polygon] for polygon in geom["arcs"]]
    return {"type": "MultiPolygon", "coordinates": polygons}


def main(source: str, target: str) -> None:
    with open(source) as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        code = KEEP.get(geom.get("id", "")) or NEIGHBOURS.get(geom.get("id", ""))
        if code is None:
            continue
        role = "border" if code in KEEP.values() else "neighbour"
        properties = {"iso_a3": code, "name": geom["properties"]["name"], "role": role}
        features.append(
            {"type": "Feature", "properties": properties, "geometry": geometry(geom, arcs)}
        )
    features.sort(key=lambda f: (f["properties"]["role"], f["properties"]["iso_a3"]))
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m via world-atlas 2.0.2 (public domain)",
        "features": features,
    }
    with open(target, "w") as f:
        json.dump(collection, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
