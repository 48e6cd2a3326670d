"""OD404 no-marketing-leader: nobody owns the whole picture."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader, titled_leaders
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(
    code="OD404",
    slug="no-marketing-leader",
    severity="warning",
    scope="org",
    needs_for_part=("functions",),
)
def no_marketing_leader(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags an org with no identifiable marketing leader, or one who owns no decision.

    ## What it does
    The marketing leader is `org.leader`, else the one person (not an open role) titled
    CMO, Chief Marketing Officer, VP Marketing, VP of Marketing or Head of Marketing. When
    there is none, or several, the org is reported once (subject `org`). When there is one
    who is decision owner of no function, the leader is reported, pointing at `functions:`.
    Several rules need the leader and stay silent without one; this rule says so once. The
    second half is not judged when the file has no `functions:` section (a partial view,
    such as an HR import); `functions: []` is judged.

    ## Why is this bad?
    Companies rarely fail for lack of marketing activity; they fail because nobody owns the
    whole picture. Content, paid media, events, the website, the CRM and the agencies each
    run on their own, and nobody connects them to revenue decisions or can say no. That
    owner may be a full-time CMO, a head of marketing or a fractional CMO, but it has to be
    someone with decision rights.

    ## Example
    ```yaml
    people:
      - {id: dana, title: Marketing Lead}
      - {id: tom, title: Demand Generation Manager, reports_to: dana}
    ```

    ## Use instead
    ```yaml
    org:
      leader: dana
    functions:
      - {id: demand-gen, owners: {decision: dana, execution: tom}}
    ```

    ## Options
    This rule has no options.
    """
    leader = marketing_leader(org)
    if leader is None:
        titled = [person.id for person in titled_leaders(org)]
        why = (
            f"{len(titled)} people have a leader's title ({', '.join(titled)})"
            if len(titled) > 1
            else "org.leader is not set and nobody has a leader's title"
        )
        yield Finding(
            subject="org",
            message=f"no identifiable marketing leader: {why}",
            fix=(
                "Set org.leader to the person who owns marketing's priorities, budget and "
                "decisions (a CMO, head of marketing or fractional CMO)."
            ),
            related=tuple(titled),
        )
        return
    if not org.has_section("functions"):  # that half is not judged (listed in the report)
        return
    if any(leader.id in function.owners.decision for function in org.functions):
        return
    yield Finding(
        location=org.section_location("functions"),
        subject=leader.id,
        message=f"the marketing leader {leader.id} is decision owner of no function",
        fix=(
            f"Make {leader.id} the decision owner of the functions that set direction "
            "(positioning, budget, marketing operations), with leads deciding the rest."
        ),
    )
