"""OD402 volume-metrics-only: marketing measured on activity, with no shared outcome."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgdesign.graph import marketing_people
from orgdesign.model import Org
from orgdesign.rules import Finding, NoOptions, rule
from orgdesign.rules._shared import marketing_sales_interfaces, org_subject, runner

if TYPE_CHECKING:
    import networkx as nx

OUTCOME_METRICS = frozenset(
    {
        "pipeline",
        "pipeline-contribution",
        "sourced-pipeline",
        "influenced-pipeline",
        "revenue",
        "win-rate",
        "cac",
        "ltv",
        "ltv-cac",
        "roi",
        "lead-to-close",
    }
)
VOLUME_METRICS = frozenset(
    {
        "mql",
        "mqls",
        "leads",
        "lead-volume",
        "traffic",
        "impressions",
        "followers",
        "clicks",
        "downloads",
    }
)


@rule(
    code="OD402",
    slug="volume-metrics-only",
    severity="warning",
    scope="org",
    needs=("interfaces", "functions"),
    section="interfaces",
)
def volume_metrics_only(org: Org, graph: nx.MultiDiGraph, options: NoOptions) -> Iterator[Finding]:
    """Flags marketing measured on volume metrics with no outcome metric shared with sales.

    ## What it does
    Collects the volume metrics (mql, mqls, leads, lead-volume, traffic, impressions,
    followers, clicks, downloads) on functions run by marketing people. When there are some,
    and no interface between a marketing team and a sales team carries an outcome metric
    (pipeline, pipeline-contribution, sourced-pipeline, influenced-pipeline, revenue,
    win-rate, cac, ltv, ltv-cac, roi, lead-to-close), the org is reported once, on the
    marketing leader. Silent without a marketing leader.

    ## Why is this bad?
    When marketing is measured on MQL volume and sales on revenue, the two teams work toward
    different numbers: marketing can hit its target while sales starves. Measuring marketing
    on its contribution to pipeline, written into the interface with sales, puts both on the
    same number; volume metrics stay useful as diagnostics, not as the goal.

    ## Example
    ```yaml
    functions:
      - {id: demand-gen, owners: {decision: cmo, execution: dg-lead}, metrics: [mqls, traffic]}
    interfaces:
      - {id: sla, kind: sla, between: [marketing, sales], metrics: [mqls]}
    ```

    ## Use instead
    ```yaml
    interfaces:
      - {id: sla, kind: sla, between: [marketing, sales], metrics: [pipeline-contribution]}
    ```

    ## Options
    This rule has no options.
    """
    marketing = set(marketing_people(org, graph))
    if not marketing:
        return
    volume: list[str] = []
    functions: list[str] = []
    for function in org.functions:
        found = runner(org, function)
        if found is None or found.id not in marketing:
            continue
        metrics = [metric for metric in function.metrics if metric in VOLUME_METRICS]
        if metrics:
            volume.extend(f"{metric} on {function.id}" for metric in metrics)
            functions.append(function.id)
    if not volume:
        return
    for interface in marketing_sales_interfaces(org, marketing):
        if OUTCOME_METRICS & set(interface.metrics):
            return
    shown = ", ".join(volume[:4]) + (f" and {len(volume) - 4} more" if len(volume) > 4 else "")
    yield Finding(
        subject=org_subject(org),
        message=(
            f"marketing is measured on volume ({shown}) and no marketing-sales interface "
            "carries an outcome metric"
        ),
        fix=(
            "Put an outcome metric such as pipeline-contribution on the SLA or revops "
            "interface with sales, and treat the volume metrics as diagnostics."
        ),
        related=tuple(functions),
    )
