"""The org as a networkx MultiDiGraph, and small query helpers shared by rules and renderers.

Nodes are entity ids with attributes ``kind`` (person, team, partner, function, workflow,
cadence, interface, system, backlog, plan) and ``entity`` (the model object). Edges point from the
subordinate, owner or actor to its target and carry ``rel``:

=============  =====================================================================
``rel``        meaning
=============  =====================================================================
reports_to     person -> manager (solid line)
dotted_to      person -> manager (dotted line)
member_of      person -> team, function -> team, workflow/backlog -> function,
               team -> interface (the team is a party to it)
leads          person -> team
parent         team -> parent team
owns           owner -> function (``role``: decision, execution, input, review);
               owner -> system, cadence, backlog item or plan (``role``: owner)
approves       person -> workflow (``order``: 0-based position in the chain)
handoff        workflow -> function (``order``: 0-based position)
manages        person -> partner
attends        person or partner -> cadence
=============  =====================================================================

Every helper is iterative: a 10,000-deep chain or a reporting cycle never recurses or hangs.
"""

from __future__ import annotations

import re
from collections import deque

import networkx as nx

from orgdesign._gc import paused_gc
from orgdesign.model import Org, Person, reports_by_manager

__all__ = [
    "LEADER_TITLES",
    "NEAR_TITLES",
    "LazyGraph",
    "build_graph",
    "build_hierarchy",
    "chain_of_command",
    "direct_reports",
    "is_leader_title",
    "is_near_title",
    "levels",
    "marketing_leader",
    "marketing_people",
    "normal_title",
    "person_levels",
    "roots",
    "titled_leaders",
]

#: Titles that identify the marketing leader when ``org.leader`` is not given, as
#: `normal_title` writes them ("VP, Marketing", "Vice President of Marketing", "Interim CMO"
#: and "Chief Marketing Officer (CMO)" are among them); also "chief marketing and ... officer".
LEADER_TITLES = frozenset({"cmo", "chief marketing officer", "vp marketing", "head marketing"})
#: Titles of someone who may lead marketing, taken when nobody has a leader's title.
NEAR_TITLES = frozenset(
    {"marketing director", "director marketing", "marketing lead", "head marketing"}
)
_CHIEF_MARKETING_AND = re.compile(r"chief marketing and .+ officer")
#: Every leader or near title holds one of these (a quick look before `normal_title`).
_MAY_LEAD = re.compile(r"(?i)marketing|cmo")
_PARENTHESISED = re.compile(r"\([^()]*\)")
_PUNCTUATION = re.compile(r"[^\w\s]+")
#: Words a title may carry that say nothing about the role (read after punctuation goes).
_TITLE_NOISE = frozenset(
    {"interim", "acting", "fractional", "parttime", "global", "group", "senior", "executive"}
    | {"sr", "of"}
)


class LazyGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """An org's `build_graph`, built the first time anything of it is used.

    ``org.graph`` is one: lint hands it to every rule, and the rules that need nothing but
    the model never pay for the graph (100,000 nodes and their edges take about 200 MB).
    It is a real ``MultiDiGraph`` once touched, for networkx and for ``isinstance``.
    """

    @classmethod
    def of(cls, org: Org) -> LazyGraph:
        graph = cls.__new__(cls)
        graph.__dict__["_lazy_org"] = org
        return graph

    def __getattribute__(self, name: str) -> object:
        # Any use at all builds it (networkx keeps its data behind class-level descriptors,
        # so a fallback for missing attributes would never be asked). Then the object
        # becomes a plain MultiDiGraph, and later uses cost nothing extra.
        state = object.__getattribute__(self, "__dict__")
        org = state.pop("_lazy_org", None)
        if org is not None:
            state.update(build_graph(org).__dict__)
            object.__setattr__(self, "__class__", nx.MultiDiGraph)
        return object.__getattribute__(self, name)


def build_graph(org: Org) -> nx.MultiDiGraph:
    """Build the graph of ``org`` in one pass over its entities (linear in the file's size).

    References are already checked by the loader, so every edge ends at a known node.

    Examples:
        >>> import orgdesign as od
        >>> text = "version: 1\\npeople:\\n  - {id: cmo}\\n  - {id: ana, reports_to: cmo}\\n"
        >>> org = od.loads(text)
        >>> sorted(org.graph.edges(data="rel"))
        [('ana', 'cmo', 'reports_to')]
    """
    with paused_gc():
        return _build_graph(org)


