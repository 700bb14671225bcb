"""The map's layers: adding one is adding an entry here.

Each layer is a named group in Leaflet's layer control. It loads its GeoJSON URL when
the application has a route with that path; until the issue that fills it lands, the
group is listed, empty, so commanders already know where it will appear. `facts` are
the feature properties a popup shows (labels in `FACT_LABELS`); a feature's `colour`
property, when present, colours it (impact level, post status).
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
    facts: tuple[str, ...] = ()
    filtered: bool = False  # takes the map page's time/type/agency filters


LAYERS: tuple[MapLayer, ...] = (
    MapLayer("posts", N_("Border posts"), "/api/map/posts.geojson", "#0b5394", shown=True),
    MapLayer(
        "events",
        N_("Events"),
        "/api/ops/geo/events",
        "#b45309",
        shown=True,
        facts=("kind", "occurred_at", "impact", "confidence", "people_count", "section"),
        filtered=True,
    ),
    MapLayer(
        "sections",
        N_("Border sections"),
        "/api/ops/geo/sections",
        "#6d28d9",
        shown=True,
        facts=("impact_level", "impact_source", "recent_events", "owner_agency", "response"),
    ),
    MapLayer(
        "patrols",
        N_("Patrols"),
        "/api/ops/geo/patrols",
        "#047857",
        shown=True,
        facts=("code", "kind", "agencies", "starts_at", "status"),
    ),
    MapLayer(
        "stranded",
        N_("Stranded people"),
        "/api/humanitarian/situation.geojson",
        "#be123c",
        facts=("waiting_registered", "group_counted", "high_priority", "open_referrals"),
    ),
    MapLayer("flight_sites", N_("Landing sites"), "/api/aviation/latest/sites.geojson", "#be123c"),
    MapLayer(
        "flight_routes", N_("Flight routes"), "/api/aviation/latest/routes.geojson", "#6d28d9"
    ),
    MapLayer("flights", N_("Suspect flights"), "/api/aviation/latest/flights.geojson", "#374151"),
)

FACT_LABELS = {
    "kind": N_("Type"),
    "occurred_at": N_("When"),
    "impact": N_("Impact level"),
    "confidence": N_("Confidence"),
    "people_count": N_("People"),
    "section": N_("Border section"),
    "impact_level": N_("Impact level"),
    "impact_source": N_("Level set by"),
    "recent_events": N_("Recent events"),
    "owner_agency": N_("Owner agency"),
    "response": N_("Expected response"),
    "code": N_("Code"),
    "agencies": N_("Agencies"),
    "starts_at": N_("Starts"),
    "status": N_("Status"),
    "waiting_registered": N_("Registered, still waiting"),
    "group_counted": N_("Counted in groups"),
    "high_priority": N_("High priority"),
    "open_referrals": N_("Open referrals"),
}


def with_sources(paths: Iterable[str]) -> list[tuple[MapLayer, bool]]:
    """Each layer and whether its endpoint exists in this application."""
    known = set(paths)
    return [(layer, layer.url in known) for layer in LAYERS]
