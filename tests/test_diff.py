"""``orgdesign diff`` and ``od.diff``: entity changes, and findings new, fixed and kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main
from orgdesign.diff import diff

ROOT = Path(__file__).resolve().parent.parent
SCALE_UP = (ROOT / "examples" / "scale-up.org.yaml").read_text(encoding="utf-8")
SEED = (ROOT / "examples" / "seed.org.yaml").read_text(encoding="utf-8")

# A pull request on the scale-up example: ops moves under the CMO, the event loses three of
# its five approvers, and a PR lead joins under the customer marketing manager (a span of 1).
OPS_OLD = "title: Marketing Operations Lead, reports_to: demand-director,"
OPS_NEW = "title: Marketing Operations Lead, reports_to: cmo,"
EVENT_OLD = "approvals: [ent-events-mgr, ent-lead, brand-director, cmo, cfo]"
EVENT_NEW = "approvals: [ent-lead, cmo]"
CUSTOMER = "title: Customer Marketing Manager, reports_to: cmo, team: marketing}\n"
PR_LEAD = "  - {id: pr-lead, name: Ana Paz, title: PR Lead, reports_to: cust-marketing-mgr}\n"


def pull_request(text: str) -> str:
    for old, new in ((OPS_OLD, OPS_NEW), (EVENT_OLD, EVENT_NEW), (CUSTOMER, CUSTOMER + PR_LEAD)):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.org.yaml", tmp_path / "new.org.yaml"
    old.write_text(SCALE_UP, encoding="utf-8")
    new.write_text(pull_request(SCALE_UP), encoding="utf-8")
    return str(old), str(new)


def test_a_pull_request_shows_its_changes_and_its_findings(files: tuple[str, str]) -> None:
    old, new = files
    result = diff(od.load(old), od.load(new))
    assert [(c.section, c.id, c.kind, c.fields) for c in result.changes] == [
        ("people", "ops-lead", "changed", (("reports_to", "demand-director", "cmo"),)),
        ("people", "pr-lead", "added", (
            ("name", None, "Ana Paz"),
            ("title", None, "PR Lead"),
            ("reports_to", None, "cust-marketing-mgr"),
        )),
        ("workflows", "enterprise-event", "changed", (
            ("approvals", EVENT_OLD.split(": ")[1], EVENT_NEW.split(": ")[1]),
        )),
    ]  # fmt: skip
    # Moving ops-lead leaves demand-director one report: the change brings that in too.
    assert [(f.code, f.subject) for f in result.new.findings] == [
        ("OD602", "demand-director"),
        ("OD602", "cust-marketing-mgr"),
    ]
    assert [(f.code, f.subject) for f in result.fixed.findings] == [
        ("OD301", "mops"),
        ("OD201", "enterprise-event"),
    ]
    assert result.fixed.findings[0].location.file == old
    assert result.new.findings[0].location.file == new
    assert result.kept == len(od.lint(od.load(old)).findings) - 2
    assert result.summary_line() == "3 changes; 2 new findings (2 info), 2 fixed, 8 kept."


def test_the_command_prints_the_changes_and_exits_on_new_findings_only(
    files: tuple[str, str],
) -> None:
    old, new = files
    result = CliRunner().invoke(main, ["diff", old, new])
    assert result.exit_code == 0, result.output  # the only new finding is info
    assert result.output == (
        f"{old} -> {new}\n"
        "\n"
        "people:\n"
        "  ~ ops-lead\n"
        "      reports_to: demand-director -> cmo\n"
        "  + pr-lead (PR Lead)\n"
        "\n"
        "workflows:\n"
        "  ~ enterprise-event\n"
        "      approvals: [ent-events-mgr, ent-lead, brand-director, cmo, cfo] -> [ent-lead, cmo]\n"
        "\n"
        "new findings:\n"
        f"  {new}:36:5: OD602 [info] demand-director has exactly 1 direct report (paid-lead)\n"
        f"  {new}:56:5: OD602 [info] cust-marketing-mgr has exactly 1 direct report (pr-lead)\n"
        "\n"
        "fixed findings:\n"
        f"  {old}:104:5: OD301 [warning] mops is run by ops-lead, who reports to demand-director, "
        "2 levels below cmo; marketing ops needs a direct line to the marketing leader cmo\n"
        f"  {old}:117:5: OD201 [warning] enterprise-event needs 5 approvers (> 3)\n"
        "\n"
        "3 changes; 2 new findings (2 info), 2 fixed, 8 kept.\n"
    )
    assert CliRunner().invoke(main, ["diff", old, new, "--fail-on", "info"]).exit_code == 1
    assert (
        CliRunner().invoke(main, ["diff", old, new, "--fail-on", "info", "--exit-zero"]).exit_code
        == 0
    )
    # The old file has warnings and an error of its own; a change that keeps them passes.
    assert CliRunner().invoke(main, ["diff", old, old]).exit_code == 0
    # Read the other way round, the fixed warnings are new.
    assert CliRunner().invoke(main, ["diff", new, old]).exit_code == 1


def test_moved_lines_and_reordered_entities_are_no_change() -> None:
    old = od.loads(SEED, filename="old.org.yaml")
    quill, clickpath = (
        line + "\n"
        for line in SEED.splitlines()
        if line.startswith(("  - {id: quill, ", "  - {id: clickpath, "))
    )
    assert quill + clickpath in SEED
    reordered = "# moved down\n\n" + SEED.replace(quill + clickpath, clickpath + quill)
    new = od.loads(reordered, filename="new.org.yaml")
    assert [p.id for p in new.partners] == ["clickpath", "quill"]
    result = diff(old, new)
    assert result.changes == ()
    assert result.new.findings == result.fixed.findings == ()
    assert result.kept == len(od.lint(old).findings)
    assert result.summary_line() == f"no changes; 0 new findings, 0 fixed, {result.kept} kept."


def test_a_changed_figure_or_other_people_keep_the_finding() -> None:
    old = od.loads(SCALE_UP)
    new = od.loads(SCALE_UP.replace(EVENT_OLD, "approvals: [ent-events-mgr, ent-lead, cmo, cfo]"))
    result = diff(old, new)
    assert [c.id for c in result.changes] == ["enterprise-event"]
    assert result.new.findings == result.fixed.findings == ()  # 5 approvers, now 4: still one
    assert result.kept == len(od.lint(old).findings)


def test_one_of_several_findings_on_one_subject_is_fixed_alone() -> None:
    # The seed example misses the strategy, roadmap and governance layers, all on its leader.
    cadence = (
        "  - {id: monthly-governance, layer: governance, owner: fractional-cmo, "
        "attendees: [ceo], hours_per_week: 0.25}\n"
    )
    anchor = "cadences:\n"
    new = od.loads(SEED.replace(anchor, anchor + cadence))
    result = diff(od.loads(SEED), new)
    assert [(c.section, c.id, c.kind) for c in result.changes] == [
        ("cadences", "monthly-governance", "added")
    ]
    assert [f.message.split(":")[0] for f in result.fixed.findings] == ["no governance cadence"]
    assert result.new.findings == ()


def test_org_and_lint_sections_are_compared_too() -> None:
    old = od.loads(SEED)
    new = od.loads(
        SEED.replace("stage: seed", "stage: series-a")
        + "lint:\n  ignore: [span-of-control]\n  options:\n"
        "    approval-chain-too-long: {max_approvers: 4}\n"
    )
    result = diff(old, new)
    org_change, lint_change = result.changes
    assert (org_change.section, org_change.id, org_change.fields) == (
        "org",
        None,
        (("stage", "seed", "series-a"),),
    )
    assert (lint_change.section, lint_change.kind, lint_change.fields) == (
        "lint",
        "changed",
        (
            ("ignore", None, "[span-of-control]"),
            ("options.approval-chain-too-long.max_approvers", None, "4"),
        ),
    )
    codes = {f.code for f in result.fixed.findings}
    assert {"OD602", "OD201"} <= codes  # ignored, and allowed four approvers
    assert result.new.findings == ()


def test_owners_are_compared_role_by_role() -> None:
    old = od.loads(SEED)
    new = od.loads(
        SEED.replace(
            "owners: {decision: ceo}",
            "owners: {decision: fractional-cmo, execution: marketing-manager}",
        )
    )
    (change,) = diff(old, new).changes
    assert change.id == "mops"
    assert change.fields == (
        ("owners.decision", "[ceo]", "[fractional-cmo]"),
        ("owners.execution", None, "[marketing-manager]"),
    )


def test_json_and_markdown(files: tuple[str, str]) -> None:
    old, new = files
    result = CliRunner().invoke(main, ["diff", old, new, "--format", "json"])
    data = json.loads(result.output)
    assert data["version"] == 1
    assert (data["old"], data["new"]) == (old, new)
    assert data["changes"][0] == {
        "section": "people",
        "id": "ops-lead",
        "change": "changed",
        "fields": [{"key": "reports_to", "old": "demand-director", "new": "cmo"}],
    }
    assert [f["code"] for f in data["findings"]["new"]] == ["OD602", "OD602"]
    assert [f["code"] for f in data["findings"]["fixed"]] == ["OD301", "OD201"]
    assert data["findings"]["kept"] == 8
    assert data["summary"] == {
        "changes": 3,
        "new": {"error": 0, "warning": 0, "info": 2},
        "fixed": {"error": 0, "warning": 2, "info": 0},
    }
    again = CliRunner().invoke(main, ["diff", old, new, "--format", "json"])
    assert again.output == result.output
    markdown = CliRunner().invoke(main, ["diff", old, new, "--format", "markdown"]).output
    assert "- **changed** people ops-lead: reports\\_to demand-director → cmo\n" in markdown
    assert "- **added** people pr-lead (PR Lead)\n" in markdown
    assert "| 🔵 info | [OD602](" in markdown
    assert "| `cust-marketing-mgr` | cust-marketing-mgr has exactly 1 direct report" in markdown
    assert markdown.endswith("3 changes; 2 new findings (2 info), 2 fixed, 8 kept.\n")


def test_markdown_escapes_table_and_code_characters() -> None:
    old = od.loads(SEED)
    new = od.loads(SEED.replace("title: Marketing Manager", 'title: "Growth | `Ops`"'))
    markdown = diff(old, new).to_markdown()
    assert 'title Marketing Manager → "Growth \\| \\`Ops\\`"' in markdown


def test_a_notebook_shows_one_html_view(files: tuple[str, str]) -> None:
    old, new = files
    result = diff(od.load(old), od.load(new))
    page = result._repr_html_()
    assert "3 changes; 2 new findings (2 info), 2 fixed, 8 kept." in page
    assert "<td>reports_to demand-director → cmo</td>" in page
    assert "<td>PR Lead</td>" in page
    assert "OD602" in page
    assert "OD301" in page
    assert not hasattr(result, "_repr_svg_")


def test_broken_files_are_reported_together(tmp_path: Path) -> None:
    old, new = tmp_path / "old.org.yaml", tmp_path / "new.org.yaml"
    old.write_text("version: 1\npeople:\n  - {id: a, nmae: x}\n", encoding="utf-8")
    new.write_text("version: 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{old}:3:")
    assert lines[1].startswith(f"{new}:1:")
    missing = CliRunner().invoke(main, ["diff", str(tmp_path / "nope.yaml"), str(new)])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
