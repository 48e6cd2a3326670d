"""OD304 centralisation-mismatch: central what must be consistent, local what must be fast."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx

CENTRAL_KINDS = frozenset({"brand", "marketing-ops", "analytics"})
LOCAL_KINDS = frozenset({"events", "abm", "campaign-execution"})


@rule(code="OD304", slug="centralisation-mismatch", severity="warning")
def centralisation_mismatch(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags central functions placed per segment, and market-facing ones held central.

    ## What it does
    Judges `placement` only where it is written. A `brand`, `marketing-ops` or `analytics`
    function placed per `segment` is reported; so is an `events`, `abm` or
    `campaign-execution` function placed `central` in an org whose structure is `segment`
    or `hybrid`.

    ## Why is this bad?
    The useful question is not centralised or not, but where decisions need to be quick and
    who has the context. Brand standards, technology and data need consistency and scale,
    so they sit centrally; campaign execution, events and account-based programmes need
    speed and relevance, so they sit near the market. The common mistake is the reverse: a
    central team that bottlenecks every campaign, and regions running their own data.

    ## Example
    ```yaml
    org: {structure: hybrid}
    functions:
      - {id: emea-analytics, kind: analytics, placement: segment}
      - {id: events, kind: events, placement: central}
    ```

    ## Use instead
    ```yaml
    functions:
      - {id: analytics, kind: analytics, placement: central}
      - {id: emea-events, kind: events, placement: segment}
    ```

    ## Options
    This rule has no options.
    """
    segmented = org.structure in ("segment", "hybrid")
    for function in org.functions:
        if function.kind in CENTRAL_KINDS and function.placement == "segment":
            yield Finding(
                subject=function.id,
                message=(
                    f"{function.id} ({function.kind}) is placed per segment; it needs one "
                    "consistent owner across segments"
                ),
                fix=(
                    f"Hold {function.id} centrally (placement: central) and let segments "
                    "give input."
                ),
            )
        elif segmented and function.kind in LOCAL_KINDS and function.placement == "central":
            yield Finding(
                subject=function.id,
                message=(
                    f"{function.id} ({function.kind}) is held central in a {org.structure} "
                    "org; it needs to be close to each segment's buyers"
                ),
                fix=(
                    f"Place {function.id} in the segment teams (placement: segment) and keep "
                    "the shared standards central."
                ),
            )
