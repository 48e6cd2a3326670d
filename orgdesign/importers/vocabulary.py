"""The words exports use for values: an empty manager, a person's status, how they are
employed. Each table maps a value as `normal_header` folds it (case, spaces, punctuation
and accents ignored) to what the format means by it.

A value none of them knows is never an error on its own row: the importer collects the
unknown values of a column and says so once, in a note that names them.
"""

from __future__ import annotations

import functools

from orgdesign.importers._tables import normal_header
from orgdesign.model import EMPLOYMENT as EMPLOYMENT_KINDS

__all__ = [
    "EMPLOYMENT",
    "LEAVER",
    "LIVE",
    "NO_MANAGER",
    "OPEN",
    "employment_of",
    "number_text",
    "status_of",
    "status_of_value",
]

#: Manager values that mean "nobody": HR systems and SQL exports write these at the top of
#: the tree. Compared after `str.strip` and `str.casefold` (so ``#N/A`` keeps its marks).
#: Each is nobody only when it is nobody's id (``0``, or ``NA`` as someone's initials); the
#: importer checks that.
NO_MANAGER = frozenset(
    {"", "null", "none", "nil", "n/a", "na", "-", "--", "#n/a", "nan", "(none)", "(blank)", "0"}
)

#: Statuses of a person who works here now.
LIVE = frozenset(
    {
        "active",
        "employed",
        "current",
        "activeemployee",
        "onleave",
        "leaveofabsence",
        "aktiv",
        "actif",
        "activo",
        "actief",
    }
)
#: Statuses of a position nobody holds yet: an open role.
OPEN = frozenset(
    {
        "open",
        "vacant",
        "tbh",
        "tobehired",
        "openrole",
        "opening",
        "openposition",
        "requisition",
        "req",
        "offen",
        "vakant",
        "vacante",
        "ouvert",
    }
)
#: Statuses of someone who has left: left out of the org (see the importer for the one
#: exception, a leaver who still manages someone in the export).
LEAVER = frozenset(
    {
        "terminated",
        "inactive",
        "left",
        "leaver",
        "former",
        "formeremployee",
        "resigned",
        "withdrawn",
        "offboarded",
        "retired",
        "dismissed",
        "separated",
        "exited",
        "deceased",
        "ausgetreten",
        "inaktiv",
        "inactif",
        "parti",
        "inactivo",
        "baja",
        "uitdienst",
        "inactief",
    }
)


def status_of(folded: str) -> str | None:
    """``live``, ``open``, ``leaver``, or None for a status no list knows."""
    if folded in LIVE:
        return "live"
    if folded in OPEN:
        return "open"
    if folded in LEAVER:
        return "leaver"
    return None


#: Employment values -> the format's employment kinds.
EMPLOYMENT = {
    # full time, and the words for an ordinary employee
    "fulltime": "full-time",
    "ft": "full-time",
    "fte": "full-time",
    "permanent": "full-time",
    "permanentfulltime": "full-time",
    "regular": "full-time",
    "regularfulltime": "full-time",
    "employee": "full-time",
    "salaried": "full-time",
    "vollzeit": "full-time",
    "festangestellt": "full-time",
    "unbefristet": "full-time",
    "tempsplein": "full-time",
    "cdi": "full-time",
    "cdd": "full-time",
    "tiempocompleto": "full-time",
    "jornadacompleta": "full-time",
    "indefinido": "full-time",
    "voltijd": "full-time",
    # part time
    "parttime": "part-time",
    "pt": "part-time",
    "regularparttime": "part-time",
    "permanentparttime": "part-time",
    "workingstudent": "part-time",
    "teilzeit": "part-time",
    "werkstudent": "part-time",
    "minijob": "part-time",
    "tempspartiel": "part-time",
    "tiempoparcial": "part-time",
    "mediajornada": "part-time",
    "deeltijd": "part-time",
    # outside the payroll
    "contractor": "contractor",
    "contract": "contractor",
    "contingent": "contractor",
    "contingentworker": "contractor",
    "temporary": "contractor",
    "temp": "contractor",
    "freelance": "contractor",
    "freelancer": "contractor",
    "consultant": "contractor",
    "independentcontractor": "contractor",
    "freiermitarbeiter": "contractor",
    "freiemitarbeiterin": "contractor",
    "independant": "contractor",
    "autonomo": "contractor",
    "zzp": "contractor",
    "interim": "contractor",
    "external": "contractor",
    "extern": "contractor",
    # a share of a leader's week
    "fractional": "fractional",
}


@functools.lru_cache(maxsize=1024)  # a few values, on every row: each read once
def status_of_value(text: str) -> str | None:
    """`status_of` a status as written in the export."""
    return status_of(normal_header(text))


@functools.lru_cache(maxsize=1024)
def employment_of(text: str) -> str | None:
    """The format's employment kind a value means, or None when it is not a word known:
    the value as a whole, else the one kind its words name ("Salaried, full-time")."""
    folded = normal_header(text)
    found = EMPLOYMENT.get(folded)
    if found is None:
        found = next((kind for kind in EMPLOYMENT_KINDS if normal_header(kind) == folded), None)
    if found is None:
        named = {kind for phrase, kind in _EMPLOYMENT_PHRASES if phrase in folded}
        found = named.pop() if len(named) == 1 else None
    return found


#: Parts of a longer employment value that name a kind ("Hourly, part-time").
_EMPLOYMENT_PHRASES = (
    ("fulltime", "full-time"),
    ("parttime", "part-time"),
    ("contractor", "contractor"),
    ("freelance", "contractor"),
    ("fractional", "fractional"),
)


def number_text(text: str) -> str:
    """``80%`` -> ``0.8``; ``0,5`` (a European decimal comma) -> ``0.5``; else as written, so
    the loader's own message reports what is not a number."""
    value = text.strip().replace(",", ".")
    if value.endswith("%"):
        try:
            return repr(float(value[:-1]) / 100)
        except ValueError:
            return text
    return value
