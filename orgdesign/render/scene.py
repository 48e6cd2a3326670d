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
VIEWS = ("people", "functions", "workflows")
DIRECTIONS = {
    "auto": "auto",
    "TB": "TB",
    "LR": "LR",
    "BT": "BT",
    "RL": "RL",
    "top-down": "TB",
    "left-right": "LR",
    "bottom-up": "BT",
    "right-left": "RL",
}
#: Node kinds: person, vacant, partner, function, team (a team as owner), more (collapsed),
#: workflow (the head of a workflow's chains).
#: Edge kinds: reports, dotted, manages, runs, decision, execution, input, review, more,
#: approval and handoff (the steps of a workflow's chains).
OWNER_ROLES = ("decision", "execution", "input", "review")
#: In a compact top-down chart, a manager with at least this many leaf reports in one group
#: (people with no one below them on the chart) has them stacked in a column under them,
#: joined by one bus line, as org-chart tools draw wide teams. A stack is not a level: the
#: people in it are all one level below their manager.
STACK_MIN = 2
#: The group that holds partners no one manages (OD403 flags them).
UNMANAGED = "_unmanaged"


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
    #: Hover text: who or what this is, and each finding's code, message and fix.
    tooltip: str | None = None


@attrs.frozen
class Edge:
    tail: str
    head: str
    kind: str
    #: Worst finding severity on what the line stands for (a workflow's chain), else None.
    severity: str | None = None
    #: A short label drawn on the line (a chain's step number).
    label: str | None = None
    tooltip: str | None = None


@attrs.frozen
class Stack:
    """Leaf reports of one manager drawn as a column under them (see `STACK_MIN`)."""

    manager: str
    leaves: tuple[str, ...]


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
    #: Leaf columns of the compact layout.
    stacks: tuple[Stack, ...] = ()
    #: Person id -> level (0 for the top of the chart), for the people that have one.
    levels: Mapping[str, int] = attrs.field(factory=dict)

    @property
    def people(self) -> int:
        return sum(1 for node in self.nodes if node.kind in _PEOPLE_KINDS)


@attrs.frozen
class Flag:
    """The findings on one subject, as a chart shows them."""

    #: The worst severity.
    severity: str
    #: Rule codes, each once, in report order.
    codes: tuple[str, ...]
    #: One line per finding: code, message and fix.
    details: tuple[str, ...] = ()


Findings = Mapping[str, Flag]  # subject -> its findings


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


#: In a top-down chart, card lines longer than this many characters wrap at spaces: one
#: long title would otherwise set the width of its whole column. (Across the page, width
#: is cheap and height is not, so lines stay whole.)
WRAP = 28


def wrap(lines: tuple[str, ...]) -> list[str]:
    """``lines`` with each longer than `WRAP` characters broken at spaces."""
    import textwrap

    result: list[str] = []
    for line in lines:
        if len(line) <= WRAP:
            result.append(line)
        else:
            parts = textwrap.wrap(line, WRAP, break_long_words=False, break_on_hyphens=False)
            result.extend(parts or [line])
    return result


#: The node kinds that stand for a person.
_PEOPLE_KINDS = ("person", "vacant", "context")


def person_kind(person: Person) -> str:
    """A person's node kind: an open role, someone outside this file, or a person."""
    if person.vacant:
        return "vacant"
    return "context" if person.context else "person"


def _person_lines(person: Person) -> tuple[str, ...]:
    detail = []
    if person.employment != "full-time":
        detail.append(person.employment)
    if person.capacity != 1.0:
        detail.append(f"{person.capacity:g} FTE")
    if person.vacant:
        lines = ["Open role", person.title or person.id]
    elif person.context:
        lines = [person.name or person.id, person.title or "", "outside this file"]
    else:
        lines = [person.name or person.id, person.title or ""]
    if detail and not person.context:
        lines.append(" · ".join(detail))
    return tuple(line for line in lines if line)


def _person_tooltip(person: Person, teams: Mapping[str, Team]) -> str:
    """Who a card stands for: name, title, team and FTE."""
    if person.vacant:
        lines = [f"Open role: {person.title or person.id}"]
    elif person.context:
        lines = [f"{person.name or person.id} (outside this file: known only in part)"]
        if person.title:
            lines.append(person.title)
    else:
        lines = [person.name or person.id]
        if person.title:
            lines.append(person.title)
    team = teams.get(person.team or "")
    if team is not None or person.team:
        lines.append(f"Team: {team.label if team is not None else person.team}")
    employment = "" if person.employment == "full-time" else f", {person.employment}"
    lines.append(f"{person.capacity:g} FTE{employment}")
    return "\n".join(lines)


