"""Scenarios side by side: ``od.compare({"today": org, "option A": a, "option B": b})``.

One row per figure, one column per scenario: findings per severity and per rule, the shape
(layers, spans, managers of one), FTE per function kind and the brand share, and the busiest
owner's decision load. Every figure is counted as `orgdesign.stats` and `orgdesign.lint`
count it, so the table agrees with both.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from orgdesign.errors import OrgDesignError
from orgdesign.lint import SEVERITY_RANK, lint
from orgdesign.model import FUNCTION_KINDS, LintConfig, Org
from orgdesign.stats import stats

__all__ = ["Comparison", "compare"]

Value = int | float | str | None


@attrs.frozen
class Row:
    """One figure across the scenarios."""

    group: str
    label: str
    values: tuple[Value, ...]


@attrs.frozen
class Comparison:
    """Figures of several scenarios side by side; prints as a text table, shows as HTML in
    Jupyter, converts to a DataFrame."""

    scenarios: tuple[str, ...]
    rows: tuple[Row, ...]

    def row(self, label: str) -> dict[str, Value]:
        """One figure by its label (``"layers"``, ``"warning"``, ``"OD201"`` or
        ``"OD201 approval-chain-too-long"``, ``"fte demand-gen"``), as scenario -> value."""
        for row in self.rows:
            # A rule's row is "OD301 buried-marketing-ops": its code alone finds it too.
            if label in (row.label, row.label.split(" ", 1)[0]):
                return dict(zip(self.scenarios, row.values, strict=True))
        raise KeyError(label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenarios": list(self.scenarios),
            "rows": [
                {
                    "group": r.group,
                    "figure": r.label,
                    "values": dict(zip(self.scenarios, r.values, strict=True)),
                }
                for r in self.rows
            ],
        }

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame``: one row per figure (indexed by group and figure), one
        column per scenario (needs pandas: ``pip install orgdesign[pandas]``)."""
        from orgdesign._text import pandas as optional_pandas

        pandas = optional_pandas("to_dict()")
        index = pandas.MultiIndex.from_tuples(
            [(r.group, r.label) for r in self.rows], names=["group", "figure"]
        )
        return pandas.DataFrame(
            [list(r.values) for r in self.rows], index=index, columns=list(self.scenarios)
        )

    def to_text(self) -> str:
        header = ["", *self.scenarios]
        body = []
        group = None
        for row in self.rows:
            if row.group != group:
                group = row.group
                body.append([f"{group}:", *([""] * len(self.scenarios))])
            body.append([f"  {row.label}", *(_show(v) for v in row.values)])
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
        lines = []
        for line in [header, *body]:
            cells = [line[0].ljust(widths[0])] + [
                c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
            ]
            lines.append("  ".join(cells).rstrip())
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        import html

        head = "".join(f"<th>{html.escape(name)}</th>" for name in self.scenarios)
        rows = []
        group = None
        for row in self.rows:
            if row.group != group:
                group = row.group
                rows.append(
                    f'<tr><th colspan="{len(self.scenarios) + 1}" style="text-align:left">'
                    f"{html.escape(group)}</th></tr>"
                )
            first = row.values[0]
            cells = []
            for index, value in enumerate(row.values):
                # A figure that differs from the first scenario's stands out.
                style = ' style="font-weight:bold"' if index and value != first else ""
                cells.append(
                    f'<td style="text-align:right"{style}>{html.escape(_show(value))}</td>'
                )
            label = f'<td style="padding-left:1.5em">{html.escape(row.label)}</td>'
            rows.append(f"<tr>{label}{''.join(cells)}</tr>")
        return (
            '<table class="orgdesign-compare"><thead><tr><th></th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )


def _show(value: Value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def compare(
    scenarios: Mapping[str, Org],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: LintConfig | None = None,
) -> Comparison:
    """Lint and measure each scenario with the same settings (as `orgdesign.diff` does) and
    put the figures side by side.

    Examples:
        >>> import orgdesign as od
        >>> org = od.load("examples/quickstart.org.yaml")
        >>> table = od.compare({"today": org, "ops up": org.move("ops-lead", reports_to="cmo")})
        >>> table.row("OD301")
        {'today': 1, 'ops up': 0}
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise OrgDesignError("compare takes a mapping of scenario names to orgs, at least one")
    for name, org in scenarios.items():
        if not isinstance(org, Org):
            raise OrgDesignError(
                f"compare: scenario '{name}' is a {type(org).__name__}, not an Org"
            )
    names = tuple(str(name) for name in scenarios)
    orgs = list(scenarios.values())
    reports = [lint(org, select=select, ignore=ignore, config=config) for org in orgs]
    figures = [stats(org) for org in orgs]
    rows: list[Row] = []

    def add(group: str, label: str, values: Iterable[Value]) -> None:
        rows.append(Row(group, label, tuple(values)))

    add("findings", "total", (len(r.findings) for r in reports))
    for severity in sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True):
        add("findings", severity, (r.summary[severity] for r in reports))
    slugs = {f.code: f.rule for r in reports for f in r.findings}
    for code in sorted(slugs):
        label = f"{code} {slugs[code]}"
        add("findings", label, (sum(1 for f in r.findings if f.code == code) for r in reports))
    add("shape", "people", (f.headcount for f in figures))
    add("shape", "open roles", (len(f.vacancies) for f in figures))
    add("shape", "layers", (f.depth for f in figures))
    add(
        "shape",
        "median span",
        (statistics.median(f.spans.values()) if f.spans else None for f in figures),
    )
    add("shape", "widest span", (max(f.spans.values(), default=None) for f in figures))
    add("shape", "managers of one", (sum(1 for s in f.spans.values() if s == 1) for f in figures))
    by_kind = [_fte_by_kind(org, f.fte_by_function) for org, f in zip(orgs, figures, strict=True)]
    kinds = [k for k in FUNCTION_KINDS if any(k in found for found in by_kind)]
    for kind in kinds:
        add("capacity", f"fte {kind}", (found.get(kind, 0.0) for found in by_kind))
    add("capacity", "brand share", (f.brand_share for f in figures))
    # The first in file order among the busiest: max keeps the first of equal keys.
    busiest = [max(f.people, key=lambda p: p.decision_load, default=None) for f in figures]
    add(
        "decisions",
        "busiest owner",
        (p.id if p is not None and p.decision_load else None for p in busiest),
    )
    add(
        "decisions",
        "their decision load",
        (p.decision_load if p is not None else 0 for p in busiest),
    )
    return Comparison(names, tuple(rows))


def _fte_by_kind(org: Org, fte_by_function: Mapping[str, float]) -> dict[str, float]:
    kinds = {function.id: function.kind for function in org.functions}
    found: dict[str, float] = {}
    for function_id, fte in fte_by_function.items():
        kind = kinds.get(function_id)
        if kind is not None:
            found[kind] = round(found.get(kind, 0.0) + fte, 4)
    return found
