"""The orgdesign command: exit codes, output formats, stderr for bad input."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgdesign.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
SERIES_A = str(EXAMPLES / "series-a.org.yaml")

CYCLE = "version: 1\npeople:\n  - {id: a, reports_to: b}\n  - {id: b, reports_to: a}\n"
LONG_CHAIN = (
    "version: 1\npeople:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n  - {id: d}\n"
    "workflows:\n  - {id: launch, approvals: [a, b, c, d]}\norg: {leader: a}\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesign.cli", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(text: str, name: str = "org.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


def test_clean_file_exits_zero() -> None:
    result = CliRunner().invoke(main, ["lint", SERIES_A])
    assert result.exit_code == 0, result.output
    assert gc.isenabled(), "the CLI pauses garbage collection only while it runs"
    assert result.output.endswith("Found 1 finding (0 errors, 0 warnings, 1 info) in 1 file.\n")


def test_text_output_format(write) -> None:  # type: ignore[no-untyped-def]
    path = write(LONG_CHAIN)
    result = CliRunner().invoke(main, ["lint", path])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{path}:8:5: OD201 [warning] launch needs 4 approvers (> 3)"
    assert lines[1].startswith("  help: Keep at most 3 approvers")
    assert lines[-2] == "Found 1 finding (0 errors, 1 warning, 0 info) in 1 file."
    # The file has people and workflows only: what needs other sections is listed, not judged.
    assert lines[-1].startswith(
        f"Not judged in {path}, which has no such section: OD108 system-outside-ops (needs "
        "functions:), OD401 no-sales-interface (needs interfaces:, teams:)"
    )


def test_json_output_shape(write) -> None:  # type: ignore[no-untyped-def]
    path = write(CYCLE)
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--select", "OD601", path])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data) == ["version", "files", "findings", "summary", "not_judged"]
    assert data["not_judged"] == []  # OD601 needs only people
    assert data["version"] == 1
    assert data["files"] == [path]
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    (finding,) = data["findings"]
    assert finding == {
        "rule": "reporting-cycle",
        "code": "OD601",
        "severity": "error",
        "message": "reporting cycle of 2 people: a -> b -> a",
        "subject": "a",
        "related": ["a", "b"],
        "location": {"file": path, "line": 3, "column": 5},
        "fix": finding["fix"],
    }
    assert finding["fix"]


def test_exit_zero_and_fail_on(write) -> None:  # type: ignore[no-untyped-def]
    path = write(LONG_CHAIN)
    assert CliRunner().invoke(main, ["lint", "--exit-zero", path]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", "--fail-on", "error", path]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", "--fail-on", "info", SERIES_A]).exit_code == 1


def test_select_and_ignore(write) -> None:  # type: ignore[no-untyped-def]
    path = write(LONG_CHAIN)
    assert CliRunner().invoke(main, ["lint", "--ignore", "OD201", path]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", "--select", "hierarchy", path]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", "--select", "OD2,OD6", path]).exit_code == 1


def test_unknown_rule_is_a_usage_error(write) -> None:  # type: ignore[no-untyped-def]
    result = run("lint", "--select", "aproval-chain-too-long", write(LONG_CHAIN))
    assert result.returncode == 2
    assert result.stderr == (
        "orgdesign: select: unknown rule 'aproval-chain-too-long'; "
        "did you mean 'approval-chain-too-long'?\n"
    )


def test_unknown_option_in_the_file_points_at_it(write) -> None:  # type: ignore[no-untyped-def]
    path = write(LONG_CHAIN + "lint:\n  options:\n    approval-chain-too-long: {max_aprovers: 2}\n")
    result = run("lint", path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"{path}:12:45: unknown option 'max_aprovers' for rule approval-chain-too-long; "
        "did you mean 'max_approvers'?"
    )


def test_bad_input_exits_two_with_locations(write) -> None:  # type: ignore[no-untyped-def]
    path = write("version: 1\npeople:\n  - {id: a, reprots_to: b}\n")
    result = run("lint", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:3:13: unknown key 'reprots_to' in person 'a'; did you mean 'reports_to'?\n"
    )
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = run("lint", str(missing))
    assert result.returncode == 2
    assert result.stderr == f"{missing}: cannot read the file: No such file or directory\n"


def test_several_files_one_broken(write) -> None:  # type: ignore[no-untyped-def]
    good = write(LONG_CHAIN, "good.yaml")
    bad = write("version: 3\n", "bad.yaml")
    result = run("lint", good, bad)
    assert result.returncode == 2
    assert "launch needs 4 approvers" in result.stdout
    assert result.stderr == f"{bad}:1:10: unsupported version '3': this orgdesign reads version 1\n"


def test_render_writes_svg(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    result = CliRunner().invoke(main, ["render", SERIES_A, "-o", str(out), "--highlight"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_render_png_and_dot(tmp_path: Path) -> None:
    for name, magic in (("chart.png", b"\x89PNG"), ("chart.dot", b"digraph")):
        out = tmp_path / name
        assert CliRunner().invoke(main, ["render", SERIES_A, "-o", str(out)]).exit_code == 0
        assert out.read_bytes().startswith(magic)


def test_rules_and_explain() -> None:
    table = CliRunner().invoke(main, ["rules"])
    assert table.exit_code == 0
    assert "OD201  approval-chain-too-long" in table.output
    explained = CliRunner().invoke(main, ["explain", "OD201"])
    assert explained.exit_code == 0
    assert "## Why is this bad?" in explained.output
    as_json = json.loads(
        CliRunner().invoke(main, ["explain", "approval-chain-too-long", "--format", "json"]).output
    )
    assert as_json["options"] == {"max_approvers": 3}
    unknown = run("explain", "OD999")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("orgdesign: unknown rule 'OD999'")


def test_internal_errors_ask_for_a_report(monkeypatch, write) -> None:  # type: ignore[no-untyped-def]
    import orgdesign.lint

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(orgdesign, "lint", boom)
    result = CliRunner().invoke(main, ["lint", write(LONG_CHAIN)])
    assert result.exit_code == 2
    assert "internal error (RuntimeError: kaboom); this is a bug" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "where",
    [
        ["--debug", "lint"],  # before the command
        ["lint", "--debug"],  # after it, where the hint's reader puts it
    ],
)
def test_debug_shows_the_traceback_wherever_it_is_given(monkeypatch, write, where) -> None:  # type: ignore[no-untyped-def]
    import orgdesign.lint

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(orgdesign, "lint", boom)
    result = CliRunner().invoke(main, [*where, write(LONG_CHAIN)])
    assert result.exit_code == 2
    assert "Traceback" in result.output
    assert "RuntimeError: kaboom" in result.output
    assert "internal error (RuntimeError: kaboom)" in result.output


def test_every_command_takes_debug() -> None:
    for name, command in main.commands.items():
        assert "--debug" in [opt for param in command.params for opt in param.opts], name


def test_help_is_fast() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "lint" in result.stdout
    check = subprocess.run(
        [sys.executable, "-c", "import orgdesign.cli, sys; print('networkx' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == "False", "networkx must be imported lazily"


def test_the_command_ends_at_once_with_all_of_its_output_written(write) -> None:  # type: ignore[no-untyped-def]
    # The command exits without tearing the process down (orgdesign.cli.run): everything
    # written must still arrive, however large, and the status must be the command's.
    rows = "".join(f"  - {{id: p{i}, reports_to: p{i + 1}}}\n" for i in range(3_000))
    path = write("version: 1\npeople:\n" + rows + "  - {id: p3000, reports_to: p0}\n")
    result = run("lint", "--format", "json", path)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) >= 1
    assert len(result.stdout) > 5_000
    text = run("lint", path)
    assert text.returncode == 1
    assert text.stdout.rstrip().splitlines()[-1].startswith("Not judged in ")
    assert run("lint", "--exit-zero", path).returncode == 0
    assert run("lint", path + ".missing").returncode == 2


def test_the_command_exits_with_the_collector_off_and_the_org_not_torn_down(write) -> None:  # type: ignore[no-untyped-def]
    # Turning the collector back on would walk every object of a large org just before the
    # exit; freeing the org would free them one by one.
    path = write("version: 1\npeople:\n  - {id: cmo, title: CMO}\n")
    probe = (
        "import gc, os, sys, weakref\n"
        "from orgdesign import cli, loader\n"
        "real, seen, exit_now = loader.loads, [], os._exit\n"
        "def loads(*args, **kwargs):\n"
        "    org = real(*args, **kwargs)\n"
        "    seen.append(weakref.ref(org))\n"
        "    return org\n"
        "def report(status):\n"
        "    print('probe', gc.isenabled(), [ref() is not None for ref in seen], status)\n"
        "    sys.stdout.flush()\n"
        "    exit_now(status)\n"
        "loader.loads, os._exit = loads, report\n"
        f"sys.argv = ['orgdesign', 'lint', '--exit-zero', {str(path)!r}]\n"
        "cli.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "probe False [True] 0"
