"""SARIF, GitHub annotations and markdown output; directories as lint arguments."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main
from orgdesign.reporters.github import format_github
from orgdesign.reporters.markdown import format_markdown

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
EXAMPLES = sorted(str(p) for p in Path("examples").glob("*.org.yaml"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_sarif_validates_against_the_oasis_schema() -> None:
    code, output = run("lint", *EXAMPLES, "--format", "sarif")
    assert code == 1
    log = json.loads(output)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run_ = log["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} == {r.code for r in od.rules()}
    assert run_["artifacts"] == [{"location": {"uri": name}} for name in EXAMPLES]
    first = run_["results"][0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1
    assert region["startColumn"] >= 1
    rule = run_["tool"]["driver"]["rules"][first["ruleIndex"]]
    assert rule["id"] == first["ruleId"]
    assert rule["helpUri"].endswith(f"/rules/{rule['name']}/")


def test_a_clean_run_is_valid_sarif_too() -> None:
    report = od.lint(od.load("examples/series-a.org.yaml"), ignore=["OD602"])
    log = report.to_sarif()
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_fingerprints_survive_moving_lines(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    text = Path(__file__).parent.parent.joinpath("examples/quickstart.org.yaml").read_text()
    Path("org.org.yaml").write_text(text, encoding="utf-8")
    before = json.loads(run("lint", "org.org.yaml", "--format", "sarif")[1])
    Path("org.org.yaml").write_text("# a new first line\n" + text, encoding="utf-8")
    after = json.loads(run("lint", "org.org.yaml", "--format", "sarif")[1])

    def prints(log: dict) -> list[str]:  # type: ignore[type-arg]
        return [r["partialFingerprints"]["orgdesign/v1"] for r in log["runs"][0]["results"]]

    assert prints(before) == prints(after)
    assert len(set(prints(before))) == len(prints(before))
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for log in (before, after)
        for r in log["runs"][0]["results"]
    ]
    half = len(lines) // 2
    assert [line + 1 for line in lines[:half]] == lines[half:]
    uri = before["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "org.org.yaml"}


def test_findings_that_share_rule_and_subject_get_their_own_fingerprints() -> None:
    # The seed example misses three operating layers: three OD504 findings on its leader.
    log = od.lint(od.load("examples/seed.org.yaml")).to_sarif()
    results = log["runs"][0]["results"]
    layers = [r for r in results if r["ruleId"] == "OD504"]
    assert len(layers) == 3
    prints = [r["partialFingerprints"]["orgdesign/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_a_fingerprint_survives_a_changed_figure(tmp_path: Path) -> None:
    text = Path("examples/seed.org.yaml").read_text(encoding="utf-8")
    path = tmp_path / "seed.org.yaml"
    fingerprints = []
    for age in ("23", "40"):
        path.write_text(text.replace("age_days: 23", f"age_days: {age}"), encoding="utf-8")
        results = od.lint(od.load(path)).to_sarif()["runs"][0]["results"]
        stale = [r for r in results if r["ruleId"] == "OD503"]
        assert len(stale) == 1
        assert f"is {age} days old" in stale[0]["message"]["text"]
        fingerprints.append(stale[0]["partialFingerprints"]["orgdesign/v1"])
    assert fingerprints[0] == fingerprints[1]


def test_github_annotations() -> None:
    code, output = run("lint", "examples/quickstart.org.yaml", "--format", "github")
    assert code == 1
    lines = output.splitlines()
    assert len(lines) == 4
    assert lines[3] == (
        "::warning file=examples/quickstart.org.yaml,line=11,col=5,"
        "title=OD201 approval-chain-too-long::campaign-launch needs 4 approvers (> 3)%0Ahelp: "
        "Keep at most 3 approvers with one final decision owner; move ops-lead to the "
        "function's input or review owners so their view is collected before the work starts."
    )
    assert lines[0].startswith("::notice file=")


def test_github_escapes_what_would_end_a_command() -> None:
    finding = od.Finding(
        subject="x",
        message="50% done\nnext",
        fix="fix: it",
        rule="span-of-control",
        code="OD602",
        severity="error",
        location=od.Location("dir,a:b.org.yaml", 3, 4),
    )
    line = format_github(od.Report((finding,), ("dir,a:b.org.yaml",)))
    assert line == (
        "::error file=dir%2Ca%3Ab.org.yaml,line=3,col=4,title=OD602 span-of-control::"
        "50%25 done\\nnext%0Ahelp: fix: it\n"  # the value's newline is shown as \n
    )


def test_markdown_table() -> None:
    code, output = run("lint", "examples/quickstart.org.yaml", "--format", "markdown")
    assert code == 1
    lines = output.splitlines()
    assert lines[:3] == [
        "### orgdesign",
        "",
        "Found 4 findings (0 errors, 2 warnings, 2 info) in 1 file.",
    ]
    rows = [line for line in lines if line.startswith("| ")]
    assert len(rows) == 5  # header and four findings
    assert "(\\> 3)" in output  # markup characters are escaped


def test_markdown_escapes_pipes() -> None:
    finding = od.Finding(
        subject="x", message="a | b", fix="c\nd", rule="r", code="OD1", severity="info"
    )
    table = format_markdown(od.Report((finding,), ()))
    assert "| a \\| b | c\\\\nd |" in table  # a newline in a value is shown as \n, escaped


def test_a_directory_lints_every_org_file_inside(tmp_path: Path) -> None:
    code, output = run("lint", "examples", "--format", "json")
    assert code == 1
    assert json.loads(output)["files"] == EXAMPLES
    nested = tmp_path / "org" / "teams"
    nested.mkdir(parents=True)
    (nested / "a.org.yaml").write_text("version: 1\npeople:\n  - {id: cmo, title: CMO}\n")
    (nested / "notes.yaml").write_text("not: an org\n")
    _code, output = run("lint", str(tmp_path), "--format", "json")
    assert json.loads(output)["files"] == [str(nested / "a.org.yaml")]


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    code, output = run("lint", str(tmp_path))
    assert code == 2
    assert output == f"orgdesign: no *.org.yaml files under {tmp_path}\n"


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(fail_on: str, expected: int) -> None:
    assert run("lint", "examples/quickstart.org.yaml", "--fail-on", fail_on)[0] == expected


PEOPLE_ONLY = (
    "version: 1\npeople:\n  - {id: cmo, title: CMO}\n  - {id: dg, reports_to: cmo}\n"
    "  - {id: ops, reports_to: cmo}\n"
)


def test_what_was_not_judged_is_in_every_format(tmp_path: Path) -> None:
    path = tmp_path / "hr.org.yaml"
    path.write_text(PEOPLE_ONLY, encoding="utf-8")
    report = od.lint(od.load(str(path)))
    assert not report.findings
    missing = {(entry.code, entry.missing) for entry in report.not_judged}
    assert {("OD504", "cadences"), ("OD401", "interfaces"), ("OD108", "functions")} <= missing
    assert ("OD404", "functions") in missing  # the "owns no decision" half
    # Text: the summary, then one line for the file.
    code, text = run("lint", str(path))
    assert code == 0  # --fail-on is not affected
    summary, not_judged = text.splitlines()[-2:]
    assert summary == "All checks passed (1 file)."
    assert not_judged.startswith(f"Not judged in {path}, which has no such section: OD108 ")
    assert "OD504 missing-operating-layer (needs cadences:)" in not_judged
    # JSON: a list of rule and missing section.
    data = json.loads(run("lint", str(path), "--format", "json")[1])
    assert {"rule": "missing-operating-layer", "code": "OD504", "missing": "cadences",
            "file": str(path)} in data["not_judged"]  # fmt: skip
    # SARIF: notifications of the run, still valid against the schema.
    log = json.loads(run("lint", str(path), "--format", "sarif")[1])
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == len(report.not_judged)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for note in notes:
        assert rules[note["associatedRule"]["index"]]["id"] == note["associatedRule"]["id"]
        assert note["level"] == "note"
    # Markdown and the notebook display.
    assert "Not judged in" in format_markdown(report)
    assert '<p class="od-not-judged">Not judged in' in report._repr_html_()


def test_an_empty_section_is_judged_and_round_trips(tmp_path: Path) -> None:
    org = od.loads(PEOPLE_ONLY + "cadences: []\n", filename="o.yaml")
    report = od.lint(org, select=["missing-operating-layer"])
    assert not report.not_judged
    assert len(report.findings) == 5  # every layer is missing
    assert {f.location.line for f in report.findings} == {6}  # at cadences:
    assert "cadences: []" in od.dump(org)
    assert od.loads(od.dump(org)) == org


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("a b.org.yaml", "a%20b.org.yaml"),
        ("team#1.org.yaml", "team%231.org.yaml"),
        ("why?.org.yaml", "why%3F.org.yaml"),
        ("100%.org.yaml", "100%25.org.yaml"),
        ("c:x.org.yaml", "c%3Ax.org.yaml"),
        ("dir/ü.org.yaml", "dir/%C3%BC.org.yaml"),
    ],
)
def test_sarif_uris_are_percent_encoded(tmp_path: Path, monkeypatch, name: str, uri: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text("version: 1\npeople:\n  - {id: a, reports_to: a}\n", encoding="utf-8")
    log = json.loads(run("lint", name, "--format", "sarif")[1])
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    physical = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == uri
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": uri}}]


def test_markdown_keeps_a_path_with_pipes_and_backticks_in_its_cell() -> None:
    finding = od.Finding(
        subject="x", message="m", fix="f", rule="r", code="OD1", severity="info",
        location=od.Location("a|b`c.org.yaml", 3, 4),
    )  # fmt: skip
    row = format_markdown(od.Report((finding,), ())).splitlines()[-1]
    assert "a\\|b\\`c.org.yaml:3:4" in row
    assert row.count(" | ") == 5  # six cells, no more
