"""People tables: HR and org-chart exports (one row per person, or per position) to people
and teams.

Real exports are read as they come, and never into a wrong org without a word: the header
row and columns are found (`orgdesign.importers.columns`), statuses, empty managers and
employment words are read from their vocabularies (`orgdesign.importers.vocabulary`), and
whatever cannot be told (a manager who has no row, a table with no reporting line, an
unknown status) either stops the import with the flag that settles it, or is said in a
note naming what was done.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.importers._tables import Cell, Table
from orgdesign.importers.columns import ALIASES, FIELDS, find_columns
from orgdesign.importers.naming import (
    name_key,
    plural,
    quoted,
    slug,
    team_kind,
    unique_id,
)
from orgdesign.importers.suggest import ManagerSuggester
from orgdesign.importers.vocabulary import (
    NO_MANAGER,
    employment_of,
    number_text,
    status_of_value,
)
from orgdesign.loader import tree_map, tree_plain, tree_seq, tree_text
from orgdesign.model import EMPLOYMENT as EMPLOYMENT_KINDS

__all__ = [
    "ALIASES",
    "FIELDS",
    "UNKNOWN_MANAGERS",
    "PeopleTable",
    "read_people",
    "slug",
    "team_kind",
]

#: What ``--unknown-managers`` may say of a manager who has no row in the export.
UNKNOWN_MANAGERS = ("error", "root", "context")

#: How many managers outside the export are each reported (the rest are counted).
_SHOWN_UNKNOWN = 40


@attrs.frozen
class PeopleTable:
    """What a people table gave: the tree nodes for people and teams, and notes."""

    people: list[object]
    teams: list[object]
    made: dict[str, int]
    notes: list[str]
    ids: dict[str, str]  # every way a row may be named (id, email, full name) -> its id
    #: folded title -> the live people holding it, as "id (name)"
    titles: dict[str, list[str]] = attrs.Factory(dict)


@attrs.define
class _Record:
    """One person as the table gives them (a row, and any further positions they hold)."""

    row: tuple[Cell, ...]
    cells: dict[str, Cell]  # the row's non-empty cells by field
    id: str
    name: str | None
    where: Cell
    status: str  # live, open or leaver
    extra: list[tuple[Cell, ...]] = attrs.Factory(list)  # rows of their other positions


class _Unknown:
    """A manager value that names nobody in the table, on the row of ``person``."""

    __slots__ = ("cell", "person")

    def __init__(self, cell: Cell, person: str) -> None:
        self.cell = cell
        self.person = person


def _same(one: object, other: object) -> bool:
    """Two targets name the same manager (a person, or the same unknown value)."""
    if isinstance(one, _Unknown) and isinstance(other, _Unknown):
        return one.cell.text == other.cell.text
    return one == other


def read_people(
    table: Table,
    mapping: Mapping[str, str] | None = None,
    *,
    unknown_managers: str = "error",
    allow_flat: bool = False,
) -> PeopleTable:
    """People (and teams from departments) from one table, as loader tree nodes.

    ``unknown_managers`` says what a manager who has no row is: an ``error`` (the default),
    a ``root`` line left out, or a ``context`` person added. ``allow_flat`` writes a table
    that yields no reporting line at all. Raises `LoadError` with every problem at once.
    """
    reader = _PeopleReader(table, mapping or {}, unknown_managers, allow_flat)
    return reader.read()


class _PeopleReader:
    def __init__(
        self, table: Table, mapping: Mapping[str, str], unknown_managers: str, allow_flat: bool
    ) -> None:
        if unknown_managers not in UNKNOWN_MANAGERS:
            raise LoadError(
                [
                    Problem(
                        Location("<import>"),
                        f"--unknown-managers {unknown_managers}: one of "
                        + ", ".join(UNKNOWN_MANAGERS),
                    )
                ]
            )
        self.table = table
        self.file = table.file
        self.mapping = mapping
        self.unknown_mode = unknown_managers
        self.allow_flat = allow_flat
        self.columns, self.unused = find_columns(table, mapping)
        self.problems: list[Problem] = []
        self.notes: list[str] = list(table.notes)
        self.aliases: dict[str, str] = {}  # id, email (folded) -> person id
        self.names: dict[str, list[str]] = {}  # folded full name -> person ids
        self.positions: dict[str, str] = {}  # folded position -> person id
        self.records: dict[str, _Record] = {}
        self.taken: set[str] = set()
        self.left: tuple[int, list[str]] | None = None  # leavers: how many, their statuses
        self.unknown_status: dict[str, int] = {}  # statuses no list knows: rows of each
        self._unpadded: dict[str, str] | None = None
        self.last: list[Any] = []  # the cell and text of a problem that sums up the others

    # -- cells -------------------------------------------------------------------------------

    def fields(self, row: tuple[Cell, ...]) -> dict[str, Cell]:
        """The row's non-empty cells by field: one dict a row, read many times."""
        size = len(row)
        return {
            field: row[index]
            for field, index in self.columns.items()
            if index < size and row[index].text
        }

    def describe(self, person_id: str) -> str:
        """A person's name and title, for a did-you-mean that would wire them."""
        record = self.records[person_id]
        title = record.cells.get("title")
        return ", ".join(part for part in (record.name, title.text if title else "") if part)

    def header(self, field: str) -> str:
        return self.table.header[self.columns[field]].text

    def fail(self, cell: Cell, message: str) -> None:
        self.problems.append(Problem(Location(self.file, cell.line, cell.column), message))

    # -- the whole table ---------------------------------------------------------------------

    def read(self) -> PeopleTable:
        table, columns, first = self.table, self.columns, self.table.header[0]
        if not any(f in columns for f in ("id", "email", "name", "first_name", "last_name")):
            raise LoadError(
                [
                    Problem(
                        Location(self.file, first.line, 1),
                        "no id or name column: name one with a header such as Employee ID, "
                        "Email or Full Name, or map it (--map id=COLUMN)",
                    )
                ]
            )
        if not table.rows:
            raise LoadError(
                [
                    Problem(
                        Location(self.file, first.line, 1),
                        "the table has a header row and nobody under it",
                    )
                ]
            )
        if "id" not in columns and "reports_to" in columns:
            self.find_by_values("id")
        self.names_in_the_id_column()
        self.identify()
        if "reports_to" not in columns:
            if self.find_by_values("reports_to"):
                for record in self.records.values():
                    record.cells = self.fields(record.row)
        elif "position" not in columns and self.find_positions():
            self.identify()  # again: in a table of positions, one name may hold two
        if self.unknown_status:
            counts = self.unknown_status
            values = sorted(counts, key=lambda v: (-counts[v], v))
            self.notes.append(
                f"{self.file}: kept {plural(sum(counts.values()), 'row')} whose "
                f"{self.header('status')} is not a status it knows ({quoted(values)}) as "
                "people who work here; mark open roles Open and leavers Terminated"
            )
        lines = self.resolve_lines()
        kept = self.keep(lines)
        self.check_names(kept)
        people, teams, made = self.nodes(kept, lines)
        if self.problems or self.last:
            # In the order of the table's rows, then what sums them up.
            ordered = sorted(self.problems, key=lambda p: (p.location.line, p.location.column))
            if self.last:
                self.problems = ordered
                self.fail(*self.last)
                ordered = self.problems
            raise LoadError(ordered)
        unused = [table.header[i].text for i in self.unused if i not in columns.values()]
        if unused:
            self.notes.append(
                f"{self.file}: left out the columns {quoted(unused, 20)} (no field of the "
                f"format; --map FIELD=COLUMN names a column the matching missed; fields: "
                f"{', '.join(FIELDS)})"
            )
        ids = dict(self.aliases)
        ids.update({name: found[0] for name, found in self.names.items() if len(found) == 1})
        titles: dict[str, list[str]] = {}
        for person_id, status in kept.items():
            title = self.records[person_id].cells.get("title")
            if title is not None and status == "live":
                name = self.records[person_id].name
                holder = f"{person_id} ({name})" if name else person_id
                titles.setdefault(" ".join(title.text.casefold().split()), []).append(holder)
        return PeopleTable(people, teams, made, self.notes, ids, titles)

    # -- who is who --------------------------------------------------------------------------

    def identify(self) -> None:
        """Ids from the id column, else email, else the full name; a row naming someone met
        before (the same id, or in a table of positions the same name) is another position
        of theirs."""
        by_raw_id: dict[str, _Record] = {}
        by_name: dict[str, _Record] = {}
        positional = "position" in self.columns
        unknown_status: dict[str, int] = {}
        left: dict[str, int] = {}
        for row in self.table.rows:
            cells = self.fields(row)
            status = "live"
            status_cell = cells.get("status")
            if status_cell is not None:
                found = status_of_value(status_cell.text)
                if found is None:
                    unknown_status[status_cell.text] = unknown_status.get(status_cell.text, 0) + 1
                else:
                    status = found
                if found == "leaver":
                    left[status_cell.text] = left.get(status_cell.text, 0) + 1
            id_cell = cells.get("id") or cells.get("email")
            name_cell = cells.get("name")
            first_cell, last_cell = cells.get("first_name"), cells.get("last_name")
            full_name = (
                name_cell.text
                if name_cell
                else " ".join(c.text for c in (first_cell, last_cell) if c) or None
            )
            where = id_cell or name_cell or first_cell or last_cell or row[0]
            same = by_raw_id.get(id_cell.text) if id_cell is not None else None
            if same is None and positional and full_name and status != "open":
                same = by_name.get(name_key(full_name))
            if same is not None and (same.status == "leaver") != (status == "leaver"):
                # One person's past and present rows (a rehire, a transfer): the row of the
                # live or open position is theirs, the leaver's row is history.
                history = same.cells.get("status") if status != "leaver" else status_cell
                if history is not None:
                    left[history.text] -= 1
                    if not left[history.text]:
                        del left[history.text]
                if status != "leaver":
                    same.row, same.cells, same.where, same.status = row, cells, where, status
                    same.name = full_name or same.name
                self.alias_row(cells, same.id, id_cell)
                continue
            if same is not None:
                same.extra.append(row)
                self.alias_row(cells, same.id, id_cell)
                continue
            title = cells.get("title")
            if id_cell is not None:
                base = slug(id_cell.text, keep_valid=True)
            elif full_name:
                base = slug(full_name)
            elif title is not None:  # an open role often has only its title
                base = slug(title.text)
            else:
                self.fail(where._replace(column=1), "a row with no id and no name")
                continue
            person_id = unique_id(base or f"person-{where.line}", self.taken)
            record = _Record(row, cells, person_id, full_name, where, status)
            self.records[person_id] = record
            if id_cell is not None:
                by_raw_id[id_cell.text] = record
            if full_name and status != "open":
                key = name_key(full_name)
                if positional:
                    by_name.setdefault(key, record)
                self.names.setdefault(key, []).append(person_id)
            self.alias_row(cells, person_id, id_cell)
        self.unknown_status = unknown_status
        if left:
            values = sorted(left, key=lambda v: (-left[v], v))
            self.left = (sum(left.values()), values)

    def alias_row(self, cells: dict[str, Cell], person_id: str, id_cell: Cell | None) -> None:
        if id_cell is not None:
            text = id_cell.text
            self.aliases.setdefault(text, person_id)
            folded = text.casefold()
            if folded != text:
                self.aliases.setdefault(folded, person_id)
        email = cells.get("email")
        if email is not None:
            self.aliases.setdefault(email.text.casefold(), person_id)
        position = cells.get("position")
        if position is not None:
            self.positions.setdefault(position.text.casefold(), person_id)

    # -- columns told by their values --------------------------------------------------------

    def names_in_the_id_column(self) -> None:
        """With no name column, an id column of names ("Employee: Dana Reyes", as some
        payroll exports write it) names the people too, with a note."""
        columns = self.columns
        if "id" not in columns or any(f in columns for f in ("name", "first_name", "last_name")):
            return
        index = columns["id"]
        values = [row[index].text for row in self.table.rows if index < len(row)]
        looks = sum(
            1
            for value in values
            if " " in value.strip() and "@" not in value and not any(c.isdigit() for c in value)
        )
        if values and looks >= len(values) * 0.8:
            columns["name"] = index
            self.notes.append(
                f"{self.file}: the values of '{self.header('id')}' are names: they name the "
                "people, and their ids are made from them"
            )

    def find_by_values(self, field: str) -> bool:
        """Take the unused column whose values look like ``field``'s: for the manager, values
        that name most of the other rows; for the id, unique values that most managers name.
        A note names the column taken and the ``--map`` that pins it."""
        rows = self.table.rows
        best: tuple[float, int] | None = None
        for index in self.unused:
            if index in self.columns.values():
                continue
            values = [row[index].text for row in rows if index < len(row) and row[index].text]
            if field == "reports_to":
                named = [v for v in values if v.casefold() not in NO_MANAGER or v == "0"]
                hits = sum(
                    1
                    for v in named
                    if v in self.aliases
                    or v.casefold() in self.aliases
                    or name_key(v) in self.names
                )
                size = len(named)
            else:
                if len(set(values)) != len(values) or len(values) < len(rows) * 0.9:
                    continue
                managers = self.columns["reports_to"]
                wanted = [
                    row[managers].text
                    for row in rows
                    if managers < len(row) and row[managers].text.casefold() not in NO_MANAGER
                ]
                present = set(values)
                hits = sum(1 for v in wanted if v in present)
                size = len(wanted)
            if hits >= 2 and hits >= size * 0.5 and (best is None or hits / size > best[0]):
                best = (hits / size, index)
        if best is None:
            return False
        share, index = best
        header = self.table.header[index].text
        self.columns[field] = index
        what = "the manager" if field == "reports_to" else "the id"
        self.notes.append(
            f"{self.file}: took column '{header}' as {what} ({field}), since "
            f"{share:.0%} of its values name "
            + ("people in the table" if field == "reports_to" else "the managers' values")
            + f'; --map {field}="{header}" pins it'
        )
        return True

    def find_positions(self) -> bool:
        """Whether the managers are named by the positions rows hold, in a column of their own
        (a handbook's ``vp_marketing``): most manager values name nobody, and most of those
        are values of one unused column. It is taken as ``position``, with a note."""
        managers = self.columns["reports_to"]
        missing = set()
        named = unnamed = 0
        for row in self.table.rows:
            if managers >= len(row):
                continue
            text = row[managers].text
            folded = text.casefold()
            if folded in NO_MANAGER:
                continue
            named += 1
            if folded not in self.aliases and name_key(text) not in self.names:
                missing.add(folded)
                unnamed += 1
        if unnamed < 2 or unnamed < named * 0.5:
            return False
        best: tuple[int, int] | None = None
        for index in self.unused:
            if index in self.columns.values():
                continue
            values = {row[index].text.casefold() for row in self.table.rows if index < len(row)}
            hits = len(missing & values)
            if hits >= len(missing) * 0.5 and (best is None or hits > best[0]):
                best = (hits, index)
        if best is None:
            return False
        hits, index = best
        header = self.table.header[index].text
        self.columns["position"] = index
        self.notes.append(
            f"{self.file}: read '{self.header('reports_to')}' as naming positions, the values of "
            f"column '{header}' ({hits} of the {len(missing)} managers that are nobody's id, "
            f'email or name are there); --map position="{header}" pins it'
        )
        self.reset()
        return True

    def unpadded(self) -> dict[str, str]:
        """Ids written with leading zeros (``00123``), by the number a spreadsheet makes of
        them (``123``), when only one id gives that number."""
        if self._unpadded is None:
            found: dict[str, str | None] = {}
            for alias, person_id in self.aliases.items():
                if alias.isdigit() and alias.startswith("0"):
                    number = alias.lstrip("0") or "0"
                    found[number] = person_id if number not in found else None
            self._unpadded = {k: v for k, v in found.items() if v is not None}
        return self._unpadded

    def reset(self) -> None:
        """Forget who is who, to read the rows again."""
        self.aliases.clear()
        self.names.clear()
        self.positions.clear()
        self.records.clear()
        self.taken.clear()
        self.left = None
        self._unpadded = None
        self.problems.clear()

    # -- lines -------------------------------------------------------------------------------

    def target(self, reference: Cell, own_id: str) -> str | _Unknown | None:
        """The person a manager value names, None for nobody (or oneself), or `_Unknown`."""
        text = reference.text
        folded = text.casefold()
        if folded in NO_MANAGER and text not in self.aliases and folded not in self.aliases:
            return None  # "nobody", unless someone's id is spelt so (0, NA for initials)
        found = self.positions.get(folded) or self.aliases.get(text) or self.aliases.get(folded)
        if found is None and text.isdigit() and text.lstrip("0") != text:
            found = self.aliases.get(text.lstrip("0"))  # Excel drops leading zeros alike
        elif found is None and text.isdigit():
            found = self.unpadded().get(text)
        if found is None:
            key = name_key(text)
            matches = self.names.get(key, [])
            if not matches and "," in text:  # "Reyes, Dana" for Dana Reyes (BambooHR)
                last, _, first = text.partition(",")
                matches = self.names.get(name_key(f"{first} {last}"), [])
            if len(matches) > 1:
                self.fail(
                    reference,
                    f"manager '{text}' is ambiguous: {len(matches)} people have that name "
                    f"({', '.join(matches)}); give the manager's id or email instead",
                )
                return None
            if not matches:
                return _Unknown(reference, own_id)
            found = matches[0]
        return None if found == own_id else found

    def resolve_lines(self) -> dict[str, tuple[list[object], list[object]]]:
        """Each person's solid and dotted targets, from their first row and their others."""
        lines: dict[str, tuple[list[object], list[object]]] = {}
        for person_id, record in self.records.items():
            solid: list[object] = []
            dotted: list[object] = []
            for number, row in enumerate([record.row, *record.extra]):
                cells = self.fields(row) if number else record.cells
                manager = cells.get("reports_to")
                if manager is not None:
                    found = self.target(manager, person_id)
                    if number == 0 and found is not None:
                        solid.append(found)
                    elif found is not None and not (solid and _same(found, solid[0])):
                        dotted.append(found)  # the manager of another position they hold
                extra = cells.get("dotted_to")
                if extra is not None:
                    for part in re.split(r"[;,]", extra.text):
                        if part.strip():
                            found = self.target(extra._replace(text=part.strip()), person_id)
                            if found is not None:
                                dotted.append(found)
            lines[person_id] = (solid, dotted)
        return lines

    def keep(self, lines: dict[str, tuple[list[object], list[object]]]) -> dict[str, str]:
        """Who is imported, and as what (live, open, or left: a leaver who still manages
        someone kept, imported as an open role without their name): everyone but the other
        leavers."""
        kept = {pid: r.status for pid, r in self.records.items() if r.status != "leaver"}
        queue = list(kept)
        promoted = 0
        while queue:
            person_id = queue.pop()
            solid, dotted = lines[person_id]
            for found in (*solid, *dotted):
                if isinstance(found, str) and found not in kept:
                    kept[found] = "left"  # an open role now
                    promoted += 1
                    queue.append(found)
        if self.left is not None:
            count, values = self.left
            gone = count - promoted
            parts = []
            if gone:
                parts.append(
                    f"left out {plural(gone, 'person')} whose {self.header('status')} says "
                    f"they have left ({quoted(values)}); to keep someone, mark them Active "
                    "in the export"
                )
            if promoted:
                one = promoted == 1
                parts.append(
                    f"{plural(promoted, 'leaver')} who still "
                    f"{'manages' if one else 'manage'} someone here "
                    f"{'is an open role' if one else 'are open roles'}"
                )
            self.notes.append(f"{self.file}: " + "; ".join(parts))
        return {pid: kept[pid] for pid in self.records if pid in kept}  # in row order

    def check_names(self, kept: dict[str, str]) -> None:
        named = [f for f in ("name", "first_name", "last_name") if f in self.columns]
        if not named:
            self.notes.append(
                f"{self.file}: the table has no name column, so people are shown by title or "
                "id; --map name=COLUMN names one"
            )
            return
        column = self.columns[named[0]]
        for person_id, status in kept.items():
            record = self.records[person_id]
            if status == "live" and not record.name:
                where = record.where._replace(column=column + 1)
                self.fail(
                    where,
                    f"no name for {person_id}: fill in the name, or give the row a status "
                    "of Open if it is an open role",
                )

    # -- nodes -------------------------------------------------------------------------------

    def nodes(
        self, kept: dict[str, str], lines: dict[str, tuple[list[object], list[object]]]
    ) -> tuple[list[object], list[object], dict[str, int]]:
        unknown = self.unknown_managers(kept, lines)
        context_ids = self.context_people(unknown) if self.unknown_mode == "context" else {}
        people: list[object] = []
        members: dict[str, list[str]] = {}
        team_cells: dict[str, Cell] = {}
        team_of: dict[str, str] = {}
        used_ids = set(self.taken) | set(context_ids.values())
        manager_of: dict[str, str] = {}
        slugs: dict[str, str] = {}
        bad_employment: dict[str, int] = {}
        several = []
        # The loop runs once a person, 100,000 times for a large export: the tree's scalars
        # are written as the tuples `tree_text` and `tree_plain` make (value, mark, plain).
        for person_id, status in kept.items():
            record = self.records[person_id]
            cells, mark = record.cells, record.where.mark
            pairs = [(("id", mark, False), (person_id, mark, False))]
            if record.name and status != "left":  # a leaver's name is not the role's
                at = (cells.get("name") or cells.get("first_name") or record.where).mark
                pairs.append((("name", at, False), (record.name, at, False)))
            title = cells.get("title")
            if title is not None:
                at = title.mark
                pairs.append((("title", at, False), (title.text, at, False)))
            solid, dotted = lines[person_id]
            if record.extra:
                several.append(record.name or person_id)
            if solid:
                solid_ids = self.ids_of(solid, kept, context_ids)
                if solid_ids:
                    manager = cells.get("reports_to")
                    at = manager.mark if manager is not None else mark
                    manager_of[person_id] = solid_ids[0]
                    pairs.append((("reports_to", at, False), (solid_ids[0], at, False)))
            if dotted:
                dotted_ids = self.ids_of(dotted, kept, context_ids)
                if dotted_ids:
                    items = [(d, mark, False) for d in dotted_ids]
                    pairs.append((("dotted_to", mark, False), tree_seq(items, mark)))
            team = cells.get("team")
            if team is not None:
                folded = slugs.get(team.text)
                if folded is None:
                    folded = slugs[team.text] = slug(team.text) or f"team-{len(slugs) + 1}"
                team_id = team_of.get(folded)
                if team_id is None:
                    team_id = team_of[folded] = (
                        folded if folded not in used_ids else unique_id(f"{folded}-team", used_ids)
                    )
                    used_ids.add(team_id)
                    team_cells[team_id] = team
                members.setdefault(team_id, []).append(person_id)
                at = team.mark
                pairs.append((("team", at, False), (team_id, at, False)))
            email = cells.get("email")
            if email is not None and status == "live":
                at = email.mark
                pairs.append((("email", at, False), (email.text, at, False)))
            employment = cells.get("employment")
            if employment is not None:
                text = employment.text
                value = employment_of(text)
                if value is None:
                    bad_employment[text] = bad_employment.get(text, 0) + 1
                else:
                    at = employment.mark
                    pairs.append((("employment", at, False), (value, at, False)))
            capacity = cells.get("capacity")
            if capacity is not None:
                at = capacity.mark
                pairs.append((("capacity", at, False), (number_text(capacity.text), at, True)))
            if status != "live":  # an open role, or a leaver kept as one
                at = (cells.get("status") or record.where).mark
                pairs.append((("vacant", at, False), ("true", at, True)))
            people.append(tree_map(pairs, mark))
        people += self.context_nodes(unknown, context_ids)
        if bad_employment:
            values = sorted(bad_employment, key=lambda v: (-bad_employment[v], v))
            self.notes.append(
                f"{self.file}: left out the employment of "
                f"{plural(sum(bad_employment.values()), 'row')}: {quoted(values)} in "
                f"'{self.header('employment')}' is not a word it knows for "
                f"{', '.join(EMPLOYMENT_KINDS)}; write one of those to keep it"
            )
        if several:
            self.notes.append(
                f"{self.file}: {plural(len(several), 'person')} "
                f"{'holds' if len(several) == 1 else 'hold'} several positions "
                f"({quoted(several, 5)}): the first row's manager is the solid line, the "
                "others' are dotted lines"
            )
        self.check_flat(manager_of, kept)
        teams = self.team_nodes(team_cells, members, manager_of)
        vacant = sum(1 for status in kept.values() if status in ("open", "left"))
        made = {"people": len(people), "teams": len(teams), "open roles": vacant}
        return people, teams, made

    def ids_of(
        self, targets: list[object], kept: dict[str, str], context_ids: dict[str, str]
    ) -> list[str]:
        found: list[str] = []
        for target in targets:
            if isinstance(target, _Unknown):
                value = context_ids.get(target.cell.text)
            else:
                value = target if target in kept else None
            if value is not None and value not in found:
                found.append(value)
        return found

    def unknown_managers(
        self, kept: dict[str, str], lines: dict[str, tuple[list[object], list[object]]]
    ) -> dict[str, list[Cell]]:
        """The manager values that name nobody, on the rows kept, each with its cells; as
        problems when that is what ``--unknown-managers`` says, else as a note."""
        unknown: dict[str, list[Cell]] = {}
        owners: dict[str, str] = {}  # an unknown value -> the first person naming it
        for person_id in kept:
            solid, dotted = lines[person_id]
            for target in (*solid, *dotted):
                if isinstance(target, _Unknown):
                    unknown.setdefault(target.cell.text, []).append(target.cell)
                    owners.setdefault(target.cell.text, target.person)
        if not unknown:
            return unknown
        rows = sum(len(cells) for cells in unknown.values())
        if self.unknown_mode == "error":
            suggest = ManagerSuggester(self.aliases, self.describe)
            for value, cells in list(unknown.items())[:_SHOWN_UNKNOWN]:
                more = f" (and {plural(len(cells) - 1, 'other row')})" if len(cells) > 1 else ""
                self.fail(
                    cells[0],
                    f"manager '{value}' matches no one's id, email or name{more}"
                    + suggest(value, owners[value]),
                )
            first = next(iter(unknown.values()))[0]
            hidden = len(unknown) - _SHOWN_UNKNOWN
            self.last = [
                first._replace(line=self.table.header[0].line),
                f"{plural(len(unknown), 'manager')} named on {plural(rows, 'row')} "
                f"{'has' if len(unknown) == 1 else 'have'} no row in this export"
                + (f" ({hidden} not listed above)" if hidden > 0 else "")
                + ": if the export is a part of the organisation, pass --unknown-managers "
                "context to add them as people outside it, or --unknown-managers root to "
                "leave those lines out",
            ]
        elif self.unknown_mode == "root":
            self.notes.append(
                f"{self.file}: left out the reporting lines of {plural(rows, 'row')} to "
                f"{plural(len(unknown), 'manager')} who {'has' if len(unknown) == 1 else 'have'} "
                f"no row ({quoted(list(unknown), 5)}"
                "): those people are roots; --unknown-managers context keeps the lines"
            )
        return unknown

    def context_people(self, unknown: dict[str, list[Cell]]) -> dict[str, str]:
        ids: dict[str, str] = {}
        for value in unknown:
            ids[value] = unique_id(slug(value, keep_valid=True) or "manager", self.taken)
        if ids:
            self.notes.append(
                f"{self.file}: added {plural(len(ids), 'manager')} who "
                f"{'has' if len(ids) == 1 else 'have'} no row "
                f"({quoted(list(ids), 5)}) as people outside this export (context: true): "
                "they carry the reporting lines and are never judged"
            )
        return ids

    def context_nodes(
        self, unknown: dict[str, list[Cell]], context_ids: dict[str, str]
    ) -> list[object]:
        nodes: list[object] = []
        for value, person_id in context_ids.items():
            mark = unknown[value][0].mark
            pairs = [(tree_text("id", mark), tree_text(person_id, mark))]
            if value != person_id:
                pairs.append((tree_text("name", mark), tree_text(value, mark)))
            pairs.append((tree_text("context", mark), tree_plain("true", mark)))
            nodes.append(tree_map(pairs, mark))
        return nodes

    def check_flat(self, manager_of: dict[str, str], kept: dict[str, str]) -> None:
        if manager_of or len(kept) < 3 or self.allow_flat or self.problems:
            return
        first = self.table.header[0]
        left = [self.table.header[i].text for i in self.unused if i not in self.columns.values()]
        if "reports_to" in self.columns:
            why = f"no value of '{self.header('reports_to')}' names anyone in the table"
        else:
            why = "no column holds managers"
        candidates = f" (columns left: {quoted(left)})" if left else ""
        self.fail(
            first._replace(column=1),
            f"none of the {len(kept)} people has a manager, since {why}: name the manager "
            f"column with --map reports_to=COLUMN{candidates}, or pass --allow-flat to "
            "import everyone as a root",
        )

    def team_nodes(
        self, team_cells: dict[str, Cell], members: dict[str, list[str]], manager_of: dict[str, str]
    ) -> list[object]:
        teams: list[object] = []
        for team_id, first_cell in team_cells.items():
            mark = first_cell.mark
            pairs = [
                (tree_text("id", mark), tree_text(team_id, mark)),
                (tree_text("name", mark), tree_text(first_cell.text, mark)),
            ]
            lead = _lead(members[team_id], manager_of)
            if lead is not None:
                pairs.append((tree_text("lead", mark), tree_text(lead, mark)))
            kind = team_kind(first_cell.text)
            if kind is not None:
                pairs.append((tree_text("kind", mark), tree_text(kind, mark)))
            teams.append(tree_map(pairs, mark))
        return teams


def _lead(team: list[str], manager_of: dict[str, str]) -> str | None:
    """The member every other member reports up to, when there is one.

    Each member walks up to the nearest member above them; the members with none above are
    the tops. One top means everyone reports up to it (linear in members x levels).
    """
    members = set(team)
    tops = []
    for member in team:
        seen = {member}
        current = manager_of.get(member)
        while current is not None and current not in members and current not in seen:
            seen.add(current)
            current = manager_of.get(current)
        if current is None or current not in members or current == member:
            tops.append(member)
            if len(tops) > 1:
                return None
    return tops[0] if tops else None
