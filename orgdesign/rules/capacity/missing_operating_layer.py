"""OD504 missing-operating-layer: an operating rhythm with a layer left out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import LAYERS, Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import org_subject

if TYPE_CHECKING:
    import networkx as nx

_PURPOSE = {
    "strategy": "ICP, positioning, offer and growth thesis",
    "roadmap": "the 90-day priorities, owners and budget",
    "execution": "campaigns, content, enablement and experiments",
    "learning": "the dashboard, sales feedback and decision review",
    "governance": "who can stop, start or change priorities",
}


@rule(
    code="OD504",
    slug="missing-operating-layer",
    severity="warning",
    scope="org",
    needs=("cadences",),
    section="cadences",
)
def missing_operating_layer(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags each operating layer (strategy, roadmap, execution, learning, governance) with no
    cadence.

    ## What it does
    Looks at the `layer` of every cadence and reports each of the five layers that none
    covers, one finding per missing layer, on the marketing leader (or `org`). Silent when
    the file has no cadences at all: the rhythm is then simply not described.

    ## Why is this bad?
    A marketing operating model needs all of its layers. Strategy without execution becomes
    a deck; execution without strategy becomes noise; reporting without a decision review
    becomes theatre; and without governance nobody knows who may stop, start or change a
    priority, so everything is reopened in every meeting.

    ## Example
    ```yaml
    cadences:
      - {id: weekly-team, layer: execution, owner: cmo}
      - {id: monthly-review, layer: learning, owner: cmo}
    ```

    ## Use instead
    ```yaml
    cadences:
      - {id: quarterly-strategy, layer: strategy, owner: cmo}
      - {id: monthly-roadmap, layer: roadmap, owner: cmo}
      - {id: weekly-team, layer: execution, owner: cmo}
      - {id: monthly-review, layer: learning, owner: cmo}
      - {id: quarterly-governance, layer: governance, owner: cmo}
    ```

    ## Options
    This rule has no options.
    """
    covered = {cadence.layer for cadence in org.cadences}
    subject = org_subject(org)
    for layer in LAYERS:
        if layer in covered:
            continue
        yield Finding(
            subject=subject,
            message=f"no {layer} cadence: nothing in the rhythm covers {_PURPOSE[layer]}",
            fix=f"Add a cadence with layer: {layer}, an owner and the people who decide there.",
        )
