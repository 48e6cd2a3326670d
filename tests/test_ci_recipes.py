"""What CI users copy: the pre-commit manifest and the documented workflow."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def validate(manifest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pre_commit_accepts_the_manifest() -> None:
    result = validate(ROOT / ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "orgdesign"
    assert hooks[0]["entry"] == "orgdesign lint"


def test_pre_commit_rejects_a_broken_manifest(tmp_path: Path) -> None:
    broken = tmp_path / ".pre-commit-hooks.yaml"
    broken.write_text("- id: orgdesign\n  name: orgdesign\n  language: python\n")  # no entry
    assert validate(broken).returncode != 0


def test_the_documented_workflow_is_valid_yaml_and_uploads_sarif() -> None:
    page = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = page.split("<!-- workflow -->\n```yaml\n", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["orgdesign"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    assert workflow["permissions"]["security-events"] == "write"
    runs = " ".join(step.get("run", "") for step in steps)
    assert "--format sarif" in runs
    assert "--format github" in runs


#: The extras whose floors CI's second pass installs (dev tools are taken at their newest).
FLOORED_EXTRAS = ("hypothesis", "pandas", "xlsx")


def _floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in FLOORED_EXTRAS:
        requirements += project["optional-dependencies"].get(extra, [])
    floors = {}
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group().lower()  # type: ignore[union-attr]
        lower = re.search(r">=\s*([0-9][^,;\s]*)", requirement)
        assert lower, f"{requirement!r} in pyproject.toml has no lower bound for CI to test"
        floors[name] = lower.group(1)
    return floors


def _pins() -> dict[str, str]:
    lines = (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines()
    pins = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def _same_release(pinned: str, floor: str) -> bool:
    pad = lambda version: tuple(int(part) for part in version.split(".")) + (0,) * 3  # noqa: E731
    return pad(pinned)[:3] == pad(floor)[:3]


def test_the_lowest_versions_ci_installs_are_pyproject_s_floors() -> None:
    floors, pins = _floors(), _pins()
    assert sorted(pins) == sorted(floors)
    for name, floor in floors.items():
        assert _same_release(pins[name], floor), f"{name}: {pins[name]} here, {floor} in pyproject"


def test_dev_extra_repeats_the_floors_it_shares() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = _floors()
    for requirement in project["optional-dependencies"]["dev"]:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group().lower()  # type: ignore[union-attr]
        if name in floors:
            assert requirement.lower() == f"{name}>={floors[name]}"


def test_ci_runs_the_whole_suite_on_the_lowest_versions_too() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c .ci/lowest.txt" in script
    readme_pass = script.index('eval "$test_command"')
    lowest_pass = script.index("-c .ci/lowest.txt")
    assert readme_pass < lowest_pass