def build_hierarchy(org: Org, *, dotted: bool = False) -> nx.DiGraph:
    """The reporting lines as people read them: a ``networkx.DiGraph`` from each manager to
    their reports, every person a node with the ``entity`` attribute.

    ``dotted=True`` gives the dotted lines instead (from the dotted-line manager to the
    person). Unlike `org.graph`, whose edges point from report to manager as the contract
    fixes, ``nx.descendants(hierarchy, "cmo")`` is the CMO's organisation.

    Examples:
        >>> import networkx as nx
        >>> import orgdesign as od
        >>> org = od.loads(
        ...     "version: 1\\npeople:\\n  - {id: ceo}\\n  - {id: cmo, reports_to: ceo}\\n"
        ...     "  - {id: ana, reports_to: cmo}\\n  - {id: raj, reports_to: cmo}\\n"
        ... )
        >>> sorted(nx.descendants(org.hierarchy, "cmo")), nx.dag_longest_path(org.hierarchy)
        (['ana', 'raj'], ['ceo', 'cmo', 'ana'])
    """
    graph = nx.DiGraph()
    for person in org.people:
        graph.add_node(person.id, entity=person)
    for person in org.people:
        managers = person.dotted_to if dotted else (person.reports_to,) if person.reports_to else ()
        graph.add_edges_from((manager, person.id) for manager in managers)
    return graph


def _build_graph(org: Org) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name=org.name or "")
    # Every node before any edge, so that node order is file order; filled the way
    # add_nodes_from would (see _add_edges for why).
    successors, predecessors, nodes = graph._succ, graph._pred, graph._node
    for entity in org.entities():
        key = entity.id
        if key not in nodes:
            successors[key], predecessors[key] = {}, {}
        nodes[key] = {"kind": entity.entity_kind, "entity": entity}
    _add_edges(graph, _edges(org))
    return graph


def _edges(org: Org) -> list[tuple[str, str, dict[str, object]]]:
    """Every edge of the org's graph, in insertion order."""
    edges: list[tuple[str, str, dict[str, object]]] = []
    add = edges.append
    for person in org.people:
        if person.reports_to is not None:
            add((person.id, person.reports_to, {"rel": "reports_to"}))
        for manager in person.dotted_to:
            add((person.id, manager, {"rel": "dotted_to"}))
        if person.team is not None:
            add((person.id, person.team, {"rel": "member_of"}))
    for partner in org.partners:
        if partner.managed_by is not None:
            add((partner.managed_by, partner.id, {"rel": "manages"}))
    for team in org.teams:
        if team.lead is not None:
            add((team.lead, team.id, {"rel": "leads"}))
        if team.parent is not None:
            add((team.id, team.parent, {"rel": "parent"}))
    for function in org.functions:
        if function.team is not None:
            add((function.id, function.team, {"rel": "member_of"}))
        for role, owner in function.owners:
            add((owner, function.id, {"rel": "owns", "role": role}))
    for workflow in org.workflows:
        if workflow.function is not None:
            add((workflow.id, workflow.function, {"rel": "member_of"}))
        for order, approver in enumerate(workflow.approvals):
            add((approver, workflow.id, {"rel": "approves", "order": order}))
        for order, function_id in enumerate(workflow.handoffs):
            add((workflow.id, function_id, {"rel": "handoff", "order": order}))
    for cadence in org.cadences:
        if cadence.owner is not None:
            add((cadence.owner, cadence.id, {"rel": "owns", "role": "owner"}))
        for attendee in cadence.attendees:
            add((attendee, cadence.id, {"rel": "attends"}))
    for interface in org.interfaces:
        for team_id in interface.between:
            add((team_id, interface.id, {"rel": "member_of"}))
    for system in org.systems:
        if system.owner is not None:
            add((system.owner, system.id, {"rel": "owns", "role": "owner"}))
    for item in org.backlog:
        if item.function is not None:
            add((item.id, item.function, {"rel": "member_of"}))
        if item.owner is not None:
            add((item.owner, item.id, {"rel": "owns", "role": "owner"}))
    for plan in org.plans:
        if plan.owner is not None:
            add((plan.owner, plan.id, {"rel": "owns", "role": "owner"}))
    return edges


