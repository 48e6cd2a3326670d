"""OD601 reporting-cycle: solid lines that loop back on themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

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
    manager_of = {person.id: person.reports_to for person in org.people}
    # 0: not seen yet; a positive number: on the walk with that number; -1: settled.
    state = dict.fromkeys(manager_of, 0)
    position: dict[str, int] = {}
    for walk, person in enumerate(org.people, start=1):
        start = person.id
        if state[start]:
            continue
        current: str | None = start
        path: list[str] = []
        while current is not None and state.get(current) == 0:
            state[current] = walk
            path.append(current)
            current = manager_of.get(current)
        if current is not None and state.get(current) == walk:
            if not position:
                position = {p.id: index for index, p in enumerate(org.people)}
            yield _cycle_finding(path[path.index(current) :], position)
        for member in path:
            state[member] = -1


def _cycle_finding(cycle: list[str], position: dict[str, int]) -> Finding:
    """The finding for one cycle, on its member written first in the file."""
    first = min(range(len(cycle)), key=lambda i: position[cycle[i]])
    members = cycle[first:] + cycle[:first]
    if len(members) == 1:
        message = f"{members[0]} reports to themselves"
    else:
        loop = " -> ".join([*members, members[0]])
        message = f"reporting cycle of {len(members)} people: {loop}"
    return Finding(
        subject=members[0],
        message=message,
        fix=(
            f"Break the loop: point {members[0]}'s reports_to at someone outside it, "
            "or remove it if they lead the organisation."
        ),
        related=tuple(members),
    )
