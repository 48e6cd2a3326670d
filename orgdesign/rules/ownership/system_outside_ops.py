"""OD108 system-outside-ops: core revenue systems owned away from marketing operations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, runners_of_kinds

if TYPE_CHECKING:
    import networkx as nx

CORE_KINDS = frozenset({"crm", "marketing-automation", "web-analytics", "bi", "attribution"})
OPS_KINDS = frozenset({"marketing-ops", "revops"})


@rule(code="OD108", slug="system-outside-ops", severity="warning")
def system_outside_ops(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a core revenue system owned outside marketing operations.

    ## What it does
    For each system of kind `crm`, `marketing-automation`, `web-analytics`, `bi` or
    `attribution` with an owner, checks that the owner is the marketing leader or the runner
    of a `marketing-ops` or `revops` function. Systems without an owner are left to
    unowned-system (OD107).

    ## Why is this bad?
    These systems are the data architecture that connects marketing activity to pipeline.
    Owned by a campaign manager or a regional lead, each one is shaped around that team's
    needs: fields and definitions drift apart, and attribution stops adding up. Marketing
    operations owns the stack so that one model of the data holds across it.

    ## Example
    ```yaml
    functions:
      - {id: mops, kind: marketing-ops, owners: {decision: cmo, execution: ops-lead}}
    systems:
      - {id: automation, kind: marketing-automation, owner: dg-manager}
    ```

    ## Use instead
    ```yaml
    systems:
      - {id: automation, kind: marketing-automation, owner: ops-lead}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    allowed = runners_of_kinds(org, OPS_KINDS)
    if leader is not None:
        allowed.add(leader.id)
    runners = sorted(allowed - {leader.id} if leader is not None else allowed)
    for system in org.systems:
        if system.kind not in CORE_KINDS or system.owner is None or system.owner in allowed:
            continue
        to = f"to {enumerate_ids(runners)}" if runners else "to the runner of marketing ops"
        named = system.id if system.id == system.kind else f"{system.id} ({system.kind})"
        yield Finding(
            subject=system.id,
            message=(
                f"{named} is owned by {system.owner}, who neither leads marketing nor runs "
                "marketing ops or revops"
            ),
            fix=f"Move the ownership of {system.id} {to}; {system.owner} can stay a main user.",
            related=(system.owner,),
        )
