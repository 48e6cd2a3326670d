"""The README's promises: the set-up commands exist, the shown lint output is real."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from orgdesign.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exactly_two_setup_commands_on_the_first_screen() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    commands = re.findall(r"^python3 -m venv \.venv && .*$", first_screen, flags=re.M)
    assert len(commands) == 2
    assert "orgdesign lint examples/" in commands[0]
    assert "orgdesign render examples/" in commands[0]
    assert commands[1].endswith("pytest")


def test_shown_lint_output_is_what_lint_prints(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = README.split("<!-- lint-output -->\n```text\n", 1)[1].split("```\n<!--", 1)[0]
    monkeypatch.chdir(ROOT / "examples")
    result = CliRunner().invoke(main, ["lint", "quickstart.org.yaml"])
    assert result.output == shown


def test_shown_example_is_the_shipped_file() -> None:
    shown = README.split("`examples/quickstart.org.yaml`:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == (ROOT / "examples" / "quickstart.org.yaml").read_text(encoding="utf-8")
