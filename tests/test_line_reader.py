"""The line reader (sections read from their lines, without libyaml) against the one-pass
loader reading libyaml's events: on every input, the same Org with the same locations, or
the same error, word for word.

The line reader knows a strict part of YAML and hands anything else back to libyaml, so
the danger is a line it reads differently from libyaml. The generators here write entities
in its styles with values chosen to sit on either side of every edge it draws (colons,
hashes, quotes, commas, brackets, leading indicators, spaces, nulls, numbers), and the tests
check it took most of them, so none passes vacuously."""

from __future__ import annotations

import contextlib
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign import loader
from orgdesign.loader import DEFAULT_LIMITS, Limits, _loads

from .test_one_pass import CASES, TEXTS


def outcome(text: str, limits: Limits = DEFAULT_LIMITS, **how: bool) -> Any:
    try:
        org = _loads(text, "in.yaml", limits, **how)  # type: ignore[arg-type]
    except od.OrgDesignError as exc:
        return ("error", type(exc).__name__, str(exc))
    data = attrs.asdict(org, filter=lambda field, _value: field.name != "_cache")
    locations = [
        (entity.location, entity.id) for name in loader.SECTIONS for entity in getattr(org, name)
    ]
    return ("org", data, tuple(org.sections), locations)


def taken(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """The line reader read the file itself (to an Org or to its problems)."""
    bodies = loader._line_bodies(text, limits)
    if bodies is None:
        return False
    try:
        with attrs.validators.disabled():
            loader._OnePass(text, "in.yaml", limits, bodies).run()
    except (loader._NotFast, loader._Fallback):
        return False
    except od.OrgDesignError:
        pass
    return True


def same(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Both ways give the same; returns whether the line reader did the work."""
    lines = outcome(text, limits, one_pass=True)
    events = outcome(text, limits, one_pass=True, lines=False)
    assert lines == events
    return taken(text, limits)


def test_examples_templates_and_golden_cases_in_their_own_and_dumped_styles() -> None:
    texts = [*TEXTS, *(case.org for case in CASES)]
    dumped = []
    for text in texts:
        with contextlib.suppress(od.OrgDesignError):
            dumped.append(od.dump(od.loads(text)))
    results = [same(text) for text in [*texts, *dumped]]
    assert all(results[: len(TEXTS)])  # every example and template
    assert all(results[len(texts) :])  # everything orgdesign writes
    assert sum(results) >= len(results) * 0.8


def test_pyyaml_styles_load_alike() -> None:
    took = 0
    for text in TEXTS:
        data = yaml.safe_load(text)
        for style in (None, False):
            took += same(yaml.safe_dump(data, default_flow_style=style, allow_unicode=True))
        same(yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=60))
        same(yaml.safe_dump(data, default_style='"', allow_unicode=True))
        same(yaml.safe_dump(data, default_style="'", allow_unicode=True))
    assert took >= len(TEXTS)


# Values on both sides of the line reader's edges.
TRICKY = [
    "Ann",
    "Ann Lee",
    "O'Brien",
    'say "hi"',
    "a: b",
    "a:b",
    "a:",
    "a #b",
    "a#b",
    "#x",
    "-x",
    "- x",
    "-",
    "?x",
    ":x",
    "'q'",
    "'it''s'",
    "'open",
    '"dq"',
    '"a\\nb"',
    '"a\\"b"',
    "[a]",
    "[a, b]",
    "[a,b]",
    "[a, ]",
    "[]",
    "{}",
    "{a: 1}",
    "~",
    "null",
    "Null",
    "",
    " pad",
    "pad ",
    "yes",
    "1",
    "0.5",
    "1e3",
    "-1",
    "Tomás",
    "名前",
    "x,y",
    "x, y",
    "&a x",
    "*a",
    "!t x",
    "!!str 1",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "a  b",
    "a\u00a0b",
    "a\tb",
    "p1",
    "t1",
    "cmo",
    "f1",
    "marketing",
    "agency",
    "budget",
    "demand-gen",
]
# Per section: key -> what its values are drawn from ("text" takes the tricky values, which
# are still text when YAML reads them so; other keys take mostly valid values).
KEYS: dict[str, dict[str, list[str] | str]] = {
    "people": {
        "name": "text",
        "title": "text",
        "reports_to": ["cmo", "p1", "p2", "~", "nobody"],
        "dotted_to": "refs",
        "team": ["t1", "''", "t9"],
        "vacant": ["true", "false", "yes"],
        "capacity": ["0.5", "1", "2"],
        "employment": ["full-time", "contractor", "nope"],
        "allocation": ["{f1: 0.5}", "{f1: 1}", "{}", "{f1: 0.5, f1: 0.2}"],
        "ignore": ["[{rule: span-of-control, reason: fine}]", "[{rule: nope}]"],
    },
    "teams": {
        "name": "text",
        "kind": ["marketing", "sales", "nope"],
        "lead": ["cmo", "p1"],
        "parent": ["t1", "~"],
        "segment": "text",
    },
    "functions": {
        "name": "text",
        "kind": ["content", "demand-gen", "custom kind"],
        "team": ["t1"],
        "owners": [
            "{decision: cmo, execution: p1}",
            "{decision: [cmo], input: [p1, p2], review: []}",
            "{decision: nobody}",
            "{decison: cmo}",
        ],
        "metrics": "texts",
        "placement": ["central", "segment"],
    },
    "partners": {"name": "text", "kind": ["agency", "vendor"], "managed_by": ["p1", "cmo"]},
    "workflows": {
        "function": ["f1", "f9"],
        "affects": ["[budget]", "[budget, strategy]", "[]", "[nope]"],
        "approvals": "refs",
        "process": ["standard", "lightweight"],
        "name": "text",
    },
}
IDS = {
    "people": ["cmo", "p1", "p2", "p3"],
    **{name: [f"{name[0]}{i}" for i in range(1, 5)] for name in KEYS if name != "people"},
}
NAMES = ["Ann Lee", "O'Brien", "Tomás Ruiz", "名前", "VP, EMEA", 'say "hi"', "a#b", "1", "x"]
TEXT = st.one_of(
    *[st.sampled_from(NAMES)] * 6,
    st.sampled_from(TRICKY),
    st.text(alphabet="ab :#,'\"[]{}-?!&*~é ", max_size=6),
)


def rarely(times: int) -> st.SearchStrategy[bool]:
    """True about once in ``times`` (hypothesis favours the first of a sampled list)."""
    return st.sampled_from([False] * (times - 1) + [True])


@st.composite
def entity(draw: st.DrawFn, section: str, index: int) -> list[tuple[str, str]]:
    """Key, value text pairs: mostly valid (an id first), with tricky values mixed in."""
    keys = KEYS[section]
    ids = IDS[section]
    pairs = [("id", draw(TEXT) if draw(rarely(30)) else ids[index % len(ids)])]
    for key in draw(st.lists(st.sampled_from(sorted(keys)), max_size=5, unique=True)):
        kind = keys[key]
        if kind == "text":
            value = draw(TEXT)
        elif kind in ("refs", "texts"):
            pool = ["cmo", "p1", "p2", "~", "''", "x y", "nobody"]
            value = "[" + ", ".join(draw(st.lists(st.sampled_from(pool), max_size=3))) + "]"
        else:
            value = draw(st.sampled_from(kind))
        pairs.append((key, value))
    if draw(rarely(40)):
        pairs.insert(draw(st.integers(0, len(pairs))), draw(st.sampled_from(pairs)))
    if draw(rarely(40)):
        pairs.insert(draw(st.integers(0, len(pairs))), ("nmae", "x"))
    return pairs


@st.composite
def org_text(draw: st.DrawFn) -> str:
    lines = ["version: 1", "org: {name: N, leader: cmo}"]
    sections = draw(st.lists(st.sampled_from(list(KEYS)), min_size=1, max_size=5, unique=True))
    for section in sections:
        lines.append(draw(st.sampled_from([f"{section}:", f"{section}:  # note", f"{section} :"])))
        dash = draw(st.sampled_from(["  - ", "- ", "    - ", "  -   "]))
        margin = " " * (len(dash) - 2 + draw(st.sampled_from([0, 0, 0, 1])))
        for index in range(draw(st.integers(1, 4))):
            pairs = draw(entity(section, index))
            if draw(st.booleans()):
                sep = draw(st.sampled_from([", ", ", ", ",", " , ", ",  "]))
                inner = sep.join(f"{key}: {value}" for key, value in pairs)
                around = draw(st.sampled_from(["{%s}", "{%s}", "{ %s }", "{%s}  # c", "{%s}#c"]))
                lines.append(dash + around % inner)
            else:
                indent = " " * len(dash)
                for number, (key, value) in enumerate(pairs):
                    head = dash if number == 0 else indent
                    if value.startswith("[") and len(value) > 2 and draw(st.booleans()):
                        items = [item.strip() for item in value[1:-1].split(",") if item.strip()]
                        lines.append(f"{head}{key}:")
                        deeper = indent + draw(st.sampled_from(["  ", "", "    "]))
                        lines += [f"{deeper}- {item}" for item in items]
                    elif value.startswith("{") and len(value) > 2 and draw(st.booleans()):
                        lines.append(f"{head}{key}:")
                        for part in value[1:-1].split(", "):
                            if part:
                                lines.append(f"{indent}  {part}")
                    else:
                        tail = draw(st.sampled_from(["", "", " ", "  # c", " #c"]))
                        lines.append(f"{head}{key}: {value}{tail}")
            if draw(rarely(6)):
                lines.append(draw(st.sampled_from(["", "  ", "  # comment", "# c", margin + "x"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org_text())
@example("version: 1\npeople:\n  - {id: p1, name: a: b}\n")
@example("version: 1\npeople:\n  - id: p1\n    name: a\n      b\n")
@example("version: 1\npeople:\n  - {id: p1, reports_to: p2, name: 'Ann, team: t9'}\n  - {id: p2}\n")
def test_generated_entities_load_alike(text: str) -> None:
    same(text)


def test_a_share_of_the_generated_entities_is_taken_by_the_line_reader() -> None:
    took = total = 0

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(org_text())
    def count(text: str) -> None:
        nonlocal took, total
        total += 1
        took += taken(text)

    count()
    # The generator leans towards edges, so many are problems; the share varies with the
    # hypothesis version (about 14% on the lowest supported, 27% on the newest).
    assert took >= total * 0.1


MARGIN = ["|", "|-", ">", "[a]", "{a: b}", "'q'", '"q"', "? x", "&a", "!t x", "*a", "x", "~"]
MARGIN += ["%YAML 1.1", "@x", "...", "---", "- x", "-x", ": x", "people:", "teams: []", "#"]


@pytest.mark.parametrize("margin", MARGIN)
@pytest.mark.parametrize("where", ["end", "between", "first"])
def test_what_follows_a_section_at_the_margin_is_read_alike(margin: str, where: str) -> None:
    # A line at the margin ends a body for the line reader; libyaml may read it as the value
    # of the header above (a block scalar, say) or as an error.
    people = "people:\n  - {id: cmo, name: A}\n  - id: p1\n    reports_to: cmo\n"
    teams = "teams:\n  - {id: t1, lead: cmo}\n"
    if where == "end":
        text = f"version: 1\n{people}{teams}{margin}\n"
    elif where == "between":
        text = f"version: 1\n{people}{margin}\n{teams}"
    else:
        text = f"version: 1\npeople:\n{margin}\n  - {{id: cmo}}\n{teams}"
    same(text)
    same(text.replace("\n", "\n\n"))


def test_a_misspelt_section_beside_the_leader_loads_alike() -> None:
    # What test_edited_characters_load_alike found (issue 24): an edit that breaks a section's
    # name, in a file whose org: names its leader, crashed the one-pass loader. Its class is
    # generated by tests/test_top_level.py.
    same("version: 1\norg: {name: A, leader: cmo}\npeple:\n  - {id: cmo, name: D}\n")
    same("version: 1\norg:\n  name: A\n  leader: cmo\npeoplex:\n  - id: cmo\n    name: D\n")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXTS) - 1), st.booleans(), st.data())
def test_edited_characters_load_alike(which: int, dumped: bool, data: st.DataObject) -> None:
    text = TEXTS[which]
    if dumped:
        text = od.dump(od.loads(text))
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        char = data.draw(st.sampled_from(list(" :#,'\"[]{}-?\n\tx~&*!|>\u2028\u00a0é")))
        if action == "insert":
            text = text[:index] + char + text[index:]
        elif action == "delete":
            text = text[:index] + text[index + 1 :]
        else:
            text = text[:index] + char + text[index + 1 :]
    same(text)


@pytest.mark.parametrize(
    "limits",
    [
        {"max_nodes": 40},
        {"max_nodes": 70_000},
        {"max_entities": 5},
        {"max_items": 2000},
        {"max_string": 2000},
        {"max_depth": 16},
    ],
)
def test_limits_are_met_alike(limits: dict[str, int]) -> None:
    rows = "".join(
        f"  - {{id: p{i}, name: P {i}, reports_to: p0, dotted_to: [p1, p2]}}\n"
        for i in range(12_000)
    )
    text = "version: 1\npeople:\n" + rows
    same(text, Limits(**limits))
    long_name = "\n  - {id: p5, name: " + "x" * 3000 + ","
    same(text.replace("\n  - {id: p5,", long_name), Limits(**limits))
