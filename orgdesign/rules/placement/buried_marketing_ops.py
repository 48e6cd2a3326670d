"""OD301 buried-marketing-ops: marketing operations too far from the marketing leader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import functions_of_kind, managers_above, runner

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD301", slug="buried-marketing-ops", severity="warning")
def buried_marketing_ops(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags marketing operations run by someone who is not the marketing leader's direct report.

    ## What it does
    Finds each function of kind `marketing-ops` and its runner, the person who leads its
    execution. Of its execution owners (a team counting as its lead; partners and open roles
    left out) that is the one the others report up to, as an ops manager is to their
    analyst; else the one fewest levels below the marketing leader; with no execution owner,
    the single decision owner. The function is reported when the runner is neither the
    marketing leader nor someone whose solid line (`reports_to`) goes straight to the leader.
    Silent when the org has no identifiable marketing leader.

    ## Why is this bad?
    Marketing operations owns the stack, the data, the attribution model and the reporting
    that link activity to pipeline. Placed under a demand-generation or campaign manager it
    turns reactive: it fixes workflows and pulls reports for one team instead of giving the
    leader the numbers decisions are made with. A direct line to the marketing leader is what
    lets it work as infrastructure rather than as a service desk.

    ## Example
    ```yaml
    people:
      - {id: cmo, title: CMO}
      - {id: dg-lead, title: Head of Demand Generation, reports_to: cmo}
      - {id: ops-lead, title: Marketing Operations Manager, reports_to: dg-lead}
    functions:
      - id: mops
        kind: marketing-ops
        owners: {decision: cmo, execution: ops-lead}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: ops-lead, title: Marketing Operations Manager, reports_to: cmo}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    if leader is None:
        return
    for function in functions_of_kind(org, "marketing-ops"):
        person = runner(org, function)
        if person is None or person.id == leader.id or person.reports_to == leader.id:
            continue
        chain = managers_above(org, person.id)
        if person.id in managers_above(org, leader.id):
            where = f"who sits above the marketing leader {leader.id}"
            fix = (
                f"Give the execution of {function.id} to someone with a solid line to "
                f"{leader.id}, or to {leader.id} directly."
            )
        else:
            if person.reports_to is None:
                where = "who has no solid line to anyone"
            elif leader.id in chain:
                depth = chain.index(leader.id) + 1
                where = f"who reports to {person.reports_to}, {depth} levels below {leader.id}"
            else:
                where = f"who reports to {person.reports_to}, outside the marketing leader's line"
            fix = (
                f"Make {person.id} report to {leader.id} (reports_to: {leader.id}), or give "
                f"{function.id} to someone who already does."
            )
        yield Finding(
            subject=function.id,
            message=(
                f"{function.id} is run by {person.id}, {where}; marketing ops needs a direct "
                f"line to the marketing leader {leader.id}"
            ),
            fix=fix,
            related=(person.id, leader.id),
        )
