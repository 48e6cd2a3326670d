"""OD303 pmm-single-line: product marketing tied to only one of marketing and product."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader
from orgdesign.model import Org, Person
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import (
    enumerate_ids,
    functions_of_kind,
    live_owners,
    open_role_note,
    runner,
    vacant_people,
)

if TYPE_CHECKING:
    import networkx as nx


def _has_line(person: Person, leaders: set[str]) -> bool:
    return (
        person.id in leaders
        or person.reports_to in leaders
        or bool(leaders & set(person.dotted_to))
    )


@rule(code="OD303", slug="pmm-single-line", severity="warning")
def pmm_single_line(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags product marketing whose runner lacks a line to the marketing or the product leader.

    ## What it does
    Finds the runner of each `product-marketing` function and checks for a line (solid
    `reports_to` or `dotted_to`) to the marketing leader, and, where the file has a team of
    kind `product`, to a product leader (the lead of such a team, when that lead is not an
    open role: an open role leads nobody). A missing line to either is reported. The runner
    is the shared one (see buried-marketing-ops): of the execution owners, the one the
    others report up to. Silent without a marketing leader.

    ## Why is this bad?
    Product marketing that only reports into product tends to produce technically accurate
    material that does not sell; product marketing that only reports into marketing tends to
    sell a product that does not quite exist. What works in practice is a solid line to one
    and a dotted line to the other, with accountability for revenue outcomes rather than
    adoption metrics or content volume.

    ## Example
    ```yaml
    people:
      - {id: cmo, title: CMO}
      - {id: cpo, title: CPO}
      - {id: pmm-lead, reports_to: cmo}
    teams:
      - {id: product, kind: product, lead: cpo}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: pmm-lead, reports_to: cmo, dotted_to: [cpo]}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    if leader is None:
        return
    product_leads = [team.lead for team in org.teams if team.kind == "product" and team.lead]
    # An open role leads nothing: a line to it is no line to product.
    product_leaders = set(live_owners(org, product_leads))
    open_leads = list(dict.fromkeys(vacant_people(org, product_leads)))
    for function in functions_of_kind(org, "product-marketing"):
        person = runner(org, function)
        if person is None:
            continue
        missing = []
        if not _has_line(person, {leader.id}):
            missing.append(f"the marketing leader {leader.id}")
        if product_leaders and not _has_line(person, product_leaders):
            names = enumerate_ids(sorted(product_leaders))
            missing.append(f"the product leader {names}")
        elif open_leads and not product_leaders:
            missing.append(f"a product leader{open_role_note(org, open_leads)}")
        if not missing:
            continue
        yield Finding(
            subject=function.id,
            message=(
                f"{function.id} is run by {person.id}, who has no line to "
                + " nor to ".join(missing)
            ),
            fix=(
                f"Give {person.id} a solid line to one of marketing and product and a dotted "
                "line (dotted_to) to the other."
            ),
            related=(person.id, leader.id, *sorted(product_leaders)),
        )
