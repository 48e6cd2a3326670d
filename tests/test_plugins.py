"""Rules from other packages, end to end, with the example plugin in examples/plugin.

The plugin is put on ``sys.path`` beside a ``.dist-info`` folder holding its entry point,
which is what ``pip install`` leaves behind, so importlib.metadata finds it as it would an
installed package. The CLI runs in fresh processes with that folder on PYTHONPATH.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import orgdesign as od
from orgdesign.reporters.docs import pages
from orgdesign.reporters.rules import explain_text
from orgdesign.reporters.sarif import to_sarif
from orgdesign.testing import assert_cases_cover, check_golden_case, golden_cases

# The module, not the function `orgdesign.rules` that shadows its name on the package.
registry = importlib.import_module("orgdesign.rules")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "plugin"
ENTRY_POINTS = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "entry-points"
]["orgdesign.rules"]
WIDE = """version: 1
org: {name: Wide, leader: cmo}
people:
  - {id: cmo, title: CMO}
  - {id: a, reports_to: cmo}
  - {id: b, reports_to: cmo}
  - {id: c, reports_to: cmo}
  - {id: d, reports_to: cmo}
  - {id: e, reports_to: cmo}
  - {id: f, reports_to: cmo}
  - {id: g, reports_to: cmo}
"""


def site(
    tmp_path: Path, entry_points: dict[str, str], modules: dict[str, str] | None = None
) -> Path:
    """A folder laid out as pip installs a package: the plugin's code and a dist-info."""
    folder = tmp_path / "site"
    shutil.copytree(EXAMPLE / "orgdesign_acme", folder / "orgdesign_acme")
    for name, source in (modules or {}).items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    info = folder / "orgdesign_acme-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: orgdesign-acme\nVersion: 0.1.0\n", encoding="utf-8"
    )
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[orgdesign.rules]\n{lines}", encoding="utf-8")
    return folder


def _forget_plugins() -> None:
    for slug, found in list(registry._REGISTRY.items()):
        if found.plugin is not None:
            del registry._REGISTRY[slug]
    registry._PLUGINS.update(loaded=False, enabled=True)
    for name in [m for m in sys.modules if m.startswith("orgdesign_")]:
        del sys.modules[name]


@pytest.fixture
def acme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = site(tmp_path, ENTRY_POINTS)
    _forget_plugins()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    monkeypatch.undo()
    _forget_plugins()


def test_plugin_rules_take_part_everywhere(acme: Path) -> None:
    found = od.rules()
    acme_rule = next(r for r in found if r.code == "ACME101")
    assert (acme_rule.plugin, acme_rule.family) == ("acme", "acme")
    assert acme_rule.url == "https://wiki.acme.example/org/leader-span"
    assert found.index(acme_rule) == len(found) - 1  # after orgdesign's own
    org = od.loads(WIDE, filename="wide.yaml")
    report = od.lint(org)
    finding = next(f for f in report.findings if f.code == "ACME101")
    assert finding.message == "cmo has 7 direct reports, over Acme's limit of 6"
    assert str(finding.location) == "wide.yaml:4:5"
    assert finding.url == acme_rule.url
    # Selection by code, code prefix, family and slug; ignore.
    for token in ("ACME101", "ACME", "ACME1", "acme", "leader-span-over-house-limit"):
        assert [f.code for f in od.lint(org, select=[token]).findings] == ["ACME101"], token
    assert "ACME101" not in {f.code for f in od.lint(org, ignore=["acme"]).findings}
    # Configuration in the file: severity and options.
    configured = od.loads(
        WIDE + "lint:\n  severity: {leader-span-over-house-limit: error}\n"
        "  options: {leader-span-over-house-limit: {max_reports: 3}}\n"
    )
    assert [f.severity for f in od.lint(configured, select=["ACME"]).findings] == ["error"]
    relaxed = od.loads(WIDE + "lint:\n  options: {ACME101: {max_reports: 10}}\n")
    assert not od.lint(relaxed, select=["ACME"]).findings
    with pytest.raises(
        od.ConfigError, match=r"unknown option 'max_report' .*did you mean 'max_reports'"
    ):
        od.lint(od.loads(WIDE + "lint:\n  options: {ACME101: {max_report: 10}}\n"))
    # A suppression on the entity, with a reason: no finding, and no unused-suppression.
    suppressed = od.loads(
        WIDE.replace(
            "{id: cmo, title: CMO}",
            "{id: cmo, title: CMO, ignore: [{rule: leader-span-over-house-limit, reason: agreed}]}",
        )
    )
    codes = {f.code for f in od.lint(suppressed).findings}
    assert "ACME101" not in codes
    assert "OD001" not in codes
    # SARIF names the rule with its own page; explain and the docs generator know it.
    log = to_sarif(report, od.__version__)
    described = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert described["ACME101"]["helpUri"] == acme_rule.url
    assert any(r["ruleId"] == "ACME101" for r in log["runs"][0]["results"])
    assert explain_text(acme_rule).startswith("ACME101 leader-span-over-house-limit (acme")
    plugin_pages = pages("acme")
    assert set(plugin_pages) == {"rules/leader-span-over-house-limit.md", "rules/index.md"}
    assert (
        "| ACME101 | `leader-span-over-house-limit` | Acme | warning |"
        in plugin_pages["rules/leader-span-over-house-limit.md"]
    )
    assert not any("ACME" in text for text in pages().values())  # orgdesign's own docs
    # Off, they are gone.
    registry.use_plugins(False)
    try:
        assert "ACME101" not in {r.code for r in od.rules()}
        assert "ACME101" not in {f.code for f in od.lint(org).findings}
    finally:
        registry.use_plugins(True)


