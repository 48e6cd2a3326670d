"""Draw the org chart: DOT built with the graphviz package, laid out by a Graphviz executable.

The bundled ``graphviz-pure`` executable (a pip-installed static Graphviz) renders by default;
``ORGDESIGN_DOT`` names another executable, and ``dot`` on PATH is the fallback. What a chart
shows is chosen once (`orgdesign.render.scene`) and written as DOT
(`orgdesign.render.dot`) or as a Mermaid flowchart (`orgdesign.render.mermaid`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

from orgdesign.lint import SEVERITY_RANK, Report
from orgdesign.model import Org
from orgdesign.render._engine import find_executable, run_graphviz
from orgdesign.render.matrix import OwnershipMatrix, ownership_matrix
from orgdesign.render.scene import Flag, RenderError, build_scene

__all__ = [
    "FORMATS",
    "MAX_PEOPLE",
    "Chart",
    "OwnershipMatrix",
    "RenderError",
    "find_executable",
    "ownership_matrix",
    "render",
]

#: Charts with more people than this are refused rather than left to run for minutes.
MAX_PEOPLE = 1500
#: Seconds the layout may take.
TIMEOUT = 60.0
#: Output formats by file extension.
FORMATS = {
    "svg": "svg",
    "png": "png",
    "dot": "dot",
    "gv": "dot",
    "mmd": "mermaid",
    "mermaid": "mermaid",
}


@attrs.frozen
class Chart:
    """A drawn org chart: ``.dot`` and ``.mermaid`` source, ``.svg`` text, ``.save(path)``.

    In Jupyter it shows as HTML with the SVG inline (one representation, so notebooks store
    it once and JupyterLab shows it in untrusted notebooks too).
    """

    dot: str
    mermaid: str = ""
    timeout: float = TIMEOUT
    #: Hover text by SVG element id (``node-ID``, ``edge-N``).
    hover: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    _cache: dict[str, bytes] = attrs.field(factory=dict, eq=False, repr=False)

    def pipe(self, format: str = "svg") -> bytes:
        """The chart in an output format: ``svg``, ``png``, ``dot`` or ``mermaid``."""
        if format in ("dot", "gv"):
            return self.dot.encode("utf-8")
        if format == "mermaid":
            return self.mermaid.encode("utf-8")
        if format not in ("svg", "png"):
            raise RenderError(f"unknown chart format '{format}' (svg, png, dot or mermaid)")
        data = self._cache.get(format)
        if data is None:
            data = run_graphviz(self.dot, format, self.timeout)
            if format == "svg":
                data = _beneath(_hover_titles(data, self.hover))
            self._cache[format] = data
        return data

    @property
    def svg(self) -> str:
        return self.pipe("svg").decode("utf-8")

    def save(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the chart; the format comes from the extension (``.svg .png .dot .gv .mmd
        .mermaid``) unless given."""
        target = Path(path)
        suffix = target.suffix.lstrip(".").lower()
        chosen = format or FORMATS.get(suffix, suffix or "svg")
        if chosen not in FORMATS.values():
            raise RenderError(
                f"{target}: unknown chart format '{chosen}' (svg, png, dot or mermaid)"
            )
        target.write_bytes(self.pipe(chosen))
        return target

    def html(self) -> str:
        """The SVG inline in a ``<div>``, for notebooks and web pages."""
        svg = self.svg
        start = svg.find("<svg")
        return f'<div class="orgdesign-chart">{svg[start:] if start >= 0 else svg}</div>'

    def _repr_html_(self) -> str:
        return self.html()


# A node or edge Graphviz drew with a tooltip: its <title> holds the DOT name, and the
# tooltip follows as the xlink:title of a link wrapped around the shapes.
_TITLED = re.compile(
    rb'(<g id="([^"]*)" class="(?:node|edge)">\n<title>)[^<]*(</title>\n'
    rb'<g id="a_\2"><a xlink:title=")[^"]*(">)'
)


def _hover_titles(svg: bytes, hover: Mapping[str, str]) -> bytes:
    """Write each element's hover text as its ``<title>`` (what SVG viewers and notebooks
    show on hover) and its link's ``xlink:title``, escaped here rather than by Graphviz,
    which reads backslashes in tooltips differently from one build to the next."""
    import html

    def replace(match: re.Match[bytes]) -> bytes:
        text = hover.get(html.unescape(match.group(2).decode("utf-8")))
        if text is None:
            return match.group(0)
        escaped = html.escape(text, quote=True).replace("\n", "&#10;").encode("utf-8")
        return match.group(1) + escaped + match.group(3) + escaped + match.group(4)

    return _TITLED.sub(replace, svg)


