"""OD201 approval-chain-too-long: work that needs too many people to say yes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import enumerate_ids

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class ApprovalOptions:
    max_approvers: int = attrs.field(default=3, validator=attrs.validators.ge(1))


@rule(code="OD201", slug="approval-chain-too-long", severity="warning", options=ApprovalOptions)
def approval_chain_too_long(
    org: Org, graph: nx.MultiDiGraph, options: ApprovalOptions
) -> Iterator[Finding]:
    """Flags a workflow that needs more than `max_approvers` distinct people to approve it.

    ## What it does
    Counts the distinct people in each workflow's `approvals` chain and reports the workflow
    when there are more than `max_approvers` (3 by default). A person listed twice counts once.

    ## Why is this bad?
    When a project needs more than three people to sign off before it moves, the delay is
    rarely a capacity problem: it is a coordination problem built into the structure, and
    hiring more people makes it worse. Every extra approver is another queue, another set of
    revisions and another chance that the stakeholder who only needed to be consulted ends up
    holding a veto.

    ## Example
    ```yaml
    workflows:
      - id: campaign-launch
        function: demand-gen
        approvals: [dg-lead, pmm-lead, brand-lead, cmo, cfo]
    ```

    ## Use instead
    Keep one decision owner as the final approver; collect the others' views as input or
    review before the work starts.
    ```yaml
    functions:
      - id: demand-gen
        owners:
          decision: cmo
          execution: dg-lead
          input: [pmm-lead, cfo]
          review: [brand-lead]
    workflows:
      - id: campaign-launch
        function: demand-gen
        approvals: [dg-lead, cmo]
    ```

    ## Options
    - `max_approvers` (whole number, default 3): the most distinct approvers a workflow may need.
    """
    limit = options.max_approvers
    for workflow in org.workflows:
        approvers = tuple(dict.fromkeys(workflow.approvals))
        if len(approvers) <= limit:
            continue
        extra = _movable(org, workflow.function, approvers)[: len(approvers) - limit]
        related = ((workflow.function,) if workflow.function else ()) + approvers
        yield Finding(
            subject=workflow.id,
            message=f"{workflow.id} needs {len(approvers)} approvers (> {limit})",
            fix=(
                f"Keep at most {limit} approvers with one final decision owner; move "
                f"{enumerate_ids(extra)} to the function's input or review owners so their "
                "view is collected before the work starts."
            ),
            related=related,
        )


def _movable(org: Org, function_id: str | None, approvers: tuple[str, ...]) -> list[str]:
    """Approvers who could give input or review instead, most likely first.

    The one who starts the work (first), the final approver (last) and the function's
    decision owners stay; the function's input and review owners are the first to move,
    then the others from the end of the chain backwards.
    """
    function = org.by_id.get(function_id or "")
    owners = getattr(function, "owners", None)
    decision = set(getattr(owners, "decision", ()))
    consulted = set(getattr(owners, "input", ())) | set(getattr(owners, "review", ()))
    candidates = [a for a in approvers[1:-1] if a not in decision]
    candidates.reverse()
    return [a for a in candidates if a in consulted] + [a for a in candidates if a not in consulted]
