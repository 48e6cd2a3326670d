"""Limits: every one configurable, each refusal located and quick, big inputs refused cheaply."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import orgdesign as od
from orgdesign.errors import LoadError
from tests.tools import cpu_seconds

HEAD = "version: 1\npeople:\n"

# Runs the CLI in a child and reports its own peak memory (VmHWM is per address space).
CHILD = """
import sys
from orgdesign.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(f"{code} {peak // 1024}", file=sys.stderr)
"""


def message(text: str, **limits: int) -> str:
    with pytest.raises(LoadError) as caught:
        od.loads(text, filename="f.yaml", limits=od.Limits(**limits))
    return str(caught.value)


def test_defaults() -> None:
    limits = od.Limits()
    assert (limits.max_bytes, limits.max_depth) == (50 * 1024 * 1024, 32)
    assert (limits.max_string, limits.max_entities) == (65_536, 500_000)


def test_count_limits_grow_with_the_size_limit_never_below_the_defaults() -> None:
    larger = od.Limits(max_bytes=200 * 1024 * 1024)  # what --max-size 200 makes
    assert (larger.max_entities, larger.max_items, larger.max_nodes) == (
        2_000_000,
        2_000_000,
        60_000_000,
    )
    smaller = od.Limits(max_bytes=1024)
    assert (smaller.max_entities, smaller.max_items, smaller.max_nodes) == (
        500_000,
        500_000,
        15_000_000,
    )
    given = od.Limits(max_bytes=200 * 1024 * 1024, max_entities=7)
    assert (given.max_entities, given.max_items) == (7, 2_000_000)


def test_the_cli_size_limit_raises_the_entity_limit(tmp_path: Path) -> None:
    from orgdesign.cli import _limits

    assert _limits(120).max_entities == 1_200_000
    assert _limits(None) is od.loader.DEFAULT_LIMITS


def test_size() -> None:
    assert message(HEAD, max_bytes=10) == "f.yaml: the file is 19 bytes; the limit is 10 bytes"


def test_depth() -> None:
    assert message("version: 1\nlint: {options: {a: {b: [[1]]}}}\n", max_depth=4) == (
        "f.yaml:2:25: nesting deeper than 4 levels is not allowed"
    )


def test_string_length() -> None:
    assert message(HEAD + f"  - {{id: a, name: {'x' * 101}}}\n", max_string=100) == (
        "f.yaml:3:19: a value of 101 characters is over the limit of 100"
    )


def test_entities() -> None:
    text = HEAD + "".join(f"  - {{id: p{i}}}\n" for i in range(4))
    assert message(text, max_entities=3) == "f.yaml:6:5: more than 3 entities; the limit is 3"


def test_long_names_within_the_default_limit_load() -> None:
    org = od.loads(HEAD + f"  - {{id: a, name: {'n' * 10_000}}}\n")
    assert len(org.people[0].name or "") == 10_000


def run_child(*args: str) -> tuple[int, int, float, str]:
    start = cpu_seconds()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False
    )
    elapsed = cpu_seconds() - start
    *lines, last = result.stderr.strip().splitlines()
    code, peak = (int(part) for part in last.split())
    return code, peak, elapsed, "\n".join(lines)


def test_a_100_mb_file_is_refused_quickly_and_cheaply(tmp_path: Path) -> None:
    path = tmp_path / "huge.org.yaml"
    with path.open("wb") as handle:
        handle.write(b"version: 1\n")
        handle.write(b"# padding\n" * 10_000_000)
    code, peak, elapsed, stderr = run_child("lint", str(path))
    assert code == 2
    assert stderr == f"{path}: the file is 95.4 MB; the limit is 50 MB"
    assert elapsed < 2.0
    assert peak <= 200


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep brackets", "[" * 60_000),
        (
            "alias bomb",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
                for i in range(8)
            ),
        ),
        (
            "merge-key bomb",
            "\n".join(
                ["a0: &a0 {x: 1}"]
                + [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, 30)]
            ),
        ),
    ],
)
def test_bombs_are_refused_quickly_and_cheaply(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / "bomb.org.yaml"
    path.write_text(text, encoding="utf-8")
    code, peak, elapsed, stderr = run_child("lint", str(path))
    assert code == 2, name
    assert stderr.startswith(f"{path}:"), stderr
    assert elapsed < 2.0, f"{name} took {elapsed:.2f} s"
    assert peak <= 200, f"{name} peaked at {peak} MB"


def test_render_limits_from_the_cli(tmp_path: Path) -> None:
    code, _peak, _elapsed, stderr = run_child(
        "render", "examples/scale-up.org.yaml", "-o", str(tmp_path / "c.svg"), "--max-people", "10"
    )
    assert code == 2
    assert "would have 38 people, over the limit of 10; draw part of it" in stderr
    assert "--focus ID --depth N" in stderr
    assert "--max-people" in stderr


def test_a_list_of_millions_of_items_is_refused_early() -> None:
    text = "version: 1\npeople:\n  - {id: a, dotted_to: [" + ",".join(["a"] * 2_000_000) + "]}\n"
    start = cpu_seconds()
    with pytest.raises(LoadError) as caught:
        od.loads(text, filename="f.yaml")
    assert str(caught.value).startswith("f.yaml:3:")
    assert str(caught.value).endswith(
        "a list or mapping of more than 500000 items; the limit is 500000"
    )
    assert cpu_seconds() - start < 2


def test_the_number_of_values_is_bounded() -> None:
    text = HEAD + "".join(f"  - {{id: p{i}, dotted_to: [a, b, c]}}\n" for i in range(30_000))
    assert message(text, max_nodes=100_000).endswith(
        "more than 100000 values, lists and mappings; the limit is 100000"
    )


def test_did_you_mean_stays_cheap_among_ids_alike_in_shape() -> None:
    rows = "".join(f"  - {{id: p{i}}}\n" for i in range(100_000))
    bad = "".join(f"  - {{id: q{i}, reports_to: p{i}x}}\n" for i in range(49))
    start = cpu_seconds()
    with pytest.raises(LoadError) as caught:
        od.loads(HEAD + rows + bad)
    elapsed = cpu_seconds() - start
    assert len(caught.value.problems) == 49
    assert caught.value.problems[0].message.endswith("did you mean 'p0'?")
    clean = cpu_seconds()
    od.loads(HEAD + rows)
    assert elapsed < 2 * (cpu_seconds() - clean) + 1.0  # suggestions cost little
