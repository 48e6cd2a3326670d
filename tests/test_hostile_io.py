"""Files that are not files, outputs that are inputs, and pipes that close: every command
ends in a one-line message and exit 2 (or a normal exit), never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.tools import ROOT, cpu_seconds

SEED = ROOT / "examples" / "seed.org.yaml"
CLI = [sys.executable, "-m", "orgdesign.cli"]


def run(
    *args: str, stdin: bytes | None = None, timeout: float = 20
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, timeout=timeout, check=False
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    os.mkfifo(path)  # nobody ever writes to it: opening it for reading would block
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["lint"],
        ["render", "-o", "chart.svg"],
        ["stats"],
        ["matrix"],
    ],
)
def test_a_fifo_is_refused_at_once(fifo: Path, command: list[str], tmp_path: Path) -> None:
    args = [
        command[0],
        str(fifo),
        *[str(tmp_path / a) if a.endswith(".svg") else a for a in command[1:]],
    ]
    result = run(*args, timeout=10)  # a read that blocks on the fifo hits this
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"{fifo}: not a regular file; to read a stream, pass - and pipe it to standard input\n"
    )


def test_diff_refuses_a_fifo_too(fifo: Path) -> None:
    result = run("diff", str(SEED), str(fifo))
    assert result.returncode == 2
    assert b"not a regular file" in result.stderr


def test_a_device_is_refused_not_read() -> None:
    result = run("lint", "/dev/zero")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("/dev/zero: not a regular file")


def test_standard_input_is_read_with_a_dash_and_bounded() -> None:
    result = run("lint", "-", stdin=SEED.read_bytes())
    assert result.returncode == 1
    assert result.stdout.decode().startswith("<stdin>:23:5: OD602")
    endless = b"# padding\n" * 6_000_000  # 60 MB, over the 50 MB limit
    start = cpu_seconds()
    result = run("lint", "-", stdin=endless)
    assert result.returncode == 2
    assert result.stderr.decode() == "<stdin>: the input is over the limit of 50 MB\n"
    assert cpu_seconds() - start < 10


def test_render_never_writes_over_its_input(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.svg"
    link.symlink_to(org)
    hard = tmp_path / "hard.svg"
    os.link(org, hard)
    for target in (org, link, hard):
        result = run("render", str(org), "-o", str(target), "--format", "svg")
        assert result.returncode == 2, target
        assert result.stderr.decode() == (
            f"orgdesign: {target} is one of the inputs ({org}); write the output elsewhere\n"
        )
    assert org.read_bytes() == SEED.read_bytes()


def test_matrix_and_import_never_write_over_an_input(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_bytes(SEED.read_bytes())
    assert run("matrix", str(org), "--format", "csv", "-o", str(org)).returncode == 2
    people = tmp_path / "people.csv"
    people.write_text("ID,Name\n1,Dana\n", encoding="utf-8")
    assert run("import", str(people), "-o", str(people), "--force").returncode == 2
    assert org.read_bytes() == SEED.read_bytes()
    assert people.read_text(encoding="utf-8") == "ID,Name\n1,Dana\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("chart.jpg", "unknown chart format '.jpg'"),
        ("chart", "no chart format in the name"),
    ],
)
def test_an_output_name_that_is_no_chart_format(tmp_path: Path, name: str, message: str) -> None:
    result = run("render", str(SEED), "-o", str(tmp_path / name))
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert not (tmp_path / name).exists()


def test_writes_that_fail_are_one_line(tmp_path: Path) -> None:
    result = run("render", str(SEED), "-o", str(tmp_path / "missing" / "chart.svg"))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"orgdesign: cannot write {tmp_path / 'missing' / 'chart.svg'}: No such file or directory\n"
    )


def test_a_closed_pipe_is_a_normal_end(tmp_path: Path) -> None:
    # Enough findings that the output cannot fit in the pipe's buffer.
    lines = ["version: 1", "people:", "  - {id: boss}"]
    lines += [
        f"  - {{id: m{i}, reports_to: boss}}\n  - {{id: r{i}, reports_to: m{i}}}"
        for i in range(3000)
    ]
    big = tmp_path / "big.org.yaml"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (["lint", str(big)], ["schema"]):
        process = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.close()  # before the command starts writing: its writes must fail
        stderr = process.stderr.read() if process.stderr else b""
        code = process.wait(timeout=30)
        assert b"Traceback" not in stderr
        assert b"internal error" not in stderr, stderr
        assert code in (0, 1), (args, code, stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint", str(SEED), "--max-size", "nan"], "'nan' is not a finite number"),
        (["lint", str(SEED), "--max-size", "inf"], "not in the range"),
        (["lint", str(SEED), "--max-size", "1e308"], "not in the range"),
        (["render", str(SEED), "-o", "x.svg", "--timeout", "nan"], "'nan' is not a finite number"),
    ],
)
def test_figures_on_the_command_line_are_finite_and_bounded(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"internal error" not in result.stderr


def test_numbers_too_long_for_python_are_located_problems() -> None:
    import orgdesign as od

    text = "version: 1\nbacklog:\n  - {id: b, age_days: " + "9" * 5000 + "}\n"
    with pytest.raises(od.LoadError) as caught:
        od.loads(text, filename="f.yaml")
    assert (
        str(caught.value) == "f.yaml:3:23: age_days must be 0 or more, got a number of 5000 digits"
    )
    with pytest.raises(od.LoadError) as caught:
        od.from_dict({"version": 1, "people": [{"id": "a", "capacity": 10**5000}]})
    assert "out of range for any field" in str(caught.value)


def test_a_boolean_is_no_number_in_rule_options() -> None:
    import orgdesign as od

    org = od.loads("version: 1\npeople:\n  - {id: a}\n")
    with pytest.raises(od.ConfigError, match="must be a whole number, got True"):
        od.lint(org, options={"too-many-layers": {"max_layers": True}})


def test_a_bad_option_value_is_located_and_shortened() -> None:
    import orgdesign as od

    text = "version: 1\npeople:\n  - {id: a}\nlint:\n  options:\n"
    text += "    too-many-layers: {max_layers: 0}\n"
    with pytest.raises(od.ConfigError) as caught:
        od.lint(od.loads(text, filename="f.yaml"))
    assert str(caught.value).startswith("f.yaml:6:35: bad options for rule too-many-layers")
    long = text.replace("max_layers: 0", "max_layers: " + "9" * 5000)
    with pytest.raises(od.ConfigError) as caught:
        od.lint(od.loads(long, filename="f.yaml"))
    assert len(str(caught.value)) < 200


def test_numpy_scalars_are_numbers_to_from_dict() -> None:
    numpy = pytest.importorskip("numpy")
    import orgdesign as od

    org = od.from_dict(
        {
            "version": 1,
            "people": [{"id": "a", "capacity": numpy.float64(0.5)}],
            "backlog": [{"id": "b", "age_days": numpy.int64(3)}],
        }
    )
    assert (org.people[0].capacity, org.backlog[0].age_days) == (0.5, 3)


def test_a_folder_tree_1100_levels_deep_is_walked(tmp_path: Path) -> None:
    from orgdesign.cli import _org_files

    folder = tmp_path
    for _ in range(1100):  # one by one: mkdir(parents=True) itself recurses
        folder = folder / "d"  # 2,200 characters: deep, yet under PATH_MAX
        folder.mkdir()
    (folder / "deep.org.yaml").write_bytes(SEED.read_bytes())
    try:
        found = list(_org_files(str(tmp_path)))
        assert [Path(path).name for path in found] == ["deep.org.yaml"]
    finally:  # bottom up: shutil.rmtree, which pytest cleans up with, recurses as well
        (folder / "deep.org.yaml").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda m: m.Person(id="a", capacity="lots"), "Person.capacity must be a number"),
        (lambda m: m.Person(id="a", capacity=True), "Person.capacity must be a number"),
        (lambda m: m.Person(id="a", capacity=float("nan")), "Person.capacity must be finite"),
        (lambda m: m.Person(id="a", capacity=2.0), "Person.capacity is out of range"),
        (lambda m: m.Person(id="a", employment="slave"), "Person.employment must be one of"),
        (lambda m: m.BacklogItem(id="b", age_days=1.5), "BacklogItem.age_days must be a whole"),
        (lambda m: m.Person(id="a", vacant="yes"), "Person.vacant must be True or False"),
    ],
)
def test_model_classes_built_in_python_are_validated(build: Any, message: str) -> None:
    from orgdesign import model

    with pytest.raises((TypeError, ValueError), match=message):
        build(model)
