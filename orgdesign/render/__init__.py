"""Draw the org chart: DOT built with the graphviz package, laid out by a Graphviz executable.

The bundled ``graphviz-pure`` executable (a pip-installed static Graphviz) renders by default;
``ORGDESIGN_DOT`` names another executable, and ``dot`` on PATH is the fallback. User text only
ever reaches DOT inside ``label`` attributes, escaped with :func:`graphviz.escape`; node names
are ids, which the loader restricts to ``[A-Za-z0-9][A-Za-z0-9._@-]*``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from orgdesign.errors import OrgDesignError
from orgdesign.lint import SEVERITY_RANK, Report
from orgdesign.loader import UNSAFE_CHARACTERS
from orgdesign.model import Org, Person
from orgdesign.render._engine import find_executable, run_graphviz

__all__ = ["MAX_PEOPLE", "Chart", "RenderError", "find_executable", "render"]

#: Charts with more people than this are refused rather than left to run for minutes.
MAX_PEOPLE = 1500
#: Seconds the layout may take.
TIMEOUT = 60.0
# Team nesting drawn as nested clusters down to this depth; deeper teams join their ancestor.
_MAX_CLUSTER_DEPTH = 8
_FONT = "Arial"

# Fill, border and pen width by worst finding severity. They differ in lightness as well
# as hue, so they still read apart in greyscale.
_SEVERITY_STYLE = {
    "error": ("#f8c9c4", "#b42318", "2.2"),
    "warning": ("#fde9a9", "#a15c07", "1.8"),
    "info": ("#d5e7fb", "#1d5fa8", "1.4"),
}


class RenderError(OrgDesignError):
    """The chart could not be drawn: no renderer, a timeout, a crash or a chart too large."""


def _text(value: str) -> str:
    """One line of user text, safe inside a DOT label and the SVG made from it.

    The loader already refuses control and bidirectional characters; an Org built directly
    in Python has not been through it, so they are replaced here too (SVG is XML, which
    cannot hold most control characters at all).
    """
    import graphviz

    return graphviz.escape(UNSAFE_CHARACTERS.sub("\ufffd", " ".join(value.split())))


def _label(*lines: str | None) -> str:
    """Lines of user text as one DOT label; never read as an HTML-like ``<...>`` label."""
    import graphviz

    # str.join returns a plain str, dropping escape()'s NoHtml marker: mark the whole again.
    return graphviz.nohtml(r"\n".join(_text(line) for line in lines if line))


@attrs.frozen
class Chart:
    """A drawn org chart: ``.dot`` source, ``.svg`` text, ``.save(path)``; shows in Jupyter."""

    dot: str
    timeout: float = TIMEOUT
    _cache: dict[str, bytes] = attrs.field(factory=dict, eq=False, repr=False)

    def pipe(self, format: str = "svg") -> bytes:
        """The chart in a Graphviz output format (``svg``, ``png``, ``dot``...)."""
        if format == "dot":
            return self.dot.encode("utf-8")
        data = self._cache.get(format)
        if data is None:
            data = self._cache[format] = run_graphviz(self.dot, format, self.timeout)
        return data

    @property
    def svg(self) -> str:
        return self.pipe("svg").decode("utf-8")

    def save(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the chart; the format comes from the extension unless given."""
        target = Path(path)
        chosen = format or target.suffix.lstrip(".").lower() or "svg"
        if chosen not in ("svg", "png", "dot", "gv"):
            raise RenderError(f"{target}: unknown chart format '{chosen}' (svg, png or dot)")
        target.write_bytes(self.pipe("dot" if chosen == "gv" else chosen))
        return target

    def html(self) -> str:
        """The SVG inline in a ``<div>``, for notebooks and web pages."""
        svg = self.svg
        start = svg.find("<svg")
        return f'<div class="orgdesign-chart">{svg[start:] if start >= 0 else svg}</div>'

    def _repr_html_(self) -> str:
        return self.html()


