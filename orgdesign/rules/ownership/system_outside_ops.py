"""OD108 system-outside-ops: core revenue systems owned away from marketing operations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, line, runner, vacant_people

if TYPE_CHECKING:
    import networkx as nx

CORE_KINDS = frozenset({"crm", "marketing-automation", "web-analytics", "bi", "attribution"})
OPS_KINDS = frozenset({"marketing-ops", "revops"})
#: Systems an analytics function may own as well as marketing ops.
ANALYTICS_KINDS = frozenset({"web-analytics", "bi", "attribution"})


@rule(code="OD108", slug="system-outside-ops", severity="warning", needs=("functions",))
def system_outside_ops(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags a core revenue system owned outside marketing operations.

    ## What it does
    For each system of kind `crm`, `marketing-automation`, `web-analytics`, `bi` or
    `attribution`, checks that its owner is the marketing leader or sits in the *line* of a
    `marketing-ops` or `revops` function: its runner, its execution owners (a team counting
    its members) or anyone who reports up to the runner. For `web-analytics`, `bi` and
    `attribution` the line of an `analytics` function counts too. The fix names the runner of
    marketing ops, never someone outside it. Systems with no owner, or owned by an open role,
    are left to unowned-system (OD107). Not judged when the file has no `functions:` section
    (a partial view, such as an HR import), since the ops line cannot be known.

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
    An analyst who reports to `ops-lead` may own it as well: they are in ops' line.

    ## Options
    This rule has no options.
    """
    if not any(system.kind in CORE_KINDS for system in org.systems):
        return  # nothing to judge: skip finding ops' line
    leader = marketing_leader(org)
    ops_line: set[str] = set()
    analytics_line: set[str] = set()
    runners: dict[str, None] = {}  # in file order, each once (a list's `in` is linear)
    for function in org.functions:
        if function.kind in OPS_KINDS:
            ops_line |= line(org, function)
            found = runner(org, function)
            if found is not None:
                runners[found.id] = None
        elif function.kind == "analytics":
            analytics_line |= line(org, function)
    if leader is not None:
        ops_line.add(leader.id)
        if leader.id in runners and len(runners) > 1:
            del runners[leader.id]
    ops_runners = list(runners)
    for system in org.systems:
        owner = system.owner
        # No owner, or an open role as owner, is unowned-system's (OD107) alone.
        if system.kind not in CORE_KINDS or owner is None or vacant_people(org, (owner,)):
            continue
        allowed = ops_line | analytics_line if system.kind in ANALYTICS_KINDS else ops_line
        if owner in allowed:
            continue
        to = (
            f"to {enumerate_ids(ops_runners)}, who runs marketing ops"
            if len(ops_runners) == 1
            else f"to one of {enumerate_ids(ops_runners)}, who run marketing ops"
            if ops_runners
            else "to whoever runs marketing ops (a marketing-ops function with an execution owner)"
        )
        whose = (
            "marketing ops, revops or analytics"
            if system.kind in ANALYTICS_KINDS
            else "marketing ops or revops"
        )
        named = system.id if system.id == system.kind else f"{system.id} ({system.kind})"
        yield Finding(
            subject=system.id,
            message=(
                f"{named} is owned by {owner}, who is neither the marketing leader nor in "
                f"the line of {whose}"
            ),
            fix=f"Move the ownership of {system.id} {to}; {owner} can stay a main user.",
            related=(owner, *ops_runners),
        )
