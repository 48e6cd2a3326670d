"""OD204 long-handoff-chain: work that passes through too many functions."""

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
class HandoffOptions:
    max_handoffs: int = attrs.field(default=3, validator=attrs.validators.ge(1))


@rule(code="OD204", slug="long-handoff-chain", severity="warning", options=HandoffOptions)
def long_handoff_chain(
    org: Org, graph: nx.MultiDiGraph, options: HandoffOptions
) -> Iterator[Finding]:
    """Flags a workflow that passes through more than `max_handoffs` distinct functions.

    ## What it does
    Counts the distinct functions in each workflow's `handoffs` and reports the workflow
    when there are more than `max_handoffs` (3 by default).

    ## Why is this bad?
    Every handoff is a queue and a loss of context: the demand team waits on content,
    content waits on product marketing, product marketing waits on sales. Work that crosses
    many functions loses momentum at each step, and everyone stays busy while nothing ships.
    When this is common, the structure, not the team, is the bottleneck.

    ## Example
    ```yaml
    workflows:
      - id: campaign-launch
        handoffs: [product-marketing, content, design, web, demand-gen]
    ```

    ## Use instead
    Give one team the skills the work needs end to end (for example a campaign pod with
    its own writer and designer):
    ```yaml
    workflows:
      - id: campaign-launch
        handoffs: [product-marketing, campaign-pod]
    ```

    ## Options
    - `max_handoffs` (whole number, default 3): the most distinct functions a workflow may
      pass through.
    """
    limit = options.max_handoffs
    for workflow in org.workflows:
        functions = tuple(dict.fromkeys(workflow.handoffs))
        if len(functions) <= limit:
            continue
        yield Finding(
            subject=workflow.id,
            message=f"{workflow.id} passes through {len(functions)} functions (> {limit})",
            fix=(
                f"Cut the handoffs between {enumerate_ids(functions)} to {limit} or fewer, "
                "for example by giving one team the skills the work needs end to end."
            ),
            related=functions,
        )
