"""Link analysis on plain edges (pure)."""

import pytest

from concordia.intel import network
from concordia.intel.network import Edge


def _two_cells() -> network.nx.Graph:
    """Two tight cells (a1..a4, b1..b4) joined only through the broker x."""
    edges = []
    for cell in ("a", "b"):
        members = [f"person:{cell}{i}" for i in range(1, 5)]
        edges += [Edge(p, q, "conoce") for i, p in enumerate(members) for q in members[i + 1 :]]
    edges += [
        Edge("person:a1", "phone:+51900000000", "usa"),
        Edge("phone:+51900000000", "person:x", "usa"),
    ]
    edges += [Edge("person:x", "person:b1", "socio")]
    return network.build(edges, {"person:x": "El Broker"})


def test_around_respects_depth() -> None:
    graph = _two_cells()
    one = network.around(graph, "person:x", 1)
    assert set(one.nodes) == {"person:x", "phone:+51900000000", "person:b1"}
    two = network.around(graph, "person:x", 2)
    assert "person:a1" in two and "person:b2" in two and "person:a2" not in two


def test_shortest_path_and_no_path() -> None:
    graph = _two_cells()
    path = network.shortest_path(graph, "person:a2", "person:b3")
    assert path[0] == "person:a2" and path[-1] == "person:b3" and "person:x" in path
    graph.add_node("company:SOLA", label="Sola", kind="company")
    assert network.shortest_path(graph, "person:a2", "company:SOLA") == []
    with pytest.raises(network.UnknownEntity):
        network.shortest_path(graph, "person:a2", "person:nobody")


def test_communities_separate_the_cells_and_the_broker_is_central() -> None:
    graph = _two_cells()
    groups = network.communities(graph)
    assert len({groups[f"person:a{i}"] for i in range(1, 5)}) == 1
    assert len({groups[f"person:b{i}"] for i in range(1, 5)}) == 1
    assert groups["person:a2"] != groups["person:b2"]
    top = network.central_figures(graph, 3)
    assert top[0] in {"person:x", "phone:+51900000000"}
    assert network.central_figures(graph, 1, kinds={"person"}) == ["person:x"]


def test_repeated_relations_become_one_weighted_edge_and_json_is_view_ready() -> None:
    graph = network.build(
        [
            Edge("person:a", "vehicle:v", "conduce"),
            Edge("vehicle:v", "person:a", "propietario"),
            Edge("person:a", "person:a", "self"),
        ],
        {"person:a": "Ana"},
    )
    view = network.to_json(graph, highlight=["person:a"])
    assert view["edges"] == [
        {
            "source": "person:a",
            "target": "vehicle:v",
            "relations": ["conduce", "propietario"],
            "weight": 2,
        }
    ]
    ana = next(n for n in view["nodes"] if n["id"] == "person:a")
    assert ana["label"] == "Ana" and ana["kind"] == "person" and ana["highlight"] is True
    assert {"community", "degree", "betweenness"} <= set(ana)
