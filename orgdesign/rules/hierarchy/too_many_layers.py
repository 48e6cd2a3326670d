"""OD603 too-many-layers: a reporting line with too many levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.graph import person_levels
from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import managers_above, reports_by_manager

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class LayersOptions:
    max_layers: int = attrs.field(default=6, validator=attrs.validators.ge(1))


@rule(
    code="OD603",
    slug="too-many-layers",
    severity="warning",
    options=LayersOptions,
    judges="branches",
)
def too_many_layers(org: Org, graph: nx.MultiDiGraph, options: LayersOptions) -> Iterator[Finding]:
    """Flags a reporting line with more than `max_layers` people from the top to a leaf.

    ## What it does
    Walks the solid lines (`reports_to`) down from each root (a person with no manager,
    level 1). Each person on the first level past `max_layers` (6 by default) is reported
    once, with the path from the root to the deepest person below them (the first in the
    file among equals): one finding per branch to flatten, so one run shows them all.
    People in a reporting cycle have no root and are left to reporting-cycle. It judges the
    branches that reach into the marketing organisation (everyone's when there is no
    marketing leader) unless the scope is `all` (`lint --scope all`).

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
    depth = person_levels(org)
    limit = options.max_layers
    if not depth or max(depth.values()) <= limit:
        return
    reports = reports_by_manager(org)
    # Each person's deepest leaf (level, id), the first in file order among equals, from the
    # bottom level up so every report is settled before its manager.
    deepest: dict[str, tuple[int, str]] = {}
    for person_id in sorted(depth, key=depth.__getitem__, reverse=True):
        best = (depth[person_id], person_id)
        for report in reports.get(person_id, ()):
            if report in deepest and deepest[report][0] > best[0]:
                best = deepest[report]
        deepest[person_id] = best
    first_past = limit + 1
    for person in org.people:
        if depth.get(person.id) != first_past:
            continue
        level, leaf = deepest[person.id]
        path = [*reversed(managers_above(org, leaf)), leaf]
        below = "" if leaf == person.id else f", and the line below reaches {level}"
        yield Finding(
            subject=person.id,
            message=(
                f"{person.id} sits {first_past} layers deep (> {limit}){below}: {_shown(path)}"
            ),
            fix=(
                f"Remove layers on the line to {leaf}: merge roles that manage one person or "
                f"a handful, until the line has {limit} people or fewer."
            ),
            related=tuple(path),
        )


def _shown(path: list[str], keep: int = 4) -> str:
    """The path for a message: in full when short, else its ends around an ellipsis."""
    if len(path) <= 2 * keep + 1:
        return " -> ".join(path)
    return " -> ".join([*path[:keep], "...", *path[-keep:]])
