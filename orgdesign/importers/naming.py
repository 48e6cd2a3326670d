"""Names to ids and kinds: a format id from any text, a team's kind from its name, and the
small wordings the importers' notes share."""

from __future__ import annotations

import re
import unicodedata

from orgdesign.model import ID_PATTERN

__all__ = ["name_key", "plural", "quoted", "slug", "team_kind", "unique_id"]

_TEAM_KINDS = (
    (("marketing",), "marketing"),
    (("sales",), "sales"),
    (("product",), "product"),
    (("products",), "product"),
    (("finance",), "finance"),
    (("customer", "success"), "customer-success"),
    (("executive",), "executive"),
    (("exec",), "executive"),
    (("leadership",), "executive"),
    # The same in the other languages HR exports come in (accents folded away).
    (("vertrieb",), "sales"),
    (("verkauf",), "sales"),
    (("ventes",), "sales"),
    (("ventas",), "sales"),
    (("verkoop",), "sales"),
    (("produkt",), "product"),
    (("produit",), "product"),
    (("producto",), "product"),
    (("finanzen",), "finance"),
    (("finances",), "finance"),
    (("finanzas",), "finance"),
    (("geschaftsfuhrung",), "executive"),
)
_ID_RE = re.compile(ID_PATTERN)
_SLUG_JUNK = re.compile(r"[^A-Za-z0-9._@-]+")
_WORDS = re.compile(r"[a-z0-9]+")


def slug(text: str, *, keep_valid: bool = False) -> str:
    """A format id from text: folded (``Ana Lima`` -> ``ana-lima``), or kept as written when
    ``keep_valid`` and it is already one (``E-1042``, ``ana@acme.com``)."""
    if keep_valid and _ID_RE.fullmatch(text):
        return text
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_JUNK.sub("-", folded).strip("-._@")


def team_kind(name: str) -> str | None:
    """A team's kind from whole words of its name: "Product Marketing" is marketing,
    "Production" is nothing.

    >>> team_kind("Customer Success EMEA"), team_kind("Production"), team_kind("Products")
    ('customer-success', None, 'product')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = _WORDS.findall(folded)
    for needed, kind in _TEAM_KINDS:
        if all(word in words for word in needed):
            return kind
    return None


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first not in ``taken`` (added to it)."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def name_key(text: str) -> str:
    """A full name as names are matched: case and runs of spaces ignored."""
    return " ".join(text.casefold().split())


def quoted(values: list[str], limit: int = 8) -> str:
    """``'a', 'b' and 3 more``: values for a note."""
    shown = ", ".join(f"'{value}'" for value in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def plural(count: int, word: str) -> str:
    """``1 row``, ``2 rows``, ``2 people``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {'people' if word == 'person' else word + 's'}"
