"""Whole files put together from top-level pieces: the sections known, misspelt, duplicated,
null, empty, of the wrong shape or nested where they do not belong, in any order, around an
``org:`` mapping whose references point forward, backward or nowhere.

The three readers (the two-pass tree loader, the one-pass event reader, the line reader)
must give the same Org or the same located problems, and never anything else: the one-pass
reader once crashed on an ``org: {leader: ...}`` in a file where no section was read as a
list (a misspelt ``peple:``), because it settled the ``org:`` mapping's references from
where each section's references started, and there were no sections."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orgdesign import loader

from .test_line_reader import outcome

# A reference target the pieces below may define (p1, t1, f1), or nobody.
REFERENCES = st.sampled_from(["p1", "p2", "t1", "f1", "cmo", "nobody", "P1"])
# Known sections, and the spellings a person makes of them.
SECTION_NAMES = st.sampled_from(
    [*loader.SECTIONS, "peple", "People", "person", "team", "functons", "workflow", "lint"]
)


@st.composite
def entity(draw: st.DrawFn, section: str, number: int, block: bool) -> str:
    """One entity of ``section`` with references, flow style or block style (in a list)."""
    prefix = {"people": "p", "teams": "t", "functions": "f"}.get(section, section[:1] or "x")
    pairs = [("id", f"{prefix}{number}")]
    if section in ("people", "peple", "People", "person"):
        pairs += [("name", "Dana Reyes"), ("reports_to", draw(REFERENCES))]
        if draw(st.booleans()):
            pairs.append(("team", draw(REFERENCES)))
    elif section in ("teams", "team"):
        pairs.append(("lead", draw(REFERENCES)))
    elif section in ("functions", "functons"):
        pairs += [("kind", "content"), ("owners", f"{{decision: {draw(REFERENCES)}}}")]
    elif section in ("workflows", "workflow"):
        pairs.append(("approvals", f"[{draw(REFERENCES)}, {draw(REFERENCES)}]"))
    if block:
        first, *rest = pairs
        return "".join(
            [f"  - {first[0]}: {first[1]}\n", *(f"    {key}: {value}\n" for key, value in rest)]
        )
    return "  - {" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}\n"


@st.composite
def section_piece(draw: st.DrawFn) -> str:
    """A top-level key and its value: a section (or what a person wrote for one)."""
    name = draw(SECTION_NAMES)
    if name == "lint":
        return draw(st.sampled_from(["lint: {select: [all]}\n", "lint: ~\n", "lint: [x]\n"]))
    shape = draw(st.sampled_from(["flow", "block", "inline", "null", "empty", "scalar", "map"]))
    if shape in ("flow", "block"):
        count = draw(st.integers(1, 3))
        body = "".join(draw(entity(name, n, shape == "block")) for n in range(1, count + 1))
        return f"{name}:\n{body}"
    return {
        "inline": f"{name}: [{{id: {name[:1]}9, lead: {draw(REFERENCES)}}}]\n",
        "null": f"{name}:\n",
        "empty": f"{name}: []\n",
        "scalar": f"{name}: {draw(REFERENCES)}\n",
        "map": f"{name}:\n  id: {name[:1]}8\n",
    }[shape]


@st.composite
def org_piece(draw: st.DrawFn) -> str:
    """The ``org:`` mapping, its leader a reference, perhaps holding a section of its own."""
    fields = ["name: Acme"]
    if draw(st.booleans()):
        fields.append(f"leader: {draw(REFERENCES)}")
    nested = ""
    if draw(st.booleans()):  # a section indented under org: by mistake
        nested = draw(section_piece())
    if draw(st.booleans()):
        return "org: {" + ", ".join(fields) + "}\n" + _indented(nested)
    block = "org:\n" + "".join(f"  {field}\n" for field in fields)
    return block + _indented(nested)


def _indented(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


@st.composite
def files(draw: st.DrawFn) -> str:
    pieces = [draw(st.sampled_from(["version: 1\n", "version: 1\n", "version: 2\n", ""]))]
    if draw(st.integers(0, 3)):
        pieces.append(draw(org_piece()))
    pieces += draw(st.lists(section_piece(), max_size=5))
    order = draw(st.permutations(range(len(pieces))))
    return "".join(pieces[index] for index in order)


UNKNOWN_SECTION = re.compile(r"in\.yaml:\d+:1: unknown section '([^']*)'")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
# The crash of issue 24: a misspelt section, and the org's leader a reference.
@example("version: 1\norg: {name: A, leader: cmo}\npeple:\n  - {id: cmo, name: D}\n")
@example("version: 1\norg: {name: A, leader: cmo}\n")  # no section at all
@example("version: 1\norg: {name: A, leader: cmo}\npeople:\n")  # a null one
@example("org:\n  leader: p1\n  people:\n  - {id: p1}\n")  # one nested under org:
@example("version: 1\nlint: {select: [all]}\norg: {leader: x}\n")  # only lint:
def test_top_level_pieces_load_alike_on_every_path(text: str) -> None:
    lines = outcome(text, one_pass=True)  # the line reader, where it takes the file
    events = outcome(text, one_pass=True, lines=False)
    tree = outcome(text, one_pass=False)
    assert lines == events == tree
    # In a file that is good YAML, every unknown top-level key is named at its place,
    # whatever else is wrong with it.
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    unknown = set(data or ()) - set(loader.SECTIONS) - {"version", "org", "lint"}
    if unknown:
        assert tree[0] == "error"
        assert unknown <= set(UNKNOWN_SECTION.findall(tree[2])), (unknown, tree[2])


def test_the_misspelt_section_is_named_in_every_way_of_loading(tmp_path: Path) -> None:
    text = "version: 1\norg: {name: A, leader: cmo}\npeple:\n  - {id: cmo, name: D}\n"
    expected = [
        "in.yaml:2:24: unknown reference in leader: no person 'cmo'",
        "in.yaml:3:1: unknown section 'peple'; did you mean 'people'?",
    ]
    for how in ({"one_pass": True}, {"one_pass": True, "lines": False}, {"one_pass": False}):
        assert outcome(text, **how)[2].splitlines() == expected, how
    path = tmp_path / "typo.org.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "orgdesign.cli", "lint", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [line.replace("in.yaml", str(path)) for line in expected]
