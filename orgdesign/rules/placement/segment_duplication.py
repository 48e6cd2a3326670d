"""OD305 segment-duplication: central functions copied into the segments."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.model import Function, Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import enumerate_ids

if TYPE_CHECKING:
    import networkx as nx

CENTRAL_KINDS = ("marketing-ops", "analytics", "brand")


@rule(code="OD305", slug="segment-duplication", severity="warning")
def segment_duplication(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags two or more functions of a central kind when at least one is placed per segment.

    ## What it does
    Groups `marketing-ops`, `analytics` and `brand` functions by kind. Where a kind has two
    or more functions and at least one has `placement: segment`, each segment-placed one is
    reported, naming the others of its kind.

    ## Why is this bad?
    The price of segment teams is duplication: several teams doing the same work with
    different tools, processes and standards. For the functions whose value is consistency
    (operations, analytics, brand) that duplication is pure cost, and the copies slowly
    drift apart until numbers and messages no longer match across segments.

    ## Example
    ```yaml
    functions:
      - {id: mops, kind: marketing-ops, placement: central}
      - {id: emea-mops, kind: marketing-ops, placement: segment}
    ```

    ## Use instead
    ```yaml
    functions:
      - {id: mops, kind: marketing-ops, placement: central}
    ```

    ## Options
    This rule has no options.
    """
    by_kind: dict[str, list[Function]] = {}
    for function in org.functions:
        if function.kind in CENTRAL_KINDS:
            by_kind.setdefault(function.kind, []).append(function)
    for kind, functions in by_kind.items():
        if len(functions) < 2:
            continue
        for function in functions:
            if function.placement != "segment":
                continue
            others = [f.id for f in functions if f is not function]
            yield Finding(
                subject=function.id,
                message=(
                    f"{function.id} duplicates {kind} per segment next to {enumerate_ids(others)}"
                ),
                fix=(
                    f"Fold {function.id} into one central {kind} function and give the segment "
                    "a named contact in it."
                ),
                related=tuple(others),
            )
