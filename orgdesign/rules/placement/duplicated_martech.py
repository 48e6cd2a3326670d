"""OD307 duplicated-martech: regional copies of systems with their own data definitions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org, System
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD307", slug="duplicated-martech", severity="warning")
def duplicated_martech(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags two or more systems of one kind when at least one is a segment instance.

    ## What it does
    Groups `systems:` by kind (ignoring `other`). Where a kind has two or more systems and
    at least one has a `segment`, each segment instance is reported, naming the others.

    ## Why is this bad?
    Regional CRMs and automation instances each grow their own fields, stages and
    definitions of a qualified lead. Numbers stop adding up across segments, attribution
    breaks at the seams, and every integration has to be built twice. Fewer tools, better
    integrated and with clean data, beat a sprawling stack nobody fully understands.

    ## Example
    ```yaml
    systems:
      - {id: salesforce, kind: crm, owner: ops-lead}
      - {id: emea-hubspot, kind: crm, owner: emea-lead, segment: EMEA}
    ```

    ## Use instead
    ```yaml
    systems:
      - {id: salesforce, kind: crm, owner: ops-lead}
    ```

    ## Options
    This rule has no options.
    """
    by_kind: dict[str, list[System]] = {}
    for system in org.systems:
        if system.kind and system.kind != "other":
            by_kind.setdefault(system.kind, []).append(system)
    for kind, systems in by_kind.items():
        if len(systems) < 2:
            continue
        for system in systems:
            if system.segment is None:
                continue
            others = [s.id for s in systems if s is not system]
            yield Finding(
                subject=system.id,
                message=(
                    f"{system.id} is a separate {kind} for {system.segment} next to "
                    f"{enumerate_ids(others)}"
                ),
                fix=(
                    f"Migrate {system.segment} onto {others[0]} with shared definitions, and "
                    f"retire {system.id}."
                ),
                related=tuple(others),
            )
