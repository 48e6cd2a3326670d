"""OD602 span-of-control: managers with too many direct reports, or just one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import reports_by_manager

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class SpanOptions:
    max_reports: int = attrs.field(default=10, validator=attrs.validators.ge(2))


@rule(
    code="OD602", slug="span-of-control", severity="warning", options=SpanOptions, judges="people"
)
def span_of_control(org: Org, graph: nx.MultiDiGraph, options: SpanOptions) -> Iterator[Finding]:
    """Flags a manager with more than `max_reports` direct reports, or exactly one.

    ## What it does
    Counts each person's direct (solid-line) reports, open roles included, since a manager
    is accountable for the seat whether or not it is filled. More than `max_reports` (10 by
    default) is a warning; exactly one report is reported at `info` severity.

    It judges the marketing organisation (the leader and everyone below them; everyone when
    there is no leader) unless the scope is `all` (`lint --scope all`).

    ## Why is this bad?
    A very wide span leaves no time for coaching, review or the decisions only the manager
    can take, so work queues at their desk. A span of one adds a layer that manages a single
    person: another approval step and another handoff between the work and the leader,
    usually left over from a reorganisation or created as a title rather than a role.

    ## Example
    ```yaml
    people:
      - {id: cmo, title: CMO}
      - {id: brand-lead, title: Head of Brand, reports_to: cmo}
      - {id: designer, title: Designer, reports_to: brand-lead}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: cmo, title: CMO}
      - {id: brand-lead, title: Head of Brand, reports_to: cmo}
      - {id: designer, title: Designer, reports_to: cmo}
    ```

    ## Options
    - `max_reports` (whole number, default 10): the most direct reports a manager may have.
    """
    reports = reports_by_manager(org)
    limit = options.max_reports
    for person in org.people:
        team = reports.get(person.id)
        if not team:
            continue
        if len(team) > limit:
            yield Finding(
                subject=person.id,
                message=f"{person.id} has {len(team)} direct reports (> {limit})",
                fix=(
                    f"Split {person.id}'s reports under two or more leads, or move some of them "
                    f"to another manager, to bring the span to {limit} or fewer."
                ),
                related=tuple(team),
            )
        elif len(team) == 1:
            yield Finding(
                subject=person.id,
                message=f"{person.id} has exactly 1 direct report ({team[0]})",
                fix=(
                    f"Either grow {person.id}'s team or let {team[0]} report to "
                    f"{person.id}'s manager and remove the extra layer."
                ),
                related=tuple(team),
                severity="info",
            )