def _worst_by_subject(report: Report | None) -> dict[str, tuple[str, list[str]]]:
    worst: dict[str, tuple[str, list[str]]] = {}
    if report is None:
        return worst
    for finding in report.findings:
        severity = finding.severity or "warning"
        level, codes = worst.get(finding.subject, ("info", []))
        if not codes or SEVERITY_RANK[severity] > SEVERITY_RANK[level]:
            level = severity
        if finding.code not in codes:
            codes.append(finding.code)
        worst[finding.subject] = (level, codes)
    return worst


def _drawn_parents(org: Org) -> dict[str, str | None]:
    """Team id -> the parent cluster it is drawn in (None: top level); cycles are broken."""
    parent_of = {team.id: team.parent for team in org.teams}
    drawn_parent: dict[str, str | None] = {}
    for team in org.teams:
        chain = [team.id]
        seen = {team.id}
        current = team.parent
        while current is not None and current not in seen and len(chain) <= _MAX_CLUSTER_DEPTH:
            seen.add(current)
            chain.append(current)
            current = parent_of.get(current)
        if current is not None and current in seen:  # a cycle: draw this team at the top
            drawn_parent[team.id] = None
        elif len(chain) > _MAX_CLUSTER_DEPTH:  # too deep: join the deepest drawn ancestor
            drawn_parent[team.id] = chain[-1]
        else:
            drawn_parent[team.id] = team.parent
    return drawn_parent


def render(
    org: Org,
    *,
    highlight: Report | bool | None = None,
    direction: str = "TB",
    functions: bool = True,
    max_people: int = MAX_PEOPLE,
    timeout: float = TIMEOUT,
) -> Chart:
    """Draw ``org`` as a chart.

    People are cards (name and title) joined by solid reporting lines; dotted lines are
    dashed and do not shape the layout; teams are boxed clusters; partners and open roles
    are styled apart; functions hang off their runner. ``highlight`` (a Report, or True to
    lint first) colours people and functions by their worst finding and names the codes.
    """
    if len(org.people) > max_people:
        raise RenderError(
            f"{org.filename}: the chart would have {len(org.people)} people, over the limit "
            f"of {max_people}; raise it (--max-people) or draw a smaller org file"
        )
    if direction not in ("TB", "LR", "BT", "RL"):
        raise RenderError(f"direction must be TB, LR, BT or RL, got '{direction}'")
    if highlight is True:
        from orgdesign.lint import lint

        highlight = lint(org)
    worst = _worst_by_subject(highlight if isinstance(highlight, Report) else None)
    return Chart(_build_dot(org, worst, direction, functions), timeout=timeout)


def _node_style(
    base: dict[str, str], subject: str, worst: dict[str, tuple[str, list[str]]]
) -> dict[str, str]:
    found = worst.get(subject)
    if found is None:
        return base
    fill, border, width = _SEVERITY_STYLE[found[0]]
    return dict(base, fillcolor=fill, color=border, penwidth=width)


def _codes_line(subject: str, worst: dict[str, tuple[str, list[str]]]) -> str | None:
    """``! OD201, OD301`` under a highlighted card, so findings read without colour too."""
    found = worst.get(subject)
    return "! " + ", ".join(found[1]) if found else None


