"""OD501 brand-demand-imbalance: all harvest and no planting, or the reverse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.measures import brand_and_demand_fte
from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import org_subject, share

if TYPE_CHECKING:
    import networkx as nx


def _check_bounds(instance: BalanceOptions, attribute: attrs.Attribute, value: float) -> None:  # type: ignore[type-arg]
    if not 0.0 <= instance.min_brand <= instance.max_brand <= 1.0:
        raise ValueError("need 0 <= min_brand <= max_brand <= 1")


@attrs.frozen
class BalanceOptions:
    min_brand: float = attrs.field(default=0.4)
    max_brand: float = attrs.field(default=0.6, validator=_check_bounds)


@rule(
    code="OD501",
    slug="brand-demand-imbalance",
    severity="warning",
    options=BalanceOptions,
    scope="org",
    section="functions",
)
def brand_demand_imbalance(
    org: Org, graph: nx.MultiDiGraph, options: BalanceOptions
) -> Iterator[Finding]:
    """Flags a brand share of brand-plus-demand FTE outside [`min_brand`, `max_brand`].

    ## What it does
    Adds up the FTE on brand-side functions (kinds brand, content, communications) and on
    demand-side functions (demand-gen, paid-media, abm, events, campaign-execution). FTE
    comes from `allocation` (share x capacity), or else a person's capacity split over the
    functions they execute; open roles count nothing. The brand share of the two together is
    reported when it is below `min_brand` (0.4) or above `max_brand` (0.6). Silent when no
    FTE sits on either side.

    ## Why is this bad?
    A team built only to capture demand harvests the buyers already in market, a finite
    pool, quarter after quarter, and growth stalls. A team built only on brand never turns
    familiarity into pipeline. Practitioners put roughly 40 to 60 percent of resource on
    longer-term brand and content and the rest on demand capture, depending on sales cycle
    and brand awareness; the structural point is dedicated, accountable people on both sides.

    ## Example
    ```yaml
    people:
      - {id: a, allocation: {demand-gen: 1.0}}
      - {id: b, allocation: {paid: 1.0}}
      - {id: c, allocation: {content: 0.5, demand-gen: 0.5}}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: a, allocation: {demand-gen: 1.0}}
      - {id: b, allocation: {brand: 1.0}}
      - {id: c, allocation: {content: 0.5, demand-gen: 0.5}}
    ```

    ## Options
    - `min_brand` (number from 0 to 1, default 0.4): the smallest brand share accepted.
    - `max_brand` (number from 0 to 1, default 0.6): the largest brand share accepted.
    """
    brand, demand = brand_and_demand_fte(org)
    total = brand + demand
    if total <= 0:
        return
    ratio = brand / total
    low, high = options.min_brand, options.max_brand
    # Round like the message so that 0.4 written as shares is never "below 0.4".
    if low <= round(ratio, 6) <= high:
        return
    where = f"below {share(low)}" if ratio < low else f"above {share(high)}"
    side, other = ("brand", "demand") if ratio < low else ("demand", "brand")
    yield Finding(
        subject=org_subject(org),
        message=(
            f"brand gets {share(ratio)} of brand and demand FTE ({share(brand)} of "
            f"{share(total)}), {where}"
        ),
        fix=(
            f"Move capacity from {other} to {side} functions (allocation) until brand holds "
            f"between {share(low)} and {share(high)} of the two."
        ),
    )
