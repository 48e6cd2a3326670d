"""Properties of the definitions the rules share: runner, line, open roles, absent sections.

The generator draws the shapes real teams have and the golden cases can only sample: a
reporting tree, teams with leads, functions executed by several people, a team or a
partner, open roles anywhere, martech owned by anyone, and sections left out.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign.graph import marketing_leader
from orgdesign.model import Person
from orgdesign.rules import all_rules
from orgdesign.rules._shared import executors, line, managers_above, runner

RULES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = ["marketing-ops", "revops", "analytics", "product-marketing", "demand-gen", "content"]
SYSTEM_KINDS = ["crm", "marketing-automation", "web-analytics", "bi", "attribution", "other"]
OPTIONAL = ["teams", "functions", "systems", "cadences", "interfaces", "partners"]


@st.composite
def team_orgs(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(2, 12))
    people: list[dict[str, Any]] = [{"id": "cmo", "title": "CMO"}]
    for index in range(1, size):
        people.append(
            {
                "id": f"p{index}",
                "reports_to": draw(st.sampled_from([p["id"] for p in people])),  # a tree
                "vacant": draw(st.booleans()) and draw(st.booleans()),
            }
        )
    ids = [p["id"] for p in people]
    teams = [
        {"id": f"t{index}", "lead": draw(st.sampled_from(ids))}
        for index in range(draw(st.integers(0, 2)))
    ]
    for member in people:
        if teams and draw(st.booleans()):
            member["team"] = draw(st.sampled_from([t["id"] for t in teams]))
    partners = [{"id": "agency", "kind": "agency", "managed_by": "cmo"}]
    executors_pool = ids + [t["id"] for t in teams] + ["agency"]
    functions = [
        {
            "id": f"f{index}",
            "kind": draw(st.sampled_from(KINDS)),
            "owners": {
                "decision": draw(st.lists(st.sampled_from(ids), max_size=2)),
                "execution": draw(st.lists(st.sampled_from(executors_pool), max_size=3)),
            },
        }
        for index in range(draw(st.integers(0, 4)))
    ]
    systems = [
        {"id": f"s{index}", "kind": draw(st.sampled_from(SYSTEM_KINDS)), "owner": owner}
        for index, owner in enumerate(draw(st.lists(st.sampled_from(ids), max_size=4)))
    ]
    data: dict[str, Any] = {
        "version": 1,
        "people": people,
        "teams": teams,
        "partners": partners,
        "functions": functions,
        "systems": systems,
        "cadences": [],
        "interfaces": [],
    }
    for section in draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=3)):
        if section == "partners":  # functions may name the agency
            continue
        if section == "teams" and any(t["id"] in str(functions) for t in teams):
            continue
        data.pop(section)
        if section == "teams":
            for member in people:
                member.pop("team", None)
    return data


@RULES
@given(team_orgs())
def test_the_runner_is_a_live_executor_or_the_single_live_decider(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    for function in org.functions:
        found = runner(org, function)
        doers = executors(org, function)
        if found is None:
            assert not doers
            continue
        assert isinstance(found, Person)
        assert not found.vacant
        if doers:
            assert found in doers
            # When one executor manages all the others, that one runs it.
            bosses = [
                d
                for d in doers
                if all(d.id in managers_above(org, o.id) for o in doers if o is not d)
            ]
            if bosses:
                assert found is bosses[0]
        else:
            assert found.id in function.owners.decision


@RULES
@given(team_orgs())
def test_a_line_holds_its_runner_and_executors_and_no_open_role(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    for function in org.functions:
        members = line(org, function)
        found = runner(org, function)
        if found is not None:
            assert found.id in members
        assert {d.id for d in executors(org, function)} <= members
        assert not any(org.get(member).vacant for member in members)  # type: ignore[union-attr]


@RULES
@given(team_orgs())
def test_buried_ops_and_system_outside_ops_agree_with_the_definitions(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    report = od.lint(org, select=["buried-marketing-ops", "system-outside-ops"])
    leader = marketing_leader(org)
    buried = {f.subject for f in report if f.code == "OD301"}
    for function in org.functions:
        if function.kind != "marketing-ops":
            continue
        found = runner(org, function)
        expected = (
            leader is not None
            and found is not None
            and found.id != leader.id
            and found.reports_to != leader.id
        )
        assert (function.id in buried) == expected
    if not org.has_section("functions"):
        assert not [f for f in report if f.code == "OD108"]
        return
    ops_line = {leader.id} if leader else set()
    runners = set()
    for function in org.functions:
        if function.kind in ("marketing-ops", "revops"):
            ops_line |= line(org, function)
            if runner(org, function) is not None:
                runners.add(runner(org, function).id)  # type: ignore[union-attr]
    for finding in (f for f in report if f.code == "OD108"):
        system = org.get(finding.subject)
        owner = org.get(system.owner)  # type: ignore[union-attr]
        assert not owner.vacant  # type: ignore[union-attr]
        assert owner.id not in ops_line  # type: ignore[union-attr]
        # The fix hands the system to marketing ops, never to anyone outside it.
        named = [i for i in finding.related if i != owner.id]  # type: ignore[union-attr]
        assert set(named) <= runners


@RULES
@given(team_orgs())
def test_a_rule_missing_its_section_is_listed_and_finds_nothing(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    report = od.lint(org)
    listed = {(entry.rule, entry.missing) for entry in report.not_judged}
    for found in all_rules():
        for section in (*found.needs, *found.needs_for_part):
            assert ((found.slug, section) in listed) == (not org.has_section(section))
        if any(not org.has_section(section) for section in found.needs):
            assert not [f for f in report if f.rule == found.slug]
    assert report.exit_code("info") == (1 if report.findings else 0)  # not_judged never fails


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_finding_is_about_a_context_person(data: st.DataObject) -> None:
    # Context people (a manager outside an export, an executive drawn for context) are
    # known only in part: whatever the rules would say of them as a subject is unfounded.
    from orgdesign.strategies import orgs

    org = data.draw(orgs(max_people=20))
    chosen = data.draw(st.lists(st.sampled_from([p.id for p in org.people]), unique=True))
    for person_id in chosen:
        org = org.update(person_id, context=True)
    report = od.lint(org)
    assert not {finding.subject for finding in report.findings} & set(chosen)
    leader = marketing_leader(org)
    assert org.leader is not None or leader is None or not leader.context
