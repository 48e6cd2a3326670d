"""Definitions the rules share (DESIGN "Definitions"): owners, runners, people lists."""

from __future__ import annotations

from collections.abc import Iterable

from orgdesign.model import Function, Interface, Org, Person


def _vacant(org: Org) -> frozenset[str]:
    """Ids of the open roles (cached on the immutable org: rules ask for every owner)."""
    found = org._cache.get("vacant")
    if found is None:
        found = org._cache["vacant"] = frozenset(p.id for p in org.people if p.vacant)
    return found  # type: ignore[no-any-return]


def live_owners(org: Org, ids: Iterable[str]) -> list[str]:
    """The ids that count as owners: everything but vacant roles."""
    vacant = _vacant(org)
    return [owner_id for owner_id in ids if owner_id not in vacant]


def vacant_people(org: Org, ids: Iterable[str]) -> list[str]:
    """The ids among ``ids`` that are open roles."""
    vacant = _vacant(org)
    return [owner_id for owner_id in ids if owner_id in vacant]


def runner(org: Org, function: Function) -> Person | None:
    """A function's runner: its execution owner when that is exactly one person, else its
    decision owner when that is exactly one person, else None."""
    for ids in (function.owners.execution, function.owners.decision):
        if len(ids) == 1:
            entity = org.by_id.get(ids[0])
            if isinstance(entity, Person):
                return entity
    return None


def functions_of_kind(org: Org, kind: str) -> list[Function]:
    return [function for function in org.functions if function.kind == kind]


def enumerate_ids(ids: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(ids)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def share(value: float) -> str:
    """A share as written in org files: 0.3, 0.45, 1."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def person(org: Org, entity_id: str | None) -> Person | None:
    """The person with this id, or None (absent, or another kind of entity)."""
    entity = org.by_id.get(entity_id or "")
    return entity if isinstance(entity, Person) else None


def runners_of_kinds(org: Org, kinds: frozenset[str]) -> set[str]:
    """Ids of the people who run a function of one of these kinds."""
    result = set()
    for function in org.functions:
        if function.kind in kinds:
            found = runner(org, function)
            if found is not None:
                result.add(found.id)
    return result


def org_subject(org: Org) -> str:
    """The subject of an org-wide finding: the marketing leader, else ``org``."""
    from orgdesign.graph import marketing_leader

    leader = marketing_leader(org)
    return leader.id if leader is not None else "org"


def marketing_teams(org: Org, marketing: set[str]) -> list[str]:
    """Teams of kind marketing, or led by one of the marketing people."""
    return [team.id for team in org.teams if team.kind == "marketing" or (team.lead in marketing)]


def sales_teams(org: Org) -> list[str]:
    return [team.id for team in org.teams if team.kind == "sales"]


def marketing_sales_interfaces(org: Org, marketing: set[str]) -> list[Interface]:
    """Interfaces between at least one marketing team and at least one sales team."""
    ours, theirs = set(marketing_teams(org, marketing)), set(sales_teams(org))
    return [
        interface
        for interface in org.interfaces
        if ours & set(interface.between) and theirs & set(interface.between)
    ]