def _tooltip(about: str, flag: Flag | None, codes: tuple[str, ...] | None = None) -> str:
    """``about`` followed by each finding (only those of ``codes`` when given)."""
    if flag is None:
        return about
    details = [d for d in flag.details if codes is None or d.split(" ", 1)[0] in codes]
    return "\n".join((about, *details)) if details else about


def build_scene(
    org: Org,
    *,
    findings: Findings,
    focus: str | None = None,
    depth: int | None = None,
    direction: str = "auto",
    grouping: str | None = None,
    view: str = "people",
    functions: bool = True,
    legend: bool = False,
    compact: bool | None = None,
    max_people: int,
) -> Scene:
    """Choose what the chart shows. Raises RenderError for bad options or too many people."""
    _check_choice("view", view, VIEWS)
    grouping = grouping or ("none" if view == "workflows" else "team")
    _check_choice("group", grouping, GROUPINGS)
    direction = resolve_direction(direction)
    if direction == "auto" and view != "people":
        direction = "LR"  # chains and owner columns read across the page
    shown, collapsed = select_people(org, focus, depth)
    grouper = _Grouper(org, grouping)
    boxes_of_view: tuple[Group, ...] = ()  # the workflows view's own boxes
    if view == "functions":
        scene_nodes, edges = _functions_view(org, set(shown), findings, grouper)
    elif view == "workflows":
        scene_nodes, edges, boxes_of_view = _workflows_view(org, set(shown), findings)
    else:
        scene_nodes, edges = [], []
    if view == "people":
        drawn_people = len(shown)
    else:
        drawn_people = sum(1 for node in scene_nodes if node.kind in _PEOPLE_KINDS)
    if drawn_people > max_people:
        where = f" under '{focus}'" if focus else ""
        raise RenderError(
            f"{org.filename}: the chart would have {drawn_people} people{where}, over the "
            f"limit of {max_people}; draw part of it with focus and depth (--focus ID "
            "--depth N), or raise the limit (max_people, --max-people)"
        )
    stacks: tuple[Stack, ...] = ()
    levels: dict[str, int] = {}
    if view == "people":
        scene_nodes, edges = _people_view(org, shown, collapsed, findings, grouper, functions)
        levels = _levels(org, shown)
        candidates = _stacks(org, shown, collapsed, scene_nodes)
        if direction == "auto":
            direction, stacked = _choose_layout(scene_nodes, edges, candidates, compact)
        else:
            stacked = compact is not False and direction in ("TB", "BT")
        stacks = candidates if stacked else ()
    # Functions and partners are laid out like people: 100,000 functions beside a handful of
    # people would run the layout past any timeout, so every box counts toward the cap.
    boxes = sum(1 for node in scene_nodes if node.kind not in ("more", "workflow"))
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
    groups = boxes_of_view or grouper.groups(used - {UNMANAGED})
    if UNMANAGED in used:
        groups += (Group(UNMANAGED, "Unmanaged partners", None),)
    present = {node.severity for node in scene_nodes if node.severity}
    present |= {edge.severity for edge in edges if edge.severity}
    return Scene(
        title=title,
        nodes=tuple(scene_nodes),
        edges=tuple(edges),
        groups=groups,
        direction=direction,
        view=view,
        legend=legend,
        severities=tuple(s for s in ("error", "warning", "info") if s in present),
        stacks=stacks,
        levels=levels,
    )


def _flag(subject: str, findings: Findings) -> tuple[str | None, str | None]:
    found = findings.get(subject)
    if found is None:
        return None, None
    return found.severity, "! " + ", ".join(found.codes)


def _levels(org: Org, shown: list[str]) -> dict[str, int]:
    """Level of each drawn person: 0 for the people whose manager is not drawn, then one more
    per solid line down. People in a reporting cycle with no way in have none."""
    drawn = set(shown)
    reports = reports_by_manager(org)
    people = {person.id: person for person in org.people}
    roots = [
        p
        for p in shown
        if people[p].reports_to is None
        or people[p].reports_to == p
        or people[p].reports_to not in drawn
    ]
    levels: dict[str, int] = {}
    queue = deque((root, 0) for root in roots)
    while queue:
        person_id, level = queue.popleft()
        if person_id in levels:
            continue
        levels[person_id] = level
        queue.extend((r, level + 1) for r in reports.get(person_id, ()) if r in drawn)
    return levels


