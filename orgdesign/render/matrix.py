"""The ownership matrix: functions by owners, with D / E / I / R marks, gaps and conflicts.

``od.ownership_matrix(org)`` returns an `OwnershipMatrix`. A *gap* is a function
without a live decision owner or without a live execution owner (open roles count as no one,
as in the orphaned-function rule); a *conflict* is a function with more than one decision
owner (multiple-decision-owners).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping
from typing import Any

import attrs

from orgdesign._text import count
from orgdesign._text import pandas as optional_pandas
from orgdesign.model import Org
from orgdesign.rules._shared import live_owners

__all__ = ["ROLES", "OwnershipMatrix", "ownership_csv", "ownership_matrix", "ownership_rows"]

#: Ownership roles in the order their marks are written.
ROLES = (("decision", "D"), ("execution", "E"), ("input", "I"), ("review", "R"))
#: Text wider than this numbers the owner columns and prints a key below.
TEXT_WIDTH = 100


@attrs.frozen(kw_only=True)
class OwnershipMatrix:
    """Functions (rows, file order) by owners (columns: people, partners, then teams, in file
    order; only those who hold a role). Build it with `ownership_matrix`."""

    functions: tuple[str, ...]
    owners: tuple[str, ...]
    #: (function id, owner id) -> marks such as ``"DE"``; absent when the owner holds no role.
    cells: Mapping[tuple[str, str], str]
    #: Function id -> its gaps and conflicts in words (empty when it is sound).
    problems: Mapping[str, tuple[str, ...]]
    #: Function id -> "gap", "conflict", or "" when sound.
    status: Mapping[str, str]
    #: Display names for function and owner ids.
    names: Mapping[str, str] = attrs.field(factory=dict)
    #: Owner ids that are open roles.
    vacant: frozenset[str] = frozenset()

    def mark(self, function: str, owner: str) -> str:
        """The marks of ``owner`` on ``function`` (``""`` when none)."""
        return self.cells.get((function, owner), "")

    @property
    def gaps(self) -> tuple[str, ...]:
        """Functions missing a live decision or execution owner."""
        return tuple(f for f in self.functions if self.status[f] == "gap")

    @property
    def conflicts(self) -> tuple[str, ...]:
        """Functions with more than one decision owner (and no gap)."""
        return tuple(f for f in self.functions if self.status[f] == "conflict")

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data (``orgdesign matrix --format json``)."""
        return {
            "owners": list(self.owners),
            "functions": [
                {
                    "id": function,
                    "marks": {
                        o: self.mark(function, o) for o in self.owners if self.mark(function, o)
                    },
                    "status": self.status[function] or "ok",
                    "problems": list(self.problems[function]),
                }
                for function in self.functions
            ],
        }

    def to_dataframe(self) -> Any:
        """Marks as a ``pandas.DataFrame``: functions as the index, owners as columns, ``""``
        where an owner holds no role (needs pandas: ``pip install orgdesign[pandas]``)."""
        pandas = optional_pandas("to_dict()")
        rows = [[self.mark(f, o) for o in self.owners] for f in self.functions]
        frame = pandas.DataFrame(rows, index=list(self.functions), columns=list(self.owners))
        frame.index.name = "function"
        frame.columns.name = "owner"
        return frame

    def to_text(self) -> str:
        """A grid for the terminal: one row per function, problems flagged with ``!``."""
        if not self.functions:
            return "no functions\n"
        longest = {
            owner: max((len(self.mark(f, owner)) for f in self.functions), default=1)
            for owner in self.owners
        }
        first = max(len("function"), *(len(f) for f in self.functions))
        headers = list(self.owners)
        if first + sum(max(len(o), longest[o]) + 2 for o in self.owners) > TEXT_WIDTH:
            headers = [str(index) for index in range(1, len(self.owners) + 1)]
        numbered = headers != list(self.owners)
        gap = " " if numbered else "  "
        widths = [max(len(h), longest[o]) for h, o in zip(headers, self.owners, strict=True)]
        lines = [
            gap.join(
                ["function".ljust(first)]
                + [h.ljust(w) for h, w in zip(headers, widths, strict=True)]
            ).rstrip()
        ]
        for function in self.functions:
            cells = [
                (self.mark(function, o) or ".").ljust(w)
                for o, w in zip(self.owners, widths, strict=True)
            ]
            flag = ""
            if self.problems[function]:
                flag = f"! {self.status[function]}: " + "; ".join(self.problems[function])
            lines.append(gap.join([function.ljust(first), *cells, flag]).rstrip())
        if numbered:
            lines.append("")
            lines.extend(
                f"{index:>{len(str(len(self.owners)))}}  {owner}"
                + (" (open role)" if owner in self.vacant else "")
                for index, owner in enumerate(self.owners, start=1)
            )
        lines.append("")
        lines.append(
            "D decision, E execution, I input, R review, . none; "
            f"{count(len(self.gaps), 'gap')}, {count(len(self.conflicts), 'conflict')}"
        )
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        return _matrix_html(self)


