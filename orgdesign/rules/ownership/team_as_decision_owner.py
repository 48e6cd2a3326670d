"""OD104 team-as-decision-owner: a team, not a person, holds a decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org, Team
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD104", slug="team-as-decision-owner", severity="warning")
def team_as_decision_owner(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a function whose decision owner is a team.

    ## What it does
    Reports each function with a team among its `owners.decision`.

    ## Why is this bad?
    A team cannot approve or stop anything; one of its people does, and the file does not say
    who. Accountability spreads across the team until nobody holds it, which is exactly the
    ambiguity a decision owner is meant to remove. Name the person, usually the team's lead.

    ## Example
    ```yaml
    teams:
      - {id: brand-team, lead: brand-lead}
    functions:
      - id: brand
        owners: {decision: brand-team, execution: designer}
    ```

    ## Use instead
    ```yaml
    functions:
      - id: brand
        owners: {decision: brand-lead, execution: designer}
    ```

    ## Options
    This rule has no options.
    """
    for function in org.functions:
        for owner in dict.fromkeys(function.owners.decision):
            team = org.by_id.get(owner)
            if not isinstance(team, Team):
                continue
            suggestion = f" (its lead is {team.lead})" if team.lead else ""
            yield Finding(
                subject=function.id,
                message=f"{function.id} is decided by team {team.id}, not by a person",
                fix=f"Name one person of {team.id} as decision owner of {function.id}{suggestion}.",
                related=(team.id, *((team.lead,) if team.lead else ())),
            )
