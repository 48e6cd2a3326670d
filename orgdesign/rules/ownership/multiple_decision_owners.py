"""OD102 multiple-decision-owners: a function with more than one person who can say no."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, live_owners

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD102", slug="multiple-decision-owners", severity="warning")
def multiple_decision_owners(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a function with more than one decision owner.

    ## What it does
    Counts the distinct ids under each function's `owners.decision` and reports the function
    when there is more than one.

    ## Why is this bad?
    The decision owner is the one who can approve or stop the work. Two of them means that
    either can block it and neither is accountable for the call, so disagreements turn into
    review loops that nobody has the authority to end. Everyone else with a stake belongs in
    input or review.

    ## Example
    ```yaml
    functions:
      - id: content
        owners: {decision: [cmo, pmm-lead], execution: writer}
    ```

    ## Use instead
    ```yaml
    functions:
      - id: content
        owners: {decision: cmo, execution: writer, input: [pmm-lead]}
    ```

    ## Options
    This rule has no options.
    """
    for function in org.functions:
        owners = tuple(dict.fromkeys(live_owners(org, function.owners.decision)))
        if len(owners) <= 1:
            continue
        yield Finding(
            subject=function.id,
            message=(
                f"{function.id} has {len(owners)} decision owners ({enumerate_ids(owners)}); "
                "one is expected"
            ),
            fix=(
                f"Keep one of {enumerate_ids(owners)} as the decision owner of {function.id} "
                "and move the others to input or review."
            ),
            related=owners,
        )