def ownership_matrix(org: Org) -> OwnershipMatrix:
    """Who decides, executes, gives input and reviews each function of ``org``.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads(
        ...     "version: 1\\npeople:\\n  - {id: cmo}\\n  - {id: ops}\\n"
        ...     "functions:\\n  - {id: mops, owners: {decision: cmo, execution: ops}}\\n"
        ...     "  - {id: brand, owners: {execution: ops}}\\n"
        ... )
        >>> matrix = od.ownership_matrix(org)
        >>> matrix.mark("mops", "cmo"), matrix.gaps
        ('D', ('brand',))
    """
    cells: dict[tuple[str, str], str] = {}
    holders: set[str] = set()
    first_seen: dict[str, None] = {}
    problems: dict[str, tuple[str, ...]] = {}
    status: dict[str, str] = {}
    vacant = frozenset(person.id for person in org.people if person.vacant)
    for function in org.functions:
        for role, letter in ROLES:
            for owner in dict.fromkeys(getattr(function.owners, role)):
                key = (function.id, owner)
                cells[key] = cells.get(key, "") + letter
                holders.add(owner)
                first_seen.setdefault(owner)
        problems[function.id], status[function.id] = _problems(org, function, vacant)
    known = [e.id for section in (org.people, org.partners, org.teams) for e in section]
    owners = [owner for owner in known if owner in holders]
    owners += [owner for owner in first_seen if owner not in set(known)]
    names = {f.id: f.label for f in org.functions}
    for entity_id in owners:
        entity = org.get(entity_id)
        names[entity_id] = getattr(entity, "label", entity_id)
    return OwnershipMatrix(
        functions=tuple(f.id for f in org.functions),
        owners=tuple(owners),
        cells=cells,
        problems=problems,
        status=status,
        names=names,
        vacant=vacant,
    )


def _problems(org: Org, function: Any, vacant: frozenset[str]) -> tuple[tuple[str, ...], str]:
    found: list[str] = []
    status = ""
    for role in ("decision", "execution"):
        ids = getattr(function.owners, role)
        if not live_owners(org, ids):
            open_roles = [owner for owner in ids if owner in vacant]
            found.append(
                f"{role} only by open role {', '.join(open_roles)}"
                if open_roles
                else f"no {role} owner"
            )
            status = "gap"
    deciders = len(dict.fromkeys(function.owners.decision))
    if deciders > 1:
        found.append(f"{deciders} decision owners")
        status = status or "conflict"
    return tuple(found), status


