"""Which row of a people table is its header, and which column holds which field.

Headers are matched as `header_key` folds them: case, spaces, punctuation, accents and a
parenthesised or bracketed qualifier ignored ("Reports to (email)" is Reports To), against
the English, German, French, Spanish, Dutch, Japanese and Chinese spellings HR systems
write. The header row
is the first of the first 20 rows that holds two or more of them, so a report title and
blank rows above it are skipped.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Mapping

import attrs

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.importers._tables import Table, normal_header

__all__ = [
    "ALIASES",
    "FIELDS",
    "HEADER_SEARCH_ROWS",
    "find_columns",
    "header_key",
    "known_header",
    "with_header_row",
]

#: Field -> the headers that name it, as `header_key` folds them; the first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "employeeid",
        "personid",
        "employeenumber",
        "employeeno",
        "employee",
        "workerid",
        "empid",
        "staffid",
        "id",
        "slug",
        "key",
        "username",
        "userid",
        "login",
        "personalnummer",
        "mitarbeiterid",
        "mitarbeiternummer",
        "matricule",
        "numerodemploye",
        "idempleado",
        "numerodeempleado",
        "personeelsnummer",
        "medewerkernummer",
        "社員番号",
        "従業員番号",
        "员工编号",
        "工号",
        "員工編號",
    ),
    "name": (
        "name",
        "fullname",
        "employeename",
        "preferredname",
        "legalname",
        "displayname",
        "worker",
        "workername",
        "nomcomplet",
        "nombrecompleto",
        "volledigenaam",
        "vollstandigername",
        "氏名",
        "名前",
        "姓名",
    ),
    "first_name": (
        "firstname",
        "givenname",
        "forename",
        "preferredfirstname",
        "vorname",
        "prenom",
        "nombre",
        "voornaam",
    ),
    "last_name": (
        "lastname",
        "surname",
        "familyname",
        "nachname",
        "familienname",
        "nom",
        "nomdefamille",
        "apellido",
        "apellidos",
        "achternaam",
    ),
    "title": (
        "title",
        "jobtitle",
        "position",
        "businesstitle",
        "role",
        "jobname",
        "positiontitle",
        "stellenbezeichnung",
        "stelle",
        "jobtitel",
        "berufsbezeichnung",
        "poste",
        "intituledeposte",
        "fonction",
        "puesto",
        "cargo",
        "functie",
        "functietitel",
        "役職",
        "職位",
        "职位",
        "職稱",
    ),
    "reports_to": (
        "managerid",
        "supervisorid",
        "reportsto",
        "manager",
        "linemanager",
        "manageremail",
        "supervisoremail",
        "supervisor",
        "managername",
        "reportingto",
        "directmanager",
        "parent",
        "vorgesetzter",
        "vorgesetzte",
        "fuhrungskraft",
        "responsable",
        "superieurhierarchique",
        "jefe",
        "jefedirecto",
        "leidinggevende",
        "manageremailaddress",
        "上長",
        "上司",
        "经理",
        "经理编号",
        "上级",
        "直属上级",
    ),
    "dotted_to": (
        "dottedlinemanager",
        "dottedmanagerid",
        "dottedlinemanagerid",
        "matrixmanager",
        "altreportsto",
        "dottedline",
        "fachvorgesetzter",
        "disziplinarischervorgesetzter",
    ),
    "team": (
        "team",
        "department",
        "subdepartment",
        "dept",
        "departmentname",
        "group",
        "abteilung",
        "service",
        "departement",
        "equipe",
        "departamento",
        "equipo",
        "afdeling",
        "supervisoryorganization",
        "部署",
        "部门",
        "部門",
    ),
    "email": (
        "email",
        "workemail",
        "emailaddress",
        "businessemail",
        "mail",
        "emailadresse",
        "courriel",
        "adresseemail",
        "correo",
        "correoelectronico",
        "emailadres",
        "emailprimarywork",
        "primaryworkemail",
        "workemailaddress",
        "メールアドレス",
        "メール",
        "邮箱",
        "电子邮件",
    ),
    "capacity": (
        "fte",
        "ftes",
        "capacity",
        "fulltimeequivalent",
        "stellenanteil",
        "etp",
        "jornada",
        "deeltijdfactor",
    ),
    "status": (
        "status",
        "employmentstatus",
        "positionstatus",
        "employeestatus",
        "workerstatus",
        "state",
        "statut",
        "estado",
    ),
    "employment": (
        "employmenttype",
        "workertype",
        "employeetype",
        "contracttype",
        "timetype",
        "beschaftigungsart",
        "vertragsart",
        "typedecontrat",
        "tipodecontrato",
        "dienstverband",
        "contractvorm",
    ),
    # Only by --map: the position a row holds, which managers may be named by.
    "position": (),
}
#: Fields `--map FIELD=COLUMN` may name.
FIELDS = tuple(ALIASES)
#: How far down a header row is looked for.
HEADER_SEARCH_ROWS = 20

_QUALIFIER = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_KNOWN = frozenset(alias for aliases in ALIASES.values() for alias in aliases)


@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A header as matched: `normal_header` of it without a parenthesised or bracketed
    qualifier (``Reports to (email)`` -> ``reportsto``), unless that leaves nothing."""
    stripped = normal_header(_QUALIFIER.sub(" ", text))
    return stripped or normal_header(text)


