"""Link analysis for an actor: the graph holds only the links the actor may see.

Every query is a read of intelligence and is audited with what was asked.
"""

from datetime import UTC, datetime
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import NotFound, ValidationFailed
from concordia.intel import network
from concordia.intel.entities import BadIdentifier, entity_key
from concordia.intel.schemas import LinkCreate
from concordia.intel.seizures import WRITERS, add_link, require_role, resolve_entity
from concordia.models import IntelEntity, IntelLink

MAX_DEPTH = 6


def create_link(session: Session, actor: Actor, body: LinkCreate) -> IntelLink:
    """A link the analyst records directly (person uses phone, company owns vehicle)."""
    require_role(actor, WRITERS, "record links")
    source = resolve_entity(session, actor, body.source, "source")
    link = add_link(
        session, actor, source, body.target, body.relation, body.category, None, "target"
    )
    if link.source_key == link.target_key:
        raise ValidationFailed("a link joins two different entities", field="target")
    record(session, actor, "create", "intel_link", link.id, body.model_dump(mode="json"))
    return link


def visible_graph(session: Session, actor: Actor) -> nx.Graph:
    query = scope.intel_links_visible(session, actor, datetime.now(UTC).date())
    links = list(session.scalars(query))
    edges = [network.Edge(k.source_key, k.target_key, k.relation) for k in links]
    keys = {e.source for e in edges} | {e.target for e in edges}
    labels: dict[str, str] = {}
    for chunk in _chunks(sorted(keys), 500):
        rows = session.execute(
            select(IntelEntity.key, IntelEntity.label).where(IntelEntity.key.in_(chunk))
        )
        labels.update({k: v for k, v in rows})
    return network.build(edges, labels)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def parse_key(value: str, field: str) -> str:
    """Accept "kind:ref" as typed by a person ("phone:987 654 321") and normalise it."""
    kind, sep, ref = value.partition(":")
    if not sep:
        raise ValidationFailed("an entity is written kind:reference", field=field)
    try:
        return entity_key(kind.strip().lower(), ref)
    except BadIdentifier as exc:
        raise ValidationFailed(str(exc), field=field) from None


def _known(graph: nx.Graph, key: str, field: str) -> None:
    if key not in graph:
        raise NotFound(f"{key} has no links you may see", field=field)


def network_around(session: Session, actor: Actor, entity: str, depth: int) -> dict[str, Any]:
    if not 1 <= depth <= MAX_DEPTH:
        raise ValidationFailed(f"depth is between 1 and {MAX_DEPTH}", field="depth")
    key = parse_key(entity, "entity")
    graph = visible_graph(session, actor)
    _known(graph, key, "entity")
    result = network.to_json(network.around(graph, key, depth), highlight=[key])
    record(
        session,
        actor,
        "read",
        "intel_network",
        key,
        {"depth": depth, "nodes": len(result["nodes"])},
    )
    return {"center": key, "depth": depth, **result}


def path_between(session: Session, actor: Actor, source: str, target: str) -> dict[str, Any]:
    a, b = parse_key(source, "source"), parse_key(target, "target")
    graph = visible_graph(session, actor)
    _known(graph, a, "source")
    _known(graph, b, "target")
    path = network.shortest_path(graph, a, b)
    record(session, actor, "read", "intel_path", f"{a}|{b}", {"length": len(path)})
    sub = graph.subgraph(path).copy() if path else nx.Graph()
    return {"source": a, "target": b, "path": path, **network.to_json(sub, highlight=path)}


def overview(session: Session, actor: Actor, top: int = 10) -> dict[str, Any]:
    """The whole visible graph with communities, and its central figures."""
    graph = visible_graph(session, actor)
    scores = network.centrality(graph)
    result = network.to_json(graph, scores=scores)
    figures = network.central_figures(graph, top, {"person", "company", "phone"}, scores)
    record(session, actor, "read", "intel_network", "*", {"nodes": len(result["nodes"])})
    by_id = {n["id"]: n for n in result["nodes"]}
    return {"central_figures": [by_id[k] for k in figures], **result}
