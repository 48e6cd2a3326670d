"""OD001 unused-suppression: an ``ignore`` entry that silences nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule

if TYPE_CHECKING:
    import networkx as nx


@rule(code="OD001", slug="unused-suppression", severity="warning", scope="meta")
def unused_suppression(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags an `ignore` entry whose rule found nothing on that entity.

    ## What it does
    After all other rules have run, each suppression (`ignore: [{rule: ..., reason: ...}]`)
    is checked: if the rule it names ran and produced no finding on the entity carrying it,
    the suppression is reported. Suppressions of rules that did not run (not selected) are
    left alone. The lint step computes this rule itself, from the other rules' findings.

    ## Why is this bad?
    A suppression outlives the problem it excused. Left in place it hides the next, real
    occurrence of the same smell on that entity, and it tells readers something about the
    org that is no longer true.

    ## Example
    ```yaml
    workflows:
      - id: campaign-launch
        approvals: [dg-lead, cmo]
        ignore:
          - {rule: approval-chain-too-long, reason: "CFO sign-off until Q3"}
    ```

    ## Use instead
    ```yaml
    workflows:
      - id: campaign-launch
        approvals: [dg-lead, cmo]
    ```

    ## Options
    This rule has no options.
    """
    return iter(())
