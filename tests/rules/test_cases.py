"""Golden rule cases: every tests/rules/cases/<slug>.yaml, through the runner that
`orgdesign.testing` gives plugin authors too."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orgdesign.rules import all_rules
from orgdesign.testing import GoldenCase, assert_cases_cover, check_golden_case, golden_cases

CASES_DIR = Path(__file__).parent / "cases"
CASES = golden_cases(CASES_DIR)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_golden_case(case: GoldenCase) -> None:
    check_golden_case(case)


def test_every_rule_has_failing_and_passing_cases() -> None:
    builtin = [r for r in all_rules() if r.plugin is None]
    assert_cases_cover(CASES, builtin)
    for path in CASES_DIR.glob("*.yaml"):  # one file per rule, named by its slug
        assert path.name == f"{yaml.safe_load(path.read_text(encoding='utf-8'))['rule']}.yaml"
    assert {case.rule for case in CASES} == {r.slug for r in builtin}
