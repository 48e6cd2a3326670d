"""Fuzzing: whatever the input, only OrgDesignError escapes od.loads, and the CLI exits 0, 1
or 2, with a located message on every line of stderr when it exits 2."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign.cli import main
from tests.tools import cli_runner

EXAMPLES = [
    path.read_text(encoding="utf-8")
    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.org.yaml"))
]
DATA = [yaml.safe_load(text) for text in EXAMPLES]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOCATED = re.compile(r"^.+?:(\d+:\d+: )?\S.*$")


def loads_or_error(data: str | bytes) -> None:
    try:
        od.loads(data, filename="fuzz.yaml")
    except od.OrgDesignError as exc:
        for problem in getattr(exc, "problems", ()):
            assert problem.location.file == "fuzz.yaml"


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes(data: bytes) -> None:
    loads_or_error(data)


@FUZZ
@given(st.text(max_size=2_000))
def test_random_text(text: str) -> None:
    loads_or_error(text)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)
KEYS = st.sampled_from(
    ["version", "org", "people", "teams", "functions", "workflows", "id", "owners", "lint"]
)


@FUZZ
@given(st.dictionaries(KEYS, TREES, max_size=6))
def test_random_yaml_trees(tree: dict[str, Any]) -> None:
    loads_or_error(yaml.safe_dump(tree, allow_unicode=True))
    with contextlib.suppress(od.OrgDesignError):
        od.from_dict(tree)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


REPLACEMENTS = st.one_of(
    SCALARS,
    st.just("x" * 100_000),
    st.just([[[[[[[[[[["deep"]]]]]]]]]]]),
    st.text(alphabet="\u202e\u0000\u0007名前🚀\ud7ff\u00e9<>&\"'\\{}|", max_size=20),
    st.just({"<<": {"id": "merged"}}),
)


@FUZZ
@given(st.integers(0, len(DATA) - 1), st.data())
def test_mutated_examples(which: int, data: st.DataObject) -> None:
    tree = copy.deepcopy(DATA[which])
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(tree) if p]
        path = data.draw(st.sampled_from(paths))
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["drop", "retype", "rename", "shuffle", "swap-id"]))
        last = path[-1]
        if action == "drop":
            del parent[last]
        elif action == "retype":  # copied: st.just values are shared between examples
            parent[last] = copy.deepcopy(data.draw(REPLACEMENTS))
        elif action == "rename" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=12))] = parent.pop(last)
        elif action == "shuffle" and isinstance(parent[last], list):
            parent[last] = data.draw(st.permutations(parent[last]))
        elif action == "swap-id" and isinstance(parent[last], dict) and "id" in parent[last]:
            parent[last]["id"] = data.draw(st.sampled_from(["ceo", "cmo", "no", "marketing"]))
    try:
        text = yaml.safe_dump(tree, allow_unicode=True)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    loads_or_error(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(EXAMPLES) - 1), st.data())
def test_cli_on_text_mutations(tmp_path_factory: Any, which: int, data: st.DataObject) -> None:
    lines = EXAMPLES[which].splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "indent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, data.draw(st.text(max_size=20)))
        else:
            lines[index] = "  " + lines[index]
        if not lines:
            lines = [""]
    path = tmp_path_factory.mktemp("fuzz") / "org.yaml"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    result = cli_runner().invoke(main, ["lint", "--format", "json", str(path)])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if line]
        assert errors
        for line in errors:
            assert line.startswith((str(path), "orgdesign: ")), line
            assert LOCATED.match(line), line


def _first_too_deep(text: str, max_depth: int) -> str | None:
    """Where PyYAML's pure-Python parser, which has no nesting limit, first passes max_depth."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth >= max_depth:
                    return f"{event.start_mark.line + 1}:{event.start_mark.column + 1}"
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


CONTEXTS = st.sampled_from(["", "k: ", "- ", "- - ", "{a: ", "a:\n  b: ", "x: '[['\ny: ", "? "])
OPENERS = st.lists(st.sampled_from(["[", "{", "[ ", "[a, ", "{a: ", "[[", "{[", " "]), min_size=1)


