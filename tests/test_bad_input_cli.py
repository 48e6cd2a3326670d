"""Every kind of bad input from the loader's contract, through the real command line:
exit 2, one ``file:line:col: message`` line per problem, no traceback, under two seconds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import cpu_seconds

HEAD = "version: 1\npeople:\n"
MERGE_BOMB = "\n".join(
    ["a0: &a0 {x: 1}"] + [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, 30)]
)
CASES: dict[str, str | bytes] = {
    "unknown key": HEAD + "  - {id: a, reprots_to: b}\n",
    "unknown reference": HEAD + "  - {id: cmo}\n  - {id: a, reports_to: cm0}\n",
    "reference of the wrong kind": HEAD + "  - {id: a, team: a}\n",
    "duplicate key": HEAD + "  - {id: a, name: x, name: y}\n",
    "duplicate id": HEAD + "  - {id: a}\nteams:\n  - {id: a}\n",
    "wrong type": HEAD + "  - {id: a, capacity: lots}\n",
    "out of range": HEAD + "  - {id: a, meeting_share: 2}\n",
    "negative age": "version: 1\nbacklog:\n  - {id: b, age_days: -1}\n",
    "unknown enum value": "version: 1\nworkflows:\n  - {id: w, process: heavy}\n",
    "missing version": "people: []\n",
    "wrong version": "version: 2\n",
    "empty file": "",
    "top level not a mapping": "- a\n- b\n",
    "several documents": "version: 1\n---\nversion: 1\n",
    "alias": HEAD + "  - &p {id: a}\n  - *p\n",
    "merge-key bomb": MERGE_BOMB,
    "deep brackets": "[" * 60_000,
    "control character": HEAD + '  - {id: a, name: "a\\u0007"}\n',
    "bidirectional override": HEAD + "  - {id: a, name: ab\u202ecd}\n",
    "not UTF-8": b"version: 1\npeople:\n  - {id: \xff\xfe}\n",
    "YAML syntax error": "version: 1\npeople: [a\n",
}
# file:line:col: message, or file: message for what has no position (the cap on problems).
LOCATED = re.compile(r"^.+:\d+:\d+: \S.*$|^.+: stopped after \d+ problems; .*$")


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_two_with_a_location(tmp_path: Path, name: str) -> None:
    path = tmp_path / "org.yaml"
    data = CASES[name]
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    start = cpu_seconds()
    result = subprocess.run(
        [sys.executable, "-m", "orgdesign.cli", "lint", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # a hang that uses no CPU
    )
    elapsed = cpu_seconds() - start
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "a message is printed"
    for line in lines:
        assert line.startswith(str(path)), line
        assert LOCATED.match(line), line
    assert "Traceback" not in result.stderr
    assert elapsed < 2.0, f"{name} took {elapsed:.2f} s"
