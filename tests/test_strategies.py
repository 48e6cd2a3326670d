"""orgdesign.strategies: clean orgs are clean, injected smells are found exactly, and the
rules behave as properties say they must on every generated org."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import orgdesign as od
from orgdesign.strategies import (
    CLEAN_MIN_PEOPLE,
    INCOMPATIBLE,
    SMELLS,
    org_dicts,
    org_yaml,
    orgs,
)
from orgdesign.testing import assert_findings, assert_no_findings

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fired(org: od.Org) -> set[str]:
    return {finding.rule for finding in od.lint(org).findings}


@settings(SETTINGS, max_examples=40)
@given(orgs(clean=True))
def test_clean_orgs_have_no_findings(org: od.Org) -> None:
    assert_no_findings(org)
    assert len(org.people) >= CLEAN_MIN_PEOPLE


def test_every_rule_can_be_injected() -> None:
    assert set(SMELLS) == {rule.slug for rule in od.rules()}


@pytest.mark.parametrize("smell", sorted(SMELLS))
def test_each_smell_is_found_exactly(smell: str) -> None:
    @settings(SETTINGS, max_examples=4)
    @given(orgs(smells={smell}))
    def check(org: od.Org) -> None:
        assert_findings(org, {smell})

    check()


COMPATIBLE_SETS = st.sets(st.sampled_from(sorted(SMELLS)), min_size=2, max_size=3).filter(
    lambda chosen: not any(pair <= chosen for pair in INCOMPATIBLE)
)


@settings(SETTINGS, max_examples=40)
@given(st.data(), COMPATIBLE_SETS)
def test_several_smells_are_found_exactly(data: st.DataObject, chosen: set[str]) -> None:
    org = data.draw(orgs(smells=chosen))
    assert_findings(org, chosen)


@settings(SETTINGS, max_examples=3)
@given(orgs(smells={"OD201"}))
def test_smells_take_codes_too(org: od.Org) -> None:
    assert fired(org) == {"approval-chain-too-long"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"smells": {"too-long"}}, "unknown smell 'too-long'"),
        ({"min_people": 10, "max_people": 5}, "min_people=10 is more than max_people=5"),
        ({"min_people": 0}, "min_people must be a whole number of at least 1"),
        ({"clean": True, "max_people": 5}, "a clean org cannot be generated"),
        ({"stage": "ipo"}, "stage must be one of seed, series-a, scale-up"),
        ({"structure": "matrix"}, "structure must be one of functional"),
        ({"smells": {"series-a-core-unowned"}, "stage": "seed"}, "needs stage in"),
        ({"smells": {"functional-model-overgrown"}, "max_people": 12}, "cannot be generated"),
        ({"smells": {"reporting-cycle", "too-many-layers"}}, "cannot be combined"),
    ],
)
def test_impossible_requests_are_invalid(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgument, match=re.escape(message)):
        org_dicts(**arguments)  # refused when the strategy is made, before any drawing


@settings(SETTINGS, max_examples=30)
@given(orgs(max_people=30))
def test_any_generated_org_lints_and_draws(org: od.Org) -> None:
    report = od.lint(org)
    chart = od.render(org, highlight=report)
    assert chart.dot.startswith("digraph")
    assert chart.mermaid


@settings(SETTINGS, max_examples=5)
@given(orgs(max_people=20))
def test_generated_orgs_render_to_svg(org: od.Org) -> None:
    assert "<svg" in od.render(org).svg


@settings(SETTINGS, max_examples=25)
@given(org_yaml(max_people=20))
def test_yaml_round_trips(text: str) -> None:
    org = od.loads(text)
    assert od.loads(od.dump(org)) == org
    assert od.dump(org) == text


def keyed(report: od.Report) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return sorted((f.rule, f.subject, f.message, f.related) for f in report.findings)


LISTS = ("people", "partners", "teams", "functions", "workflows", "cadences", "systems")


# Rules whose subject is, by the contract, the first of several candidates in file order.
FIRST_IN_FILE = {"reporting-cycle", "team-cycle", "too-many-layers"}


def order_free(report: od.Report) -> list[tuple[Any, ...]]:
    """Findings without what the file order may choose: for a cycle, its members as a set;
    for too-many-layers, only that it fired."""
    keys: list[tuple[Any, ...]] = []
    for f in report.findings:
        if f.rule in ("reporting-cycle", "team-cycle"):
            keys.append((f.rule, frozenset((f.subject, *f.related))))
        elif f.rule in FIRST_IN_FILE:
            keys.append((f.rule,))
        else:
            keys.append((f.rule, f.subject, f.message))
    return sorted(keys, key=repr)


@settings(SETTINGS, max_examples=25)
@given(org_dicts(max_people=25), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_sections(
    data: dict[str, Any], rng: random.Random
) -> None:
    shuffled = {key: list(value) if key in LISTS else value for key, value in data.items()}
    for key in LISTS:
        if key in shuffled:
            rng.shuffle(shuffled[key])
    before = od.lint(od.from_dict(data))
    after = od.lint(od.from_dict(shuffled))
    assert order_free(before) == order_free(after)


# Fields that hold ids or references, by where they sit in the file.
REFERENCE_KEYS = {
    "id", "reports_to", "dotted_to", "team", "managed_by", "lead", "parent", "function",
    "approvals", "handoffs", "owner", "attendees", "between", "leader",
    "decision", "execution", "input", "review",
}  # fmt: skip


def rename(value: Any, names: dict[str, str], key: str | None = None) -> Any:
    if isinstance(value, dict):
        result = {}
        for k, v in value.items():
            if k == "allocation":
                result[k] = {names.get(f, f): share for f, share in v.items()}
            else:
                result[k] = rename(v, names, k)
        return result
    if isinstance(value, list):
        return [rename(item, names, key) for item in value]
    if isinstance(value, str) and key in REFERENCE_KEYS:
        return names.get(value, value)
    return value


def all_ids(data: dict[str, Any]) -> list[str]:
    return [row["id"] for section in data.values() if isinstance(section, list) for row in section]


@settings(SETTINGS, max_examples=25)
@given(org_dicts(max_people=25))
def test_renaming_ids_renames_findings_and_nothing_else(data: dict[str, Any]) -> None:
    names = {old: f"x-{old}" for old in all_ids(data)}
    back = {new: old for old, new in names.items()}
    pattern = re.compile(
        r"(?<![A-Za-z0-9._@-])(" + "|".join(map(re.escape, sorted(back, key=len, reverse=True)))
        + r")(?![A-Za-z0-9._@-])"
    )  # fmt: skip
    before = keyed(od.lint(od.from_dict(data)))
    after = od.lint(od.from_dict(rename(data, names)))
    restored = sorted(
        (
            f.rule,
            back.get(f.subject, f.subject),
            pattern.sub(lambda m: back[m.group(1)], f.message),
            tuple(back.get(r, r) for r in f.related),
        )
        for f in after.findings
    )
    assert restored == before


@settings(SETTINGS, max_examples=30)
@given(st.data(), orgs(max_people=25))
def test_adding_an_approver_never_removes_an_approval_chain_finding(
    data: st.DataObject, org: od.Org
) -> None:
    if not org.workflows or not org.people:
        return
    import attrs

    index = data.draw(st.integers(0, len(org.workflows) - 1))
    extra = data.draw(st.sampled_from([p.id for p in org.people]))
    workflow = org.workflows[index]
    changed = attrs.evolve(workflow, approvals=(*workflow.approvals, extra))
    workflows = (*org.workflows[:index], changed, *org.workflows[index + 1 :])
    grown = attrs.evolve(org, workflows=workflows)
    rule = ["approval-chain-too-long"]
    before = {f.subject for f in od.lint(org, select=rule).findings}
    after = {f.subject for f in od.lint(grown, select=rule).findings}
    assert before <= after


@settings(SETTINGS, max_examples=30)
@given(st.data(), orgs(max_people=25))
def test_removing_an_owner_never_removes_an_orphaned_function_finding(
    data: st.DataObject, org: od.Org
) -> None:
    if not org.functions:
        return
    import attrs

    index = data.draw(st.integers(0, len(org.functions) - 1))
    function = org.functions[index]
    role = data.draw(st.sampled_from(["decision", "execution", "input", "review"]))
    owners = getattr(function.owners, role)
    if not owners:
        return
    drop = data.draw(st.sampled_from(owners))
    fewer = attrs.evolve(function.owners, **{role: tuple(o for o in owners if o != drop)})
    changed = attrs.evolve(function, owners=fewer)
    functions = (*org.functions[:index], changed, *org.functions[index + 1 :])
    shrunk = attrs.evolve(org, functions=functions)
    rule = ["orphaned-function"]
    before = {f.subject for f in od.lint(org, select=rule).findings}
    after = {f.subject for f in od.lint(shrunk, select=rule).findings}
    assert before <= after


def test_from_type_draws_orgs() -> None:
    @settings(SETTINGS, max_examples=5)
    @given(st.from_type(od.Org))
    def check(org: od.Org) -> None:
        assert isinstance(org, od.Org)

    check()


def test_assert_helpers_print_findings() -> None:
    org = od.load("examples/quickstart.org.yaml")
    with pytest.raises(AssertionError) as caught:
        assert_no_findings(org)
    text = str(caught.value)
    assert text.startswith("expected no findings in examples/quickstart.org.yaml, got 4:")
    assert "OD201 [warning] campaign-launch needs 4 approvers (> 3)" in text
    with pytest.raises(AssertionError) as caught:
        assert_findings(org, {"OD201", "orphaned-function"})
    first = str(caught.value).splitlines()[0]
    assert first == (
        "examples/quickstart.org.yaml: expected but not found: orphaned-function; found but "
        "not expected: buried-marketing-ops, missing-input-or-review, span-of-control"
    )
    report = assert_findings(org, {"OD201"}, exact=False)
    assert len(report.findings) == 4
    assert_no_findings(org, ignore=["OD201", "OD301", "OD106", "OD602"])


def test_the_docs_example_runs_as_a_separate_project(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "testing.md").read_text(encoding="utf-8")
    source = page.split("<!-- example: test_my_tool.py -->\n```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "test_my_tool.py").write_text(source, encoding="utf-8")
    # Fewer examples than Hypothesis' default 100, to keep this suite quick.
    (tmp_path / "conftest.py").write_text(
        "from hypothesis import settings\n"
        "settings.register_profile('quick', max_examples=15, deadline=None)\n"
        "settings.load_profile('quick')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_my_tool.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


@pytest.mark.parametrize(
    ("low", "high", "structure"),
    [
        (1, 3, None),
        (1, 8, None),
        (8, 10, None),
        (9, 9, None),
        (20, 30, None),
        (1, 18, "functional"),
    ],
)
def test_bounds_are_respected(low: int, high: int, structure: str | None) -> None:
    @settings(SETTINGS, max_examples=20)
    @given(orgs(min_people=low, max_people=high, structure=structure))
    def check(org: od.Org) -> None:
        assert low <= len(org.people) <= high
        od.lint(org)

    check()


def test_a_functional_org_over_the_limit_cannot_be_clean() -> None:
    with pytest.raises(InvalidArgument, match="cannot be generated"):
        orgs(min_people=25, structure="functional", clean=True)


DRAW_ORGS = (
    "from hypothesis import given, settings, strategies as st\n"
    "import orgdesign as od\n"
    "@settings(max_examples=3, deadline=None, database=None)\n"
    "@given(st.from_type(od.Org), {strategy})\n"
    "def check(org, other):\n"
    "    assert isinstance(org, od.Org) and isinstance(other, od.Org)\n"
    "check()\n"
)


@pytest.mark.parametrize(
    "script",
    [
        # A user's test module whose first line imports the strategies (issue 24: Hypothesis
        # ran its plugin hooks while orgdesign.strategies was still half imported).
        "import orgdesign.strategies\n"
        + DRAW_ORGS.format(strategy="orgdesign.strategies.orgs(max_people=3)"),
        "from orgdesign.strategies import orgs\n" + DRAW_ORGS.format(strategy="orgs(max_people=3)"),
        # Hypothesis first: its hook registers orgs() for st.from_type(Org) on its own.
        DRAW_ORGS.format(strategy="st.from_type(od.Org)"),
    ],
    ids=["strategies-first", "from-strategies-import", "hypothesis-first"],
)
def test_the_strategies_import_first_in_a_fresh_interpreter(script: str) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_hypothesis_entry_point_names_the_hook_module() -> None:
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="hypothesis") if e.name == "orgdesign"]
    assert entry.value == "orgdesign._hypothesis_hook:setup"
    assert callable(entry.load())
