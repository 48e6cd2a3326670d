"""Bring an org in from what people already hold: HR exports and other people tables.

Each source is read into the same tree the YAML loader builds from libyaml's events, with
marks that point at the source's own rows and columns, and handed to the loader's builder:
one validator, one set of limits and messages. `import_org` returns the `Org`;
`import_sources` also says what was made and left out; `orgdesign import` writes the file
with `od.dump`.

Examples:
    >>> import io, orgdesign as od
    >>> table = io.BytesIO(b"Employee ID,Full Name,Job Title,Manager ID\\n1,Dana Reyes,CMO,\\n"
    ...                    b"2,Tom Okafor,Head of Demand Gen,1\\n")
    >>> table.name = "hr.csv"
    >>> org = od.import_org([table])
    >>> [(p.id, p.reports_to) for p in org.people], str(org.people[1].location)
    ([('1', None), ('2', '1')], 'hr.csv:3:1')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

import attrs

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.importers._tables import decode, is_workbook, read_sheet, table_from_text
from orgdesign.importers.backstage import BackstageCatalog, is_backstage, read_backstage
from orgdesign.importers.columns import FIELDS, with_header_row
from orgdesign.importers.ownership import FUNCTION_HEADERS, is_ownership, read_ownership
from orgdesign.importers.people import UNKNOWN_MANAGERS, PeopleTable, read_people
from orgdesign.loader import (
    DEFAULT_LIMITS,
    Limits,
    SourceMark,
    build_tree,
    dump,
    read_bounded,
    read_input,
    tree_map,
    tree_seq,
    tree_text,
)
from orgdesign.model import Org

__all__ = [
    "FIELDS",
    "KINDS",
    "UNKNOWN_MANAGERS",
    "Imported",
    "import_org",
    "import_sources",
    "imported_yaml",
]

#: The kinds of source `--kind` may name.
KINDS = ("people", "ownership", "backstage")

Source = str | os.PathLike[str] | IO[bytes] | IO[str]


@attrs.frozen
class Imported:
    """An imported org, what it holds (``made``: people, teams, open roles) and notes on
    what was left out or guessed (an encoding, unused columns, sections a table has not)."""

    org: Org
    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    made: Mapping[str, int]
    notes: tuple[str, ...]


def _read(source: Source, limits: Limits) -> tuple[str, bytes]:
    """A source's name and bytes: a path as the loader reads one, or an open file."""
    if isinstance(source, str | os.PathLike):
        return read_input(source, limits)
    name = str(getattr(source, "name", "<import>"))
    return name, read_bounded(source, name, limits)


