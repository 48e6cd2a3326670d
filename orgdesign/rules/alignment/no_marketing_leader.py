"""OD404 no-marketing-leader: nobody owns the whole picture."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_leader, normal_title, person_levels, titled_leaders
from orgdesign.model import Org, Person
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids, who

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
    The marketing leader is `org.leader`, else the person (not an open role, not a context
    person) with a leader's title: CMO, Chief Marketing Officer, VP Marketing or Head of
    Marketing, read without punctuation, a parenthesised part or words such as interim,
    fractional, senior and global ("VP, Marketing", "Fractional CMO" and "Vice President of
    Marketing" count); failing any, a marketing director or marketing lead. Several: the
    one highest in the organisation. When there is none, or a tie, the org is reported once
    (subject `org`), naming the people whose titles come closest. When there is one
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
        tied = titled_leaders(org)
        if tied:
            names = enumerate_ids(who(org, person.id) for person in tied)
            message = (
                f"no one is clearly the marketing leader: {names} have a leader's title at "
                "the same level of the organisation"
            )
            fix = (
                "Decide which of them owns marketing's priorities, budget and decisions, and "
                f"name them in the file (org.leader: {tied[0].id})."
            )
        else:
            seen = _marketing_titles(org)
            if seen:
                message = "no one's title says they lead marketing: " + "; ".join(
                    f"{who(org, person.id)} is titled '{person.title}'" for person in seen
                )
                fix = (
                    f"If {who(org, seen[0].id)} leads marketing, say so in the file "
                    f"(org.leader: {seen[0].id}); if nobody does, that gap is the finding: "
                    "give one person marketing's priorities, budget and decisions."
                )
            else:
                message = "no one's title says they lead marketing, and org.leader is not set"
                fix = (
                    "Give one person marketing's priorities, budget and decisions (a CMO, head "
                    "of marketing or fractional CMO), and name them in the file (org.leader)."
                )
            tied = seen
        yield Finding(
            subject="org",
            message=message,
            fix=fix,
            related=tuple(person.id for person in tied),
        )
        return
    if not org.has_section("functions"):  # that half is not judged (listed in the report)
        return
    if any(leader.id in function.owners.decision for function in org.functions):
        return
    name = who(org, leader.id)
    yield Finding(
        location=org.section_location("functions"),
        subject=leader.id,
        message=f"the marketing leader {name} decides no function",
        fix=(
            f"Make {name} the decision owner of the functions that set direction "
            "(positioning, budget, marketing operations), with leads deciding the rest."
        ),
    )


def _marketing_titles(org: Org) -> list[Person]:
    """The live people whose title has the word marketing, highest in the organisation
    first (at most three): the candidates a reader would look at."""
    levels = person_levels(org)
    found = [
        person
        for person in org.people
        if not person.vacant
        and not person.context
        and "marketing" in normal_title(person.title or "").split()
    ]
    found.sort(key=lambda person: levels.get(person.id, 1 << 30))
    return found[:3]
