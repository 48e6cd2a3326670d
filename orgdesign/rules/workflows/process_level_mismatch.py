"""OD203 process-level-mismatch: too little process for risky work, or too much for safe work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD203", slug="process-level-mismatch", severity="warning")
def process_level_mismatch(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags risky work run with a lightweight process, or safe work run with a detailed one.

    ## What it does
    Reads each workflow's `process` and `affects`. A `lightweight` process on work that
    affects budget, lead quality, strategy, tracking or the sales handoff is reported, and
    so is a `detailed` process on work that affects none of them. Workflows without a
    `process` are not judged.

    ## Why is this bad?
    Process should match risk. Too loose on work that moves budget, tracking or what sales
    receives creates confusion and mistakes that are expensive to undo; too heavy on a
    routine, low-risk update creates delay for nothing. Both are the structure failing the
    team, not the people.

    ## Example
    ```yaml
    workflows:
      - {id: utm-changes, affects: [tracking], process: lightweight}
      - {id: blog-typo-fix, process: detailed}
    ```

    ## Use instead
    ```yaml
    workflows:
      - {id: utm-changes, affects: [tracking], process: standard}
      - {id: blog-typo-fix, process: lightweight}
    ```

    ## Options
    This rule has no options.
    """
    for workflow in org.workflows:
        if workflow.process == "lightweight" and workflow.affects:
            affects = enumerate_ids(workflow.affects)
            yield Finding(
                subject=workflow.id,
                message=f"{workflow.id} affects {affects} but runs a lightweight process",
                fix=(
                    f"Give {workflow.id} a standard process (review and coordination), or a "
                    "detailed one where it moves budget, lead quality or strategy."
                ),
            )
        elif workflow.process == "detailed" and not workflow.affects:
            yield Finding(
                subject=workflow.id,
                message=(
                    f"{workflow.id} runs a detailed process but affects no budget, lead "
                    "quality, strategy, tracking or sales handoff"
                ),
                fix=(
                    f"Run {workflow.id} as lightweight or standard, or list what it affects "
                    "if it does touch budget, lead quality, strategy, tracking or handoff."
                ),
            )
