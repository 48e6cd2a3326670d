"""Same input, same bytes: text, JSON and SVG output across runs and PYTHONHASHSEED values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.org.yaml"))


def run(seed: str, *args: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    result = subprocess.run(
        [sys.executable, "-m", "orgdesign.cli", *args], capture_output=True, env=env, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_lint_output_is_byte_identical_across_hash_seeds(output_format: str) -> None:
    args = ["lint", "--format", output_format, *map(str, EXAMPLES)]
    assert run("0", *args) == run("12345", *args) == run("random", *args)


def test_svg_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    scale_up = str(next(p for p in EXAMPLES if p.name.startswith("scale-up")))
    charts = []
    for seed in ("1", "4242"):
        out = tmp_path / f"chart-{seed}.svg"
        run(seed, "render", scale_up, "-o", str(out), "--highlight")
        charts.append(out.read_bytes())
    assert charts[0] == charts[1]
    assert charts[0].startswith(b"<?xml")
