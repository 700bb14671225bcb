"""Link analysis over plain edges with networkx (pure: no database).

The graph is undirected and may hold several relations between the same two entities;
they are kept as one edge with the list of relations, and a weight equal to their count
(used by community detection). Output is {"nodes": [...], "edges": [...]} with string
ids, the shape browser graph libraries (Cytoscape.js, vis-network, sigma) read.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str


class UnknownEntity(KeyError):
    """The entity is not in the graph the actor may see."""


def build(edges: Iterable[Edge], labels: dict[str, str]) -> nx.Graph:
    graph = nx.Graph()
    for edge in edges:
        if edge.source == edge.target:
            continue
        for key in (edge.source, edge.target):
            if key not in graph:
                graph.add_node(key, label=labels.get(key, key), kind=key.split(":", 1)[0])
        if graph.has_edge(edge.source, edge.target):
            data = graph.edges[edge.source, edge.target]
            data["relations"].append(edge.relation)
            data["weight"] += 1
        else:
            graph.add_edge(edge.source, edge.target, relations=[edge.relation], weight=1)
    return graph


def _require(graph: nx.Graph, key: str) -> None:
    if key not in graph:
        raise UnknownEntity(key)


def around(graph: nx.Graph, key: str, depth: int) -> nx.Graph:
    """The entity and everything within `depth` links of it."""
    _require(graph, key)
    return nx.ego_graph(graph, key, radius=depth)


def shortest_path(graph: nx.Graph, source: str, target: str) -> list[str]:
    """Entity keys from source to target, or [] when they are not connected."""
    _require(graph, source)
    _require(graph, target)
    try:
        return list(nx.shortest_path(graph, source, target))
    except nx.NetworkXNoPath:
        return []


def communities(graph: nx.Graph, seed: int = 7) -> dict[str, int]:
    """Community number of each node (Louvain, seeded so results repeat); the largest
    community is number 0."""
    if graph.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(graph.nodes))}
    groups = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: number for number, group in enumerate(ordered) for node in group}


BETWEENNESS_BUDGET = 600_000  # node+edge visits, a few seconds of networkx here
MIN_SAMPLES = 32


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Betweenness (normalised) and degree (number of distinct neighbours) per node.

    Exact betweenness costs one traversal per node (O(nodes x edges)); past a budget it
    is estimated from a seeded sample of source nodes (Brandes and Pich), at least 32,
    which keeps the strongest brokers on top and repeats exactly for the same graph.
    """
    nodes, size = graph.number_of_nodes(), graph.number_of_nodes() + graph.number_of_edges()
    k = None if nodes * size <= BETWEENNESS_BUDGET else max(MIN_SAMPLES, BETWEENNESS_BUDGET // size)
    between = nx.betweenness_centrality(graph, k=min(k, nodes) if k else None, seed=7)
    return {n: {"betweenness": round(between[n], 6), "degree": graph.degree(n)} for n in graph}


def central_figures(
    graph: nx.Graph,
    top: int = 10,
    kinds: set[str] | None = None,
    scores: dict[str, dict[str, float]] | None = None,
) -> list[str]:
    """Nodes ranked by betweenness, then degree, then key; optionally only some kinds."""
    scores = scores or centrality(graph)
    nodes = [n for n in graph if kinds is None or graph.nodes[n]["kind"] in kinds]
    nodes.sort(key=lambda n: (-scores[n]["betweenness"], -scores[n]["degree"], n))
    return nodes[:top]


def to_json(
    graph: nx.Graph,
    *,
    highlight: Iterable[str] = (),
    scores: dict[str, dict[str, float]] | None = None,
) -> dict[str, Any]:
    """Nodes (id, label, kind, community, degree, betweenness) and edges for a view."""
    groups = communities(graph)
    scores = scores or centrality(graph)
    marked = set(highlight)
    nodes = [
        {
            "id": node,
            "label": data["label"],
            "kind": data["kind"],
            "community": groups[node],
            **scores[node],
            "highlight": node in marked,
        }
        for node, data in sorted(graph.nodes(data=True))
    ]
    edges = [
        {"source": a, "target": b, "relations": sorted(d["relations"]), "weight": d["weight"]}
        for a, b, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
    ]
    return {"nodes": nodes, "edges": edges}
