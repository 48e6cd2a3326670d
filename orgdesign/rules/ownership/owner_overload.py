"""OD105 owner-overload: one person holds the decision on too many functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.model import Org, Person
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import enumerate_ids, live_owners

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class OverloadOptions:
    max_functions: int = attrs.field(default=4, validator=attrs.validators.ge(1))


@rule(code="OD105", slug="owner-overload", severity="warning", options=OverloadOptions)
def owner_overload(org: Org, graph: nx.MultiDiGraph, options: OverloadOptions) -> Iterator[Finding]:
    """Flags a person who is decision owner of more than `max_functions` functions.

    ## What it does
    Counts, for each person, the functions that list them under `owners.decision`, and
    reports the person when the count is above `max_functions` (4 by default).

    ## Why is this bad?
    Every decision owned is a queue at that person's desk. A leader who decides on most of
    the functions becomes the bottleneck the structure was meant to remove: work waits for
    their time, and the leads below them never build the judgement to decide themselves.

    ## Example
    ```yaml
    functions:
      - {id: demand-gen, owners: {decision: cmo, execution: dg-lead}}
      - {id: content, owners: {decision: cmo, execution: writer}}
      - {id: brand, owners: {decision: cmo, execution: designer}}
      - {id: events, owners: {decision: cmo, execution: events-lead}}
      - {id: web, owners: {decision: cmo, execution: web-lead}}
    ```

    ## Use instead
    ```yaml
    functions:
      - {id: demand-gen, owners: {decision: dg-lead, execution: dg-manager, review: [cmo]}}
      - {id: content, owners: {decision: content-lead, execution: writer, review: [cmo]}}
    ```

    ## Options
    - `max_functions` (whole number, default 4): the most functions one person may decide on.
    """
    decided: dict[str, list[str]] = {}
    for function in org.functions:
        for owner in dict.fromkeys(live_owners(org, function.owners.decision)):
            decided.setdefault(owner, []).append(function.id)
    limit = options.max_functions
    for owner, functions in decided.items():
        if len(functions) <= limit or not isinstance(org.by_id.get(owner), Person):
            continue
        yield Finding(
            subject=owner,
            message=f"{owner} is decision owner of {len(functions)} functions (> {limit})",
            fix=(
                f"Hand the decision on some of {enumerate_ids(functions)} to the leads who run "
                f"them, keeping {owner} as reviewer, so {owner} decides on at most {limit}."
            ),
            related=tuple(functions),
        )
