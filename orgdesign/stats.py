"""Spans and layers, FTE per function and team, brand share, meeting and decision load.

``od.stats(org)`` returns a `Stats`: plain data with ``to_dict()`` (JSON-ready),
``to_text()`` (the terminal view of ``orgdesign stats``), ``to_dataframe()`` when pandas is
installed, and an HTML view in notebooks. Every figure is counted the way the rules count it
(`orgdesign.measures`), so a number here is the number a finding quotes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import attrs

from orgdesign._text import count
from orgdesign._text import pandas as _optional_pandas
from orgdesign.measures import brand_and_demand_fte, cadence_hours, fte_per_function, meeting_share
from orgdesign.model import Org

__all__ = ["SPAN_BANDS", "PersonStats", "Stats", "stats"]

#: Span-of-control bands as practitioners count them: (label, smallest, largest).
SPAN_BANDS: tuple[tuple[str, int, float], ...] = (
    ("1", 1, 1),
    ("2-3", 2, 3),
    ("4-7", 4, 7),
    ("8-12", 8, 12),
    ("13-16", 13, 16),
    ("17+", 17, float("inf")),
)
TABLES = ("people", "functions", "teams", "spans", "layers")


def _band(span: int) -> str:
    return next(label for label, low, high in SPAN_BANDS if low <= span <= high)


def _round(value: float) -> float:
    """Figures to four places: 0.1 + 0.2 shows as 0.3, and JSON output stays stable."""
    return round(value, 4) + 0.0  # + 0.0 turns -0.0 into 0.0


@attrs.frozen(kw_only=True)
class PersonStats:
    """One person's row: where they sit, what they manage, what their week holds."""

    id: str
    name: str | None
    title: str | None
    team: str | None
    #: 1 for a root, 2 for their reports...; None for people in or below a reporting cycle.
    layer: int | None
    #: Direct reports (solid lines), open roles included, as the span-of-control rule counts.
    span: int
    #: People with a dotted line to this person.
    dotted_reports: int
    #: The person's capacity; 0 for an open role.
    fte: float
    vacant: bool
    #: Weekly hours of the cadences they own or attend.
    meeting_hours: float
    #: ``meeting_share`` when given, else meeting hours over a 40-hour week.
    meeting_share: float
    #: Functions on which they hold the decision.
    decisions: int
    #: Workflows whose approval chain includes them.
    approvals: int

    @property
    def decision_load(self) -> int:
        """Decisions held plus approval steps sat in."""
        return self.decisions + self.approvals

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self)
        data["decision_load"] = self.decision_load
        return data


