"""OD604 team-cycle: teams whose parents loop back on themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import cycles

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD604", slug="team-cycle", severity="error")
def team_cycle(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags teams whose `parent` links form a loop, or a team that is its own parent.

    ## What it does
    Follows every team's `parent` upwards. When the walk comes back to a team already on
    it, the teams on the loop form a cycle. Each cycle is reported once, on the team written
    first in the file; the check is linear and never loops, however deep the nesting.

    ## Why is this bad?
    A loop of teams has no top: nobody can say which unit the others belong to, headcount
    and budget roll-ups count the same people twice or never, and the chart cannot nest the
    teams at all. Like a reporting cycle, it is nearly always a typo or a reorganisation
    that was only half written down.

    ## Example
    ```yaml
    teams:
      - {id: marketing, parent: growth}
      - {id: growth, parent: marketing}
    ```

    ## Use instead
    ```yaml
    teams:
      - {id: marketing}
      - {id: growth, parent: marketing}
    ```

    ## Options
    This rule has no options.
    """
    for members in cycles({team.id: team.parent for team in org.teams}):
        if len(members) == 1:
            message = f"team {members[0]} is its own parent"
        else:
            loop = " -> ".join([*members, members[0]])
            message = f"team cycle of {len(members)} teams: {loop}"
        yield Finding(
            subject=members[0],
            message=message,
            fix=(
                f"Break the loop: point {members[0]}'s parent at a team outside it, or remove "
                "it if the team is a top-level unit."
            ),
            related=tuple(members),
        )
