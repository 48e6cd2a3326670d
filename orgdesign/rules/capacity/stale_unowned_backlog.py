"""OD503 stale-unowned-backlog: briefs waiting too long with nobody holding them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import live_owners, open_role_note

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class BacklogOptions:
    max_age_days: int = attrs.field(default=14, validator=attrs.validators.ge(0))


@rule(code="OD503", slug="stale-unowned-backlog", severity="warning", options=BacklogOptions)
def stale_unowned_backlog(
    org: Org, graph: nx.MultiDiGraph, options: BacklogOptions
) -> Iterator[Finding]:
    """Flags a backlog item with no owner that is older than `max_age_days`.

    ## What it does
    Reports each entry under `backlog:` whose `owner` is missing (or an open role) and whose
    `age_days` is above `max_age_days` (14 by default, two weeks).

    ## Why is this bad?
    A brief that has sat for more than two weeks without a clear owner is a symptom of the
    structure, not of one busy person: intake has no owner, or the functions it could
    belong to each assume another will pick it up. One such item is a process slip; a
    pattern of them means the org is adding work faster than it assigns it.

    ## Example
    ```yaml
    backlog:
      - {id: brief-ebook-q3, function: content, age_days: 20}
    ```

    ## Use instead
    ```yaml
    backlog:
      - {id: brief-ebook-q3, function: content, owner: writer, age_days: 20}
    ```

    ## Options
    - `max_age_days` (whole number, default 14): the oldest an unowned item may get.
    """
    limit = options.max_age_days
    for item in org.backlog:
        if item.age_days <= limit or live_owners(org, (item.owner,) if item.owner else ()):
            continue
        who = f" (the {item.function} function's decision owner)" if item.function else ""
        note = open_role_note(org, (item.owner,) if item.owner else ())
        fill = f", fill {item.owner}" if note else ""
        yield Finding(
            subject=item.id,
            message=f"{item.id} has no owner{note} and is {item.age_days} days old (> {limit})",
            fix=f"Assign {item.id} to one person{who}{fill}, or close it if nobody will do it.",
            related=(item.function,) if item.function else (),
        )