def _build_dot(
    org: Org, worst: dict[str, tuple[str, list[str]]], direction: str, with_functions: bool
) -> str:
    import graphviz  # imported here to keep `import orgdesign` fast

    graph = graphviz.Digraph(
        name="org",
        graph_attr={
            "rankdir": direction,
            "fontname": _FONT,
            "nodesep": "0.25",
            "ranksep": "0.45",
            "newrank": "true",
            "bgcolor": "white",
            "pad": "0.2",
            **({"label": _text(org.name), "labelloc": "t", "fontsize": "18"} if org.name else {}),
        },
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "white",
            "color": "#475467",
            "fontname": _FONT,
            "fontsize": "11",
            "margin": "0.14,0.06",
        },
        edge_attr={"color": "#667085", "arrowhead": "none", "fontname": _FONT},
    )
    clusters = {
        team.id: graphviz.Digraph(
            name=f"cluster_{index}",
            graph_attr={
                "label": _label(team.label + (f" · {team.segment}" if team.segment else "")),
                "style": "rounded,filled",
                "fillcolor": "#f5f7fa",
                "color": "#c7cdd6",
                "fontsize": "12",
                "fontcolor": "#344054",
                "labeljust": "l",
                "margin": "12",
            },
        )
        for index, team in enumerate(org.teams)
    }

    def home(team_id: str | None) -> Any:
        return clusters.get(team_id or "", graph)

    people_by_id = {person.id: person for person in org.people}
    for person in org.people:
        home(person.team).node(person.id, **_person_node(person, worst))
    for partner in org.partners:
        lines = [partner.label, partner.kind or "partner", _codes_line(partner.id, worst)]
        attributes = _node_style(
            {
                "label": _label(*lines),
                "shape": "box3d",
                "style": "filled",
                "fillcolor": "#ece9fb",
                "color": "#5b4b9a",
                "fontcolor": "#2e2557",
            },
            partner.id,
            worst,
        )
        manager = people_by_id.get(partner.managed_by or "")
        home(manager.team if manager else None).node(partner.id, **attributes)
        if manager is not None:
            graph.edge(manager.id, partner.id, style="dotted", color="#5b4b9a")
    if with_functions:
        _add_functions(org, graph, home, worst)
    for person in org.people:
        if person.reports_to is not None:
            graph.edge(person.reports_to, person.id, penwidth="1.3")
    for person in org.people:
        for manager in person.dotted_to:
            graph.edge(
                manager,
                person.id,
                style="dashed",
                color="#1d5fa8",
                constraint="false",
                arrowhead="open",
                arrowsize="0.6",
            )
    # Nest clusters deepest first, so each is complete when its parent takes it in.
    drawn_parent = _drawn_parents(org)
    depth_of: dict[str, int] = {}
    for team in org.teams:
        depth, current, seen = 0, drawn_parent[team.id], {team.id}
        while current is not None and current not in seen:
            seen.add(current)
            depth += 1
            current = drawn_parent.get(current)
        depth_of[team.id] = depth
    for team in sorted(org.teams, key=lambda t: -depth_of[t.id]):
        home(drawn_parent[team.id]).subgraph(clusters[team.id])
    return graph.source


def _person_node(person: Person, worst: dict[str, tuple[str, list[str]]]) -> dict[str, str]:
    title = person.title
    detail = []
    if person.employment != "full-time":
        detail.append(person.employment)
    if person.capacity != 1.0:
        detail.append(f"{person.capacity:g} FTE")
    if person.vacant:
        name = "Open role"
        base = {
            "style": "rounded,dashed,filled",
            "fillcolor": "#fafafa",
            "color": "#98a2b3",
            "fontcolor": "#667085",
        }
        title = title or person.id
    else:
        name = person.name or person.id
        base = {}
    lines = [name, title, " · ".join(detail) if detail else None, _codes_line(person.id, worst)]
    return _node_style({"label": _label(*lines), **base}, person.id, worst)


def _add_functions(
    org: Org, graph: Any, home: Any, worst: dict[str, tuple[str, list[str]]]
) -> None:
    from orgdesign.rules._shared import runner

    for function in org.functions:
        person = runner(org, function)
        team = function.team or (person.team if person else None)
        lines = [function.label, _codes_line(function.id, worst)]
        attributes = _node_style(
            {
                "label": _label(*lines),
                "shape": "note",
                "style": "filled",
                "fillcolor": "#e8f5ec",
                "color": "#3b7d4f",
                "fontsize": "9",
                "fontcolor": "#1f4d2c",
                "margin": "0.08,0.03",
            },
            function.id,
            worst,
        )
        home(team).node(function.id, **attributes)
        if person is not None:
            graph.edge(
                person.id,
                function.id,
                color="#3b7d4f",
                style="solid",
                arrowhead="none",
                penwidth="0.8",
                weight="2",
            )
