"""OD701 series-a-core-unowned: a series-A team missing one of its core functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import live_owners, org_subject

if TYPE_CHECKING:
    import networkx as nx

CORE = {
    "demand-gen": "demand generation",
    "content": "content",
    "product-marketing": "product marketing",
    "marketing-ops": "marketing operations",
}


@rule(
    code="OD701",
    slug="series-a-core-unowned",
    severity="warning",
    scope="org",
    needs=("functions",),
    section="functions",
)
def series_a_core_unowned(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a series-A org whose demand generation, content, product marketing or marketing
    operations has no owner.

    ## What it does
    When `org.stage` is `series-a`, looks for a function of each core kind (`demand-gen`,
    `content`, `product-marketing`, `marketing-ops`) with a decision or execution owner who
    is not an open role. Each core kind without one is reported once, on the marketing
    leader (or `org`). Other stages are not judged.

    ## Why is this bad?
    After a series A the job changes from finding a signal to building a repeatable engine.
    That engine needs its first specialists in demand generation, content and product
    marketing, and someone who puts the CRM, automation and KPIs in place. A core function
    that nobody owns at this stage is the gap the next quarter's pipeline falls through.

    ## Example
    ```yaml
    org: {stage: series-a}
    functions:
      - {id: demand-gen, kind: demand-gen, owners: {decision: vp, execution: dg-manager}}
      - {id: content, kind: content, owners: {decision: vp, execution: writer}}
    ```

    ## Use instead
    ```yaml
    functions:
      - {id: pmm, kind: product-marketing, owners: {decision: vp, execution: pmm-lead}}
      - {id: mops, kind: marketing-ops, owners: {decision: vp, execution: ops-lead}}
    ```

    ## Options
    This rule has no options.
    """
    if org.stage != "series-a":
        return
    owned = {
        function.kind
        for function in org.functions
        if live_owners(org, (*function.owners.decision, *function.owners.execution))
    }
    subject = org_subject(org)
    for kind, words in CORE.items():
        if kind in owned:
            continue
        yield Finding(
            subject=subject,
            message=f"a series-A org with no owned {words} function (kind {kind})",
            fix=(
                f"Add a function of kind {kind} with a decision owner and an execution owner "
                "(a hire, or a partner managed internally)."
            ),
        )
