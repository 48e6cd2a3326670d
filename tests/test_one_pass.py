"""The one-pass loader (events straight to entities) against the two-pass one (events to a
tree, the tree to entities): on every input, the same Org with the same locations, or the same
error, word for word. The one-pass loader finds and words problems itself and hands only a
few inputs to the two-pass one; the tests also check that it did the work (it finished the
file, or reported its problems without a second parse), so none of them passes vacuously."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign import loader
from orgdesign.loader import DEFAULT_LIMITS, Limits, _loads
from orgdesign.testing import golden_cases

ROOT = Path(__file__).parent.parent
TEXTS = sorted(
    [
        *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.org.yaml"))),
        *(
            p.read_text(encoding="utf-8")
            for p in sorted((ROOT / "orgdesign" / "templates").glob("*.yaml"))
        ),
    ]
)
CASES = golden_cases(ROOT / "tests" / "rules" / "cases")
CORPUS = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"


def outcome(text: str | bytes, limits: Limits = DEFAULT_LIMITS, *, one_pass: bool) -> Any:
    """What loading gives: the Org as plain data (locations included), or the error text."""
    try:
        org = _loads(text, "in.yaml", limits, one_pass=one_pass)
    except od.OrgDesignError as exc:
        return ("error", type(exc).__name__, str(exc))
    data = attrs.asdict(org, filter=lambda field, _value: field.name != "_cache")
    return ("org", data, tuple(org.sections))


class Counted:
    """Counts the files the one-pass loader finished itself (so no test here is vacuous)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.done = 0
        real = loader._stream_org

        def counting(*args: Any, **kwargs: Any) -> Any:
            org = real(*args, **kwargs)
            self.done += 1
            return org

        monkeypatch.setattr(loader, "_stream_org", counting)