@attrs.frozen(kw_only=True)
class Stats:
    """The shape of an org in figures. Build it with `stats`."""

    name: str | None
    #: One row per person, in file order.
    people: tuple[PersonStats, ...]
    #: Manager id -> number of direct reports, for everyone with at least one.
    spans: Mapping[str, int]
    #: Number of managers in each span band of `SPAN_BANDS` (every band present).
    span_bands: Mapping[str, int]
    #: Layer (1 = top) -> number of people on it.
    layers: Mapping[int, int]
    #: FTE per function id, every function present (0 when no one works on it).
    fte_by_function: Mapping[str, float]
    #: FTE per team id: the capacity of its filled roles.
    fte_by_team: Mapping[str, float]
    brand_fte: float
    demand_fte: float
    #: Vacant role ids, in file order.
    vacancies: tuple[str, ...]
    #: Partner id -> kind ("partner" when the file gives none), in file order.
    partners: Mapping[str, str]

    @property
    def headcount(self) -> int:
        """Filled roles."""
        return sum(1 for person in self.people if not person.vacant)

    @property
    def total_fte(self) -> float:
        return _round(sum(person.fte for person in self.people))

    @property
    def depth(self) -> int:
        """The number of layers (0 for an org without people)."""
        return max(self.layers, default=0)

    @property
    def brand_share(self) -> float | None:
        """Brand FTE over brand plus demand FTE; None when neither side has any."""
        total = self.brand_fte + self.demand_fte
        return _round(self.brand_fte / total) if total > 0 else None

    @property
    def mean_span(self) -> float | None:
        """Average direct reports per manager; None without managers."""
        return _round(sum(self.spans.values()) / len(self.spans)) if self.spans else None

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain, JSON-ready data (``orgdesign stats --format json``)."""
        return {
            "name": self.name,
            "headcount": self.headcount,
            "total_fte": self.total_fte,
            "vacancies": list(self.vacancies),
            "partners": dict(self.partners),
            "depth": self.depth,
            "layers": {str(layer): count for layer, count in self.layers.items()},
            "spans": dict(self.spans),
            "span_bands": dict(self.span_bands),
            "mean_span": self.mean_span,
            "fte_by_function": dict(self.fte_by_function),
            "fte_by_team": dict(self.fte_by_team),
            "brand_fte": self.brand_fte,
            "demand_fte": self.demand_fte,
            "brand_share": self.brand_share,
            "people": [person.to_dict() for person in self.people],
        }

    def table(self, name: str = "people") -> list[dict[str, Any]]:
        """One of the tables as rows of plain dicts: people, functions, teams, spans, layers."""
        if name == "people":
            return [person.to_dict() for person in self.people]
        if name == "functions":
            return [{"function": key, "fte": value} for key, value in self.fte_by_function.items()]
        if name == "teams":
            return [{"team": key, "fte": value} for key, value in self.fte_by_team.items()]
        if name == "spans":
            return [{"band": key, "managers": value} for key, value in self.span_bands.items()]
        if name == "layers":
            return [{"layer": key, "people": value} for key, value in self.layers.items()]
        raise ValueError(f"unknown table '{name}' (one of {', '.join(TABLES)})")

    def to_dataframe(self, table: str = "people") -> Any:
        """A table as a ``pandas.DataFrame`` (needs pandas: ``pip install orgdesign[pandas]``).

        ``table`` is ``people`` (indexed by id), ``functions``, ``teams``, ``spans`` or
        ``layers``.
        """
        pandas = _optional_pandas("to_dict() or table()")
        rows = self.table(table)
        frame = pandas.DataFrame(rows, columns=list(rows[0]) if rows else None)
        if rows:
            frame = frame.set_index(next(iter(rows[0])))
        return frame

    def to_text(self) -> str:
        """The summary ``orgdesign stats`` prints."""
        lines = [f"{self.name or 'Org'}: {_people_phrase(self)}"]
        lines.append(f"layers: {self.depth}  ({_layers_phrase(self.layers)})")
        if self.spans:
            bands = "  ".join(f"{label}: {count}" for label, count in self.span_bands.items())
            managers = count(len(self.spans), "manager")
            lines.append(
                f"spans of control: {managers}, mean {_num(self.mean_span)}, "
                f"widest {max(self.spans.values())}"
            )
            lines.append(f"  bands  {bands}")
        if self.brand_share is not None:
            lines.append(
                f"brand share: {_num(self.brand_share)} of brand and demand FTE "
                f"({_num(self.brand_fte)} brand, {_num(self.demand_fte)} demand)"
            )
        if self.fte_by_function:
            lines.append("")
            lines.extend(_columns(("function", "FTE"), self.fte_by_function.items()))
        if self.fte_by_team:
            lines.append("")
            lines.extend(_columns(("team", "FTE"), self.fte_by_team.items()))
        loaded = [p for p in self.people if p.meeting_hours or p.meeting_share or p.decision_load]
        if loaded:
            lines.append("")
            lines.extend(
                _columns(
                    ("person", "layer", "span", "meetings", "decisions", "approvals"),
                    (
                        (
                            p.id,
                            "-" if p.layer is None else p.layer,
                            p.span,
                            f"{p.meeting_share:.0%}",
                            p.decisions,
                            p.approvals,
                        )
                        for p in loaded
                    ),
                )
            )
        if self.vacancies:
            lines.append("")
            lines.append("open roles: " + ", ".join(self.vacancies))
        if self.partners:
            lines.append("partners: " + ", ".join(f"{k} ({v})" for k, v in self.partners.items()))
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        return _stats_html(self)


def stats(org: Org) -> Stats:
    """Figures that describe ``org``'s shape.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads(
        ...     "version: 1\\npeople:\\n  - {id: cmo, title: CMO}\\n"
        ...     "  - {id: a, reports_to: cmo}\\n  - {id: b, reports_to: cmo}\\n"
        ... )
        >>> figures = od.stats(org)
        >>> figures.spans, figures.depth, figures.span_bands["2-3"]
        ({'cmo': 2}, 2, 1)
    """
    from orgdesign.graph import person_levels  # networkx loads on first use, not on import

    layer_of = person_levels(org)
    spans: dict[str, int] = {}
    dotted: dict[str, int] = {}
    for person in org.people:
        if person.reports_to is not None and person.reports_to != person.id:
            spans[person.reports_to] = spans.get(person.reports_to, 0) + 1
        for manager in dict.fromkeys(person.dotted_to):
            dotted[manager] = dotted.get(manager, 0) + 1
    decisions: dict[str, int] = {}
    for function in org.functions:
        for owner in dict.fromkeys(function.owners.decision):
            decisions[owner] = decisions.get(owner, 0) + 1
    approvals: dict[str, int] = {}
    for workflow in org.workflows:
        for approver in dict.fromkeys(workflow.approvals):
            approvals[approver] = approvals.get(approver, 0) + 1
    hours = cadence_hours(org)
    people = tuple(
        PersonStats(
            id=person.id,
            name=person.name,
            title=person.title,
            team=person.team,
            layer=layer_of.get(person.id),
            span=spans.get(person.id, 0),
            dotted_reports=dotted.get(person.id, 0),
            fte=0.0 if person.vacant else _round(person.capacity),
            vacant=person.vacant,
            meeting_hours=_round(hours.get(person.id, 0.0)),
            meeting_share=_round(meeting_share(person, hours)),
            decisions=decisions.get(person.id, 0),
            approvals=approvals.get(person.id, 0),
        )
        for person in org.people
    )
    manager_spans = {person.id: person.span for person in people if person.span}
    bands = {label: 0 for label, _, _ in SPAN_BANDS}
    for span in manager_spans.values():
        bands[_band(span)] += 1
    layer_counts: dict[int, int] = {}
    for layer in sorted(layer_of.values()):
        layer_counts[layer] = layer_counts.get(layer, 0) + 1
    fte = fte_per_function(org)
    team_fte: dict[str, float] = {team.id: 0.0 for team in org.teams}
    for person in org.people:
        if person.team in team_fte and not person.vacant:
            team_fte[person.team] += person.capacity
    brand, demand = brand_and_demand_fte(org, fte)
    return Stats(
        name=org.name,
        people=people,
        spans=manager_spans,
        span_bands=bands,
        layers=layer_counts,
        fte_by_function={f.id: _round(fte.get(f.id, 0.0)) for f in org.functions},
        fte_by_team={key: _round(value) for key, value in team_fte.items()},
        brand_fte=_round(brand),
        demand_fte=_round(demand),
        vacancies=tuple(person.id for person in org.people if person.vacant),
        partners={partner.id: partner.kind or "partner" for partner in org.partners},
    )


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _people_phrase(figures: Stats) -> str:
    parts = [
        count(figures.headcount, "person", "people"),
        f"{_num(figures.total_fte)} FTE",
        count(len(figures.vacancies), "open role"),
        count(len(figures.partners), "partner"),
    ]
    return ", ".join(parts)


def _layers_phrase(layers: Mapping[int, int]) -> str:
    return ", ".join(f"{count} on layer {layer}" for layer, count in layers.items()) or "none"


def _columns(header: tuple[str, ...], rows: Any) -> list[str]:
    """Left-aligned first column, right-aligned figures."""
    table = [header] + [
        tuple(_num(cell) if isinstance(cell, float) else str(cell) for cell in row) for row in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in table
    ]


_STYLE = (
    "<style>.od-stats{font:13px/1.4 system-ui,sans-serif}"
    ".od-stats table{border-collapse:collapse;margin:4px 16px 10px 0;display:inline-table;"
    "vertical-align:top}"
    ".od-stats th,.od-stats td{padding:2px 8px;border-bottom:1px solid #d0d5dd;text-align:left}"
    ".od-stats td.od-num{text-align:right;font-variant-numeric:tabular-nums}"
    ".od-stats caption{font-weight:600;text-align:left;padding:2px 0}"
    ".od-bar{display:inline-block;height:9px;background:#475467;vertical-align:middle}</style>"
)


def _html_table(caption: str, header: tuple[str, ...], rows: Any) -> str:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in header)
    body = "".join(
        "<tr>"
        + "".join(
            (f'<td class="od-num">{cell}</td>' if isinstance(cell, _Raw) else _td(cell))
            for cell in row
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="od-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _td(value: Any) -> str:
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    numeric = numeric or (isinstance(value, str) and value.endswith("%"))
    opening = '<td class="od-num">' if numeric else "<td>"
    return f"{opening}{html.escape(_cell(value))}</td>"


class _Raw(str):
    """Markup built here, not user text: inserted as is."""


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return _num(value) if isinstance(value, float) else str(value)


def _bar(count: int, most: int) -> _Raw:
    width = round(80 * count / most) if most else 0
    return _Raw(f'{count} <span class="od-bar" style="width:{width}px"></span>')


def _stats_html(figures: Stats) -> str:
    title = html.escape(figures.name or "Org")
    summary = html.escape(_people_phrase(figures))
    parts = [_STYLE, '<div class="od-stats">', f"<p><strong>{title}</strong>: {summary}"]
    if figures.brand_share is not None:
        parts.append(f"; brand share {_num(figures.brand_share)}")
    parts.append("</p>")
    most = max(figures.span_bands.values(), default=0)
    parts.append(
        _html_table(
            "Spans of control",
            ("band", "managers"),
            ((label, _bar(count, most)) for label, count in figures.span_bands.items()),
        )
    )
    most = max(figures.layers.values(), default=0)
    parts.append(
        _html_table(
            "Layers",
            ("layer", "people"),
            ((layer, _bar(count, most)) for layer, count in figures.layers.items()),
        )
    )
    if figures.fte_by_function:
        parts.append(
            _html_table("FTE per function", ("function", "FTE"), figures.fte_by_function.items())
        )
    if figures.fte_by_team:
        parts.append(_html_table("FTE per team", ("team", "FTE"), figures.fte_by_team.items()))
    parts.append(
        _html_table(
            "People",
            ("person", "title", "layer", "span", "FTE", "meetings", "decisions", "approvals"),
            (
                (
                    p.id + (" (open)" if p.vacant else ""),
                    p.title,
                    p.layer,
                    p.span,
                    p.fte,
                    f"{p.meeting_share:.0%}",
                    p.decisions,
                    p.approvals,
                )
                for p in figures.people
            ),
        )
    )
    if figures.partners:
        parts.append(_html_table("Partners", ("partner", "kind"), figures.partners.items()))
    parts.append("</div>")
    return "".join(parts)
