"""OD603 too-many-layers: a reporting line with too many levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.graph import chain_of_command, levels
from orgdesign.model import Org
from orgdesign.rules import Finding, rule

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class LayersOptions:
    max_layers: int = attrs.field(default=6, validator=attrs.validators.ge(1))


@rule(code="OD603", slug="too-many-layers", severity="warning", options=LayersOptions)
def too_many_layers(org: Org, graph: nx.MultiDiGraph, options: LayersOptions) -> Iterator[Finding]:
    """Flags a reporting line with more than `max_layers` people from the top to a leaf.

    ## What it does
    Walks the solid lines (`reports_to`) down from each root (a person with no manager,
    level 1). For every root whose tree goes deeper than `max_layers` (6 by default), the
    deepest person (the first in the file among equals) is reported with the path above
    them. People in a reporting cycle have no root and are left to reporting-cycle.

    ## Why is this bad?
    Each layer is another approval, another handoff and another place where context is lost
    on the way up and priorities blur on the way down. Deep hierarchies are usually the
    residue of promotions and reorganisations rather than a design choice, and they slow
    every decision that has to travel the full height.

    ## Example
    ```yaml
    people:
      - {id: ceo}
      - {id: cmo, reports_to: ceo}
      - {id: vp, reports_to: cmo}
      - {id: director, reports_to: vp}
      - {id: head, reports_to: director}
      - {id: manager, reports_to: head}
      - {id: specialist, reports_to: manager}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: ceo}
      - {id: cmo, reports_to: ceo}
      - {id: director, reports_to: cmo}
      - {id: manager, reports_to: director}
      - {id: specialist, reports_to: manager}
    ```

    ## Options
    - `max_layers` (whole number, default 6): the most people on a line from a root down to
      a leaf, both included.
    """
    depth = levels(graph)
    limit = options.max_layers
    if not depth or max(depth.values()) <= limit:
        return
    # Each person's root, manager before report (level order), without walking every chain.
    manager_of = {person.id: person.reports_to for person in org.people}
    root_of: dict[str, str] = {}
    for person_id in sorted(depth, key=depth.__getitem__):
        manager = manager_of[person_id]
        root_of[person_id] = person_id if manager is None else root_of[manager]
    deepest: dict[str, tuple[int, str]] = {}  # root -> (level, person), first in file wins
    for person in org.people:
        level = depth.get(person.id)
        if level is None or level <= limit:
            continue
        root = root_of[person.id]
        if root not in deepest or level > deepest[root][0]:
            deepest[root] = (level, person.id)
    for level, person_id in deepest.values():
        path = [*reversed(chain_of_command(graph, person_id)), person_id]
        yield Finding(
            subject=person_id,
            message=f"{person_id} sits {level} layers deep (> {limit}): {_shown(path)}",
            fix=(
                f"Remove layers on the line to {person_id}: merge roles that manage one "
                f"person or a handful, until the line has {limit} people or fewer."
            ),
            related=tuple(path),
        )


def _shown(path: list[str], keep: int = 4) -> str:
    """The path for a message: in full when short, else its ends around an ellipsis."""
    if len(path) <= 2 * keep + 1:
        return " -> ".join(path)
    return " -> ".join([*path[:keep], "...", *path[-keep:]])
