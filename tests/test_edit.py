"""What-if edits: each returns a new org, checks references like the loader, round-trips."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign.edit import EditError, references
from orgdesign.model import Function, Owners, Person, Team
from orgdesign.rules._shared import runner
from orgdesign.strategies import orgs

EXAMPLES = ["quickstart", "quickstart-reviewed", "seed", "series-a", "scale-up"]


def scale_up() -> od.Org:
    return od.load("examples/scale-up.org.yaml")


def round_trips(org: od.Org) -> None:
    again = od.loads(od.dump(org), filename="<dumped>")
    assert again == org
    assert od.dump(again) == od.dump(org)


def test_move_returns_a_new_org_and_leaves_the_old_one() -> None:
    org = scale_up()
    moved = org.move("ops-lead", reports_to="cmo", dotted_to="cro", team="marketing")
    assert org.get("ops-lead").reports_to == "demand-director"  # type: ignore[union-attr]
    person = moved.get("ops-lead")
    assert isinstance(person, Person)
    assert (person.reports_to, person.dotted_to, person.team) == ("cmo", ("cro",), "marketing")
    assert moved.move("ops-lead", reports_to=None).get("ops-lead").reports_to is None  # type: ignore[union-attr]
    assert moved.move("ops-lead", dotted_to=None).get("ops-lead").dotted_to == ()  # type: ignore[union-attr]
    # Only what was touched carries the edit's location; the rest keep the file's.
    assert (
        str(person.location)
        == "<edit: move ops-lead (reports_to='cmo', dotted_to='cro', team='marketing')>"
    )
    assert moved.get("cmo").location == org.get("cmo").location  # type: ignore[union-attr]
    assert str(org.get("cmo").location).startswith("examples/scale-up.org.yaml:")  # type: ignore[union-attr]
    round_trips(moved)


def test_edits_chain() -> None:
    org = scale_up()
    option = (
        org.move("ops-lead", reports_to="cmo")
        .assign("content", execution=["writer-1", "writer-2"], review=None)
        .vacate("pmm-enterprise")
        .update("cmo", title="Chief Marketing & Growth Officer")
    )
    content = option.get("content")
    assert isinstance(content, Function)
    assert content.owners.execution == ("writer-1", "writer-2")
    assert content.owners.review == ()
    assert content.owners.decision == org.get("content").owners.decision  # type: ignore[union-attr]
    assert option.get("pmm-enterprise").vacant  # type: ignore[union-attr]
    assert option.get("pmm-enterprise").name is None  # type: ignore[union-attr]
    filled = option.fill("pmm-enterprise", "Ada Lovelace", title="PMM Lead")
    assert (filled.get("pmm-enterprise").name, filled.get("pmm-enterprise").title) == (
        "Ada Lovelace",
        "PMM Lead",
    )  # type: ignore[union-attr]
    assert not filled.get("pmm-enterprise").vacant  # type: ignore[union-attr]
    round_trips(option)
    round_trips(filled)


def test_add_and_remove() -> None:
    org = scale_up()
    grown = org.add(
        Team(
            id="t-growth", name="Growth", kind="marketing", parent="marketing", lead="growth-lead"
        ),
        Person(
            id="growth-lead",
            name="Gia Growth",
            title="Head of Growth",
            reports_to="cmo",
            team="t-growth",
        ),
        Function(
            id="growth",
            name="Growth",
            kind="demand-gen",
            owners=Owners(decision=("growth-lead",), execution=("growth-lead",)),
        ),
    )
    assert grown.get("growth-lead").location == od.Location(
        "<edit: add t-growth, growth-lead, growth>"
    )  # type: ignore[union-attr]
    assert [p.id for p in grown.people][-1] == "growth-lead"
    assert len(grown.people) == len(org.people) + 1
    round_trips(grown)
    shrunk = grown.remove("growth", "growth-lead", "t-growth")
    assert shrunk == org
    assert od.dump(shrunk) == od.dump(org)


def test_removing_something_still_referenced_names_every_reference() -> None:
    org = scale_up()
    with pytest.raises(EditError) as caught:
        org.remove("ops-lead")
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("remove ops-lead: 'ops-lead' is still referenced by ")
    referencing = [
        (holder.id, key)
        for holder in org.entities()
        for key, value, _ in references(holder)
        if value == "ops-lead"
    ]
    assert len(lines) == min(10, len(referencing)) + (len(referencing) > 10)
    for holder_id, key in referencing[:10]:
        assert any(f"{key} of " in line and f"'{holder_id}'" in line for line in lines)


def test_rename_moves_every_reference() -> None:
    org = scale_up()
    renamed = org.rename("cmo", "chief-marketer")
    assert renamed.get("cmo") is None
    assert renamed.leader == "chief-marketer"
    old_refs = sum(1 for e in org.entities() for _k, v, _t in references(e) if v == "cmo")
    new_refs = sum(
        1 for e in renamed.entities() for _k, v, _t in references(e) if v == "chief-marketer"
    )
    assert old_refs == new_refs > 10
    assert not any(v == "cmo" for e in renamed.entities() for _k, v, _t in references(e))
    round_trips(renamed)
    # The same findings, about the same subjects under their new name.
    before = sorted((f.code, f.subject) for f in od.lint(org).findings)
    after = sorted(
        (f.code, "cmo" if f.subject == "chief-marketer" else f.subject)
        for f in od.lint(renamed).findings
    )
    assert before == after


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda o: o.move("ops-led", reports_to="cmo"),
            "move ops-led (reports_to='cmo'): no person 'ops-led'; did you mean 'ops-lead'?",
        ),
        (
            lambda o: o.move("ops-lead", reports_to="cmoo"),
            "move ops-lead (reports_to='cmoo'): unknown reference in reports_to of person "
            "'ops-lead': no person 'cmoo'; did you mean 'cmo'?",
        ),
        (
            lambda o: o.move("mops", reports_to="cmo"),
            "move mops (reports_to='cmo'): 'mops' is a function, not a person",
        ),
        (
            lambda o: o.move("ops-lead", team="cmo"),
            "move ops-lead (team='cmo'): wrong reference in team of person 'ops-lead': 'cmo' is "
            "a person, not a team",
        ),
        (
            lambda o: o.assign("mops", decision="brand"),
            "assign mops (decision='brand'): wrong reference in owners.decision of function "
            "'mops': 'brand' is a function, not a person, partner or team",
        ),
        (
            lambda o: o.assign("mops", execution=[1, 2]),
            "assign mops (execution=[1, 2]): execution takes an id or a list of ids, got [1, 2]",
        ),
        (
            lambda o: o.update("cmo", capacity="lots"),
            "update cmo (capacity='lots'): person 'cmo': Person.capacity must be a number, got "
            "'lots'",
        ),
        (
            lambda o: o.update("cmo", capacity=3),
            "update cmo (capacity=3): person 'cmo': Person.capacity is out of range: it must be "
            "between 0 and 1, got 3",
        ),
        (
            lambda o: o.update("cmo", titel="x"),
            "update cmo (titel='x'): person has no field 'titel'; did you mean 'title'?",
        ),
        (
            lambda o: o.rename("cmo", "bad id"),
            "rename cmo -> bad id: 'bad id' is not an id: letters, digits and . _ @ - only, "
            "starting with a letter or digit",
        ),
        (lambda o: o.rename("cmo", "cro"), "rename cmo -> cro: the id 'cro' is already a person"),
        (lambda o: o.add(Person(id="cmo")), "add cmo: the id 'cmo' is already a person"),
        (
            lambda o: o.add(Person(id="new", reports_to="nobody")),
            "add new: unknown reference in reports_to of person 'new': no person 'nobody'",
        ),
        (
            lambda o: o.vacate("ops-lead\nx.yaml:1:1: forged"),
            "vacate ops-lead\\nx.yaml:1:1: forged: no person 'ops-lead\\nx.yaml:1:1: forged'",
        ),
    ],
)
def test_edit_errors_name_the_id_with_a_did_you_mean(edit: Any, message: str) -> None:
    org = scale_up()
    before = od.dump(org)
    with pytest.raises(EditError) as caught:
        edit(org)
    assert str(caught.value) == message
    assert od.dump(org) == before


def test_moving_the_ops_runner_under_the_leader_fixes_od301() -> None:
    fixed = 0
    for name in EXAMPLES:
        org = od.load(f"examples/{name}.org.yaml")
        flagged = [f for f in od.lint(org).findings if f.code == "OD301"]
        if not flagged:
            continue
        from orgdesign.graph import marketing_leader

        leader = marketing_leader(org)
        assert leader is not None
        for finding in flagged:
            function = org.get(finding.subject)
            assert isinstance(function, Function)
            person = runner(org, function)
            assert person is not None
            org = org.move(person.id, reports_to=leader.id)
        assert not [f for f in od.lint(org).findings if f.code == "OD301"], name
        fixed += 1
    assert fixed >= 2  # quickstart and scale-up bury ops


def test_diff_of_an_edit() -> None:
    org = scale_up()
    moved = org.move("ops-lead", reports_to="cmo")
    changes = od.diff(org, moved)
    assert [(c.id, c.fields) for c in changes.changes] == [
        ("ops-lead", (("reports_to", "demand-director", "cmo"),))
    ]
    assert "OD301" in {f.code for f in changes.fixed.findings}
    assert str(changes) == changes.to_text()
    assert "fixed findings:" in str(changes)


# -- a random sequence of valid edits keeps the org valid and round-trips -------------------


@st.composite
def edited(draw: st.DrawFn) -> od.Org:
    org = draw(orgs())
    for _ in range(draw(st.integers(1, 6))):
        people = [p.id for p in org.people]
        functions = [f.id for f in org.functions]
        owners = [e.id for e in (*org.people, *org.partners, *org.teams)]
        teams = [t.id for t in org.teams]
        choice = draw(
            st.sampled_from(["move", "assign", "vacate", "fill", "rename", "add", "update"])
        )
        if choice == "move" and people:
            org = org.move(
                draw(st.sampled_from(people)),
                reports_to=draw(st.none() | st.sampled_from(people)),
                dotted_to=draw(st.lists(st.sampled_from(people), max_size=2)),
                team=draw(st.none() | st.sampled_from(teams)) if teams else None,
            )
        elif choice == "assign" and functions and owners:
            org = org.assign(
                draw(st.sampled_from(functions)),
                decision=draw(st.sampled_from(owners)),
                execution=draw(st.lists(st.sampled_from(owners), max_size=3)),
                review=draw(st.none() | st.sampled_from(owners)),
            )
        elif choice == "vacate" and people:
            org = org.vacate(draw(st.sampled_from(people)))
        elif choice == "fill" and people:
            org = org.fill(draw(st.sampled_from(people)), draw(st.sampled_from(["Ada", "Bo Chen"])))
        elif choice == "rename":
            old = draw(st.sampled_from([e.id for e in org.entities()]))
            new = draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True))
            if org.get(new) is None:
                org = org.rename(old, new)
        elif choice == "add":
            new = draw(st.from_regex(r"new-[a-z0-9]{1,6}", fullmatch=True))
            if org.get(new) is None:
                manager = draw(st.none() | st.sampled_from(people)) if people else None
                org = org.add(Person(id=new, name="New Person", reports_to=manager))
        elif choice == "update" and people:
            org = org.update(
                draw(st.sampled_from(people)), capacity=draw(st.sampled_from([0.5, 1.0]))
            )
    return org


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_random_edits_keep_the_org_loadable(org: od.Org) -> None:
    text = od.dump(org)
    again = od.loads(text, filename="<edited>")
    assert again == org
    assert od.dump(again) == text
    od.lint(again)  # and it lints
