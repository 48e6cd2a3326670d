"""OD202 everyone-approves: every stakeholder of a function has become a final approver."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Function, Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, live_owners

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD202", slug="everyone-approves", severity="warning")
def everyone_approves(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a workflow whose approvals include every input and review owner of its function.

    ## What it does
    For each workflow with a `function`, collects that function's distinct input and review
    owners. When there are two or more and every one of them is in the workflow's
    `approvals`, the workflow is reported.

    ## Why is this bad?
    Input and review are there so that people can shape the work without holding a veto.
    When all of them also sign off at the end, consultation has turned into approval: each
    stakeholder can stop the work late, when it is most expensive to change, and the
    decision owner no longer decides. Collect their input before the work starts and let
    the decision owner approve.

    ## Example
    ```yaml
    functions:
      - id: demand-gen
        owners:
          decision: cmo
          execution: dg-lead
          input: [sales-vp, pmm-lead]
          review: [brand-lead]
    workflows:
      - id: campaign-launch
        function: demand-gen
        approvals: [dg-lead, sales-vp, pmm-lead, brand-lead, cmo]
    ```

    ## Use instead
    ```yaml
    workflows:
      - id: campaign-launch
        function: demand-gen
        approvals: [dg-lead, cmo]
    ```

    ## Options
    This rule has no options.
    """
    for workflow in org.workflows:
        function = org.by_id.get(workflow.function or "")
        if not isinstance(function, Function):
            continue
        consulted = tuple(
            dict.fromkeys(live_owners(org, (*function.owners.input, *function.owners.review)))
        )
        if len(consulted) < 2 or not set(consulted) <= set(workflow.approvals):
            continue
        yield Finding(
            subject=workflow.id,
            message=(
                f"{workflow.id} needs approval from every input and review owner of "
                f"{function.id} ({enumerate_ids(consulted)})"
            ),
            fix=(
                f"Collect {enumerate_ids(consulted)}'s input and review before the work starts "
                f"and keep them out of {workflow.id}'s approvals; the decision owner approves."
            ),
            related=(function.id, *consulted),
        )