def test_the_plugins_golden_cases_run_with_orgdesign_testing(acme: Path) -> None:
    cases = golden_cases(EXAMPLE / "tests" / "cases")
    assert len(cases) == 3
    for case in cases:
        check_golden_case(case)
    assert_cases_cover(cases, [r for r in od.rules() if r.plugin == "acme"])


def test_a_golden_case_that_fails_says_what_was_found(acme: Path) -> None:
    import attrs

    case = golden_cases(EXAMPLE / "tests" / "cases")[0]
    wrong = attrs.evolve(case, expect=({"subject": "cmo", "line": 4, "message": "something else"},))
    with pytest.raises(AssertionError, match="message of the finding on cmo"):
        check_golden_case(wrong)
    missing = attrs.evolve(case, expect=())
    with pytest.raises(AssertionError, match=r"expected findings \[\], got \[\('cmo', 4\)\]"):
        check_golden_case(missing)


def test_the_plugins_own_test_suite_passes(tmp_path: Path) -> None:
    folder = site(tmp_path, ENTRY_POINTS)
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        env=_env(folder),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


def _env(folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ORGDESIGN_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(ROOT)])
    env.update(extra)
    return env


def _cli(folder: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesign.cli", *args],
        env=_env(folder, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_with_a_plugin_and_without(tmp_path: Path) -> None:
    folder = site(tmp_path, ENTRY_POINTS)
    org = tmp_path / "wide.yaml"
    org.write_text(WIDE, encoding="utf-8")
    listed = _cli(folder, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "ACME101" in {r["code"] for r in json.loads(listed.stdout)}
    linted = _cli(folder, "lint", str(org))
    assert linted.returncode == 1
    assert f"{org}:4:5: ACME101 [warning] cmo has 7 direct reports" in linted.stdout
    for run in (
        _cli(folder, "lint", "--no-plugins", str(org)),
        _cli(folder, "--no-plugins", "lint", str(org)),
        _cli(folder, "lint", str(org), ORGDESIGN_NO_PLUGINS="1"),
    ):
        assert "ACME101" not in run.stdout, run.stdout
    explained = _cli(folder, "explain", "ACME101")
    assert explained.returncode == 0
    assert "Acme runs a monthly one-to-one" in explained.stdout


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "import not_installed_anywhere\n",
            "ModuleNotFoundError: No module named 'not_installed_anywhere'",
        ),
        (
            "raise RuntimeError('boom\\nx.yaml:1:1: forged')\n",
            "RuntimeError: boom\\nx.yaml:1:1: forged",
        ),
        (
            "from orgdesign.rules import rule\n"
            "@rule(code='ACME101', slug='another-name', severity='info')\n"
            "def again(org, graph, options):\n    return iter(())\n",
            "rule ACME101 another-name clashes with ACME101 leader-span-over-house-limit "
            "(from acme)",
        ),
        (
            "from orgdesign.rules import rule\n"
            "@rule(code='OD999', slug='sneaky', severity='info')\n"
            "def sneaky(org, graph, options):\n    return iter(())\n",
            "rule OD999 sneaky: the OD prefix is orgdesign's own; give your rules a prefix of "
            "their own, such as ACME999",
        ),
    ],
    ids=["missing import", "raises", "clashing code", "OD prefix"],
)
def test_a_broken_plugin_is_one_line_and_no_plugins_gets_past_it(
    tmp_path: Path, source: str, reason: str
) -> None:
    folder = site(tmp_path, {**ENTRY_POINTS, "zzz": "orgdesign_zzz"}, {"orgdesign_zzz": source})
    org = tmp_path / "wide.yaml"
    org.write_text(WIDE, encoding="utf-8")
    failed = _cli(folder, "lint", str(org))
    assert failed.returncode == 2
    lines = failed.stderr.strip().splitlines()
    assert lines == [
        f"orgdesign: plugin 'zzz' (orgdesign_zzz) could not be loaded: {reason}; lint without "
        "plugins with --no-plugins (ORGDESIGN_NO_PLUGINS=1)"
    ], failed.stderr
    assert "Traceback" not in failed.stderr
    passed = _cli(folder, "lint", "--no-plugins", str(org))
    assert passed.returncode == 0, passed.stderr


def test_a_plugin_rule_named_while_plugins_are_off_says_so(tmp_path: Path) -> None:
    folder = site(tmp_path, ENTRY_POINTS)
    org = tmp_path / "wide.yaml"
    org.write_text(
        WIDE.replace(
            "{id: cmo, title: CMO}",
            "{id: cmo, title: CMO, ignore: [{rule: leader-span-over-house-limit, reason: ok}]}",
        ),
        encoding="utf-8",
    )
    assert _cli(folder, "lint", str(org)).returncode == 0  # suppressed, with the plugin
    off = _cli(folder, "lint", "--no-plugins", str(org))
    assert off.returncode == 2
    assert off.stderr.strip().endswith(
        "unknown rule 'leader-span-over-house-limit' (rules from plugins are left out: "
        "--no-plugins or ORGDESIGN_NO_PLUGINS)"
    ), off.stderr
