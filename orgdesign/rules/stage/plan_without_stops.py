"""OD703 plan-without-stops: a plan that only adds work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD703", slug="plan-without-stops", severity="warning")
def plan_without_stops(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a plan under `plans:` that names nothing it stops.

    ## What it does
    Reports each plan whose `stops` list is empty.

    ## Why is this bad?
    Leadership means turning limited resources into focused progress, and that requires
    saying no, not only approving more campaigns. A quarterly plan that only adds
    priorities spreads the same people over more work; fewer initiatives, executed well,
    move more than an overloaded roadmap nobody can measure. Writing down what stops is the
    test that the plan made choices.

    ## Example
    ```yaml
    plans:
      - id: q3-plan
        period: 2026-Q3
        owner: cmo
        priorities: [enterprise-pipeline, partner-launch]
    ```

    ## Use instead
    ```yaml
    plans:
      - id: q3-plan
        period: 2026-Q3
        owner: cmo
        priorities: [enterprise-pipeline, partner-launch]
        stops: [print-advertising, monthly-newsletter]
    ```

    ## Options
    This rule has no options.
    """
    for plan in org.plans:
        if plan.stops:
            continue
        period = f" for {plan.period}" if plan.period else ""
        yield Finding(
            subject=plan.id,
            message=f"{plan.id}{period} names nothing it stops",
            fix=(f"List under stops: the work {plan.id} ends to make room for its priorities."),
            related=(plan.owner,) if plan.owner else (),
        )
