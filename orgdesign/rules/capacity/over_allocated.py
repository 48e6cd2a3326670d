"""OD505 over-allocated: a person whose allocation adds up to more than all their time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import share

if TYPE_CHECKING:
    import networkx as nx

# Shares written with two decimals can add up to 1.0000000000000002.
_TOLERANCE = 1e-9


@rule(code="OD505", slug="over-allocated", severity="warning", judges="people")
def over_allocated(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a person whose `allocation` shares add up to more than 1.

    ## What it does
    Adds up each person's `allocation` shares. A share is of the person's own capacity, so
    the total may not exceed 1, whatever the person's FTE.

    It judges the marketing organisation (the leader and everyone below them; everyone when
    there is no leader) unless the scope is `all` (`lint --scope all`).

    ## Why is this bad?
    An allocation above 100% is a plan that cannot happen: something on the list will not
    be done, and the file does not say what. It usually means work was added to someone's
    plate without anything being taken off, the habit that turns a structure problem into a
    headcount request.

    ## Example
    ```yaml
    people:
      - {id: ana, capacity: 0.5, allocation: {content: 0.6, demand-gen: 0.6}}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: ana, capacity: 0.5, allocation: {content: 0.5, demand-gen: 0.5}}
    ```

    ## Options
    This rule has no options.
    """
    for person in org.people:
        total = sum(person.allocation.values())
        if total <= 1.0 + _TOLERANCE:
            continue
        yield Finding(
            subject=person.id,
            message=f"{person.id}'s allocation adds up to {share(total)} of their capacity (> 1)",
            fix=(
                f"Cut {person.id}'s shares to 1 in total and move the rest of the work to "
                "someone with room, or drop it."
            ),
            related=tuple(person.allocation),
        )