def same(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Any:
    one = outcome(text, limits, one_pass=True)
    two = outcome(text, limits, one_pass=False)
    assert one == two
    return one


def test_every_example_template_and_golden_case_loads_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = Counted(monkeypatch)
    texts = [*TEXTS, *(case.org for case in CASES)]
    results = [same(text) for text in texts]
    assert all(result[0] == "org" for result in results[: len(TEXTS)])
    # Nearly every golden case is a valid file, finished in one pass.
    assert counted.done >= len(texts) * 0.9


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/ corpora not beside the repo")
def test_every_yaml_test_suite_input_loads_alike() -> None:
    for path in sorted(CORPUS.rglob("in.yaml")):
        same(path.read_bytes())


def test_flow_block_and_quoted_styles_load_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Counted(monkeypatch)
    for text in TEXTS:
        data = yaml.safe_load(text)
        for style in (None, True, False):
            same(yaml.safe_dump(data, default_flow_style=style, allow_unicode=True, width=60))
        same(yaml.safe_dump(data, default_style='"', allow_unicode=True))
    assert counted.done >= len(TEXTS) * 3


@pytest.mark.parametrize(
    "limits",
    [
        {"max_depth": 4},
        {"max_depth": 5},
        {"max_string": 8},
        {"max_items": 3},
        {"max_items": 12},
        {"max_nodes": 50},
        {"max_nodes": 70_000},
        {"max_entities": 5},
    ],
)
def test_limits_are_met_alike(limits: dict[str, int]) -> None:
    for text in TEXTS:
        same(text, Limits(**limits))
    # Large enough for the every-65,536-events check to fall inside sections and entities.
    rows = "".join(
        f"  - {{id: p{i}, name: P {i}, reports_to: p0, dotted_to: [p1, p2]}}\n"
        for i in range(12_000)
    )
    same("version: 1\npeople:\n" + rows, Limits(**limits))


LISTS = """version: 1
people:
  - {id: a, dotted_to: [~, b, null, !!str c]}
  - {id: b, dotted_to: [a, a, %s]}
  - {id: c, dotted_to: []}
  - id: d
    dotted_to:
      - a
      - ~
functions:
  - {id: f, kind: demand-gen, metrics: [~, pipeline, '', "x"], pillars: [%s]}
workflows:
  - {id: w, function: f, affects: [budget, ~, %s], approvals: [a, b, %s]}
"""


@pytest.mark.parametrize(
    "values",
    [
        ("c", "brand-positioning", "strategy", "d"),
        ("''", "~", "nonsense", "f"),
        ("x", "[a]", "strategy", "[d]"),
        ("{a: b}", "nonsense", "{a: b}", "d"),
        ("'c'", "~, team-alignment", "'tracking'", '"d"'),
    ],
)
def test_lists_of_ids_names_and_values_load_alike(
    monkeypatch: pytest.MonkeyPatch, values: tuple[str, ...]
) -> None:
    counted = Counted(monkeypatch)
    result = same(LISTS % values)
    assert (result[0] == "org") == (counted.done == 1)
    if values[0] == "c":
        assert result[0] == "org"


SNIPPETS = st.sampled_from(
    [
        "  - {id: x}",
        "  - {id: x, id: y}",
        "  - {name: no id}",
        "  - {id: 'bad id'}",
        "  - {id: ~}",
        "  - {id: [a]}",
        "  - [a, b]",
        "  - plain",
        "  - {id: p9, reports_to: nobody}",
        "  - {id: p9, kind: nonsense}",
        "  - {id: p9, fte: lots}",
        "  - {id: p9, <<: {a: b}}",
        "  - {id: p9, '<<': x}",
        "  - {id: p9, reports_to: ~, team: ''}",
        '  - {id: p9, name: "a\\u202eb"}',
        "  - {id: p9, name: !!str 12, title: !custom x}",
        "  - {id: p9, dotted_to: ceo, allocation: {f: 2}}",
        "  - {id: p9, dotted_to: [~, ceo, '', null, \"\"]}",
        "  - {id: p9, dotted_to: [[a], b]}",
        "  - {id: p9, dotted_to: [{a: b}]}",
        "  - {id: p9, dotted_to: [ceo, ceo, p9], reports_to: p9}",
        "  - {id: w9, affects: [budget, nonsense, ~]}",
        "  - {id: f9, metrics: [~, pipeline, '', [x]]}",
        "  - {? [a] : b}",
        "  - &anchor {id: p9}",
        "  - *anchor",
        "people:",
        "teams:",
        "teams: []",
        "version: 2",
        "version: '1'",
        "org: {name: N, stage: nope}",
        "lint: {select: [OD101]}",
        "unknown: 1",
        "---",
        "...",
        "  - {id: p9, name: x" + "y" * 70_000 + "}",
        "\t- {id: p9}",
        "  - {name: a, name: b, id: p9}",
        "  - {nmae: a, id: p9, nmae: b}",
        "  - {[a]: b, id: p9}",
        "  - {{a: b}: c}",
        "  - {id: [x], id: p9, tilte: x}",
        "  - {id: cmo}",
        "  - {id: 'p 9', reprots_to: x}",
        "  - {id: p9, reports_to: [a], team: {b: c}, fte: [1]}",
        "  - {id: p9, allocation: [a], vacant: maybe}",
        "  - {id: f9, owners: {decison: x, execution: [[y]]}, kind: contnet}",
        "  - {id: p9, <<: *x}",
        '  - {id: "p\\u0001", name: "\\x7f"}',
        "  - {id: p9, name: !!binary aGk=}",
        "  - {id: p9, ignore: [{rule: x}, {reason: y}, [z]]}",
        "  - [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[deep]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "  - {id: p9, name: 'unclosed}",
        "lint: {select: [nope], severity: {x: loud}}",
        "org: {leader: nobody, stage: seed, <<: x}",
        "? [complex]\n: key",
        "people: {id: x}",
        "teams: nonsense",
        "version: [1]",
    ]
)


def _problems_of_every_kind(count: int) -> str:
    rows = []
    for i in range(count):
        rows.append(
            [
                f"  - {{id: p{i}, reprots_to: p0}}",
                f"  - {{name: n{i}, name: m{i}, id: p{i}}}",
                f"  - {{id: 'bad {i}'}}",
                f"  - {{id: p{i % 7}}}",
                f"  - [p{i}]",
                f"  - {{id: p{i}x, team: t{i}, kind: x}}",
            ][i % 6]
        )
    return "\n".join(rows)


@pytest.mark.parametrize("count", [3, 12, 49, 50, 51, 140])
@pytest.mark.parametrize("order", ["people-first", "teams-first"])
def test_many_problems_in_many_sections_load_alike(count: int, order: str) -> None:
    people = "people:\n" + _problems_of_every_kind(count) + "\n"
    teams = "teams:\n" + _problems_of_every_kind(count // 2).replace("{id: p", "{id: t") + "\n"
    body = people + teams if order == "people-first" else teams + people
    same("version: 1\n" + body)
    same("version: 2\nunknown: 1\n" + body + "lint: {select: 3}\n")
    same("version: 1\n" + body + "  - 'a\u202eb'\n")  # a parser problem after the builder's
    same("version: 1\n" + body + "---\nversion: 1\n")  # a second document
    same("version: 1\n" + body + "teams: [\n")  # a syntax error at the end


def test_problems_found_in_one_pass_are_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {}
    texts = {
        "keys": "version: 1\npeople:\n  - {id: a, nmae: x, name: y, name: z}\n",
        "ids": "version: 1\npeople:\n  - {id: a}\n  - {id: a}\n  - {id: 'b c'}\n  - [x]\n",
        "values": "version: 1\npeople:\n  - {id: a, fte: lots, dotted_to: [[b]]}\n",
        "sections": "version: 3\nextra: [1, 2]\npeople:\n  - {id: a, team: t}\n",
        "parser": 'version: 1\npeople:\n  - {id: a, name: "\\u202e"}\n',
        "yaml": "version: 1\npeople:\n  - {id: a, name: b\n",
    }
    for name, text in texts.items():
        expected[name] = outcome(text, one_pass=False)
    monkeypatch.setattr(loader, "_parse_tree", lambda *args: pytest.fail("parsed twice"))
    for name, text in texts.items():
        assert outcome(text, one_pass=True) == expected[name], name
        assert expected[name][0] == "error"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXTS) - 1), st.data())
