"""Link analysis timings on synthetic trafficking networks (pure networkx, no database).

Builds cells of persons joined by phones, vehicles and companies, with a few brokers
between cells, then times what one API call does: building the graph from edges, the
network around a broker to depth 2, a shortest path, and the whole-graph overview
(Louvain communities and betweenness, sampled above 1,500 nodes). Target: the overview
of the graph an agency sees (tens of thousands of links) in well under 10 s.

    .venv/bin/python benchmarks/intel_graph.py [--links 2000 20000]
"""

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from concordia.intel import network
from concordia.intel.network import Edge


def synthetic(links: int, seed: int = 7) -> list[Edge]:
    rng = random.Random(seed)
    edges: list[Edge] = []
    cell = 0
    while len(edges) < links:
        members = [f"person:c{cell}p{i}" for i in range(rng.randint(4, 12))]
        phone, truck = f"phone:+519{cell:08d}", f"vehicle:c{cell}"
        company = f"company:EMPRESA {cell // 3}"
        for person in members:
            edges.append(Edge(person, phone, "usa"))
            if rng.random() < 0.3:
                edges.append(Edge(person, truck, "conduce"))
        edges.append(Edge(members[0], company, "gerente"))
        if cell:
            edges.append(Edge(members[0], f"person:c{rng.randrange(cell)}p0", "socio"))
        cell += 1
    return edges[:links]


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def run(links: int) -> dict[str, float]:
    edges = synthetic(links)
    graph, build = timed(lambda: network.build(edges, {}))
    _, around = timed(lambda: network.to_json(network.around(graph, "person:c1p0", 2)))
    last = max(graph.nodes, key=lambda n: (n.startswith("person:"), n))
    _, path = timed(lambda: network.shortest_path(graph, "person:c0p0", last))

    def overview() -> None:
        scores = network.centrality(graph)
        network.to_json(graph, scores=scores)
        network.central_figures(graph, scores=scores)

    _, whole = timed(overview)
    return {
        "nodes": graph.number_of_nodes(),
        "links": links,
        "build_s": build,
        "around_s": around,
        "path_s": path,
        "overview_s": whole,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, nargs="+", default=[2_000, 20_000])
    args = parser.parse_args()
    print(
        f"{'links':>8} {'nodes':>7} {'build s':>8} {'around s':>9} {'path s':>7} {'overview s':>10}"
    )
    for links in args.links:
        r = run(links)
        print(
            f"{r['links']:>8} {r['nodes']:>7} {r['build_s']:>8.3f} {r['around_s']:>9.3f} "
            f"{r['path_s']:>7.3f} {r['overview_s']:>10.2f}"
        )


if __name__ == "__main__":
    main()
