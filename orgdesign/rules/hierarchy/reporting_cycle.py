"""OD601 reporting-cycle: solid lines that loop back on themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import person_levels
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import cycles

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD601", slug="reporting-cycle", severity="error")
def reporting_cycle(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags people whose solid reporting lines form a loop.

    ## What it does
    Follows every person's `reports_to` upwards. When the walk comes back to someone already
    on it, the people on the loop form a reporting cycle. Each cycle is reported once, on the
    member written first in the file; the check is linear and never loops, however long the
    chain.

    ## Why is this bad?
    A loop has no top: nobody in it can escalate, every level count and chain of command
    built on it is meaningless, and the chart cannot be drawn as a hierarchy. It is almost
    always a typo or a half-finished reorganisation.

    ## Example
    ```yaml
    people:
      - {id: cmo, title: CMO, reports_to: dg-lead}
      - {id: dg-lead, title: Head of Demand Generation, reports_to: cmo}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: dg-lead, title: Head of Demand Generation, reports_to: cmo}
    ```

    ## Options
    This rule has no options.
    """
    if len(person_levels(org)) == len(org.people):
        # Everyone is reached down from someone who reports to no one (the levels shared
        # with too-many-layers): no one is in a loop or below one.
        return
    for members in cycles({person.id: person.reports_to for person in org.people}):
        if len(members) == 1:
            message = f"{members[0]} reports to themselves"
        else:
            loop = " -> ".join([*members, members[0]])
            message = f"reporting cycle of {len(members)} people: {loop}"
        yield Finding(
            subject=members[0],
            message=message,
            fix=(
                f"Break the loop: point {members[0]}'s reports_to at someone outside it, "
                "or remove it if they lead the organisation."
            ),
            related=tuple(members),
        )