def _add_edges(graph: nx.MultiDiGraph, edges: list[tuple[str, str, dict[str, object]]]) -> None:
    """Add ``(u, v, data)`` edges exactly as ``MultiDiGraph.add_edges_from`` would.

    The public method calls ``add_edge`` and builds two adjacency views per edge, about 6 us
    each: for the ~340,000 edges of a 100,000-person org that was more than the whole YAML
    parse. This fills the same adjacency dicts directly (keys 0, 1, ... per node pair, one
    key dict shared by the successor and predecessor maps, missing endpoints added as bare
    nodes); ``tests/test_graph.py`` checks the result against the public API.
    """
    successors, predecessors, nodes = graph._succ, graph._pred, graph._node
    for u, v, data in edges:
        if u not in successors:
            successors[u], predecessors[u], nodes[u] = {}, {}, {}
        if v not in successors:
            successors[v], predecessors[v], nodes[v] = {}, {}, {}
        keydict = successors[u].get(v)
        if keydict is None:
            successors[u][v] = predecessors[v][u] = {0: data}
        else:
            key = len(keydict)
            while key in keydict:
                key += 1
            keydict[key] = data
    clear_cache = getattr(nx, "_clear_cache", None)
    if clear_cache is not None:
        clear_cache(graph)


def _person(graph: nx.MultiDiGraph, node: str) -> Person | None:
    # graph._node is networkx's node-attribute dict; the NodeView in front of it costs a
    # Python call per lookup, which adds up over 100,000 people.
    data = graph._node.get(node)
    if data is None or data["kind"] != "person":
        return None
    return data["entity"]  # type: ignore[no-any-return]


def direct_reports(graph: nx.MultiDiGraph, person_id: str) -> list[str]:
    """The people whose solid line (``reports_to``) goes to ``person_id``, in file order.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads("version: 1\\npeople:\\n  - {id: a}\\n  - {id: b, reports_to: a}\\n")
        >>> direct_reports(org.graph, "a")
        ['b']
    """
    return [
        source
        for source, keys in graph.pred[person_id].items()
        if any(data["rel"] == "reports_to" for data in keys.values())
    ]


def chain_of_command(graph: nx.MultiDiGraph, person_id: str) -> list[str]:
    """The managers above ``person_id`` by solid line, nearest first.

    Stops before repeating anyone, so a reporting cycle gives a finite chain.

    Examples:
        >>> import orgdesign as od
        >>> text = "version: 1\\npeople:\\n  - {id: a}\\n  - {id: b, reports_to: a}\\n"
        >>> text += "  - {id: c, reports_to: b}\\n"
        >>> chain_of_command(od.loads(text).graph, "c")
        ['b', 'a']
    """
    chain: list[str] = []
    seen = {person_id}
    current = _person(graph, person_id)
    while current is not None and current.reports_to is not None:
        manager = current.reports_to
        if manager in seen:
            break
        seen.add(manager)
        chain.append(manager)
        current = _person(graph, manager)
    return chain


def roots(graph: nx.MultiDiGraph) -> list[str]:
    """People with no solid-line manager, in file order."""
    return [
        node
        for node, data in graph._node.items()
        if data.get("kind") == "person" and data["entity"].reports_to is None
    ]


def levels(graph: nx.MultiDiGraph) -> dict[str, int]:
    """The level of every person reachable from a root: 1 for a root, 2 for their reports...

    People caught in (or below) a reporting cycle have no root and are left out.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads("version: 1\\npeople:\\n  - {id: a}\\n  - {id: b, reports_to: a}\\n")
        >>> levels(org.graph)
        {'a': 1, 'b': 2}
    """
    reports = _reports_index(graph)
    result: dict[str, int] = {}
    queue = deque((root, 1) for root in roots(graph))
    while queue:
        person, level = queue.popleft()
        result[person] = level
        queue.extend((report, level + 1) for report in reports.get(person, ()))
    return result


def person_levels(org: Org) -> dict[str, int]:
    """`levels` read from the model, without building the graph (cached on the org).

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads("version: 1\\npeople:\\n  - {id: a}\\n  - {id: b, reports_to: a}\\n")
        >>> person_levels(org)
        {'a': 1, 'b': 2}
    """
    cached = org._cache.get("levels")
    if cached is None:
        reports = reports_by_manager(org)
        cached = {}
        # Breadth first, a level at a time: the same order as a queue, without a pair for
        # every person.
        frontier = [p.id for p in org.people if p.reports_to is None]
        level = 1
        while frontier:
            cached.update(dict.fromkeys(frontier, level))
            frontier = [report for person in frontier for report in reports.get(person, ())]
            level += 1
        org._cache["levels"] = cached
    return dict(cached)


