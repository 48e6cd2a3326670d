"""What-if edits: each returns a new `Org` and leaves the one it was called on as it was.

The operations are methods of `Org` and chain in a notebook::

    option_a = (
        org.move("ops-lead", reports_to="cmo")
        .assign("content", execution="writer")
        .vacate("pmm-enterprise")
    )

Every edit checks the references of the org it makes the way the loader checks a file: an
unknown id is an `EditError` naming it, with a did-you-mean, and nothing is changed. Entities
an edit did not touch keep their locations; those it made or changed carry a location that
names the edit (``<edit: move ops-lead>``), so a finding on them says where it came from.
`orgdesign.dump` of an edited org is a file that loads back to the same org.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from orgdesign.errors import Location, OrgDesignError
from orgdesign.model import KEEP, SECTIONS, Entity, FieldSpec, Org, Owners

__all__ = ["KEEP", "EditError"]


#: How many problems one error lists before "and N more".
_MAX_LISTED = 10


class EditError(OrgDesignError):
    """An edit that would make an invalid org: an unknown or wrong id, a duplicate id, a
    value a field does not take. The org it was called on is unchanged."""


# -- where references live ------------------------------------------------------------------


def _ref_fields(cls: type) -> tuple[tuple[str, FieldSpec], ...]:
    """(attribute, spec) of each field of ``cls`` that holds ids of other entities."""
    found = []
    for field in attrs.fields(cls):
        spec = field.metadata.get("yaml")
        if spec is not None and spec.type in ("ref", "refs", "owners", "allocation"):
            found.append((field.name, spec))
    return tuple(found)


_REFS = {cls: _ref_fields(cls) for cls in (*SECTIONS.values(), Owners, Org)}


def references(obj: Any) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(key, id, target kinds) of every reference ``obj`` holds (an entity, or the org's own
    ``leader``), in field order; owners come as ``owners.decision`` and so on."""
    for attribute, spec in _REFS[type(obj)]:
        value = getattr(obj, attribute)
        if spec.type == "ref":
            if value is not None:
                yield attribute, value, spec.targets
        elif spec.type == "refs" or spec.type == "allocation":
            for item in value:
                yield attribute, item, spec.targets
        else:  # owners
            for role, role_spec in _REFS[Owners]:
                for item in getattr(value, role):
                    yield f"{attribute}.{role}", item, role_spec.targets


def _renamed(obj: Any, old: str, new: str) -> Any:
    """``obj`` with every reference to ``old`` pointing at ``new`` (itself when none does)."""
    changes: dict[str, Any] = {}
    for attribute, spec in _REFS[type(obj)]:
        value = getattr(obj, attribute)
        if spec.type == "ref" and value == old:
            changes[attribute] = new
        elif spec.type == "refs" and old in value:
            changes[attribute] = tuple(new if item == old else item for item in value)
        elif spec.type == "allocation" and old in value:
            changes[attribute] = {new if k == old else k: v for k, v in value.items()}
        elif spec.type == "owners":
            owners = _renamed(value, old, new)
            if owners is not value:
                changes[attribute] = owners
    return attrs.evolve(obj, **changes) if changes else obj


# -- checking an edited org -----------------------------------------------------------------


def check(org: Org, what: str, *, touched: Iterable[str] | None = None) -> None:
    """Raise `EditError` when ``org`` has duplicate ids or references that do not resolve.

    ``touched``: ids of the entities the edit changed or added, whose references are checked
    (None checks every entity). References *to* a removed or renamed id are the edit's own
    business: it finds them before it changes anything.
    """
    from orgdesign.loader import _kinds_phrase, _Pool

    kinds: dict[str, str] = {}
    counted: dict[str, int] = {}
    problems: list[str] = []
    for entity in org.entities():
        kinds.setdefault(entity.id, entity.entity_kind)
        counted[entity.id] = counted.get(entity.id, 0) + 1
    for entity_id, count in counted.items():
        if count > 1:
            problems.append(f"the id '{entity_id}' is used {count} times; ids are unique")
    wanted = None if touched is None else set(touched)
    pools: dict[tuple[str, ...], _Pool] = {}
    holders: list[Any] = [org] if wanted is None else []  # the org's own leader
    holders.extend(e for e in org.entities() if wanted is None or e.id in wanted)
    for holder in holders:
        owner = "the org" if holder is org else f"{holder.entity_kind} '{holder.id}'"
        for key, value, targets in references(holder):
            kind = kinds.get(value)
            if kind is None:
                pool = pools.get(targets)
                if pool is None:
                    pool = pools[targets] = _Pool([i for i, k in kinds.items() if k in targets])
                problems.append(
                    f"unknown reference in {key} of {owner}: no {_kinds_phrase(targets)} "
                    f"'{value}'{pool.suggest(value)}"
                )
            elif kind not in targets:
                problems.append(
                    f"wrong reference in {key} of {owner}: '{value}' is a {kind}, "
                    f"not a {_kinds_phrase(targets)}"
                )
    if problems:
        raise _error(what, problems)


