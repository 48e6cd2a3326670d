"""Definitions the rules share (DESIGN "Definitions"): live owners, runners, lines, teams."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from orgdesign.model import Function, Interface, Org, Person, Team, reports_by_manager


def _marketing_leader(org: Org) -> Person | None:
    # orgdesign.graph imports networkx, which `orgdesign --help` must not pay for: the
    # renderer imports this module at start-up.
    from orgdesign.graph import marketing_leader

    return marketing_leader(org)


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


def person(org: Org, entity_id: str | None) -> Person | None:
    """The person with this id, or None (absent, or another kind of entity)."""
    entity = org.by_id.get(entity_id or "")
    return entity if isinstance(entity, Person) else None


def live_person(org: Org, entity_id: str | None) -> Person | None:
    """The person with this id when it is not an open role, else None."""
    found = person(org, entity_id)
    return found if found is not None and not found.vacant else None


def open_role_note(org: Org, ids: Iterable[str]) -> str:
    """`` (x is an open role)`` / `` (x and y are open roles)`` for the open roles among ids."""
    vacant = list(dict.fromkeys(vacant_people(org, ids)))
    if not vacant:
        return ""
    verb = "is an open role" if len(vacant) == 1 else "are open roles"
    return f" ({enumerate_ids(vacant)} {verb})"


def open_role_phrase(org: Org, role: str, ids: Iterable[str]) -> str:
    """``input is x, an open role`` (``x and y, open roles``); empty when none is open."""
    vacant = list(dict.fromkeys(vacant_people(org, ids)))
    if not vacant:
        return ""
    noun = "an open role" if len(vacant) == 1 else "open roles"
    return f"{role} is {enumerate_ids(vacant)}, {noun}"


def _members_of(org: Org) -> dict[str, list[str]]:
    """Team id -> the ids of the people whose ``team`` it is, in file order (cached)."""
    index = org._cache.get("members_of")
    if index is None:
        index = {}
        for member in org.people:
            if member.team is not None:
                index.setdefault(member.team, []).append(member.id)
        org._cache["members_of"] = index
    return index  # type: ignore[no-any-return]


def managers_above(org: Org, person_id: str) -> list[str]:
    """The solid-line managers above a person, nearest first; a cycle ends the walk."""
    chain: list[str] = []
    seen = {person_id}
    current = person(org, person_id)
    while current is not None and current.reports_to is not None:
        if current.reports_to in seen:
            break
        seen.add(current.reports_to)
        chain.append(current.reports_to)
        current = person(org, current.reports_to)
    return chain


def below(org: Org, person_id: str) -> list[str]:
    """Everyone whose solid-line chain reaches the person, nearest first (cycle-safe)."""
    reports = reports_by_manager(org)
    found: list[str] = []
    seen = {person_id}
    queue = [person_id]
    for current in queue:
        for report in reports.get(current, ()):
            if report not in seen:
                seen.add(report)
                found.append(report)
                queue.append(report)
    return found


def executors(org: Org, function: Function) -> list[Person]:
    """The people executing a function: its execution owners, a team counting as its lead;
    partners and open roles are left out (DESIGN "Definitions")."""
    found: dict[str, Person] = {}
    for owner_id in function.owners.execution:
        entity = org.by_id.get(owner_id)
        if isinstance(entity, Team):
            entity = org.by_id.get(entity.lead or "")
        if isinstance(entity, Person) and not entity.vacant:
            found.setdefault(entity.id, entity)
    return list(found.values())


def runner(org: Org, function: Function) -> Person | None:
    """The person who leads a function's execution (DESIGN "Definitions").

    Among its executors (`executors`): the only one; else the one whose solid-line chain
    reaches all the others (a manager and their analyst: the manager); else the one fewest
    steps below the marketing leader (below a root when the leader is not above them), the
    first listed on a tie. With no executor, the decision owner when that is exactly one
    person who is not an open role.
    """
    people = executors(org, function)
    if len(people) == 1:
        return people[0]
    if people:
        chains = {member.id: managers_above(org, member.id) for member in people}
        for member in people:
            if all(member.id in chains[other.id] for other in people if other is not member):
                return member
        leader = _marketing_leader(org)

        def steps(member: Person) -> int:
            chain = chains[member.id]
            if leader is not None and member.id == leader.id:
                return 0
            if leader is not None and leader.id in chain:
                return chain.index(leader.id) + 1
            return len(chain)

        return min(people, key=steps)  # min keeps the first of equals
    deciders = [
        owner_id
        for owner_id in dict.fromkeys(function.owners.decision)
        if owner_id not in _vacant(org)
    ]
    return live_person(org, deciders[0]) if len(deciders) == 1 else None


def line(org: Org, function: Function) -> set[str]:
    """A function's line: its runner, its executors (a team counting its members) and
    everyone below the runner by solid line; open roles are nobody and left out."""
    found: set[str] = set()
    lead = runner(org, function)
    if lead is not None:
        found.add(lead.id)
        found.update(below(org, lead.id))
    members = _members_of(org)
    for owner_id in function.owners.execution:
        entity = org.by_id.get(owner_id)
        if isinstance(entity, Team):
            found.update(members.get(entity.id, ()))
            if entity.lead:
                found.add(entity.lead)
        elif isinstance(entity, Person):
            found.add(entity.id)
    vacant = _vacant(org)
    return {member for member in found if member not in vacant}


def functions_of_kind(org: Org, kind: str) -> list[Function]:
    return [function for function in org.functions if function.kind == kind]


def who(org: Org, person_id: str) -> str:
    """A person as a message names them (DESIGN "Messages are written for the CMO"):
    ``Name (id)`` when their name is not their id, else the id; an HR number alone is
    unreadable."""
    found = person(org, person_id)
    name = found.name if found is not None else None
    return f"{name} ({person_id})" if name and name != person_id else person_id


def enumerate_ids(ids: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(ids)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def share(value: float) -> str:
    """A share as written in org files: 0.3, 0.45, 1."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def org_subject(org: Org) -> str:
    """The subject of an org-wide finding: the marketing leader, else ``org``."""
    leader = _marketing_leader(org)
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


def cycles(next_of: dict[str, str | None]) -> Iterator[list[str]]:
    """Every loop in a one-step relation (``reports_to``, a team's ``parent``), once each,
    starting from the member that comes first in ``next_of``'s order (file order).

    Linear: each id is walked once, however long the chains.

    >>> list(cycles({"a": "b", "b": "a", "c": "c", "d": None}))
    [['a', 'b'], ['c']]
    """
    # 0: not seen yet; a positive number: on the walk with that number; -1: settled.
    state = dict.fromkeys(next_of, 0)
    position: dict[str, int] = {}  # file order, made when the first loop is found
    for walk, start in enumerate(next_of, start=1):
        if state[start]:
            continue
        current: str | None = start
        path: list[str] = []
        while current is not None and state.get(current) == 0:
            state[current] = walk
            path.append(current)
            current = next_of.get(current)
        if current is not None and state.get(current) == walk:
            loop = path[path.index(current) :]
            if not position:
                position = {key: index for index, key in enumerate(next_of)}
            first = min(range(len(loop)), key=lambda i: position[loop[i]])
            yield loop[first:] + loop[:first]
        for member in path:
            state[member] = -1
