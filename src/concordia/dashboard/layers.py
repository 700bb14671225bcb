"""The map's layers: adding one is adding an entry here.

Each layer is a named group in Leaflet's layer control. It loads its GeoJSON URL when
the application has a route with that path; until the issue that fills it lands, the
group is listed, empty, so commanders already know where it will appear.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from concordia.web.i18n import N_


@dataclass(frozen=True)
class MapLayer:
    key: str
    label: str  # msgid
    url: str
    color: str
    shown: bool = False


LAYERS: tuple[MapLayer, ...] = (
    MapLayer("posts", N_("Border posts"), "/api/map/posts.geojson", "#0b5394", shown=True),
    MapLayer("events", N_("Events"), "/api/operations/events.geojson", "#b45309"),
    MapLayer("sections", N_("Border sections"), "/api/operations/sections.geojson", "#6d28d9"),
    MapLayer("patrols", N_("Patrols"), "/api/operations/patrols.geojson", "#047857"),
    MapLayer("stranded", N_("Stranded people"), "/api/humanitarian/stranded.geojson", "#be123c"),
    MapLayer("flight_sites", N_("Landing sites"), "/api/aviation/latest/sites.geojson", "#be123c"),
    MapLayer(
        "flight_routes", N_("Flight routes"), "/api/aviation/latest/routes.geojson", "#6d28d9"
    ),
    MapLayer("flights", N_("Suspect flights"), "/api/aviation/latest/flights.geojson", "#374151"),
)


def with_sources(paths: Iterable[str]) -> list[tuple[MapLayer, bool]]:
    """Each layer and whether its endpoint exists in this application."""
    known = set(paths)
    return [(layer, layer.url in known) for layer in LAYERS]