def _reports_index(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Manager id -> direct reports in file order, for every person."""
    index: dict[str, list[str]] = {}
    for node, data in graph._node.items():
        if data.get("kind") == "person":
            manager = data["entity"].reports_to
            if manager is not None:
                index.setdefault(manager, []).append(node)
    return index


def normal_title(title: str) -> str:
    """A job title as the leader rules read it: lower case, without a parenthesised part or
    punctuation, "vice president" (and svp, evp) read as vp, and without the words interim,
    acting, fractional, part-time, global, group, senior, executive, sr and of.

    >>> normal_title("VP, Marketing"), normal_title("Vice President of Marketing")
    ('vp marketing', 'vp marketing')
    >>> normal_title("Chief Marketing Officer (CMO)"), normal_title("Fractional CMO")
    ('chief marketing officer', 'cmo')
    """
    text = _PARENTHESISED.sub(" ", title.casefold()).replace("part-time", "parttime")
    words = _PUNCTUATION.sub(" ", text).split()
    read: list[str] = []
    for word in words:
        if word == "president" and read and read[-1] == "vice":
            read[-1] = "vp"
        elif word in ("svp", "evp"):
            read.append("vp")
        elif word == "time" and read and read[-1] == "part":
            read.pop()
        elif word not in _TITLE_NOISE:
            read.append(word)
    return " ".join(read)


def is_leader_title(title: str | None) -> bool:
    """Whether a title is a marketing leader's (`LEADER_TITLES`, or chief marketing and
    anything officer), once read by `normal_title`."""
    if not title or not _MAY_LEAD.search(title):  # most titles of a company say neither
        return False
    read = normal_title(title)
    return read in LEADER_TITLES or bool(_CHIEF_MARKETING_AND.fullmatch(read))


def is_near_title(title: str | None) -> bool:
    """Whether a title is one of the `NEAR_TITLES` (a marketing director or lead)."""
    return bool(title and _MAY_LEAD.search(title)) and normal_title(title or "") in NEAR_TITLES


def marketing_leader(org: Org) -> Person | None:
    """The marketing leader: ``org.leader``, else the one live, non-context person with a
    leader's title (`is_leader_title`), else with a near title
    (`is_near_title`). Several: the one highest in the reporting tree (fewest steps from a
    root); still tied, none.

    >>> import orgdesign as od
    >>> org = od.loads(
    ...     "version: 1\\npeople:\\n  - {id: ceo, title: CEO}\\n"
    ...     "  - {id: m, title: 'VP, Marketing', reports_to: ceo}\\n"
    ...     "  - {id: d, title: Marketing Director, reports_to: m}\\n"
    ... )
    >>> marketing_leader(org).id
    'm'
    """
    if org.leader is not None:
        leader = org.get(org.leader)
        return leader if isinstance(leader, Person) else None
    if "leader" not in org._cache:
        found = titled_leaders(org)
        org._cache["leader"] = found[0] if len(found) == 1 else None
    leader = org._cache["leader"]
    return leader if isinstance(leader, Person) else None


def titled_leaders(org: Org) -> list[Person]:
    """The people the leader is chosen among when ``org.leader`` is not set: the highest of
    those with a leader's title (live, not context), else the highest of those with a near
    title. One person: the leader; several: a tie; none: no candidate."""
    levels: dict[str, int] | None = None
    for test in (is_leader_title, is_near_title):
        found = [
            person
            for person in org.people
            if not person.vacant and not person.context and test(person.title)
        ]
        if len(found) > 1:
            levels = levels if levels is not None else person_levels(org)
            top = min(levels.get(person.id, 1 << 30) for person in found)
            found = [person for person in found if levels.get(person.id, 1 << 30) == top]
        if found:
            return found
    return []


def marketing_people(org: Org, graph: nx.MultiDiGraph | None = None) -> list[str]:
    """The leader and every non-vacant person below them by ``reports_to``, leader first.

    Empty when there is no marketing leader. Read from the model, so it never builds the
    graph (``graph`` is accepted for the callers that pass one and is not needed).
    """
    cached = org._cache.get("marketing_people")
    if cached is not None:
        return list(cached)
    leader = marketing_leader(org)
    if leader is None:
        return []
    reports = reports_by_manager(org)
    # Ids, not by_id: in an org built in Python a person may share an id with a team.
    vacant = {person.id: person.vacant for person in org.people}
    result = [leader.id]
    seen = {leader.id}
    queue = list(reports.get(leader.id, ()))
    for person_id in queue:  # a list read while it grows: breadth first, in order
        if person_id in seen:
            continue
        seen.add(person_id)
        if not vacant[person_id]:
            result.append(person_id)
        # A vacant manager's reports are still below the leader.
        if person_id in reports:
            queue.extend(reports[person_id])
    org._cache["marketing_people"] = tuple(result)  # the org is immutable
    return result