def test_edited_files_load_alike(which: int, data: st.DataObject) -> None:
    lines = TEXTS[which].splitlines()
    for _ in range(data.draw(st.integers(1, 6))):
        index = data.draw(st.integers(0, len(lines)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "snippet"]))
        if action == "snippet" or not lines:
            lines.insert(index, data.draw(SNIPPETS))
        elif action == "insert":
            lines.insert(index, data.draw(st.text(max_size=20)))
        else:
            index = min(index, len(lines) - 1)
            if action == "delete":
                del lines[index]
            elif action == "duplicate":
                lines.insert(index, lines[index])
            else:
                lines[index] = "  " + lines[index]
    same("\n".join(lines))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_sections_in_any_order_load_alike(data: st.DataObject) -> None:
    tree = yaml.safe_load(TEXTS[data.draw(st.integers(0, len(TEXTS) - 1))])
    keys = data.draw(st.permutations(list(tree)))
    same(yaml.safe_dump({key: tree[key] for key in keys}, sort_keys=False, allow_unicode=True))


def test_bad_references_are_reported_in_the_two_pass_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sections out of the usual order, more than 50 bad references among them, and the
    # org's leader unknown too: the 50 reported and their suggestions must be the same.
    counted = Counted(monkeypatch)
    teams = "".join(f"  - {{id: t{i}, lead: nobody{i}}}\n" for i in range(30))
    people = "".join(f"  - {{id: p{i}, reports_to: p{i}x, team: t{i % 40}}}\n" for i in range(40))
    functions = "".join(
        f"  - {{id: f{i}, owners: {{decision: p{i}, input: [t{i}, gone{i}]}}}}\n" for i in range(20)
    )
    workflows = "".join(f"  - {{id: w{i}, approvals: [p1, t1, f1]}}\n" for i in range(5))
    text = (
        "version: 1\norg: {leader: chief}\nworkflows:\n"
        + workflows
        + "teams:\n"
        + teams
        + "functions:\n"
        + functions
        + "people:\n"
        + people
    )
    result = same(text)
    assert result[0] == "error"
    assert "stopped after 50 problems" in result[2]
    assert counted.done == 0
    # Bad references alone are reported by the one-pass loader, without a second parse.
    monkeypatch.setattr(loader, "_parse_tree", lambda *args: pytest.fail("parsed twice"))
    assert outcome(text, one_pass=True) == result