def _stacks(
    org: Org, shown: list[str], collapsed: dict[str, list[str]], nodes: list[Node]
) -> tuple[Stack, ...]:
    """The leaf columns a compact chart would draw: per manager and group, at least
    `STACK_MIN` leaf reports, in file order."""
    drawn = set(shown)
    people = {person.id: person for person in org.people}
    managers = {people[p].reports_to for p in shown} | set(collapsed)
    group_of = {node.id: node.group for node in nodes}
    leaves: dict[tuple[str, str | None], list[str]] = {}
    for person_id in shown:
        manager = people[person_id].reports_to
        if manager in drawn and manager != person_id and person_id not in managers:
            leaves.setdefault((manager, group_of.get(person_id)), []).append(person_id)  # type: ignore[arg-type]
    return tuple(
        Stack(manager, tuple(team))
        for (manager, _group), team in leaves.items()
        if len(team) >= STACK_MIN
    )


# Rough sizes, in points, for choosing a layout before Graphviz runs: a card is about this
# wide per character of its longest line, plus its margins, and this tall per line.
_CHAR_WIDTH = {"function": 5.0, "more": 5.5}
_LINE_HEIGHT = 13.5
_GAP = 18.0  # between cards on one rank
_RANK_GAP = {"TB": 32.0, "LR": 40.0}
#: The longer side a chart should fit when the direction is chosen for it (about 2,400
#: pixels at 96 per inch), and the widest shape allowed before another layout is tried.
BUDGET = 1800.0
MAX_ASPECT = 3.0


def _box(node: Node, direction: str) -> tuple[float, float]:
    lines = (*node.lines, node.note) if node.note else node.lines
    if direction == "TB":
        lines = tuple(wrap(lines))
    longest = max((len(line) for line in lines), default=4)
    return longest * _CHAR_WIDTH.get(node.kind, 6.2) + 24.0, len(lines) * _LINE_HEIGHT + 12.0


def _extent(
    nodes: list[Node], edges: list[Edge], stacks: tuple[Stack, ...], direction: str
) -> tuple[float, float]:
    """Width and height the chart would take, estimated from the tree of its solid lines."""
    boxes = {node.id: _box(node, direction) for node in nodes}
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for edge in edges:
        if edge.kind in ("reports", "more", "runs", "manages") and edge.head not in has_parent:
            has_parent.add(edge.head)
            children.setdefault(edge.tail, []).append(edge.head)
    stacked = {leaf: stack for stack in stacks for leaf in stack.leaves}
    size: dict[str, tuple[float, float]] = {}
    roots = [node.id for node in nodes if node.id not in has_parent]
    for root in roots:  # post-order, without recursion
        todo: list[tuple[str, bool]] = [(root, False)]
        while todo:
            current, done = todo.pop()
            if current in size:
                continue
            if not done:
                todo.append((current, True))
                todo.extend((c, False) for c in children.get(current, ()) if c not in size)
                continue
            size[current] = _subtree(current, boxes, children, stacked, size, direction)
    sizes = [size[root] for root in roots]
    # Scaled to what Graphviz drew for the examples: team boxes, their labels and the title
    # add height; cards on one rank share space, so widths come out a little smaller.
    if direction == "TB":
        width = sum(w for w, _ in sizes) + _GAP * len(sizes)
        return width * 0.9, max((h for _, h in sizes), default=0) * 1.6 + 40
    height = sum(h for _, h in sizes) + _GAP * len(sizes)
    return max((w for w, _ in sizes), default=0), height * 1.25 + 40


def _subtree(
    node: str,
    boxes: Mapping[str, tuple[float, float]],
    children: Mapping[str, list[str]],
    stacked: Mapping[str, Stack],
    size: Mapping[str, tuple[float, float]],
    direction: str,
) -> tuple[float, float]:
    width, height = boxes[node]
    below = children.get(node, [])
    if direction == "LR":  # ranks are columns; what hangs below stacks down the page
        if not below:
            return width, height
        inner_w = max(size[c][0] for c in below)
        inner_h = sum(size[c][1] for c in below) + _GAP / 2 * (len(below) - 1)
        return width + _RANK_GAP["LR"] + inner_w, max(height, inner_h)
    column = [c for c in below if c in stacked]
    spread = [c for c in below if c not in stacked]
    inner_w = sum(size[c][0] for c in spread) + _GAP * max(0, len(spread) - 1)
    inner_h = max((size[c][1] for c in spread), default=0.0)
    if column:  # a leaf column: each row holds the leaf and what hangs off it
        rows = [
            (boxes[c][0] + sum(boxes[g][0] + _GAP for g in children.get(c, ())), boxes[c][1])
            for c in column
        ]
        inner_w += max(w for w, _ in rows) + _GAP * 2
        inner_h = max(inner_h, sum(h + _RANK_GAP["TB"] for _, h in rows))
    if not below:
        return width, height
    return max(width, inner_w), height + _RANK_GAP["TB"] + inner_h


