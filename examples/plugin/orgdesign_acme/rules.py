"""ACME101 leader-span-over-house-limit: the marketing leader manages more people directly
than Acme's operating model allows."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import networkx as nx

from orgdesign import Finding, Org
from orgdesign.rules import rule


@attrs.frozen
class LeaderSpanOptions:
    #: Direct reports the marketing leader may have.
    max_reports: int = 6


@rule(
    code="ACME101",
    slug="leader-span-over-house-limit",
    severity="warning",
    options=LeaderSpanOptions,
    url="https://wiki.acme.example/org/leader-span",
)
def leader_span_over_house_limit(
    org: Org, graph: nx.MultiDiGraph, options: LeaderSpanOptions
) -> Iterator[Finding]:
    """Flags a marketing leader with more direct reports than Acme allows.

    ## What it does
    Counts the people whose solid line goes to `org.leader` and reports the leader when
    there are more than `max_reports`.

    ## Why is this bad?
    Acme runs a monthly one-to-one with every direct report of the marketing leader. Past
    six, those meetings crowd out the planning work the leader is there for.

    ## Example
    ```yaml
    org: {leader: cmo}
    people:
      - {id: cmo}
      - {id: a, reports_to: cmo}
      # ... seven people reporting to cmo
    ```

    ## Use instead
    Group the teams under two or three heads who report to the leader.

    ## Options
    - `max_reports` (default 6): the house limit.
    """
    if org.leader is None:
        return
    reports = [p.id for p in org.people if p.reports_to == org.leader and p.id != org.leader]
    if len(reports) > options.max_reports:
        yield Finding(
            subject=org.leader,
            message=(
                f"{org.leader} has {len(reports)} direct reports, over Acme's limit of "
                f"{options.max_reports}"
            ),
            fix=f"Put heads between {org.leader} and some of {', '.join(reports)}.",
            related=tuple(reports),
        )
