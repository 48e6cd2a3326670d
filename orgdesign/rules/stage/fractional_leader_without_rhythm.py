"""OD704 fractional-leader-without-rhythm: a part-time leader with no cadence to lead through."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(
    code="OD704",
    slug="fractional-leader-without-rhythm",
    severity="warning",
    scope="org",
    needs=("cadences",),
    section="cadences",
)
def fractional_leader_without_rhythm(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a fractional or part-time marketing leader who owns no cadence.

    ## What it does
    When the marketing leader's `employment` is `fractional` or `part-time`, checks that
    they own at least one cadence under `cadences:`. Reported once, on the leader.

    ## Why is this bad?
    A fractional CMO is often the right answer before a company can justify a full-time
    one, but two days a week only become leadership through the operating rhythm: the
    strategy review, the roadmap, the weekly decisions with sales. Without cadences they
    own, the fractional leader turns into an adviser whose decisions nobody is there to
    carry between visits.

    ## Example
    ```yaml
    people:
      - {id: cmo, title: Fractional CMO, employment: fractional, capacity: 0.4}
    cadences:
      - {id: weekly-marketing, layer: execution, owner: marketing-manager}
    ```

    ## Use instead
    ```yaml
    cadences:
      - {id: weekly-marketing, layer: execution, owner: cmo}
      - {id: monthly-roadmap, layer: roadmap, owner: cmo}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    if leader is None or leader.employment not in ("fractional", "part-time"):
        return
    if any(cadence.owner == leader.id for cadence in org.cadences):
        return
    yield Finding(
        subject=leader.id,
        message=f"the {leader.employment} marketing leader {leader.id} owns no cadence",
        fix=(
            f"Make {leader.id} the owner of the strategy, roadmap and weekly decision "
            "cadences, so the rhythm carries their decisions between visits."
        ),
    )