def test_suggestions_among_many_ids_come_from_the_same_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Did-you-mean looks at the first 1,000 ids alike in shape, in the order the two-pass
    # loader registers them (people before teams), whatever the order in the file.
    teams = "".join(f"  - {{id: x{i:05d}}}\n" for i in range(2000, 3500))
    people = "".join(f"  - {{id: x{i:05d}}}\n" for i in range(1500))
    function = "  - {id: f, owners: {decision: x03499z, input: [x02001y]}}\n"
    text = "version: 1\nteams:\n" + teams + "people:\n" + people + "functions:\n" + function
    result = same(text)
    assert result[0] == "error"
    assert "did you mean" in result[2]
    monkeypatch.setattr(loader, "_parse_tree", lambda *args: pytest.fail("parsed twice"))
    assert outcome(text, one_pass=True) == result


SHAPES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(["cmo", "ceo", "x", "", "~", "brand", "content", "a\u202eb", "p 1"]),
    st.lists(st.sampled_from(["cmo", "ceo", "x", None, ""]), max_size=3),
    st.dictionaries(st.sampled_from(["decision", "execution", "input", "x"]), st.just("cmo")),
)
KEYS = st.sampled_from(
    ["id", "name", "title", "reports_to", "team", "dotted_to", "kind", "owners", "metrics",
     "allocation", "fte", "vacant", "nmae", "lead", "parent", "approvals", "<<"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXTS) - 1), st.data())
def test_mutated_trees_load_alike(which: int, data: st.DataObject) -> None:
    tree = yaml.safe_load(TEXTS[which])
    sections = [name for name in tree if isinstance(tree[name], list) and tree[name]]
    for _ in range(data.draw(st.integers(1, 5))):
        section = data.draw(st.sampled_from(sections))
        items = tree[section]
        index = data.draw(st.integers(0, len(items) - 1))
        action = data.draw(st.sampled_from(["set", "drop", "item", "copy"]))
        if action == "set" and isinstance(items[index], dict):
            items[index][data.draw(KEYS)] = data.draw(SHAPES)
        elif action == "drop" and isinstance(items[index], dict) and items[index]:
            del items[index][data.draw(st.sampled_from(sorted(items[index])))]
        elif action == "item":
            items[index] = data.draw(SHAPES)
        else:
            items.insert(index, items[index])
    style = data.draw(st.sampled_from([None, True, False]))
    same(yaml.safe_dump(tree, default_flow_style=style, allow_unicode=True, sort_keys=False))


NEAR_THE_LIMIT = st.one_of(st.integers(0, 60), st.integers(47, 51))
ENDINGS = st.sampled_from(
    [
        "  - {id: [\n",  # a syntax error
        "---\nversion: 1\n",  # a second document
        "  - {id: x, name: *a}\n",  # an alias
        "  - {id: x, name: " + "y" * 70_000 + "}\n",  # a value over the limit
        "  - {id: x, dotted_to: " + "[" * 40 + "]" * 40 + "}\n",  # nesting too deep
        '  - {id: x, name: "\\u202e"}\n',  # one more parser problem
        "  - {id: x, nmae: y}\n",  # a problem of the builder's
        "",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEAR_THE_LIMIT, NEAR_THE_LIMIT, ENDINGS)
@example(49, 0, "  - {id: [\n")  # the 50th problem is the syntax error's
def test_problems_near_the_limit_then_an_end_load_alike(unsafe: int, bad: int, end: str) -> None:
    # Parser problems (values spelling out a forbidden character) and builder problems (an
    # unknown key) up to and past the 50 reported, then whatever ends the file: the 50th
    # problem may come from anywhere, even from the handler of a syntax error.
    rows = [f'  - {{id: p{i}, name: "a\\u202eb"}}\n' for i in range(unsafe)]
    rows += [f"  - {{id: q{i}, tilte: x}}\n" for i in range(bad)]
    result = same("version: 1\npeople:\n" + "".join(rows) + end)
    if unsafe + bad:
        assert result[0] == "error"
