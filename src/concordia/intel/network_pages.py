"""The network view: the visible graph's communities and central figures, the network
around an entity (depth selector) and the shortest path between two entities.

The graph is drawn in the browser by `static/js/network.js` (a small force layout in
SVG, no library) from the same JSON the API gives; the nodes table beside it is the
accessible, exportable version of the drawing.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from concordia.intel import analysis
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.i18n import N_
from concordia.web.tables import Column, csv_response, wants_csv

router = APIRouter(prefix="/intel/network", include_in_schema=False)
Key = Annotated[str, Query(max_length=200)]
KIND_COLOURS = {
    "person": ("#be123c", N_("person")),
    "phone": ("#0b5394", N_("phone")),
    "company": ("#6d28d9", N_("company")),
    "vehicle": ("#b45309", N_("vehicle")),
    "boat": ("#0e7490", N_("boat")),
    "aircraft": ("#374151", N_("aircraft")),
    "crossing": ("#047857", N_("crossing")),
    "seizure": ("#a16207", N_("seizure")),
}
COLUMNS = (
    Column("label", N_("Entity")),
    Column("kind", N_("Kind"), labels={k: v[1] for k, v in KIND_COLOURS.items()}),
    Column("community", N_("Community")),
    Column("degree", N_("Links")),
    Column("betweenness", N_("Betweenness")),
    Column("id", N_("Key")),
)


def _graph(
    session: SessionDep, viewer: ViewerDep, entity: str, depth: int, source: str, target: str
) -> dict[str, Any]:
    if source or target:
        return analysis.path_between(session, viewer.actor, source, target)
    if entity:
        return analysis.network_around(session, viewer.actor, entity, depth)
    return analysis.overview(session, viewer.actor)


@router.get("", response_model=None)
def network_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    entity: Key = "",
    depth: int = Query(2, ge=-100, le=100),
    source: Key = "",
    target: Key = "",
) -> Response:
    """One of three questions, by the parameters given: path, around, or overview."""
    graph = _graph(session, viewer, entity.strip(), depth, source.strip(), target.strip())
    nodes = sorted(graph["nodes"], key=lambda n: (-n.get("betweenness", 0), n["label"]))
    if wants_csv(request):
        return csv_response(request, "network", COLUMNS, nodes)
    values = {"entity": entity, "depth": depth, "source": source, "target": target}
    return render(
        request, "intel/network.html", viewer, graph=graph, nodes=nodes, columns=COLUMNS,
        values=values, kinds=KIND_COLOURS, depths=range(1, analysis.MAX_DEPTH + 1),
        drawing={"nodes": graph["nodes"], "edges": graph["edges"],
                 "colours": {k: v[0] for k, v in KIND_COLOURS.items()}},
    )  # fmt: skip
