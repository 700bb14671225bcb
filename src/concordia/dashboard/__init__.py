"""The operational picture of the console: post dashboard counts and the map's GeoJSON."""