def _choose_layout(
    nodes: list[Node], edges: list[Edge], stacks: tuple[Stack, ...], compact: bool | None
) -> tuple[str, bool]:
    """Direction and stacking for the org's shape: the first of top-down, compact top-down
    and left-to-right whose longer side fits `BUDGET` without being a strip, else the one
    with the shortest longer side."""
    options: list[tuple[str, bool]] = []
    if compact is not True:
        options.append(("TB", False))
    if compact is True or (compact is None and stacks):
        options.append(("TB", True))
    options.append(("LR", False))
    best: tuple[float, str, bool] | None = None
    for direction, stacked in options:
        width, height = _extent(nodes, edges, stacks if stacked else (), direction)
        longer, shorter = max(width, height), max(1.0, min(width, height))
        if longer <= BUDGET and longer / shorter <= MAX_ASPECT:
            return direction, stacked
        if best is None or longer < best[0]:
            best = (longer, direction, stacked)
    assert best is not None
    return best[1], best[2]


def _people_view(
    org: Org,
    shown: list[str],
    collapsed: dict[str, list[str]],
    findings: Findings,
    grouper: _Grouper,
    with_functions: bool,
) -> tuple[list[Node], list[Edge]]:
    from orgdesign.rules._shared import runner

    drawn = set(shown)
    nodes: list[Node] = []
    edges: list[Edge] = []
    people = {person.id: person for person in org.people}
    for person_id in shown:
        person = people[person_id]
        severity, note = _flag(person_id, findings)
        kind = person_kind(person)
        group = grouper.of_team(person.team)
        tip = _tooltip(_person_tooltip(person, grouper.teams), findings.get(person_id))
        nodes.append(Node(person_id, kind, _person_lines(person), group, severity, note, tip))
        hidden = collapsed.get(person_id)
        if hidden:
            worst = _worst(findings, hidden)
            count = f"+{len(hidden)} {'person' if len(hidden) == 1 else 'people'}"
            flagged = sum(1 for h in hidden if h in findings)
            note = f"! {flagged} with findings" if flagged else None
            tip = f"{count} below {person.name or person_id}, not drawn at this depth"
            nodes.append(Node(f"_more_{person_id}", "more", (count,), group, worst, note, tip))
            edges.append(Edge(person_id, f"_more_{person_id}", "more"))
    focused = len(drawn) != len(org.people)
    for partner in org.partners:
        manager = people.get(partner.managed_by or "")
        if focused and (manager is None or manager.id not in drawn):
            continue
        severity, note = _flag(partner.id, findings)
        # An unmanaged partner hangs under no one: it goes in a band of its own, apart from
        # the people, so that it never looks like one of the executives.
        group = grouper.of_team(manager.team) if manager else UNMANAGED
        lines = (partner.label, partner.kind or "partner")
        about = f"{partner.label} ({partner.kind or 'partner'})\n" + (
            f"Managed by {manager.name or manager.id}" if manager else "No one manages it"
        )
        tip = _tooltip(about, findings.get(partner.id))
        nodes.append(Node(partner.id, "partner", lines, group, severity, note, tip))
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
            about = f"Function: {function.label}" + (
                f"\nRun by {person.name or person.id}" if person else "\nNo one runs it"
            )
            tip = _tooltip(about, findings.get(function.id))
            nodes.append(
                Node(
                    function.id,
                    "function",
                    (function.label,),
                    group,
                    severity,
                    note,
                    tip,
                )
            )
            if person is not None:
                edges.append(Edge(person.id, function.id, "runs"))
    for person_id in shown:
        manager = people[person_id].reports_to
        if manager is not None and manager in drawn and manager != person_id:
            edges.append(Edge(manager, person_id, "reports"))
    for person_id in shown:
        for manager in dict.fromkeys(people[person_id].dotted_to):
            if manager in drawn and manager != person_id:
                edges.append(Edge(manager, person_id, "dotted"))
    return nodes, edges


def _worst(findings: Findings, subjects: list[str]) -> str | None:
    found = [findings[s].severity for s in subjects if s in findings]
    return max(found, key=SEVERITY_RANK.__getitem__) if found else None