@FUZZ
@given(CONTEXTS, OPENERS, st.integers(min_value=4, max_value=64))
def test_deep_nesting_is_reported_where_the_loader_s_limit_is_crossed(
    context: str, pattern: list[str], max_depth: int
) -> None:
    # A run of brackets long enough that libyaml (0.2.6, PyYAML 6.0.3 on) may meet its own
    # 1,000-level limit before delivering the event that crosses ours.
    chunk = "".join(pattern)
    text = context + chunk * (1_200 // max(1, chunk.count("[") + chunk.count("{")) + 1)
    expected = _first_too_deep(text, max_depth)
    if expected is None:  # not YAML the pure parser gets that deep in (e.g. only blanks)
        return
    with pytest.raises(od.LoadError) as caught:
        od.loads(text, filename="deep.yaml", limits=od.Limits(max_depth=max_depth))
    assert str(caught.value.problems[0]) == (
        f"deep.yaml:{expected}: nesting deeper than {max_depth} levels is not allowed"
    )


REFERENCES = st.lists(
    st.one_of(
        st.sampled_from(["&", "&#", "&#x", ";", "amp", "lt", "nbsp", "quot", " ", "<", ">", '"']),
        # Graphviz escape sequences, which it expands in labels and tooltips alike.
        st.sampled_from(["\\", "\\N", "\\G", "\\n", "\\l", "\\E", "\\T"]),
        st.integers(0, 0x10FFFF).map(lambda n: f"{n:x}"),
        st.integers(0, 70000).map(str),
        st.text(alphabet="abcXYZ019", max_size=3),
    ),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REFERENCES, min_size=1, max_size=4))
def test_names_with_character_references_are_drawn_as_written(names: list[str]) -> None:
    import xml.dom.minidom

    names = [" ".join(name.split()) for name in names if name.strip()]
    if not names:
        return
    people = [{"id": f"p{i}", "name": name} for i, name in enumerate(names)]
    org = od.from_dict({"version": 1, "org": {"name": names[0]}, "people": people})
    # Left to right, so that no long name is wrapped onto two lines.
    svg = od.render(org, direction="LR").svg  # str: the bytes were valid UTF-8
    document = xml.dom.minidom.parseString(svg.encode("utf-8"))  # well-formed XML

    def content(tag: str) -> set[str]:
        return {
            "".join(node.data for node in element.childNodes if node.nodeType == node.TEXT_NODE)
            for element in document.getElementsByTagName(tag)
        }

    drawn, hover = content("text"), content("title")
    for name in names:
        assert name in drawn, (name, drawn)
        assert f"{name}\n1 FTE" in hover, (name, hover)  # the hover text, exactly as written
    assert org._repr_html_().startswith("<div")


BREAKING = st.lists(
    st.sampled_from(["a", "x.yaml:1:1: forged", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x85"]),
    min_size=1,
    max_size=5,
).map("".join)
SLOTS = [
    "people:\n  - {{id: a, reports_to: {v}}}\n",
    "people:\n  - {{id: {v}}}\n",
    "people:\n  - {{id: a, employment: {v}}}\n",
    "people:\n  - {{id: a, {v}: 1}}\n",
    "{v}: []\n",
    "people:\n  - {{id: a}}\nlint: {{select: [{v}]}}\n",
    "people:\n  - {{id: a}}\nlint: {{options: {{{v}: {{x: 1}}}}}}\n",
    "people:\n  - {{id: a}}\nlint: {{options: {{too-many-layers: {{max_layers: {v}}}}}}}\n",
]


@FUZZ
@given(st.sampled_from(SLOTS), BREAKING)
def test_a_value_with_line_breaks_never_makes_a_second_line(slot: str, value: str) -> None:
    quoted = json.dumps(value)  # a YAML double-quoted scalar holding the breaks
    text = "version: 1\n" + slot.format(v=quoted)
    error: od.OrgDesignError | None = None
    report = od.Report(())
    try:
        report = od.lint(od.loads(text, filename="f.yaml"))
    except od.OrgDesignError as exc:
        error = exc
    if isinstance(error, od.LoadError):
        assert len(str(error).splitlines()) == len(error.problems)
    elif error is not None:
        assert len(str(error).splitlines()) == 1
    for finding in report:
        assert len(f"{finding.location}: {finding.message} {finding.fix}".splitlines()) == 1


NUMBERS = st.one_of(
    st.integers(min_value=-(10**6000), max_value=10**6000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789.-+eE_", min_size=1, max_size=5000),
)
NUMBER_SLOTS = [
    ("people", "capacity"),
    ("people", "meeting_share"),
    ("backlog", "age_days"),
    ("cadences", "hours_per_week"),
]


@FUZZ
@given(st.sampled_from(NUMBER_SLOTS), NUMBERS, st.booleans())
def test_any_number_in_a_numeric_field_ends_in_an_org_or_a_located_error(
    slot: tuple[str, str], number: Any, as_text: bool
) -> None:
    section, key = slot
    entity = {"id": "x", key: number}
    too_long_to_print = isinstance(number, int) and number.bit_length() > 13_000  # 4,300 digits
    if (as_text and not too_long_to_print) or isinstance(number, str):  # as a file writes it
        text = f"version: 1\n{section}:\n  - {{id: x, {key}: {number}}}\n"
        error: od.OrgDesignError | None = None
        try:
            od.loads(text, filename="n.yaml")
        except od.OrgDesignError as exc:
            error = exc
        located = [p.location.file for p in getattr(error, "problems", ())]
        assert set(located) <= {"n.yaml"}
        return
    with contextlib.suppress(od.OrgDesignError):
        od.from_dict({"version": 1, section: [entity]})
