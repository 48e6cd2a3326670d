"""The graph and its helpers: shape, edge attributes, and no recursion on deep or cyclic input."""

from __future__ import annotations

import networkx as nx

import orgdesign as od
from orgdesign.graph import (
    chain_of_command,
    direct_reports,
    levels,
    marketing_leader,
    marketing_people,
)


def chain(depth: int) -> od.Org:
    people = [{"id": "p0", "title": "CMO"}] + [
        {"id": f"p{i}", "reports_to": f"p{i - 1}"} for i in range(1, depth)
    ]
    return od.from_dict({"version": 1, "people": people})


def test_nodes_and_edges_follow_the_design() -> None:
    org = od.load("examples/series-a.org.yaml")
    graph = org.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["vp-marketing"]["kind"] == "person"
    assert graph.nodes["northstar"]["kind"] == "partner"
    assert graph.nodes["mops"]["entity"] is org.get("mops")
    assert graph.has_edge("vp-marketing", "ceo")
    assert {d["rel"] for _, _, d in graph.edges("pmm-lead", data=True)} >= {
        "reports_to",
        "dotted_to",
        "member_of",
        "owns",
    }
    roles = {d["role"] for _, t, d in graph.edges("ops-lead", data=True) if t == "mops"}
    assert roles == {"execution"}
    orders = sorted(
        (d["order"], s)
        for s, _, d in graph.in_edges("campaign-launch", data=True)
        if d["rel"] == "approves"
    )
    assert orders == [(0, "dg-lead"), (1, "vp-marketing")]
    assert graph.edges["dg-lead", "northstar", 0]["rel"] == "manages"


def test_graph_is_cached_and_node_order_is_file_order() -> None:
    org = od.load("examples/series-a.org.yaml")
    assert org.graph is org.graph
    assert list(org.graph)[:3] == ["ceo", "sales-vp", "cpo"]


def test_helpers() -> None:
    org = od.load("examples/series-a.org.yaml")
    graph = org.graph
    assert direct_reports(graph, "dg-lead") == ["dg-manager", "events-manager"]
    assert chain_of_command(graph, "writer") == ["content-lead", "vp-marketing", "ceo"]
    assert levels(graph)["writer"] == 4
    assert marketing_leader(org).id == "vp-marketing"  # type: ignore[union-attr]
    people = marketing_people(org)
    assert people[0] == "vp-marketing"
    assert "ceo" not in people
    assert len(people) == 11


def test_leader_inferred_from_a_unique_title() -> None:
    org = od.loads("version: 1\npeople:\n  - {id: a, title: ' vp of  MARKETING '}\n")
    assert marketing_leader(org).id == "a"  # type: ignore[union-attr]
    two = od.loads("version: 1\npeople:\n  - {id: a, title: CMO}\n  - {id: b, title: CMO}\n")
    assert marketing_leader(two) is None
    vacant = od.loads("version: 1\npeople:\n  - {id: a, title: CMO, vacant: true}\n")
    assert marketing_leader(vacant) is None


def test_ten_thousand_deep_chain_does_not_recurse() -> None:
    org = chain(10_000)
    assert len(chain_of_command(org.graph, "p9999")) == 9_999
    assert levels(org.graph)["p9999"] == 10_000
    assert len(marketing_people(org)) == 10_000
    assert od.lint(org, select=["hierarchy", "ownership"]).findings != ()


def test_cycles_terminate() -> None:
    people = [{"id": f"p{i}", "reports_to": f"p{(i + 1) % 5000}"} for i in range(5000)]
    org = od.from_dict({"version": 1, "people": people})
    assert len(chain_of_command(org.graph, "p0")) == 4999
    assert levels(org.graph) == {}
    (finding,) = od.lint(org, select=["reporting-cycle"]).findings
    assert finding.subject == "p0"
    assert len(finding.related) == 5000


