"""OD107 unowned-system: a martech system nobody owns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import person

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD107", slug="unowned-system", severity="warning")
def unowned_system(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a system of the martech stack with no owner, or an open role as owner.

    ## What it does
    Reports each entry under `systems:` whose `owner` is missing or is a vacant role.

    ## Why is this bad?
    A CRM or automation platform that is everyone's job drifts: fields multiply, definitions
    diverge, integrations break silently, and the reports built on it stop being trusted.
    Someone has to own the data model, the access and the changes.

    ## Example
    ```yaml
    systems:
      - {id: crm, name: HubSpot CRM, kind: crm}
    ```

    ## Use instead
    ```yaml
    systems:
      - {id: crm, name: HubSpot CRM, kind: crm, owner: ops-lead}
    ```

    ## Options
    This rule has no options.
    """
    for system in org.systems:
        owner = person(org, system.owner)
        if system.owner is None:
            message, related = f"{system.id} has no owner", ()
        elif owner is not None and owner.vacant:
            message = f"{system.id} is owned by {owner.id}, an open role"
            related = (owner.id,)
        else:
            continue
        yield Finding(
            subject=system.id,
            message=message,
            fix=f"Name the person who owns {system.id}'s data, access and changes (owner: ...).",
            related=related,
        )