def _error(what: str, problems: list[str]) -> EditError:
    from orgdesign.errors import one_line

    # One problem, one line: a value holding a line break is shown escaped.
    listed = [one_line(f"{what}: {problem}") for problem in problems[:_MAX_LISTED]]
    if len(problems) > _MAX_LISTED:
        listed.append(f"{what}: and {len(problems) - _MAX_LISTED} more")
    return EditError("\n".join(listed))


def _entity(org: Org, entity_id: str, kind: str | None, what: str) -> Entity:
    """The entity an edit is about, or an `EditError` with a did-you-mean."""
    from orgdesign.loader import _suggest

    if not isinstance(entity_id, str):
        raise _error(what, [f"an id is text, got {type(entity_id).__name__}"])
    entity = org.get(entity_id)
    if entity is None:
        candidates = [e.id for e in org.entities() if kind is None or e.entity_kind == kind]
        noun = kind or "entity"
        raise _error(what, [f"no {noun} '{entity_id}'{_suggest(entity_id, candidates)}"])
    if kind is not None and entity.entity_kind != kind:
        raise _error(what, [f"'{entity_id}' is a {entity.entity_kind}, not a {kind}"])
    return entity


def _section_of(entity: Any) -> str:
    for section, cls in SECTIONS.items():
        if type(entity) is cls:
            return section
    raise TypeError(f"not an org entity: {entity!r}")


def _evolve(entity: Any, what: str, **changes: Any) -> Any:
    """``entity`` with ``changes``, its values checked by the model; the location names the
    edit."""
    try:
        return attrs.evolve(entity, location=Location(f"<edit: {what}>"), **changes)
    except (TypeError, ValueError) as exc:
        raise _error(what, [f"{entity.entity_kind} '{entity.id}': {exc}"]) from None


def _with(
    org: Org, replaced: Mapping[str, Any], added: Iterable[Any] = (), dropped: Iterable[str] = ()
) -> Org:
    """``org`` with the entities in ``replaced`` (by old id) swapped in, ``added`` appended
    to their sections and ``dropped`` ids left out. Everything else is kept as it was."""
    gone = set(dropped)
    sections: dict[str, Any] = {}
    touched = {_section_of(entity) for entity in replaced.values()}
    touched |= {_section_of(entity) for entity in added}
    for section in SECTIONS:
        current = getattr(org, section)
        if section in touched or any(e.id in gone for e in current):
            items = [replaced.get(e.id, e) for e in current if e.id not in gone]
            items.extend(e for e in added if _section_of(e) == section)
            sections[section] = tuple(items)
    # Sections the file stated stay stated, emptied or not; a new one becomes stated.
    return attrs.evolve(
        org, sections=org.sections | {s for s, items in sections.items() if items}, **sections
    )