# A dotted line's group (it has no tooltip, so no group nested inside), with its comment.
_DOTTED = re.compile(
    rb'<!-- [^\n]*-->\n<g id="dotted_[0-9]+" class="edge">\n(?:(?!</g>).)*</g>\n', re.S
)
_FIRST_EDGE = re.compile(rb'<!-- [^\n]*-->\n<g id="[^"]*" class="edge">')


def _beneath(svg: bytes) -> bytes:
    """Move the dotted lines ahead of every other line, so that solid lines are painted
    over them. Graphviz writes lines grouped by the node they leave, whatever the order of
    the DOT; lines come before cards (``outputorder=edgesfirst``)."""
    dotted = _DOTTED.findall(svg)
    if not dotted:
        return svg
    rest = _DOTTED.sub(b"", svg)
    first = _FIRST_EDGE.search(rest)
    at = first.start() if first else rest.rindex(b"</g>\n</svg>")
    return rest[:at] + b"".join(dotted) + rest[at:]


def _flags(report: Report | None) -> dict[str, Flag]:
    """Subject id -> its findings: worst severity, codes in report order, and one line per
    finding (code, message and fix) for the chart's hover text."""
    if report is None:
        return {}
    worst: dict[str, tuple[str, list[str], list[str]]] = {}
    for finding in report.findings:
        severity = finding.severity or "warning"
        level, codes, details = worst.get(finding.subject, ("info", [], []))
        if not codes or SEVERITY_RANK[severity] > SEVERITY_RANK[level]:
            level = severity
        if finding.code not in codes:
            codes.append(finding.code)
        fix = f" Fix: {finding.fix}" if finding.fix else ""
        details.append(f"{finding.code} ({severity}): {finding.message}.{fix}")
        worst[finding.subject] = (level, codes, details)
    return {
        subject: Flag(level, tuple(codes), tuple(details))
        for subject, (level, codes, details) in worst.items()
    }


def render(
    org: Org,
    *,
    highlight: Report | bool | None = None,
    focus: str | None = None,
    depth: int | None = None,
    direction: str = "auto",
    group: str | None = None,
    view: str = "people",
    functions: bool = True,
    legend: bool | None = None,
    compact: bool | None = None,
    max_people: int = MAX_PEOPLE,
    timeout: float = TIMEOUT,
) -> Chart:
    """Draw ``org`` as a chart.

    People are cards (name and title) joined by solid reporting lines; dotted lines are
    dashed and do not shape the layout; partners (3-D boxes) and open roles (dashed) are
    styled apart; functions hang off their runner.

    Args:
        highlight: a Report, or True to lint first: people, partners and functions are
            coloured by their worst finding and carry a ``! CODE`` line (readable without
            colour).
        focus: a person id: draw them and everyone below them.
        depth: levels to draw below the focus (or below the top when there is no focus);
            whoever is deeper is collapsed into a "+N people" card under their manager.
        direction: ``auto`` (the default), ``TB``/``top-down`` or ``LR``/``left-right``
            (``BT``, ``RL`` too). ``auto`` picks, for the people view, the first of
            top-down, compact top-down and left-to-right that fits about 2,400 px on its
            longer side without becoming a strip; the other views read left to right.
        group: box people by ``team`` (nested as the teams nest), by ``segment``, or
            ``none``; by default ``team``, and ``none`` in the workflows view.
        view: ``people`` (the org chart), ``functions`` (each function linked to its
            decision, execution, input and review owners) or ``workflows`` (each
            workflow's ordered approval chain and handoff chain).
        functions: in the people view, hang each function off its runner.
        legend: draw a key of the shapes, lines and colours used (default: when
            highlighting, and in the functions and workflows views).
        compact: in a top-down people view, stack two or more leaf reports of one
            manager in a column under them, joined by one line (default: chosen with the
            direction; on when a top-down direction is given).
        max_people: refuse charts that would draw more people than this.
        timeout: seconds the layout may take.

    Raises:
        RenderError: a bad option, an unknown focus, or a chart over ``max_people``.
    """
    if highlight is True:
        from orgdesign.lint import lint

        highlight = lint(org)
    report = highlight if isinstance(highlight, Report) else None
    if legend is None:
        legend = report is not None or view in ("functions", "workflows")
    scene = build_scene(
        org,
        findings=_flags(report),
        focus=focus,
        depth=depth,
        direction=direction,
        grouping=group,
        view=view,
        functions=functions,
        legend=legend,
        compact=compact,
        max_people=max_people,
    )
    from orgdesign.render.dot import hover_texts, write_dot
    from orgdesign.render.mermaid import write_mermaid

    return Chart(write_dot(scene), write_mermaid(scene), timeout=timeout, hover=hover_texts(scene))
