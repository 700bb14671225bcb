#!/usr/bin/env bash
# Vendor the web console's JavaScript, CSS and map data from the npm registry at fixed
# versions: `npm pack` each package, keep only the dist files the pages load, record the
# versions and sha256 sums in VERSIONS.txt, and cut Natural Earth (world-atlas) down to a
# small GeoJSON of Peru, Chile, Bolivia and their neighbours. Run by hand when a version
# changes; the output is committed so pages work offline and `make install` needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/concordia/web/static/vendor
PY=${PYTHON:-.venv/bin/python}
PACKAGES=(htmx.org@2.0.4 leaflet@1.9.4 world-atlas@2.0.2 chart.js@4.4.7)
# package -> files kept (path inside the tarball's package/ folder : destination)
declare -A FILES=(
  [htmx.org]="dist/htmx.min.js:htmx.min.js"
  [leaflet]="dist/leaflet.js:leaflet/leaflet.js dist/leaflet.css:leaflet/leaflet.css dist/images/marker-icon.png:leaflet/images/marker-icon.png dist/images/marker-icon-2x.png:leaflet/images/marker-icon-2x.png dist/images/marker-shadow.png:leaflet/images/marker-shadow.png dist/images/layers.png:leaflet/images/layers.png dist/images/layers-2x.png:leaflet/images/layers-2x.png LICENSE:leaflet/LICENSE"
  [world-atlas]="countries-50m.json:countries-50m.json LICENSE:world-atlas-LICENSE"
  [chart.js]="dist/chart.umd.js:chart.umd.js LICENSE.md:chart.js-LICENSE.md"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT/leaflet/images"
{
  echo "# Vendored from the npm registry by scripts/vendor_static.sh; do not edit by hand."
  echo "# package@version  file  sha256"
} > "$OUT/VERSIONS.txt"
for spec in "${PACKAGES[@]}"; do
  name=${spec%@*}
  tarball=$(cd "$work" && npm pack --silent "$spec" 2>/dev/null | tail -1)
  mkdir -p "$work/$name" && tar -xzf "$work/$tarball" -C "$work/$name"
  for pair in ${FILES[$name]}; do
    src=${pair%%:*}; dst=${pair##*:}
    cp "$work/$name/package/$src" "$OUT/$dst"
    echo "$spec  $dst  $(sha256sum "$OUT/$dst" | cut -d' ' -f1)" >> "$OUT/VERSIONS.txt"
  done
done
# The map needs three countries and their neighbours, not the 2 MB world.
"$PY" scripts/topojson_borders.py "$OUT/countries-50m.json" src/concordia/web/static/map/borders.geojson
rm "$OUT/countries-50m.json"
sed -i '/countries-50m.json/d' "$OUT/VERSIONS.txt"
echo "world-atlas@2.0.2  ../map/borders.geojson  $(sha256sum src/concordia/web/static/map/borders.geojson | cut -d' ' -f1)" >> "$OUT/VERSIONS.txt"
cat "$OUT/VERSIONS.txt"
