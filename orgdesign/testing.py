"""Assertions for other tools' tests: did orgdesign find what you expected?

    from orgdesign.testing import assert_findings, assert_no_findings

    assert_no_findings(org, ignore=["span-of-control"])
    assert_findings(org, {"approval-chain-too-long", "OD101"})

A failure lists the findings the way ``orgdesign lint`` prints them, so the test output says
what was found where.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from orgdesign.lint import Report, lint
from orgdesign.model import Org
from orgdesign.rules import get_rule

__all__ = ["assert_findings", "assert_no_findings"]


def _lines(report: Report) -> str:
    from orgdesign.reporters.text import format_text

    return format_text(report).rstrip()


def assert_no_findings(
    org: Org,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Report:
    """Fail unless linting ``org`` finds nothing (with ``select``/``ignore``/``options`` as
    for `orgdesign.lint`). Returns the report."""
    report = lint(org, select=select, ignore=ignore, options=options)
    if report.findings:
        raise AssertionError(
            f"expected no findings in {org.filename}, got {len(report.findings)}:\n"
            + _lines(report)
        )
    return report


def assert_findings(
    org: Org,
    expected: Iterable[str],
    *,
    exact: bool = True,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Report:
    """Fail unless the rules that fire on ``org`` are ``expected`` (slugs or codes).

    With ``exact=False`` other rules may fire too. Returns the report.
    """
    wanted = {get_rule(name).slug for name in expected}
    report = lint(org, select=select, ignore=ignore, options=options)
    fired = {finding.rule for finding in report.findings}
    missing = sorted(wanted - fired)
    extra = sorted(fired - wanted) if exact else []
    if missing or extra:
        parts = []
        if missing:
            parts.append("expected but not found: " + ", ".join(missing))
        if extra:
            parts.append("found but not expected: " + ", ".join(extra))
        found = _lines(report) if report.findings else "(no findings)"
        raise AssertionError(f"{org.filename}: " + "; ".join(parts) + "\n" + found)
    return report
