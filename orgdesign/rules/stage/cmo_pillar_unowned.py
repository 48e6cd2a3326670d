"""OD702 cmo-pillar-unowned: one of the five pillars of marketing leadership owned by nobody."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import PILLARS, Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import live_owners

if TYPE_CHECKING:
    import networkx as nx

#: The pillar a function of each canonical kind serves when it names none itself.
PILLAR_OF_KIND = {
    "product-marketing": "market-intelligence",
    "brand": "brand-positioning",
    "communications": "brand-positioning",
    "demand-gen": "revenue-architecture",
    "abm": "revenue-architecture",
    "revops": "revenue-architecture",
    "marketing-ops": "data-technology",
    "analytics": "data-technology",
    "leadership": "team-alignment",
}
_WORDS = {
    "market-intelligence": "market and customer intelligence (ICP, buyer journeys, competitors)",
    "brand-positioning": "brand and positioning (the narrative and its consistency)",
    "revenue-architecture": "revenue architecture (the demand engine and pipeline targets)",
    "data-technology": "data and technology (the stack, KPIs and one source of truth)",
    "team-alignment": "team and organisational alignment (talent, sales and product ties)",
}


@rule(
    code="OD702",
    slug="cmo-pillar-unowned",
    severity="warning",
    scope="org",
    needs=("functions",),
    section="functions",
)
def cmo_pillar_unowned(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags each of the five pillars of marketing leadership that no owned function serves.

    ## What it does
    Maps every function to the pillars it serves: those in its `pillars`, else the one its
    kind implies (product-marketing: market-intelligence; brand, communications:
    brand-positioning; demand-gen, abm, revops: revenue-architecture; marketing-ops,
    analytics: data-technology; leadership: team-alignment). A pillar served by no function
    with a decision owner (not an open role) is reported, once per pillar, on the marketing
    leader. Judged only when `org.stage` is set: a file that states the company's stage is
    taken to describe the whole marketing organisation, while one that does not may be a
    partial view. Silent without a marketing leader or without functions.

    ## Why is this bad?
    A marketing leader's mandate rests on five pillars: understanding the market and the
    customer, owning the brand and its positioning, designing the revenue engine, running
    the data and technology it depends on, and building a team aligned with sales and
    product. A pillar nobody owns is decided by default, usually by whoever shouts loudest
    or by an agency's channel plan.

    ## Example
    ```yaml
    org: {stage: series-a, leader: cmo}
    functions:
      - {id: demand-gen, kind: demand-gen, owners: {decision: cmo}}
      - {id: brand, kind: brand, owners: {decision: cmo}}
    ```

    ## Use instead
    ```yaml
    functions:
      - {id: demand-gen, kind: demand-gen, owners: {decision: cmo}}
      - {id: brand, kind: brand, owners: {decision: cmo}}
      - {id: pmm, kind: product-marketing, owners: {decision: pmm-lead}}
      - {id: mops, kind: marketing-ops, owners: {decision: cmo}}
      - {id: team, kind: leadership, owners: {decision: cmo}, pillars: [team-alignment]}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    if org.stage is None or leader is None:
        return
    served: set[str] = set()
    for function in org.functions:
        if not live_owners(org, function.owners.decision):
            continue
        pillars = function.pillars or (
            (PILLAR_OF_KIND[function.kind],) if function.kind in PILLAR_OF_KIND else ()
        )
        served.update(pillars)
    for pillar in PILLARS:
        if pillar in served:
            continue
        yield Finding(
            subject=leader.id,
            message=f"no owned function serves the {pillar} pillar: {_WORDS[pillar]}",
            fix=(
                f"Give a function with a decision owner the {pillar} pillar (pillars: "
                f"[{pillar}]), or add one of the kind that serves it."
            ),
        )
