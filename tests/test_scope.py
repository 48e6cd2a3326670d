"""The judged organisation (DESIGN "Definitions"): the rules about people judge the marketing
organisation unless the scope says everyone, from the command line, the API, the file's
``lint:`` section or ``[tool.orgdesign]``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main

ORG = """version: 1
people:
  - {id: ceo, name: Sam Ceo, title: CEO}
  - {id: cro, name: Ria Cole, title: CRO, reports_to: ceo}
  - {id: ae, title: Account Executive, reports_to: cro}
  - {id: cmo, name: Dana Reyes, title: CMO, reports_to: ceo}
  - {id: dg, reports_to: cmo}
  - {id: pmm, reports_to: cmo}
"""


def subjects(report: od.Report) -> list[str]:
    return [finding.subject for finding in report.findings if finding.code == "OD602"]


def test_the_default_judges_the_marketing_organisation() -> None:
    assert subjects(od.lint(od.loads(ORG))) == []
    assert subjects(od.lint(od.loads(ORG), scope="all")) == ["cro"]


def test_the_file_the_project_and_the_call_in_that_order(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.orgdesign]\nscope = "all"\n', encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    assert '"subject": "cro"' in result.output  # the project's scope
    path.write_text(ORG + "lint: {scope: marketing}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    assert '"subject": "cro"' not in result.output  # the file's, over the project's
    result = CliRunner().invoke(main, ["lint", str(path), "--scope", "all", "--format", "json"])
    assert '"subject": "cro"' in result.output  # the command line's, over both


def test_a_scope_that_is_not_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(od.LoadError) as caught:
        od.loads(ORG + "lint: {scope: sales}\n", filename="o.yaml")
    assert str(caught.value) == ("o.yaml:9:15: scope must be one of marketing, all; got 'sales'")
    with pytest.raises(od.ConfigError):
        od.lint(od.loads(ORG), scope="everyone")
    (tmp_path / "pyproject.toml").write_text('[tool.orgdesign]\nscope = "x"\n', encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert "tool.orgdesign.scope must be one of marketing, all, got 'x'" in result.output


def test_the_scope_survives_a_dump() -> None:
    org = od.loads(ORG + "lint: {scope: all}\n")
    assert od.loads(od.dump(org)).lint.scope == "all"
