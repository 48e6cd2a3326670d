"""OD101 orphaned-function: a function nobody decides on or nobody carries out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, live_owners, vacant_people

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD101", slug="orphaned-function", severity="error")
def orphaned_function(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a function with no decision owner or no execution owner.

    ## What it does
    Checks every function under `functions:` for an `owners.decision` and an
    `owners.execution`. An open role (`vacant: true`) counts as no owner, because nobody
    sitting in it can approve or deliver anything yet.

    ## Why is this bad?
    A function that must be controlled but belongs to nobody is the classic gap of teams built
    around job titles: the work still happens, or stops, by accident. Without a decision owner
    there is no one who can approve or stop the work, so reviews loop; without an execution
    owner there is no one accountable for delivery.

    ## Example
    ```yaml
    functions:
      - id: content
        kind: content
        owners:
          decision: cmo
          execution: content-hire   # vacant: true
    ```

    ## Use instead
    ```yaml
    functions:
      - id: content
        kind: content
        owners:
          decision: cmo
          execution: content-lead   # a person in the seat, or an agency managed internally
    ```

    ## Options
    This rule has no options.
    """
    for function in org.functions:
        owners = function.owners
        missing = []
        vacant: list[str] = []
        for role in ("decision", "execution"):
            ids = getattr(owners, role)
            if not live_owners(org, ids):
                missing.append(role)
                vacant.extend(vacant_people(org, ids))
        if not missing:
            continue
        what = " and no ".join(missing)
        message = f"{function.id} has no {what} owner"
        if vacant:
            verb = "is an open role" if len(vacant) == 1 else "are open roles"
            message += f" ({enumerate_ids(vacant)} {verb})"
        fix = (
            f"Name one person as {' and one as '.join(missing)} owner of {function.id}"
            + (f", or fill {enumerate_ids(vacant)}" if vacant else "")
            + "."
        )
        yield Finding(
            subject=function.id,
            message=message,
            fix=fix,
            related=tuple(dict.fromkeys(i for _role, i in owners)),
        )
