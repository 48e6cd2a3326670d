"""OD502 meeting-overload: managers who spend their week aligning instead of leading."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from orgdesign.measures import cadence_hours, meeting_share
from orgdesign.model import Org
from orgdesign.rules import Finding, rule
from orgdesign.rules._shared import share

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class MeetingOptions:
    max_share: float = attrs.field(
        default=0.3, validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)]
    )


@rule(
    code="OD502",
    slug="meeting-overload",
    severity="warning",
    options=MeetingOptions,
    judges="people",
)
def meeting_overload(
    org: Org, graph: nx.MultiDiGraph, options: MeetingOptions
) -> Iterator[Finding]:
    """Flags a manager who spends more than `max_share` of their time in alignment meetings.

    ## What it does
    For each person with at least one direct report, takes their `meeting_share` when
    given, else the weekly hours of the cadences they attend or own (each cadence once)
    divided by 40. Above `max_share` (0.3 by default) the person is reported.

    It judges the marketing organisation (the leader and everyone below them; everyone when
    there is no leader) unless the scope is `all` (`lint --scope all`).

    ## Why is this bad?
    Senior people spending more than 30 percent of their time in alignment meetings is one
    of the signals that the structure, not the team size, is the problem: the meetings stand
    in for decision rights and interfaces that were never designed. More meetings do not fix
    it; clearer ownership does.

    ## Example
    ```yaml
    people:
      - {id: cmo, meeting_share: 0.45}
      - {id: dg-lead, reports_to: cmo}
    ```

    ## Use instead
    ```yaml
    people:
      - {id: cmo, meeting_share: 0.25}
      - {id: dg-lead, reports_to: cmo}
    ```

    ## Options
    - `max_share` (number from 0 to 1, default 0.3): the largest share of time in meetings.
    """
    managers = {person.reports_to for person in org.people if person.reports_to}
    managers -= {person.id for person in org.people if person.vacant}  # nobody holds them
    hours = cadence_hours(org)
    limit = options.max_share
    for person in org.people:
        if person.id not in managers:
            continue
        measured = meeting_share(person, hours)
        if person.meeting_share is not None:
            source = "meeting_share"
        else:
            source = f"{share(hours.get(person.id, 0.0))} hours of cadences a week"
        if round(measured, 6) <= limit:
            continue
        yield Finding(
            subject=person.id,
            message=(
                f"{person.id} spends {share(measured)} of their time in alignment meetings "
                f"({source}; > {share(limit)})"
            ),
            fix=(
                f"Cut {person.id}'s standing meetings: replace status updates with written "
                "ones and give decisions to the owners named on each function."
            ),
        )