def import_sources(
    sources: Sequence[Source],
    *,
    kind: str | None = None,
    mapping: Mapping[str, str] | None = None,
    raci: bool = False,
    sheet: str | None = None,
    name: str | None = None,
    leader: str | None = None,
    header_row: int | None = None,
    unknown_managers: str = "error",
    allow_flat: bool = False,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Imported:
    """Read people tables, ownership matrices (CSV, TSV in any of the encodings exports use,
    or an .xlsx sheet) and Backstage catalogs into one org.

    The kind of each source is found from its content (a matrix's first column names
    functions); ``kind`` sets it for all. ``mapping`` names columns the header matching
    misses (``{"reports_to": "Boss"}``); ``raci`` reads matrices as R/A/C/I; ``sheet`` names
    the sheet of a workbook to read (the first, else; needs ``orgdesign[xlsx]``); ``name`` and
    ``leader`` set the ``org:`` mapping. ``header_row`` (1-based) pins the header row of every
    table (else the first of the first 20 rows holding two known headers). A manager who has
    no row is an error, unless ``unknown_managers`` is ``"root"`` (the line is left out) or
    ``"context"`` (they are added as ``context: true`` people). A people table of three or
    more rows with no reporting line at all is an error unless ``allow_flat``. Raises
    `LoadError` with every problem of a source as ``SRC:line:col: message``; nothing is
    half-imported. ``encoding`` reads every text source in that encoding instead of the one
    found from its bytes.
    """
    if not sources:
        raise LoadError([Problem(Location("<import>"), "nothing to import: name a source")])
    if kind is not None and kind not in KINDS:
        raise LoadError(
            [Problem(Location("<import>"), f"unknown kind '{kind}': one of {', '.join(KINDS)}")]
        )
    for field in mapping or {}:
        if field not in FIELDS:
            raise LoadError(
                [
                    Problem(
                        Location("<import>"),
                        f"--map {field}=...: no such field; one of {', '.join(FIELDS)}",
                    )
                ]
            )
    tables = []
    people: list[Any] = []
    teams: list[Any] = []
    functions: list[Any] = []
    notes: list[str] = []
    made = {"people": 0, "teams": 0, "open roles": 0, "functions": 0}
    known: dict[str, str] = {}
    titles: dict[str, list[str]] = {}
    names: list[str] = []
    kinds: list[str] = []

    def take(found: PeopleTable | BackstageCatalog) -> None:
        people.extend(found.people)
        teams.extend(found.teams)
        notes.extend(found.notes)
        known.update(found.ids)
        if isinstance(found, PeopleTable):
            for title, holders in found.titles.items():
                titles.setdefault(title, []).extend(holders)
        for key, number in found.made.items():
            made[key] += number

    # People and catalogs in source order; matrices after, since they name the people.
    for source in sources:
        file, data = _read(source, limits)
        names.append(file)
        workbook = is_workbook(data, file)
        text, encoding, guessed = ("", "", []) if workbook else decode(data, file, encoding)
        if not workbook and (kind == "backstage" or (kind is None and is_backstage(text))):
            take(read_backstage(text, file))
            kinds.append("backstage")
            notes.append(
                "a Backstage catalog has no reporting lines: everyone is a root until "
                "reports_to is added (or an HR export is imported beside it)"
            )
            continue
        table = (
            read_sheet(data, file, sheet, limits.max_entities)
            if workbook
            else table_from_text(text, encoding, guessed, file)  # decoded once, above
        )
        table = with_header_row(
            table,
            header_row,
            recognised=FUNCTION_HEADERS,
            mapped={*(mapping or {}).values()},
        )
        table_kind = kind or ("ownership" if is_ownership(table) else "people")
        kinds.append(table_kind)
        if table_kind == "people":
            take(
                read_people(
                    table, mapping, unknown_managers=unknown_managers, allow_flat=allow_flat
                )
            )
        else:
            tables.append((table, table_kind))
    if teams:  # a matrix column may name a team by its id or its department name
        for node in teams:
            team_id, team_name = _value(node, "id"), _value(node, "name")
            known.setdefault(team_id, team_id)
            known.setdefault(" ".join(team_name.casefold().split()), team_id)
    alone = not any(k in ("people", "backstage") for k in kinds)
    for table, table_kind in tables:
        if table_kind == "ownership":
            matrix = read_ownership(table, None if alone else known, raci=raci, titles=titles)
            functions += matrix.functions
            notes += matrix.notes
            made["functions"] += matrix.made["functions"]
            if alone:  # the columns are all the people there are
                for cell, owner in matrix.owners:
                    if owner not in known:
                        known[owner] = owner
                        pairs = [(tree_text("id", cell.mark), tree_text(owner, cell.mark))]
                        if cell.text != owner:
                            pairs.append(
                                (tree_text("name", cell.mark), tree_text(cell.text, cell.mark))
                            )
                        people.append(tree_map(pairs, cell.mark))
                        made["people"] += 1
    for table, _kind in tables:
        notes += [note for note in table.notes if note not in notes]
    notes += _part_clashes(people, teams, functions)
    missing = [] if "ownership" in kinds else ["functions"]
    missing += ["cadences", "interfaces", "systems"]
    notes.append(
        f"the sources hold no {', '.join(missing[:-1])} or {missing[-1]}: lint lists the "
        "rules that need them as not judged"
    )
    mark = SourceMark(names[0], 0, 0)
    org_pairs = []
    if name:
        org_pairs.append((tree_text("name", None), tree_text(name, None)))
    if leader:
        org_pairs.append((tree_text("leader", None), tree_text(leader, None)))
    pairs = [(tree_text("version", mark), (("1", mark, True)))]
    if org_pairs:
        pairs.append((tree_text("org", mark), tree_map(org_pairs, None)))
    pairs.append((tree_text("people", mark), tree_seq(people, mark)))
    if teams:
        pairs.append((tree_text("teams", mark), tree_seq(teams, mark)))
    if "ownership" in kinds:  # a matrix with no rows says there are no functions: []
        pairs.append((tree_text("functions", mark), tree_seq(functions, mark)))
    org = build_tree(tree_map(pairs, mark), filename=names[0], limits=limits)
    return Imported(org, tuple(names), tuple(kinds), made, tuple(dict.fromkeys(notes)))


def _part_clashes(people: list[Any], teams: list[Any], functions: list[Any]) -> list[str]:
    """Give a department's team the id ``NAME-team`` where a function has its id (a
    "Marketing Ops" department beside a "Marketing Ops" row of the matrix), everywhere the
    team is named; a note for each."""
    function_ids = {_value(node, "id") for node in functions}
    if not function_ids & {_value(node, "id") for node in teams}:
        return []
    taken = function_ids | {_value(node, "id") for node in (*people, *teams)}
    notes = []
    for team in teams:
        old = _value(team, "id")
        if old not in function_ids:
            continue
        new, number = f"{old}-team", 2
        while new in taken:
            new, number = f"{old}-team-{number}", number + 1
        taken.add(new)
        _rename(team, {"id"}, old, new)
        for node in teams:
            _rename(node, {"parent"}, old, new)
        for node in people:
            _rename(node, {"team"}, old, new)
        for node in functions:
            _rename(node, {"team", "decision", "execution", "input", "review"}, old, new)
        notes.append(
            f"the department '{_value(team, 'name')}' and the function '{old}' share the id "
            f"'{old}': the team's id is '{new}'"
        )
    return notes


def _rename(node: Any, keys: set[str], old: str, new: str) -> None:
    """Replace the id ``old`` with ``new`` in a mapping node's values under ``keys``: a
    scalar, a list of them, or (under ``owners``) a mapping of such."""
    items = node.items
    for index in range(0, len(items), 2):
        key, value = items[index][0], items[index + 1]
        if isinstance(value, tuple):
            if key in keys and value[0] == old:
                items[index + 1] = (new, *value[1:])
        elif key == "owners":
            _rename(value, keys, old, new)
        elif key in keys:
            value.items[:] = [
                (new, *item[1:]) if isinstance(item, tuple) and item[0] == old else item
                for item in value.items
            ]


def _value(node: Any, key: str) -> str:
    items = node.items
    for index in range(0, len(items), 2):
        if items[index][0] == key:
            return str(items[index + 1][0])
    return ""


def import_org(sources: Sequence[Source], **options: Any) -> Org:
    """The org in these sources (see `import_sources` for the options)."""
    return import_sources(sources, **options).org


_KIND_WORDS = {
    "people": "people table",
    "ownership": "ownership matrix",
    "backstage": "Backstage catalog",
}


def imported_yaml(imported: Imported, command: Iterable[str] = ()) -> str:
    """The org file `orgdesign import` writes: a header naming the sources and the command,
    then `od.dump` of the org (the same bytes for the same sources)."""
    described = ", ".join(
        f"{source} ({_KIND_WORDS[kind]})"
        for source, kind in zip(imported.sources, imported.kinds, strict=True)
    )
    header = [f"# Imported by orgdesign from {described}."]
    words = list(command)
    if words:
        header.append(f"# Made with: {' '.join(words)}")
    header.append("# Check it with `orgdesign lint`; edit it freely, or re-import to start over.")
    return "\n".join(header) + "\n" + dump(imported.org)
