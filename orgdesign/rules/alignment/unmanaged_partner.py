"""OD403 unmanaged-partner: an external partner nobody in marketing manages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader, marketing_people
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import open_role_phrase

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD403", slug="unmanaged-partner", severity="warning")
def unmanaged_partner(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a partner with no internal manager, or managed by someone outside marketing.

    ## What it does
    Reports each partner without `managed_by`, or managed by an open role (nobody). When
    the org has a marketing leader, also reports partners managed by someone who is not
    among the marketing people (the leader and everyone below them).

    ## Why is this bad?
    Agencies and specialists are useful for defined execution under strong leadership. With
    nobody internal steering them against one roadmap, each pushes its own channel metrics
    and priorities, and the company pays for activity it cannot connect to its plan. The
    manager should sit in marketing, where the roadmap lives.

    ## Example
    ```yaml
    partners:
      - {id: northstar, name: Northstar Agency, kind: agency}
    ```

    ## Use instead
    ```yaml
    partners:
      - {id: northstar, name: Northstar Agency, kind: agency, managed_by: dg-lead}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    marketing = set(marketing_people(org, graph)) if leader is not None else set()
    for partner in org.partners:
        note = open_role_phrase(org, "managed_by", (partner.managed_by or "",))
        if partner.managed_by is None or note:
            yield Finding(
                subject=partner.id,
                message=f"{partner.id} has no internal manager{f' ({note})' if note else ''}",
                fix=(
                    f"Name the marketing person who manages {partner.id} against the roadmap "
                    "(managed_by: ...)" + (f", or fill {partner.managed_by}." if note else ".")
                ),
                related=(partner.managed_by,) if note else (),
            )
        elif leader is not None and partner.managed_by not in marketing:
            yield Finding(
                subject=partner.id,
                message=(
                    f"{partner.id} is managed by {partner.managed_by}, who is outside "
                    f"marketing (led by {leader.id})"
                ),
                fix=(
                    f"Have someone in marketing manage {partner.id}, so that it works to the "
                    "marketing roadmap."
                ),
                related=(partner.managed_by, leader.id),
            )
