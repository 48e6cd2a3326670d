"""OD302 pmm-content-drift: product marketing turned into a content production service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.model import Org, Person
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import enumerate_ids, functions_of_kind, share

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class DriftOptions:
    max_content_share: float = attrs.field(
        default=0.3, validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)]
    )


@rule(code="OD302", slug="pmm-content-drift", severity="warning", options=DriftOptions)
def pmm_content_drift(org: Org, graph: nx.MultiDiGraph, options: DriftOptions) -> Iterator[Finding]:
    """Flags product marketing people who spend their time producing content.

    ## What it does
    Product-marketing people are those who execute a `product-marketing` function or have an
    `allocation` to one. For each of them, the rule adds up their allocation shares to
    `content` functions. A product-marketing function is reported when one of its people has
    a content share above `max_content_share` (0.3 by default), or executes a content function.
    Open roles are nobody elsewhere, but not here: an open product-marketing role's
    allocation is the plan for the hire, and one that drifts into content is reported as
    planned drift.

    ## Why is this bad?
    Product marketing is usually one or two people expected to own positioning, competitive
    intelligence, win-loss research and sales enablement. When demand generation keeps asking
    them for assets, that strategic work is what quietly disappears. The protection is
    structural: a product-marketing scope without content production, and a separate content
    resource for the asset volume.

    ## Example
    ```yaml
    people:
      - id: pmm-lead
        allocation: {pmm: 0.4, blog: 0.6}
    functions:
      - {id: pmm, kind: product-marketing, owners: {decision: cmo, execution: pmm-lead}}
      - {id: blog, kind: content, owners: {decision: cmo, execution: pmm-lead}}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: pmm-lead, allocation: {pmm: 1.0}}
      - {id: writer, allocation: {blog: 1.0}}
    functions:
      - {id: pmm, kind: product-marketing, owners: {decision: cmo, execution: pmm-lead}}
      - {id: blog, kind: content, owners: {decision: cmo, execution: writer}}
    ```

    ## Options
    - `max_content_share` (number from 0 to 1, default 0.3): the largest share of a
      product-marketing person's capacity that may go to content functions.
    """
    content = functions_of_kind(org, "content")
    if not content:
        return
    content_ids = {function.id for function in content}
    content_executors: dict[str, list[str]] = {}
    for function in content:
        for person_id in function.owners.execution:
            content_executors.setdefault(person_id, []).append(function.id)
    pmm_functions = functions_of_kind(org, "product-marketing")
    pmm_ids = {function.id for function in pmm_functions}
    # Function id -> people allocated to it, built in one pass (not people x functions).
    allocated: dict[str, list[Person]] = {}
    # Open roles count here, unlike anywhere else: their allocation is the plan for the hire,
    # and a plan that drifts into content is reported as planned drift.
    for person in org.people:
        for function_id in person.allocation:
            if function_id in pmm_ids:
                allocated.setdefault(function_id, []).append(person)
    by_id = org.by_id
    limit = options.max_content_share
    for function in pmm_functions:
        members = {person.id: person for person in allocated.get(function.id, ())}
        for person_id in function.owners.execution:
            person = by_id.get(person_id)
            if isinstance(person, Person):
                members.setdefault(person_id, person)
        # By id: the same message whatever the order of the people, the owners or the
        # allocations, and whichever way each person counts as product marketing.
        ordered = sorted(members.values(), key=lambda p: p.id)
        problems: list[str] = []
        drifting: list[str] = []
        touched: list[str] = []
        for person in ordered:
            reasons = _drift(person, content_ids, content_executors, limit, touched)
            if reasons:
                drifting.append(person.id)
                who = f"{person.id} (an open role) is planned to" if person.vacant else person.id
                problems.append(f"{who} {' and '.join(reasons)}")
        if not problems:
            continue
        yield Finding(
            subject=function.id,
            message=f"{function.id} drifts into content production: {'; '.join(problems)}",
            fix=(
                f"Take content production out of product marketing's scope: give "
                f"{enumerate_ids(dict.fromkeys(touched))} to a separate content owner and keep "
                f"{enumerate_ids(drifting)} at or below {share(limit)} of capacity on content."
            ),
            related=(*drifting, *dict.fromkeys(touched)),
        )


def _drift(
    person: Person,
    content_ids: set[str],
    content_executors: dict[str, list[str]],
    limit: float,
    touched: list[str],
) -> list[str]:
    reasons = []
    # An open role's drift is planned: "is planned to spend", not "spends".
    spend, execute = ("spend", "execute") if person.vacant else ("spends", "executes")
    allocated = [f for f in person.allocation if f in content_ids]
    total = sum(person.allocation[f] for f in allocated)
    if total > limit:
        reasons.append(f"{spend} {share(total)} of capacity on content (> {share(limit)})")
        touched.extend(allocated)
    executes = content_executors.get(person.id, [])
    if executes:
        noun = "function" if len(executes) == 1 else "functions"
        reasons.append(f"{execute} content {noun} {enumerate_ids(executes)}")
        touched.extend(executes)
    return reasons
