"""What CI users copy: the pre-commit manifest and the documented workflow."""

from __future__ import annotations

import subprocess
import sys
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
