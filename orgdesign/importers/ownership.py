"""Ownership matrices: a RACI or D/E/I/R sheet from a reorg workshop, to functions.

One row per function (its id or name, an optional kind and name column), one column per
person or team, cells holding the marks. ``orgdesign matrix --format csv`` writes the same
shape, so a matrix can go through a spreadsheet workshop and come back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.importers._tables import Cell, Table, normal_header
from orgdesign.importers.naming import slug
from orgdesign.loader import tree_map, tree_seq, tree_text
from orgdesign.model import FUNCTION_KINDS

__all__ = ["FUNCTION_HEADERS", "OwnershipTable", "infer_kind", "read_ownership"]

#: Headers of the column that names the functions (as `normal_header` folds them).
FUNCTION_HEADERS = (
    "function",
    "functions",
    "functionid",
    "capability",
    "area",
    "activity",
    "responsibility",
    "workstream",
    "task",
    "deliverable",
)
_NAME_HEADERS = ("name", "functionname", "title")
_KIND_HEADERS = ("kind", "type", "functionkind")
_ROLES = ("decision", "execution", "input", "review")
_DEIR = {"D": "decision", "E": "execution", "I": "input", "R": "review"}
_RACI = {"A": "decision", "R": "execution", "C": "input"}  # I (informed): no v1 role
_BLANK = frozenset({"", "-", ".", "x-", "n/a", "na"})
#: Function names that mean a canonical kind, folded: "Marketing Ops" -> marketing-ops.
_KIND_WORDS = {
    **{normal_header(kind): kind for kind in FUNCTION_KINDS},
    "marketingoperations": "marketing-ops",
    "mops": "marketing-ops",
    "demandgeneration": "demand-gen",
    "productmarketing": "product-marketing",
    "pmm": "product-marketing",
    "revenueoperations": "revops",
    "accountbasedmarketing": "abm",
    "website": "web",
    "comms": "communications",
    "pr": "communications",
    "publicrelations": "communications",
    "campaigns": "demand-gen",
    "marketinganalytics": "analytics",
    "paid": "paid-media",
    "paidsocial": "paid-media",
    "brandmarketing": "brand",
    "contentmarketing": "content",
    "strategy": "leadership",
    "marketingleadership": "leadership",
}


#: Phrases (whole words, in order) that tell a function's kind inside a longer name. The
#: longest phrase found wins; between phrases of one length, the one met first in the name.
_KIND_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("marketing", "automation"), "marketing-ops"),
    (("marketing", "operations"), "marketing-ops"),
    (("marketing", "ops"), "marketing-ops"),
    (("mops",), "marketing-ops"),
    (("crm",), "marketing-ops"),
    (("martech",), "marketing-ops"),
    (("revenue", "operations"), "revops"),
    (("revops",), "revops"),
    (("analytics",), "analytics"),
    (("attribution",), "analytics"),
    (("reporting",), "analytics"),
    (("dashboards",), "analytics"),
    (("website", "content"), "content"),
    (("web", "content"), "content"),
    (("content",), "content"),
    (("blog",), "content"),
    (("blogs",), "content"),
    (("editorial",), "content"),
    (("copywriting",), "content"),
    (("brand",), "brand"),
    (("branding",), "brand"),
    (("creative",), "brand"),
    (("product", "marketing"), "product-marketing"),
    (("pmm",), "product-marketing"),
    (("positioning",), "product-marketing"),
    (("messaging",), "product-marketing"),
    (("launches",), "product-marketing"),
    (("launch",), "product-marketing"),
    (("demand", "generation"), "demand-gen"),
    (("demand", "gen"), "demand-gen"),
    (("lead", "generation"), "demand-gen"),
    (("campaigns",), "demand-gen"),
    (("campaign", "execution"), "campaign-execution"),
    (("paid", "media"), "paid-media"),
    (("paid",), "paid-media"),
    (("ppc",), "paid-media"),
    (("advertising",), "paid-media"),
    (("events",), "events"),
    (("event",), "events"),
    (("webinars",), "events"),
    (("field", "marketing"), "events"),
    (("account", "based"), "abm"),
    (("abm",), "abm"),
    (("website",), "web"),
    (("web",), "web"),
    (("seo",), "web"),
    (("sales", "enablement"), "sales-enablement"),
    (("enablement",), "sales-enablement"),
    (("customer", "marketing"), "customer-marketing"),
    (("advocacy",), "customer-marketing"),
    (("public", "relations"), "communications"),
    (("communications",), "communications"),
    (("comms",), "communications"),
    (("pr",), "communications"),
    (("press",), "communications"),
    (("marketing", "strategy"), "leadership"),
    (("marketing", "leadership"), "leadership"),
    (("leadership",), "leadership"),
    (("strategy",), "leadership"),
)
_WORD = re.compile(r"[^\W_]+")


def infer_kind(name: str) -> str | None:
    """The canonical kind a function's name means, if it names one: the name as a whole,
    else the longest phrase of whole words in it ("Brand guidelines" is brand, "CRM admin"
    marketing ops; "Production" is nothing).

    >>> infer_kind("Marketing Ops"), infer_kind("Demand Generation"), infer_kind("Podcasts")
    ('marketing-ops', 'demand-gen', None)
    >>> infer_kind("Website content updates"), infer_kind("Launches & messaging")
    ('content', 'product-marketing')
    """
    whole = _KIND_WORDS.get(normal_header(name))
    if whole is not None:
        return whole
    words = _WORD.findall(_folded_words(name))
    best: tuple[int, int, str] | None = None  # (-length, position, kind)
    for phrase, kind in _KIND_PHRASES:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                candidate = (-size, start, kind)
                if best is None or candidate < best:
                    best = candidate
                break
    return best[2] if best is not None else None


def _folded_words(text: str) -> str:
    """``text`` folded as `normal_header` folds it, with its word breaks kept."""
    return " ".join(normal_header(part) for part in re.split(r"[\s/&,+;:()\[\]-]+", text))


@attrs.frozen
class OwnershipTable:
    """The function nodes of one matrix, the owner columns it names, and notes."""

    functions: list[object]
    owners: list[tuple[Cell, str]]  # each column header and the id it was resolved to
    made: dict[str, int]
    notes: list[str]


def is_ownership(table: Table) -> bool:
    """Whether a table looks like an ownership matrix (its first column names functions)."""
    return bool(table.header) and normal_header(table.header[0].text) in FUNCTION_HEADERS


def read_ownership(
    table: Table,
    known: Mapping[str, str] | None,
    *,
    raci: bool = False,
    titles: Mapping[str, list[str]] | None = None,
) -> OwnershipTable:
    """Functions and their owners from one matrix.

    ``known`` maps every way the people sources name someone (id, email, full name) to
    their id; None when the matrix comes alone, and then each column is taken as a person's
    id. ``titles`` maps a folded job title to the people holding it: a column headed by a
    title one person holds is theirs. Raises `LoadError` with every problem at once: a cell
    that is not a mark, a column that matches nobody or a title several people hold.
    """
    file = table.file
    header = table.header
    columns = {normal_header(cell.text): index for index, cell in enumerate(header)}
    function_column = 0
    name_column = next((columns[h] for h in _NAME_HEADERS if h in columns), None)
    kind_column = next((columns[h] for h in _KIND_HEADERS if h in columns), None)
    skip = {function_column, name_column, kind_column}
    problems: list[Problem] = []
    owners: list[tuple[int, Cell, str]] = []
    by_title: list[str] = []
    for index, cell in enumerate(header):
        if index in skip or not cell.text:
            continue
        if known is None:
            owner = slug(cell.text, keep_valid=True)
        else:
            owner = (
                known.get(cell.text)
                or known.get(cell.text.casefold())
                or known.get(" ".join(cell.text.casefold().split()))
            )
            holders = (titles or {}).get(" ".join(cell.text.casefold().split()), [])
            if owner is None and len(holders) == 1:
                owner = holders[0].split(" (", 1)[0]
                by_title.append(f"'{cell.text}' is {holders[0]}")
            elif owner is None and holders:
                problems.append(
                    Problem(
                        Location(file, cell.line, cell.column),
                        f"column '{cell.text}' is the title of {len(holders)} people "
                        f"({', '.join(holders)}): head it with the id of the one who holds "
                        "this role",
                    )
                )
                continue
            if owner is None:
                problems.append(
                    Problem(
                        Location(file, cell.line, cell.column),
                        f"column '{cell.text}' is no one among the people (by id, email, "
                        "name or a title one person holds); add them to the people table, "
                        "or fix the header",
                    )
                )
                continue
        owners.append((index, cell, owner))
    letters = _RACI if raci else _DEIR
    allowed = "R, A, C or I" if raci else "D, E, I or R"
    informed = 0
    raci_marks: list[Cell] = []  # A and C in a D/E/I/R sheet: it is a RACI sheet
    kindless: list[str] = []
    functions = []
    seen: dict[str, int] = {}
    for row in table.rows:
        first = row[function_column] if function_column < len(row) else None
        if first is None or not first.text:
            problems.append(Problem(Location(file, row[0].line, 1), "a row with no function named"))
            continue
        named = row[name_column].text if name_column is not None and name_column < len(row) else ""
        # With a Name column beside it, the first column holds ids (as `matrix --format csv`
        # writes them): kept. Alone, it holds names: "Content" becomes the id content.
        function_id = slug(first.text, keep_valid=name_column is not None)
        if function_id in seen:
            problems.append(
                Problem(
                    Location(file, first.line, first.column),
                    f"function '{first.text}' is listed twice (first on line {seen[function_id]})",
                )
            )
            continue
        seen[function_id] = first.line
        roles: dict[str, list[tuple[str, Cell]]] = {role: [] for role in _ROLES}
        for index, _cell, owner in owners:
            if index >= len(row):
                continue
            cell = row[index]
            text = cell.text.upper()
            if text.lower() in _BLANK:
                continue
            for mark in re.sub(r"[\s,/+;&]", "", text):  # "DE", "D, E", "D/E" alike
                if raci and mark == "I":
                    informed += 1
                    continue
                role = letters.get(mark)
                if role is None and not raci and mark in "AC":
                    raci_marks.append(cell)
                    break
                if role is None:
                    problems.append(
                        Problem(
                            Location(file, cell.line, cell.column),
                            f"cell '{cell.text}' is not {allowed}",
                        )
                    )
                    break
                if owner not in (o for o, _ in roles[role]):
                    roles[role].append((owner, cell))
        mark = first.mark
        pairs = [(tree_text("id", mark), tree_text(function_id, mark))]
        display = named or (first.text if function_id != first.text else "")
        if display:
            pairs.append((tree_text("name", mark), tree_text(display, mark)))
        kind = (
            row[kind_column].text
            if kind_column is not None and kind_column < len(row) and row[kind_column].text
            else infer_kind(named or first.text)
        )
        if kind:
            kind_mark = row[kind_column].mark if kind_column is not None else mark
            pairs.append((tree_text("kind", kind_mark), tree_text(kind, kind_mark)))
        else:
            kindless.append(named or first.text)
        owner_pairs = [
            (
                tree_text(role, mark),
                tree_seq([tree_text(o, c.mark) for o, c in holders], mark),
            )
            for role, holders in roles.items()
            if holders
        ]
        if owner_pairs:
            pairs.append((tree_text("owners", mark), tree_map(owner_pairs, mark)))
        functions.append(tree_map(pairs, mark))
    if raci_marks:
        first_mark = raci_marks[0]
        problems.append(
            Problem(
                Location(file, first_mark.line, first_mark.column),
                f"{len(raci_marks)} cells hold A or C (the first here): this is a RACI sheet; "
                "pass --raci to read A as decision, R as execution and C as input",
            )
        )
    if problems:
        raise LoadError(sorted(problems, key=lambda p: (p.location.line, p.location.column)))
    notes = []
    if by_title:
        notes.append(f"{file}: columns matched by a title one person holds: {', '.join(by_title)}")
    if kindless:
        shown = ", ".join(f"'{name}'" for name in kindless[:8])
        more = f" and {len(kindless) - 8} more" if len(kindless) > 8 else ""
        notes.append(
            f"{file}: could not tell the kind of {len(kindless)} function"
            f"{'' if len(kindless) == 1 else 's'} from the name ({shown}{more}); rules that "
            f"judge kinds pass them by. A Kind column sets it: one of {', '.join(FUNCTION_KINDS)}"
        )
    if informed:
        notes.append(
            f"{file}: left out {informed} I (informed) marks: format v1 has no informed role"
        )
    return OwnershipTable(
        functions,
        [(cell, owner) for _index, cell, owner in owners],
        {"functions": len(functions)},
        notes,
    )
