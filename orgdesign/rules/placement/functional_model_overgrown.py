"""OD306 functional-model-overgrown: a discipline-based team grown past its scale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.graph import marketing_leader, marketing_people
from orgdesign.model import Org
from orgdesign.rules import Finding, rule

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class HeadcountOptions:
    max_headcount: int = attrs.field(default=15, validator=attrs.validators.ge(1))


@rule(
    code="OD306",
    slug="functional-model-overgrown",
    severity="warning",
    options=HeadcountOptions,
    scope="org",
)
def functional_model_overgrown(
    org: Org, graph: nx.MultiDiGraph, options: HeadcountOptions
) -> Iterator[Finding]:
    """Flags a functional structure with more than `max_headcount` marketing people.

    ## What it does
    When `org.structure` is `functional`, counts the marketing people (the leader and every
    filled role below them) and reports the org, on the leader, when there are more than
    `max_headcount` (15 by default). Silent without a marketing leader.

    ## Why is this bad?
    Discipline teams (demand generation, content, product marketing, brand, operations)
    work well up to about ten to fifteen people selling one focused product. Past that the
    coordination overhead takes over: demand waits on content, content on product
    marketing, product marketing on sales, and everyone is busy while little moves. Adding
    people to a coordination problem makes it worse; a hybrid model with central operations
    and segment-aligned execution scales further.

    ## Example
    ```yaml
    org: {structure: functional, leader: cmo}
    # ... with 18 people below the CMO
    ```

    ## Use instead
    ```yaml
    org: {structure: hybrid, leader: cmo}
    ```

    ## Options
    - `max_headcount` (whole number, default 15): the most marketing people a functional
      structure may have.
    """
    if org.structure != "functional":
        return
    leader = marketing_leader(org)
    if leader is None:
        return
    count = len(marketing_people(org, graph))
    limit = options.max_headcount
    if count <= limit:
        return
    yield Finding(
        subject=leader.id,
        message=f"a functional structure with {count} marketing people (> {limit})",
        fix=(
            "Move to a hybrid model: keep brand, operations and data central and align "
            "execution teams to segments, before adding more people."
        ),
    )
