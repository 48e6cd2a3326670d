"""What a chart shows, before it is written as DOT or Mermaid.

`build_scene` picks the people (a focused subtree, a depth limit with the rest collapsed
into "+N people" nodes), the partners and functions around them, the groups (teams, segments
or none) and the lines between them. The DOT and Mermaid writers only decide how each kind of
node and line looks, so the two outputs always show the same chart.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

import attrs

from orgdesign.errors import OrgDesignError
from orgdesign.lint import SEVERITY_RANK
from orgdesign.model import Org, Person, Team
from orgdesign.rules._shared import reports_by_manager

#: Team nesting drawn as nested groups down to this depth; deeper teams join their ancestor.
MAX_GROUP_DEPTH = 8
GROUPINGS = ("team", "segment", "none")
VIEWS = ("people", "functions")
DIRECTIONS = {
    "TB": "TB",
    "LR": "LR",
    "BT": "BT",
    "RL": "RL",
    "top-down": "TB",
    "left-right": "LR",
    "bottom-up": "BT",
    "right-left": "RL",
}
#: Node kinds: person, vacant, partner, function, team (a team as owner), more (collapsed).
#: Edge kinds: reports, dotted, manages, runs, decision, execution, input, review, more.
OWNER_ROLES = ("decision", "execution", "input", "review")
#: A manager with at least this many leaf reports (people with no one below them on the
#: chart) has them drawn on alternating rows, up to `STAGGER_ROWS` deep, as Graphviz's
#: ``unflatten`` does: wide, flat teams make a chart far wider than a page or slide.
STAGGER = 3
STAGGER_ROWS = 3


class RenderError(OrgDesignError):
    """The chart could not be drawn: no renderer, a timeout, a crash or a chart too large."""


@attrs.frozen
class Node:
    id: str
    kind: str
    lines: tuple[str, ...]
    group: str | None = None
    #: Worst finding severity on the subject (highlighting), else None.
    severity: str | None = None
    #: A last line naming the findings, e.g. ``! OD201, OD301``.
    note: str | None = None


@attrs.frozen
class Edge:
    tail: str
    head: str
    kind: str
    #: Ranks between the two ends (more than 1 staggers leaves, see `STAGGER`).
    length: int = 1


@attrs.frozen
class Group:
    key: str
    label: str
    parent: str | None


@attrs.frozen
class Scene:
    title: str | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    #: Parents before children.
    groups: tuple[Group, ...]
    direction: str
    view: str
    legend: bool
    #: Severities that appear on the chart (for the legend), worst first.
    severities: tuple[str, ...] = ()

    @property
    def people(self) -> int:
        return sum(1 for node in self.nodes if node.kind in ("person", "vacant"))


Findings = Mapping[str, tuple[str, tuple[str, ...]]]  # subject -> (worst severity, codes)


def resolve_direction(direction: str) -> str:
    try:
        return DIRECTIONS[direction]
    except KeyError:
        choices = ", ".join(DIRECTIONS)
        raise RenderError(f"direction must be one of {choices}; got '{direction}'") from None


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise RenderError(f"{name} must be one of {', '.join(choices)}; got '{value}'")


def select_people(
    org: Org, focus: str | None, depth: int | None
) -> tuple[list[str], dict[str, list[str]]]:
    """The people drawn, in file order, and for each drawn person at the depth limit the ids
    of everyone below them who is left out (collapsed)."""
    if depth is not None and depth < 0:
        raise RenderError(f"depth must be 0 or more; got {depth}")
    reports = reports_by_manager(org)
    if focus is not None:
        entity = org.get(focus)
        if not isinstance(entity, Person):
            from orgdesign.loader import _suggest

            what = "is not a person" if entity is not None else "is not in the file"
            hint = _suggest(focus, [p.id for p in org.people]) if entity is None else ""
            raise RenderError(f"{org.filename}: cannot focus on '{focus}': it {what}{hint}")
        starts = [focus]
    elif depth is not None:
        starts = [p.id for p in org.people if p.reports_to is None or p.reports_to == p.id]
    else:
        return [p.id for p in org.people], {}
    level: dict[str, int] = {}
    queue = deque((start, 0) for start in starts)
    while queue:
        person_id, distance = queue.popleft()
        if person_id in level:
            continue
        level[person_id] = distance
        queue.extend((report, distance + 1) for report in reports.get(person_id, ()))
    if focus is None:  # people in reporting cycles have no root: draw them as they are
        for person in org.people:
            level.setdefault(person.id, 0)
    limit = depth if depth is not None else float("inf")
    shown = [p.id for p in org.people if p.id in level and level[p.id] <= limit]
    collapsed: dict[str, list[str]] = {}
    if depth is not None:
        for person_id in shown:
            if level[person_id] == depth and reports.get(person_id):
                below = [r for r in _descendants(person_id, reports) if r in level]
                if below:
                    collapsed[person_id] = below
    return shown, collapsed


def _descendants(person_id: str, reports: dict[str, list[str]]) -> list[str]:
    found: list[str] = []
    seen = {person_id}
    stack = list(reversed(reports.get(person_id, ())))
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        stack.extend(reversed(reports.get(current, ())))
    return found


def _drawn_parents(teams: tuple[Team, ...]) -> tuple[dict[str, str], dict[str, str | None]]:
    """Where each team is drawn, and the parent of each drawn group, in linear time.

    Teams nest as groups down to `MAX_GROUP_DEPTH` levels; a deeper team is drawn inside its
    ancestor on the last level (its *home*). Teams in a parent cycle are drawn at the top.
    Returns (team id -> home group, drawn group -> parent group or None).
    """
    parent_of = {team.id: team.parent for team in teams}
    depth: dict[str, int] = {}
    for team in teams:  # each walk stops at a team already placed: linear overall
        chain, seen, current = [], set(), team.id
        while current is not None and current in parent_of and current not in depth:
            if current in seen:  # a cycle: its members go to the top
                loop = chain[chain.index(current) :]
                for member in loop:
                    depth[member] = 0
                chain = chain[: chain.index(current)]
                break
            seen.add(current)
            chain.append(current)
            current = parent_of.get(current)
        base = depth[current] + 1 if current is not None and current in depth else 0
        for offset, member in enumerate(reversed(chain)):
            depth.setdefault(member, base + offset)
    home: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    for team in sorted(teams, key=lambda t: depth[t.id]):  # ancestors first
        level, parent = depth[team.id], parent_of.get(team.id)
        in_tree = level > 0 and parent in home
        if level < MAX_GROUP_DEPTH:
            home[team.id] = team.id
            parents[team.id] = home[parent] if in_tree else None  # type: ignore[index]
        else:  # too deep: join the ancestor on the last drawn level
            home[team.id] = home[parent]  # type: ignore[index]
    return home, parents


def _segment_of_team(teams: tuple[Team, ...]) -> dict[str, str | None]:
    """Team id -> its segment, inherited from the nearest ancestor that names one.

    Each walk up stops at a team already settled, so a 100,000-deep chain is linear.
    """
    by_id = {team.id: team for team in teams}
    result: dict[str, str | None] = {}
    for team in teams:
        chain: list[str] = []
        seen: set[str] = set()
        current: Team | None = team
        found: str | None = None
        while current is not None:
            if current.id in result:
                found = result[current.id]
                break
            if current.segment is not None:
                found = current.segment
                break
            if current.id in seen:  # a parent cycle with no segment
                break
            seen.add(current.id)
            chain.append(current.id)
            current = by_id.get(current.parent or "")
        for member in chain:
            result[member] = found
        if current is not None and current.segment is not None:
            result.setdefault(current.id, current.segment)
    return result


class _Grouper:
    """Which group a person (and what hangs off them) is drawn in."""

    def __init__(self, org: Org, grouping: str) -> None:
        self.grouping = grouping
        self.teams = {team.id: team for team in org.teams}
        self.home, self.parents = _drawn_parents(org.teams) if grouping == "team" else ({}, {})
        self.segments = _segment_of_team(org.teams) if grouping == "segment" else {}

    def of_team(self, team_id: str | None) -> str | None:
        if team_id is None or team_id not in self.teams:
            return None
        if self.grouping == "team":
            return self.home.get(team_id, team_id)
        if self.grouping == "segment":
            segment = self.segments.get(team_id)
            return f"segment {segment}" if segment else None
        return None

    def groups(self, used: set[str]) -> tuple[Group, ...]:
        """The groups holding at least one node, directly or through a nested group."""
        if self.grouping == "segment":
            return tuple(Group(key, key.removeprefix("segment "), None) for key in sorted(used))
        if self.grouping != "team":
            return ()
        needed: set[str] = set()
        for key in used:
            current: str | None = key
            while current is not None and current not in needed:
                needed.add(current)
                current = self.parents.get(current)
        depth: dict[str, int] = {}
        for key in needed:
            count, current, seen = 0, self.parents.get(key), {key}
            while current is not None and current not in seen:
                seen.add(current)
                count += 1
                current = self.parents.get(current)
            depth[key] = count
        ordered = [team for team in self.teams if team in needed]
        ordered.sort(key=lambda key: depth[key])  # stable: file order within a depth
        result = []
        for key in ordered:
            team = self.teams[key]
            label = team.label + (f" · {team.segment}" if team.segment else "")
            result.append(Group(key, label, self.parents.get(key)))
        return tuple(result)


def _person_lines(person: Person) -> tuple[str, ...]:
    detail = []
    if person.employment != "full-time":
        detail.append(person.employment)
    if person.capacity != 1.0:
        detail.append(f"{person.capacity:g} FTE")
    if person.vacant:
        lines = ["Open role", person.title or person.id]
    else:
        lines = [person.name or person.id, person.title or ""]
    if detail:
        lines.append(" · ".join(detail))
    return tuple(line for line in lines if line)


def build_scene(
    org: Org,
    *,
    findings: Findings,
    focus: str | None = None,
    depth: int | None = None,
    direction: str = "TB",
    grouping: str = "team",
    view: str = "people",
    functions: bool = True,
    legend: bool = False,
    max_people: int,
) -> Scene:
    """Choose what the chart shows. Raises RenderError for bad options or too many people."""
    _check_choice("group", grouping, GROUPINGS)
    _check_choice("view", view, VIEWS)
    direction = resolve_direction(direction)
    shown, collapsed = select_people(org, focus, depth)
    grouper = _Grouper(org, grouping)
    if view == "functions":
        scene_nodes, edges = _functions_view(org, set(shown), findings, grouper)
        drawn_people = sum(1 for node in scene_nodes if node.kind in ("person", "vacant"))
    else:
        drawn_people = len(shown)
    if drawn_people > max_people:
        where = f" under '{focus}'" if focus else ""
        raise RenderError(
            f"{org.filename}: the chart would have {drawn_people} people{where}, over the "
            f"limit of {max_people}; draw part of it with focus and depth (--focus ID "
            "--depth N), or raise the limit (max_people, --max-people)"
        )
    if view == "people":
        stagger = direction in ("TB", "BT")  # across the page leaves already stack
        scene_nodes, edges = _people_view(
            org, shown, collapsed, findings, grouper, functions, stagger
        )
    # Functions and partners are laid out like people: 100,000 functions beside a handful of
    # people would run the layout past any timeout, so every box counts toward the cap.
    boxes = sum(1 for node in scene_nodes if node.kind != "more")
    if boxes > max_people:
        where = f" under '{focus}'" if focus else ""
        raise RenderError(
            f"{org.filename}: the chart would have {boxes} boxes (people, functions and "
            f"partners){where}, over the limit of {max_people}; draw part of it with focus "
            "and depth (--focus ID --depth N), leave functions out (functions=False, "
            "--no-functions), or raise the limit (max_people, --max-people)"
        )
    title = org.name
    if focus is not None:
        person = org.get(focus)
        name = getattr(person, "name", None) or focus
        title = f"{org.name} · {name}" if org.name else name
    used = {node.group for node in scene_nodes if node.group is not None}
    present = {node.severity for node in scene_nodes if node.severity}
    return Scene(
        title=title,
        nodes=tuple(scene_nodes),
        edges=tuple(edges),
        groups=grouper.groups(used),
        direction=direction,
        view=view,
        legend=legend,
        severities=tuple(s for s in ("error", "warning", "info") if s in present),
    )


def _flag(subject: str, findings: Findings) -> tuple[str | None, str | None]:
    found = findings.get(subject)
    if found is None:
        return None, None
    return found[0], "! " + ", ".join(found[1])


def _people_view(
    org: Org,
    shown: list[str],
    collapsed: dict[str, list[str]],
    findings: Findings,
    grouper: _Grouper,
    with_functions: bool,
    stagger: bool,
) -> tuple[list[Node], list[Edge]]:
    from orgdesign.rules._shared import runner

    drawn = set(shown)
    nodes: list[Node] = []
    edges: list[Edge] = []
    people = {person.id: person for person in org.people}
    for person_id in shown:
        person = people[person_id]
        severity, note = _flag(person_id, findings)
        kind = "vacant" if person.vacant else "person"
        group = grouper.of_team(person.team)
        nodes.append(Node(person_id, kind, _person_lines(person), group, severity, note))
        hidden = collapsed.get(person_id)
        if hidden:
            worst = _worst(findings, hidden)
            count = f"+{len(hidden)} {'person' if len(hidden) == 1 else 'people'}"
            flagged = sum(1 for h in hidden if h in findings)
            note = f"! {flagged} with findings" if flagged else None
            nodes.append(Node(f"_more_{person_id}", "more", (count,), group, worst, note))
            edges.append(Edge(person_id, f"_more_{person_id}", "more"))
    focused = len(drawn) != len(org.people)
    for partner in org.partners:
        manager = people.get(partner.managed_by or "")
        if focused and (manager is None or manager.id not in drawn):
            continue
        severity, note = _flag(partner.id, findings)
        group = grouper.of_team(manager.team) if manager else None
        lines = (partner.label, partner.kind or "partner")
        nodes.append(Node(partner.id, "partner", lines, group, severity, note))
        if manager is not None:
            edges.append(Edge(manager.id, partner.id, "manages"))
    if with_functions:
        for function in org.functions:
            person = runner(org, function)
            if person is None and focused:
                continue
            if person is not None and person.id not in drawn:
                continue
            team = function.team if function.team in grouper.teams else None
            team = team or (person.team if person else None)
            severity, note = _flag(function.id, findings)
            group = grouper.of_team(team)
            nodes.append(Node(function.id, "function", (function.label,), group, severity, note))
            if person is not None:
                edges.append(Edge(person.id, function.id, "runs"))
    managers = {people[p].reports_to for p in shown} | set(collapsed)
    leaves: dict[str, list[str]] = {}
    for person_id in shown:
        manager = people[person_id].reports_to
        if manager in drawn and manager != person_id and person_id not in managers:
            leaves.setdefault(manager, []).append(person_id)  # type: ignore[arg-type]
    length: dict[str, int] = {}
    for team in leaves.values():
        if stagger and len(team) >= STAGGER:
            rows = min(STAGGER_ROWS, -(-len(team) // 2))
            length.update((leaf, 1 + index % rows) for index, leaf in enumerate(team))
    for person_id in shown:
        manager = people[person_id].reports_to
        if manager is not None and manager in drawn and manager != person_id:
            edges.append(Edge(manager, person_id, "reports", length.get(person_id, 1)))
    for person_id in shown:
        for manager in dict.fromkeys(people[person_id].dotted_to):
            if manager in drawn and manager != person_id:
                edges.append(Edge(manager, person_id, "dotted"))
    return nodes, edges


def _worst(findings: Findings, subjects: list[str]) -> str | None:
    found = [findings[s][0] for s in subjects if s in findings]
    return max(found, key=SEVERITY_RANK.__getitem__) if found else None


def _functions_view(
    org: Org, in_scope: set[str], findings: Findings, grouper: _Grouper
) -> tuple[list[Node], list[Edge]]:
    """Functions linked to their decision, execution, input and review owners."""
    everyone = len(in_scope) == len(org.people)
    chosen = []
    for function in org.functions:
        holders = {o for role in OWNER_ROLES for o in getattr(function.owners, role)}
        if everyone or holders & in_scope:
            chosen.append(function)
    owner_ids: dict[str, None] = {}
    edges: list[Edge] = []
    for function in chosen:
        for role in OWNER_ROLES:
            for owner in dict.fromkeys(getattr(function.owners, role)):
                if org.get(owner) is not None:
                    owner_ids.setdefault(owner)
                    edges.append(Edge(owner, function.id, role))
    nodes: list[Node] = []
    for section in (org.people, org.partners, org.teams):
        for entity in section:
            if entity.id not in owner_ids:
                continue
            severity, note = _flag(entity.id, findings)
            if isinstance(entity, Person):
                kind = "vacant" if entity.vacant else "person"
                group = grouper.of_team(entity.team)
                nodes.append(Node(entity.id, kind, _person_lines(entity), group, severity, note))
            elif isinstance(entity, Team):
                nodes.append(Node(entity.id, "team", (entity.label, "team"), None, severity, note))
            else:
                lines = (entity.label, getattr(entity, "kind", None) or "partner")
                nodes.append(Node(entity.id, "partner", lines, None, severity, note))
    for function in chosen:
        severity, note = _flag(function.id, findings)
        nodes.append(Node(function.id, "function", (function.label,), None, severity, note))
    return nodes, edges
