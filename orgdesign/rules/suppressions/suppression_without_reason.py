"""OD002 suppression-without-reason: an ``ignore`` entry that does not say why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD002", slug="suppression-without-reason", severity="warning")
def suppression_without_reason(
    org: Org, graph: nx.MultiDiGraph, options: NoOptions
) -> Iterator[Finding]:
    """Flags an `ignore` entry with no `reason`.

    ## What it does
    Checks every suppression on every entity and on the `org:` mapping for a non-empty
    `reason`. The suppression still applies; this rule only asks for the explanation.

    ## Why is this bad?
    A suppression is a decision to live with a known smell. Without the reason, nobody can
    tell later whether the decision still holds, who took it, or when to revisit it, and the
    file slowly fills with silenced warnings that nobody dares remove.

    ## Example
    ```yaml
    workflows:
      - id: campaign-launch
        ignore: [approval-chain-too-long]
    ```

    ## Use instead
    ```yaml
    workflows:
      - id: campaign-launch
        ignore:
          - {rule: approval-chain-too-long, reason: "Board asked for CFO sign-off until Q3"}
    ```

    ## Options
    This rule has no options.
    """
    # Only the entities that carry suppressions (a list of every entity costs more than
    # this whole rule at 100,000 people).
    carriers = [("org", org.ignore)] + [(e.id, e.ignore) for e in org.entities() if e.ignore]
    for subject, suppressions in carriers:
        for suppression in suppressions:
            if suppression.reason and suppression.reason.strip():
                continue
            yield Finding(
                subject=subject,
                message=f"suppression of {suppression.rule} on {subject} gives no reason",
                fix=(
                    f'Add a reason: {{rule: {suppression.rule}, reason: "why this is '
                    'acceptable, and until when"}.'
                ),
                location=suppression.location,
            )