def _functions_view(
    org: Org, in_scope: set[str], findings: Findings, grouper: _Grouper
) -> tuple[list[Node], list[Edge]]:
    """Functions linked to their decision, execution, input and review owners: owners
    grouped by team, the functions in a column of their own."""
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
            flag = findings.get(entity.id)
            if isinstance(entity, Person):
                kind = person_kind(entity)
                group = grouper.of_team(entity.team)
                tip = _tooltip(_person_tooltip(entity, grouper.teams), flag)
                lines = _person_lines(entity)
                nodes.append(Node(entity.id, kind, lines, group, severity, note, tip))
            elif isinstance(entity, Team):
                tip = _tooltip(f"Team: {entity.label}", flag)
                lines = (entity.label, "team")
                nodes.append(Node(entity.id, "team", lines, None, severity, note, tip))
            else:
                kind_name = getattr(entity, "kind", None) or "partner"
                tip = _tooltip(f"{entity.label} ({kind_name})", flag)
                lines = (entity.label, kind_name)
                nodes.append(Node(entity.id, "partner", lines, None, severity, note, tip))
    for function in chosen:
        severity, note = _flag(function.id, findings)
        tip = _tooltip(f"Function: {function.label}", findings.get(function.id))
        nodes.append(Node(function.id, "function", (function.label,), None, severity, note, tip))
    return nodes, edges


#: The rules whose findings are about a workflow's approval chain, and its handoff chain.
APPROVAL_CODES = ("OD201", "OD202")
HANDOFF_CODES = ("OD204",)


def _workflows_view(
    org: Org, in_scope: set[str], findings: Findings
) -> tuple[list[Node], list[Edge], tuple[Group, ...]]:
    """Each workflow as a box holding its ordered approval chain and its ordered handoff
    chain; a chain a rule flags is drawn in the finding's colour and named by its code."""
    people = {person.id: person for person in org.people}
    functions = {function.id: function for function in org.functions}
    teams = {team.id: team for team in org.teams}
    nodes: list[Node] = []
    edges: list[Edge] = []
    boxes: list[Group] = []
    everyone = len(in_scope) == len(org.people)
    for index, workflow in enumerate(org.workflows):
        # Under a focus, the workflows someone in the focused part approves.
        if not everyone and not set(workflow.approvals) & in_scope:
            continue
        key = f"_wf{index}"
        boxes.append(Group(key, workflow.label, None))
        flag = findings.get(workflow.id)
        severity, note = _flag(workflow.id, findings)
        owner = functions.get(workflow.function or "")
        about = [f"Workflow: {workflow.label}"]
        if workflow.function:
            about.append(f"Function: {owner.label if owner else workflow.function}")
        if workflow.process:
            about.append(f"Process: {workflow.process}")
        head_lines = (
            owner.label if owner else workflow.function or "(no function)",
            f"{workflow.process} process" if workflow.process else "",
        )
        nodes.append(
            Node(
                key,
                "workflow",
                tuple(line for line in head_lines if line),
                key,
                severity,
                note,
                _tooltip("\n".join(about), flag),
            )
        )
        chains = (
            ("approval", workflow.approvals, APPROVAL_CODES, "approves", "approvals"),
            ("handoff", workflow.handoffs, HANDOFF_CODES, "hands off", "handoffs"),
        )
        for kind, steps, codes, verb, title in chains:
            hit = tuple(code for code in (flag.codes if flag else ()) if code in codes)
            chain_severity = flag.severity if hit else None
            tip = _tooltip(f"{workflow.label}: {len(steps)} {kind} steps", flag, hit)
            previous = key
            for step, ref in enumerate(steps, start=1):
                node_id = f"{key}_{kind[0]}{step}"
                if kind == "approval":
                    person = people.get(ref)
                    lines = (f"{step}. {(person.name or ref) if person else ref}",)
                    if person is not None and person.title:
                        lines += (person.title,)
                    node_kind = person_kind(person) if person is not None else "person"
                    about_step = (
                        _person_tooltip(person, teams) if person else f"{ref} (not in the file)"
                    )
                else:
                    function = functions.get(ref)
                    lines = (f"{step}. {function.label if function else ref}",)
                    node_kind = "function"
                    about_step = f"Function: {function.label if function else ref}"
                nodes.append(
                    Node(
                        node_id,
                        node_kind,
                        lines,
                        key,
                        None,
                        None,
                        f"{about_step}\n{verb}, step {step}",
                    )
                )
                label = None
                if step == 1:  # the chain's name, and the codes that flag it
                    label = f"{title} ! {', '.join(hit)}" if hit else title
                edges.append(Edge(previous, node_id, kind, chain_severity, label, tip))
                previous = node_id
    return nodes, edges, tuple(boxes)
