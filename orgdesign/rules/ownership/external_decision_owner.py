"""OD103 external-decision-owner: a partner decides on something marketing must control."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org, Partner
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD103", slug="external-decision-owner", severity="warning")
def external_decision_owner(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a function whose decision owner is an external partner.

    ## What it does
    Reports each function with a partner (agency, freelancer, fractional leader,
    consultancy or vendor) among its `owners.decision`.

    ## Why is this bad?
    Partners are good at defined execution under strong internal leadership. When one of
    them owns the decision, the company has handed away the business ownership of a function
    it must control: priorities follow the partner's contract and channel metrics, and the
    knowledge leaves with the partner. Partners can contribute and execute; the final call
    stays inside.

    ## Example
    ```yaml
    partners:
      - {id: northstar, kind: agency, managed_by: dg-lead}
    functions:
      - id: paid-media
        owners: {decision: northstar, execution: northstar}
    ```

    ## Use instead
    ```yaml
    functions:
      - id: paid-media
        owners: {decision: dg-lead, execution: northstar}
    ```

    ## Options
    This rule has no options.
    """
    for function in org.functions:
        for owner in dict.fromkeys(function.owners.decision):
            partner = org.by_id.get(owner)
            if not isinstance(partner, Partner):
                continue
            what = f"{partner.kind} " if partner.kind else "partner "
            manager = f"; let {partner.managed_by} decide" if partner.managed_by else ""
            yield Finding(
                subject=function.id,
                message=f"{function.id} is decided by {what}{partner.id}, an external partner",
                fix=(
                    f"Give the decision on {function.id} to an internal person{manager} and "
                    f"keep {partner.id} as execution owner or input."
                ),
                related=(partner.id,),
            )
