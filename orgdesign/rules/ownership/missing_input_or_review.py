"""OD106 missing-input-or-review: a function nobody informs or checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, live_owners, open_role_phrase, vacant_people

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD106", slug="missing-input-or-review", severity="info")
def missing_input_or_review(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags a function with no input owner or no review owner.

    ## What it does
    Checks every function for at least one `owners.input` and one `owners.review`; an open
    role counts as no one. Reported at `info` severity.

    ## Why is this bad?
    The input owner brings the business, sales or technical context before work starts; the
    review owner checks quality before launch or handoff. Without the first, execution runs
    on assumptions and gets redone; without the second, problems surface after the work is
    already hard to change. Naming both is what lets the decision owner stay the only
    approver.

    ## Example
    ```yaml
    functions:
      - id: content
        owners: {decision: content-lead, execution: writer}
    ```

    ## Use instead
    ```yaml
    functions:
      - id: content
        owners: {decision: content-lead, execution: writer, input: [pmm-lead], review: [brand-lead]}
    ```

    ## Options
    This rule has no options.
    """
    for function in org.functions:
        missing = [
            role
            for role in ("input", "review")
            if not live_owners(org, getattr(function.owners, role))
        ]
        if not missing:
            continue
        # Written but open: say so, rather than "no owner" as if nothing were written.
        notes = [open_role_phrase(org, role, getattr(function.owners, role)) for role in missing]
        notes = [note for note in notes if note]
        vacant = vacant_people(org, (i for r in missing for i in getattr(function.owners, r)))
        fill = f", or fill {enumerate_ids(dict.fromkeys(vacant))}" if vacant else ""
        yield Finding(
            subject=function.id,
            message=(
                f"{function.id} has no {' and no '.join(missing)} owner"
                + (f" ({'; '.join(notes)})" if notes else "")
            ),
            fix=(
                f"Name who gives {function.id} its context before work starts (input) and "
                f"who checks quality before launch (review){fill}."
                if len(missing) == 2
                else f"Name {'an' if missing[0] == 'input' else 'a'} {missing[0]} owner for "
                f"{function.id}{fill}."
            ),
            related=tuple(dict.fromkeys(owner for _role, owner in function.owners)),
        )
