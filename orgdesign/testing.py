"""Assertions for other tools' tests: did orgdesign find what you expected?

    from orgdesign.testing import assert_findings, assert_no_findings

    assert_no_findings(org, ignore=["span-of-control"])
    assert_findings(org, {"approval-chain-too-long", "OD101"})

A failure lists the findings the way ``orgdesign lint`` prints them, so the test output says
what was found where.

Golden cases, the way orgdesign tests its own rules and a plugin author tests theirs: one
YAML file per rule, each case an org and the findings expected in it::

    rule: acme-no-okr-owner
    cases:
      - name: an objective without an owner
        org: |
          version: 1
          ...
        expect:
          - {subject: grow, line: 5, message: "grow has no owner"}
      - name: every objective owned
        org: |
          ...
        expect: []

and one parametrized test::

    from orgdesign.testing import check_golden_case, golden_cases

    @pytest.mark.parametrize("case", golden_cases("tests/cases"), ids=str)
    def test_rule(case):
        check_golden_case(case)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from orgdesign.lint import Report, lint
from orgdesign.model import Org
from orgdesign.rules import Rule, get_rule

__all__ = [
    "GoldenCase",
    "assert_cases_cover",
    "assert_findings",
    "assert_no_findings",
    "check_golden_case",
    "golden_cases",
]


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


# -- golden cases ---------------------------------------------------------------------------

#: What an expected finding may say; ``subject`` and ``line`` are required.
_EXPECT_KEYS = frozenset({"subject", "line", "column", "message", "fix", "severity"})
_CASE_KEYS = frozenset({"name", "org", "expect", "select", "options", "not_judged"})


@attrs.frozen
class GoldenCase:
    """One case of a rule's golden file: an org and the findings the rule makes in it."""

    rule: str
    name: str
    org: str
    expect: tuple[Mapping[str, Any], ...]
    #: The rules that run (default: the case's rule alone).
    select: tuple[str, ...] | None = None
    #: The rule's options for this case.
    options: Mapping[str, Any] | None = None
    #: The not-judged entries expected for the rule, ``[{rule, missing}]``, when given.
    not_judged: tuple[Mapping[str, Any], ...] | None = None
    #: The file the case came from.
    path: str = ""

    def __str__(self) -> str:
        return f"{self.rule}: {self.name}"


def golden_cases(*paths: str | os.PathLike[str]) -> list[GoldenCase]:
    """Every case in these golden files (a folder means its ``*.yaml`` files), in order.

    Raises ValueError naming the file for a file that is not a golden file.
    """
    import yaml

    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    cases = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("rule"), str):
            raise ValueError(f"{file}: a golden file is a mapping with 'rule' and 'cases'")
        suite_select = data.get("select")
        for index, case in enumerate(data.get("cases") or []):
            where = f"{file}: case {index + 1}"
            if not isinstance(case, dict) or not {"name", "org", "expect"} <= set(case):
                raise ValueError(f"{where} needs 'name', 'org' and 'expect'")
            unknown = sorted(set(case) - _CASE_KEYS)
            if unknown:
                raise ValueError(f"{where}: unknown keys {', '.join(unknown)}")
            for expected in case["expect"] or []:
                if not {"subject", "line"} <= set(expected) or set(expected) - _EXPECT_KEYS:
                    raise ValueError(
                        f"{where}: an expected finding has 'subject' and 'line', and may have "
                        "'column', 'message', 'fix' and 'severity'"
                    )
            select = case.get("select") or suite_select
            not_judged = case.get("not_judged")
            cases.append(
                GoldenCase(
                    rule=data["rule"],
                    name=str(case["name"]),
                    org=case["org"],
                    expect=tuple(case["expect"] or ()),
                    select=tuple(select) if select else None,
                    options=case.get("options"),
                    not_judged=tuple(not_judged) if not_judged is not None else None,
                    path=str(file),
                )
            )
    return cases


def check_golden_case(case: GoldenCase) -> Report:
    """Lint the case's org and fail unless the rule's findings are the expected ones, in
    order: subject and line, and message, fix, column and severity where the case gives
    them. Every finding must carry a fix and point into the case's file. Returns the report.
    """
    from orgdesign.loader import loads

    slug = get_rule(case.rule).slug
    filename = f"{slug}.yaml"
    org = loads(case.org, filename=filename)
    options = {slug: dict(case.options)} if case.options is not None else None
    report = lint(org, select=list(case.select or [slug]), options=options)
    found = [f for f in report.findings if f.rule == slug]
    got = [(f.subject, f.location.line if f.location else None) for f in found]
    wanted = [(e["subject"], e["line"]) for e in case.expect]
    if got != wanted:
        raise AssertionError(
            f"{case}: expected findings {wanted}, got {got}\n"
            + (_lines(report) if report.findings else "(no findings)")
        )
    for finding, expected in zip(found, case.expect, strict=True):
        for key in ("message", "fix", "severity"):
            if key in expected and getattr(finding, key) != expected[key]:
                raise AssertionError(
                    f"{case}: {key} of the finding on {finding.subject}:\n"
                    f"  expected {expected[key]!r}\n  got      {getattr(finding, key)!r}"
                )
        if "column" in expected and finding.location.column != expected["column"]:  # type: ignore[union-attr]
            raise AssertionError(
                f"{case}: column {finding.location.column}, expected {expected['column']}"
            )  # type: ignore[union-attr]
        if not finding.fix:
            raise AssertionError(f"{case}: the finding on {finding.subject} has no fix hint")
        if finding.location is None or finding.location.file != filename:
            raise AssertionError(
                f"{case}: the finding on {finding.subject} points outside the case"
            )
    if case.not_judged is not None:
        entries = [
            {"rule": entry.rule, "missing": entry.missing}
            for entry in report.not_judged
            if entry.rule == slug
        ]
        wanted_entries = [{"rule": e["rule"], "missing": e["missing"]} for e in case.not_judged]
        if entries != wanted_entries:
            raise AssertionError(f"{case}: not judged {entries}, expected {wanted_entries}")
    return report


def assert_cases_cover(cases: Iterable[GoldenCase], rules: Iterable[Rule]) -> None:
    """Fail unless each rule has a failing case (findings expected) and a passing case."""
    by_rule: dict[str, list[GoldenCase]] = {}
    for case in cases:
        by_rule.setdefault(get_rule(case.rule).slug, []).append(case)
    problems = []
    for found in rules:
        mine = by_rule.get(found.slug, [])
        if not any(c.expect for c in mine):
            problems.append(f"{found.code} {found.slug} has no failing case")
        if not any(not c.expect for c in mine):
            problems.append(f"{found.code} {found.slug} has no passing case")
    if problems:
        raise AssertionError("; ".join(problems))