def known_header(text: str) -> bool:
    """Whether a header names a field of a people table."""
    return header_key(text) in _KNOWN


def with_header_row(
    table: Table,
    header_row: int | None = None,
    *,
    recognised: Collection[str] = (),
    mapped: Collection[str] = (),
) -> Table:
    """The table read from its real header row.

    ``header_row`` (1-based, the source's own line or spreadsheet row) pins it. Else it is
    the first of the first `HEADER_SEARCH_ROWS` rows holding two or more known headers (or
    one in ``recognised``, a matrix's function column; a column named by ``--map``, in
    ``mapped``, counts as known); none such: the first row, as read.
    Rows above the header are dropped, with a note naming the row taken.
    """
    rows = (table.header, *table.rows)
    if header_row is not None:
        index = next((i for i, row in enumerate(rows) if row and row[0].line == header_row), None)
        if index is None:
            lines = ", ".join(str(row[0].line) for row in rows[:HEADER_SEARCH_ROWS] if row)
            raise LoadError(
                [
                    Problem(
                        Location(table.file),
                        f"--header-row {header_row}: no row there holds values "
                        f"(rows with values: {lines}, ...)",
                    )
                ]
            )
    else:
        named = {header_key(column) for column in mapped}
        index = next(
            (
                i
                for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                if sum(known_header(cell.text) or header_key(cell.text) in named for cell in row)
                >= 2
                or (row and normal_header(row[0].text) in recognised)
            ),
            0,
        )
    if index == 0:
        return _without_totals(table)
    header = rows[index]
    skipped = index
    note = (
        f"{table.file}: took line {header[0].line} as the header row and skipped the "
        f"{skipped} row{'s' if skipped != 1 else ''} of values above it (a title, say); "
        f"--header-row N names another"
    )
    return _without_totals(
        Table(
            table.file,
            header,
            rows[index + 1 :],
            table.encoding,
            table.delimiter,
            (*table.notes, note),
        )
    )


#: The first value of a row that sums up the others (a report's "Total: 25"), folded.
_TOTALS = frozenset(
    {
        "total",
        "totals",
        "grandtotal",
        "subtotal",
        "sum",
        "count",
        "summe",
        "gesamt",
        "insgesamt",
        "totalgeneral",
        "somme",
        "totaal",
    }
)


_TOTAL_STARTS = frozenset(word[:3] for word in _TOTALS)


def _without_totals(table: Table) -> Table:
    """The table without the rows a report adds to sum up the others ("Total,25"), with a
    note naming their lines: such a row is nobody, and read as one it would be a person
    called Total."""
    totals = []
    for row in table.rows:
        first = row[0].text if row else ""
        if not first:
            first = next((cell.text for cell in row if cell.text), "")
        # A look at three letters first: a large export's rows are a million of these.
        if first[:3].casefold() in _TOTAL_STARTS and normal_header(first) in _TOTALS:
            totals.append(row[0].line)
    if not totals:
        return table
    kept = tuple(row for row in table.rows if not row or row[0].line not in set(totals))
    lines = ", ".join(str(line) for line in totals[:10])
    note = (
        f"{table.file}: left out {len(totals)} row{'s' if len(totals) != 1 else ''} that "
        f"sum{'' if len(totals) != 1 else 's'} up the others (line"
        f"{'s' if len(totals) != 1 else ''} {lines}: 'Total' and the like)"
    )
    return attrs.evolve(table, rows=kept, notes=(*table.notes, note))


def find_columns(table: Table, mapping: Mapping[str, str]) -> tuple[dict[str, int], list[int]]:
    """Field -> column index (``--map`` first, then the known headers); and the indexes of
    the columns no field took, in order."""
    by_header: dict[str, int] = {}
    for index, cell in enumerate(table.header):
        by_header.setdefault(normal_header(cell.text), index)
        by_header.setdefault(header_key(cell.text), index)
    found: dict[str, int] = {}
    problems: list[Problem] = []
    for field, column in mapping.items():
        index = by_header.get(normal_header(column), by_header.get(header_key(column)))
        if index is None:
            headers = [c.text for c in table.header]
            match = difflib.get_close_matches(column, headers, n=1, cutoff=0.6)
            hint = f"; did you mean '{match[0]}'?" if match else ""
            problems.append(
                Problem(
                    Location(table.file, table.header[0].line, 1),
                    f"--map {field}={column}: the table has no column '{column}'{hint}",
                )
            )
            continue
        found[field] = index
    if problems:
        raise LoadError(problems)
    taken = set(found.values())
    keys = [header_key(cell.text) for cell in table.header]
    for field, aliases in ALIASES.items():
        if field in found:
            continue
        for alias in aliases:
            index = next((i for i, key in enumerate(keys) if key == alias and i not in taken), None)
            if index is not None:
                found[field] = index
                taken.add(index)
                break
    unused = [i for i, cell in enumerate(table.header) if i not in taken and cell.text]
    return found, unused
