"""Golden rule cases: every tests/rules/cases/<slug>.yaml, run through one parametrized test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import orgdesign as od
from orgdesign.rules import all_rules

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data, case, id=f"{data['rule']}: {case['name']}"))
    return params


@pytest.mark.parametrize(("suite", "case"), _load_cases())
def test_golden_case(suite: dict[str, Any], case: dict[str, Any]) -> None:
    slug = suite["rule"]
    org = od.loads(case["org"], filename=f"{slug}.yaml")
    select = case.get("select") or suite.get("select") or [slug]
    options = {slug: case["options"]} if "options" in case else None
    report = od.lint(org, select=select, options=options)
    found = [f for f in report.findings if f.rule == slug]
    assert [(f.subject, f.location.line) for f in found] == [
        (e["subject"], e["line"]) for e in case["expect"]
    ], [f.message for f in found]
    for finding, expected in zip(found, case["expect"], strict=True):
        if "message" in expected:
            assert finding.message == expected["message"]
        if "severity" in expected:
            assert finding.severity == expected["severity"]
        if "column" in expected:
            assert finding.location.column == expected["column"]
        if "fix" in expected:
            assert finding.fix == expected["fix"]
        assert finding.fix, "every finding carries a fix hint"
        assert finding.location.file == f"{slug}.yaml"
    if "not_judged" in case:
        assert [
            {"rule": entry.rule, "missing": entry.missing}
            for entry in report.not_judged
            if entry.rule == slug
        ] == case["not_judged"]


def test_every_rule_has_failing_and_passing_cases() -> None:
    suites = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["rule"]: p for p in CASES_DIR.glob("*.yaml")
    }
    for found in all_rules():
        assert found.slug in suites, f"{found.slug} has no golden cases"
        assert suites[found.slug].name == f"{found.slug}.yaml"
        cases = yaml.safe_load(suites[found.slug].read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{found.slug} has no failing case"
        assert any(not c["expect"] for c in cases), f"{found.slug} has no passing case"