_STYLE = (
    "<style>.od-matrix{font:13px/1.4 system-ui,sans-serif}"
    ".od-matrix table{border-collapse:collapse}"
    ".od-matrix th,.od-matrix td{border:1px solid #d0d5dd;padding:2px 6px;text-align:center}"
    ".od-matrix th.od-owner{writing-mode:vertical-rl;transform:rotate(180deg);"
    "font-weight:500;padding:6px 2px;white-space:nowrap}"
    ".od-matrix th.od-fn,.od-matrix td.od-why{text-align:left}"
    ".od-matrix .od-d{background:#1d2939;color:#fff;font-weight:700}"
    ".od-matrix .od-e{background:#98a2b3;color:#101828;font-weight:600}"
    ".od-matrix .od-ir{background:#f2f4f7;color:#344054}"
    ".od-matrix tr.od-gap th.od-fn{box-shadow:inset 4px 0 #b42318}"
    ".od-matrix tr.od-conflict th.od-fn{box-shadow:inset 4px 0 #a15c07}"
    ".od-matrix tr.od-gap td.od-why{color:#b42318;font-weight:600}"
    ".od-matrix tr.od-conflict td.od-why{color:#a15c07;font-weight:600}"
    ".od-matrix .od-open{font-style:italic;color:#667085}</style>"
)


def _cell_class(marks: str) -> str:
    if "D" in marks:
        return "od-d"
    if "E" in marks:
        return "od-e"
    return "od-ir" if marks else ""


def _matrix_html(matrix: OwnershipMatrix) -> str:
    esc = html.escape
    header = "".join(
        f'<th class="od-owner{" od-open" if owner in matrix.vacant else ""}" '
        f'title="{esc(matrix.names.get(owner, owner))}">{esc(owner)}'
        f"{' (open)' if owner in matrix.vacant else ''}</th>"
        for owner in matrix.owners
    )
    rows = []
    for function in matrix.functions:
        cells = "".join(
            f'<td class="{_cell_class(marks)}">{marks}</td>'
            for marks in (matrix.mark(function, owner) for owner in matrix.owners)
        )
        state = matrix.status[function]
        why = "; ".join(matrix.problems[function])
        sign = "! " if why else ""
        rows.append(
            f'<tr class="od-{state or "ok"}"><th class="od-fn" '
            f'title="{esc(matrix.names.get(function, function))}">{esc(function)}</th>'
            f'{cells}<td class="od-why">{sign}{esc(why)}</td></tr>'
        )
    summary = (
        f"{count(len(matrix.functions), 'function')} by {count(len(matrix.owners), 'owner')}: "
        f"{count(len(matrix.gaps), 'gap')}, {count(len(matrix.conflicts), 'conflict')}. "
        "D decision, E execution, I input, R review."
    )
    return (
        f'{_STYLE}<div class="od-matrix"><p>{summary}</p><table class="od-table"><thead><tr>'
        f'<th class="od-fn">function</th>{header}<th class="od-fn">problems</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def ownership_rows(org: Org) -> list[list[str]]:
    """The ownership sheet ``orgdesign import`` reads, as rows of text: ``Function``,
    ``Name``, ``Kind``, then a column per owner id, cells of D/E/I/R marks."""
    matrix = ownership_matrix(org)
    rows = [["Function", "Name", "Kind", *matrix.owners]]
    for function in org.functions:
        rows.append(
            [
                function.id,
                function.name or "",
                function.kind or "",
                *(matrix.mark(function.id, owner) for owner in matrix.owners),
            ]
        )
    return rows


def ownership_csv(org: Org) -> str:
    """`ownership_rows` as CSV (``orgdesign matrix --format csv``).

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads(
        ...     "version: 1\\npeople:\\n  - {id: cmo}\\n  - {id: ops}\\n"
        ...     "functions:\\n  - {id: mops, kind: marketing-ops, "
        ...     "owners: {decision: cmo, execution: ops, review: [cmo]}}\\n"
        ... )
        >>> print(ownership_csv(org), end="")
        Function,Name,Kind,cmo,ops
        mops,,marketing-ops,DR,E
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(ownership_rows(org))
    return out.getvalue()
