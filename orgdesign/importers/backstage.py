"""Backstage catalogs: ``kind: Group`` entities to teams, ``kind: User`` entities to people.

A catalog is YAML, usually several documents a file and several files. Groups keep their
``spec.parent``; users join the team of their first ``spec.memberOf``. Backstage holds no
reporting lines, and the notes say so. Entities of other kinds are left out and counted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import yaml

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.importers.naming import slug, team_kind
from orgdesign.loader import SourceMark, tree_map, tree_text

__all__ = ["BackstageCatalog", "is_backstage", "read_backstage"]

#: Group types that describe the shape of the tree, not a segment the team serves.
_STRUCTURAL_TYPES = frozenset(
    {"organization", "business-unit", "product-area", "team", "sub-department", "department"}
)


@attrs.frozen
class BackstageCatalog:
    people: list[object]
    teams: list[object]
    made: dict[str, int]
    notes: list[str]
    ids: dict[str, str]  # entity refs, names and emails -> ids


def is_backstage(text: str) -> bool:
    """Whether text looks like a Backstage catalog file (Group or User entities)."""
    head = text[:65536]
    return "backstage.io/" in head and ("kind: Group" in head or "kind: User" in head)


def _get(node: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = None
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found = value_node
        node = found
    return node


def _text(node: Any) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return str(node.value).strip()
    return None


def _ref_id(ref: str) -> str:
    """``group:default/team-a`` -> ``team-a``; ``development/team-a`` -> ``development.team-a``."""
    rest = ref.partition(":")[2] if ":" in ref else ref
    namespace, _, name = rest.rpartition("/")
    if namespace and namespace != "default":
        return slug(f"{namespace}.{name}", keep_valid=True)
    return slug(name, keep_valid=True)


def read_backstage(text: str, file: str) -> BackstageCatalog:
    """People and teams from one catalog file (raises `LoadError` on YAML it cannot read)."""
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        raise LoadError([Problem(location, f"invalid YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(Location(file), f"invalid YAML: {exc}")]) from None
    people: list[object] = []
    teams: list[object] = []
    ids: dict[str, str] = {}
    other: Counter[str] = Counter()
    problems: list[Problem] = []
    for document in documents:
        if document is None:
            continue
        kind = _text(_get(document, "kind"))
        name_node = _get(document, "metadata", "name")
        name = _text(name_node)
        if kind not in ("Group", "User"):
            other[kind or "entity without a kind"] += 1
            continue
        mark = SourceMark(file, document.start_mark.line, document.start_mark.column)
        if name is None:
            problems.append(
                Problem(
                    Location(file, document.start_mark.line + 1, 1),
                    f"a {kind} with no metadata.name",
                )
            )
            continue
        namespace = _text(_get(document, "metadata", "namespace")) or "default"
        entity_id = _ref_id(f"{namespace}/{name}")
        at = SourceMark(file, name_node.start_mark.line, name_node.start_mark.column)
        pairs = [(tree_text("id", at), tree_text(entity_id, at))]
        display = _text(_get(document, "spec", "profile", "displayName"))
        if display:
            pairs.append((tree_text("name", at), tree_text(display, at)))
        if kind == "Group":
            parent = _get(document, "spec", "parent")
            if _text(parent):
                where = SourceMark(file, parent.start_mark.line, parent.start_mark.column)
                pairs.append((tree_text("parent", where), tree_text(_ref_id(parent.value), where)))
            kind_of_team = team_kind(display or name)
            if kind_of_team:
                pairs.append((tree_text("kind", at), tree_text(kind_of_team, at)))
            group_type = _text(_get(document, "spec", "type"))
            if group_type and group_type not in _STRUCTURAL_TYPES:
                pairs.append((tree_text("segment", at), tree_text(group_type, at)))
            teams.append(tree_map(pairs, mark))
        else:
            member_of = _get(document, "spec", "memberOf")
            first = member_of.value[0] if isinstance(member_of, yaml.SequenceNode) else member_of
            if _text(first):
                where = SourceMark(file, first.start_mark.line, first.start_mark.column)
                pairs.append((tree_text("team", where), tree_text(_ref_id(first.value), where)))
            email = _text(_get(document, "spec", "profile", "email"))
            if email:
                ids.setdefault(email.casefold(), entity_id)
            if display:
                ids.setdefault(" ".join(display.casefold().split()), entity_id)
            people.append(tree_map(pairs, mark))
        ids.setdefault(entity_id, entity_id)
        ids.setdefault(f"{kind.lower()}:{namespace}/{name}", entity_id)
    if problems:
        raise LoadError(problems)
    notes = []
    if other:
        left = ", ".join(f"{count} {kind}" for kind, count in sorted(other.items()))
        notes.append(f"{file}: left out entities of other kinds ({left})")
    made = {"people": len(people), "teams": len(teams), "open roles": 0}
    return BackstageCatalog(people, teams, made, notes, ids)