def test_fast_edge_fill_matches_the_public_api() -> None:
    from orgdesign.graph import _add_edges, _edges

    org = od.load("examples/scale-up.org.yaml")
    fast = org.graph
    public = nx.MultiDiGraph(name=fast.name)
    public.add_nodes_from(fast.nodes(data=True))
    public.add_edges_from(_edges(org))
    assert nx.utils.graphs_equal(fast, public)
    for node in fast:
        assert list(fast.succ[node]) == list(public.succ[node])
        assert list(fast.pred[node]) == list(public.pred[node])
        for target in fast.succ[node]:
            assert fast._succ[node][target] is fast._pred[target][node]
    # Parallel edges get keys 0, 1, ... and unknown endpoints become bare nodes, as in networkx.
    graph = nx.MultiDiGraph()
    _add_edges(graph, [("a", "b", {"rel": "x"}), ("a", "b", {"rel": "y"}), ("b", "c", {})])
    reference = nx.MultiDiGraph()
    reference.add_edges_from([("a", "b", {"rel": "x"}), ("a", "b", {"rel": "y"}), ("b", "c", {})])
    assert list(graph.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert dict(graph.nodes(data=True)) == dict(reference.nodes(data=True))


def test_hierarchy_points_from_manager_to_report() -> None:
    import networkx as nx

    from orgdesign.graph import build_hierarchy

    org = od.load("examples/series-a.org.yaml")
    hierarchy = org.hierarchy
    assert isinstance(hierarchy, nx.DiGraph)
    assert hierarchy is org.hierarchy  # built once
    leader = "vp-marketing"
    below = nx.descendants(hierarchy, leader)
    assert below == {p.id for p in org.people if leader in _chain(org, p.id)}
    assert all(hierarchy.nodes[n]["entity"].id == n for n in hierarchy)
    assert set(hierarchy.nodes) == {p.id for p in org.people}
    for person in org.people:
        if person.reports_to:
            assert hierarchy.has_edge(person.reports_to, person.id)
            assert org.graph.has_edge(person.id, person.reports_to)  # the contract's direction
    dotted = build_hierarchy(org, dotted=True)
    assert {(m, p.id) for p in org.people for m in p.dotted_to} == set(dotted.edges)


def _chain(org: od.Org, person_id: str) -> list[str]:
    chain, current = [], org.get(person_id)
    while current is not None and current.reports_to:  # type: ignore[union-attr]
        chain.append(current.reports_to)  # type: ignore[union-attr]
        current = org.get(current.reports_to)  # type: ignore[union-attr]
    return chain


def test_the_graph_is_built_only_when_used() -> None:
    import networkx as nx

    from orgdesign.graph import LazyGraph, build_graph

    org = od.load("examples/scale-up.org.yaml")
    graph = org.graph
    od.lint(org)
    od.stats(org)
    od.render(org).dot  # noqa: B018 - the chart is built, not drawn
    assert type(graph) is LazyGraph  # nothing asked the graph anything
    assert isinstance(graph, nx.MultiDiGraph)
    expected = build_graph(org)
    assert graph.number_of_nodes() == expected.number_of_nodes()  # the first use builds it
    assert type(graph) is nx.MultiDiGraph
    assert sorted(graph.edges(keys=True, data="rel")) == sorted(
        expected.edges(keys=True, data="rel")
    )
    assert nx.descendants(graph, "ceo") == nx.descendants(expected, "ceo")
    assert graph is org.graph


def test_marketing_people_reads_people_even_when_an_id_is_shared_with_a_team() -> None:
    # An Org built in Python is not checked for ids shared across sections: the walk must
    # look people up among the people, not in org.by_id (where the team would win).
    from orgdesign.graph import marketing_people
    from orgdesign.model import Org, Person, Team

    org = Org(
        people=(Person(id="cmo", title="CMO"), Person(id="x", reports_to="cmo", vacant=True)),
        teams=(Team(id="x"),),
    )
    assert marketing_people(org) == ["cmo"]
