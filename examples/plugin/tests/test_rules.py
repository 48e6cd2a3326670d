"""Acme's rules against their golden cases, with orgdesign's own runner."""

from pathlib import Path

import pytest

from orgdesign.rules import all_rules
from orgdesign.testing import assert_cases_cover, check_golden_case, golden_cases

CASES = golden_cases(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule(case):
    check_golden_case(case)


def test_every_acme_rule_has_cases():
    assert_cases_cover(CASES, [r for r in all_rules() if r.plugin == "acme"])
