"""OD401 no-sales-interface: marketing and sales with no formal interface."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_people
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import (
    enumerate_ids,
    marketing_sales_interfaces,
    marketing_teams,
    org_subject,
    sales_teams,
)

if TYPE_CHECKING:
    import networkx as nx


@rule(
    code="OD401",
    slug="no-sales-interface",
    severity="warning",
    scope="org",
    needs=("interfaces", "teams"),
    section="interfaces",
)
def no_sales_interface(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags an org with a sales team but no SLA or revops interface between it and marketing.

    ## What it does
    When the file has a team of kind `sales`, looks for an interface of kind `sla` or
    `revops` whose `between` names a marketing team (kind `marketing`, or led by a marketing
    person) and a sales team. Silent when there is no sales team in the file. The finding is
    on the marketing leader (or `org`); suppress it on the `org:` mapping.

    ## Why is this bad?
    Sales and marketing alignment is a structural problem far more than a cultural one: the
    two teams have different reporting lines, metrics, planning cycles and incentives, and
    joint meetings do not change that. What does is a formal interface: a revenue operations
    function, or at least a written SLA that fixes lead-quality standards, follow-up times
    and the feedback loop.

    ## Example
    ```yaml
    teams:
      - {id: marketing, kind: marketing, lead: cmo}
      - {id: sales, kind: sales, lead: sales-vp}
    ```

    ## Use instead
    ```yaml
    interfaces:
      - id: mkt-sales-sla
        kind: sla
        between: [marketing, sales]
        metrics: [pipeline-contribution]
    ```

    ## Options
    This rule has no options.
    """
    sales = sales_teams(org)
    if not sales:
        return
    marketing = set(marketing_people(org, graph))
    formal = [
        interface
        for interface in marketing_sales_interfaces(org, marketing)
        if interface.kind in ("sla", "revops")
    ]
    if formal:
        return
    ours = marketing_teams(org, marketing)
    between = f"[{ours[0]}, {sales[0]}]" if ours else f"[<marketing team>, {sales[0]}]"
    yield Finding(
        subject=org_subject(org),
        message=(
            f"no SLA or revops interface between marketing and sales ({enumerate_ids(sales)})"
        ),
        fix=(
            f"Add an interface of kind sla (or revops) with between: {between} that sets "
            "lead-quality standards, follow-up times and a shared pipeline metric."
        ),
        related=tuple(ours + sales),
    )