def _ids(value: Any, what: str, key: str) -> tuple[str, ...]:
    """One id, a list of ids, or None (none) as a tuple of ids."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = tuple(value)
        if all(isinstance(item, str) for item in items):
            return items
    raise _error(what, [f"{key} takes an id or a list of ids, got {value!r}"])


def _describe(verb: str, subject: str, **given: Any) -> str:
    shown = ", ".join(f"{k}={v!r}" for k, v in given.items() if v is not KEEP)
    return f"{verb} {subject}" + (f" ({shown})" if shown else "")


# -- the operations -------------------------------------------------------------------------


def move(
    org: Org,
    person: str,
    *,
    reports_to: str | None = KEEP,
    dotted_to: str | Iterable[str] | None = KEEP,
    team: str | None = KEEP,
) -> Org:
    """``person`` with a new solid-line manager (None: no manager), dotted lines (an id, a
    list, or None for none) and team (None: no team)."""
    what = _describe("move", str(person), reports_to=reports_to, dotted_to=dotted_to, team=team)
    entity = _entity(org, person, "person", what)
    changes: dict[str, Any] = {}
    if reports_to is not KEEP:
        changes["reports_to"] = reports_to
    if dotted_to is not KEEP:
        changes["dotted_to"] = _ids(dotted_to, what, "dotted_to")
    if team is not KEEP:
        changes["team"] = team
    moved = _evolve(entity, what, **changes)
    result = _with(org, {entity.id: moved})
    check(result, what, touched=[entity.id])
    return result


def assign(
    org: Org,
    function: str,
    *,
    decision: str | Iterable[str] | None = KEEP,
    execution: str | Iterable[str] | None = KEEP,
    input: str | Iterable[str] | None = KEEP,
    review: str | Iterable[str] | None = KEEP,
) -> Org:
    """``function`` with new owners for the roles given: an id, a list of ids, or None for
    no one. Roles not given keep their owners."""
    roles = {"decision": decision, "execution": execution, "input": input, "review": review}
    what = _describe("assign", str(function), **roles)
    entity = _entity(org, function, "function", what)
    given = {role: _ids(value, what, role) for role, value in roles.items() if value is not KEEP}
    try:
        owners = attrs.evolve(entity.owners, **given)
    except (TypeError, ValueError) as exc:
        raise _error(what, [str(exc)]) from None
    result = _with(org, {entity.id: _evolve(entity, what, owners=owners)})
    check(result, what, touched=[entity.id])
    return result


def update(org: Org, entity_id: str, **fields: Any) -> Org:
    """Any entity with the fields given set to new values (the model's field names, e.g.
    ``title``, ``capacity``, ``allocation``, ``approvals``). Use `rename` to change an id."""
    what = _describe("update", str(entity_id), **fields)
    entity = _entity(org, entity_id, None, what)
    known = {field.name for field in attrs.fields(type(entity))} - {"id", "location"}
    unknown = sorted(set(fields) - known)
    if unknown:
        from orgdesign.loader import _suggest

        hints = [
            f"{entity.entity_kind} has no field '{k}'{_suggest(k, sorted(known))}" for k in unknown
        ]
        if "id" in fields:
            hints = [h for h in hints if "'id'" not in h] + ["change an id with rename"]
        raise _error(what, hints)
    result = _with(org, {entity.id: _evolve(entity, what, **fields)})
    check(result, what, touched=[entity.id])
    return result


def vacate(org: Org, person: str) -> Org:
    """``person``'s seat as an open role: the same title, place and ownership, no one in it
    (an open role counts as no owner)."""
    what = f"vacate {person}"
    entity = _entity(org, person, "person", what)
    return _with(org, {entity.id: _evolve(entity, what, vacant=True, name=None)})


def fill(org: Org, person: str, name: str | None = None, *, title: str | None = KEEP) -> Org:
    """An open role filled: ``vacant`` false, with the new person's ``name`` (and title)."""
    what = _describe("fill", str(person), name=name, title=title)
    entity = _entity(org, person, "person", what)
    changes: dict[str, Any] = {"vacant": False, "name": name}
    if title is not KEEP:
        changes["title"] = title
    return _with(org, {entity.id: _evolve(entity, what, **changes)})


def add(org: Org, *entities: Any) -> Org:
    """``entities`` (`Person`, `Team`, `Function`, `Partner`, `Workflow`, `System` ... built
    with their usual keyword arguments) appended to their sections."""
    names = ", ".join(getattr(e, "id", "?") for e in entities)
    what = f"add {names}"
    problems = []
    for entity in entities:
        if type(entity) not in SECTIONS.values():
            problems.append(f"{entity!r} is not an org entity (Person, Team, Function, ...)")
        elif org.get(entity.id) is not None:
            existing = org.get(entity.id)
            problems.append(f"the id '{entity.id}' is already a {existing.entity_kind}")  # type: ignore[union-attr]
    if problems:
        raise _error(what, problems)
    stamped = [attrs.evolve(e, location=Location(f"<edit: {what}>")) for e in entities]
    result = _with(org, {}, added=stamped)
    check(result, what, touched=[e.id for e in stamped])
    return result


def remove(org: Org, *entity_ids: str) -> Org:
    """The entities with these ids left out. Anything still pointing at one of them is an
    error naming it: move, assign or remove that first, or `vacate` a seat to keep it."""
    what = f"remove {', '.join(map(str, entity_ids))}"
    for entity_id in entity_ids:
        _entity(org, entity_id, None, what)
    gone = set(entity_ids)
    problems = []
    for holder in [org, *org.entities()]:
        if holder is not org and holder.id in gone:
            continue
        owner = "the org" if holder is org else f"{holder.entity_kind} '{holder.id}'"
        for key, value, _targets in references(holder):
            if value in gone:
                problems.append(f"'{value}' is still referenced by {key} of {owner}")
    if problems:
        raise _error(what, problems)
    return _with(org, {}, dropped=gone)


def rename(org: Org, old: str, new: str) -> Org:
    """The entity ``old`` called ``new``, with every reference to it following."""
    import re

    from orgdesign.model import ID_PATTERN

    what = f"rename {old} -> {new}"
    _entity(org, old, None, what)
    if not isinstance(new, str) or not re.fullmatch(ID_PATTERN, new):
        rule = "letters, digits and . _ @ - only, starting with a letter or digit"
        raise _error(what, [f"'{new}' is not an id: {rule}"])
    if new != old and org.get(new) is not None:
        raise _error(what, [f"the id '{new}' is already a {org.get(new).entity_kind}"])  # type: ignore[union-attr]
    replaced: dict[str, Any] = {}
    for holder in org.entities():
        changed = _renamed(holder, old, new)
        if holder.id == old:
            changed = attrs.evolve(changed, id=new)
        if changed is not holder:
            replaced[holder.id] = attrs.evolve(changed, location=Location(f"<edit: {what}>"))
    return _renamed(_with(org, replaced), old, new)  # and the org's own leader
