"""[tool.orgdesign] in pyproject.toml: found upwards, merged under the file's lint: section."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main
from orgdesign.config import find_pyproject, load_project_config, merge
from orgdesign.errors import ConfigError

CHAIN = (
    "version: 1\norg: {leader: a}\npeople:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n"
    "  - {id: d, reports_to: a}\nworkflows:\n  - {id: launch, approvals: [a, b, c, d]}\n"
)


def project(tmp_path: Path, toml: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    org_dir = tmp_path / "org"
    org_dir.mkdir()
    path = org_dir / "team.org.yaml"
    path.write_text(CHAIN, encoding="utf-8")
    return path


def codes(report: od.Report) -> list[str]:
    return [f.code for f in report.findings]


def test_found_from_a_subdirectory(tmp_path: Path) -> None:
    path = project(tmp_path, "[tool.orgdesign]\nignore = ['span-of-control']\n")
    assert find_pyproject(path) == tmp_path / "pyproject.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    path = project(tmp_path, "[tool.ruff]\nline-length = 100\n")
    assert find_pyproject(path) is None or find_pyproject(path) != tmp_path / "pyproject.toml"


def test_project_defaults_apply(tmp_path: Path) -> None:
    path = project(
        tmp_path,
        "[tool.orgdesign]\nignore = ['span-of-control']\n"
        "[tool.orgdesign.options.approval-chain-too-long]\nmax_approvers = 4\n",
    )
    config = load_project_config(tmp_path / "pyproject.toml")
    assert codes(od.lint(od.load(path), config=config)) == []
    assert codes(od.lint(od.load(path))) == ["OD602", "OD201"]


def test_the_file_overrides_the_project(tmp_path: Path) -> None:
    project_config = od.loads(
        "version: 1\nlint:\n  ignore: [OD6]\n  severity: {OD201: info}\n"
    ).lint
    file_config = od.loads("version: 1\nlint:\n  ignore: []\n  severity: {OD602: error}\n").lint
    merged = merge(project_config, file_config)
    assert merged.ignore == ()
    assert merged.severity == {"OD201": "info", "OD602": "error"}


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    project(tmp_path, "[tool.orgdesign]\nignroe = ['OD602']\n")
    with pytest.raises(ConfigError) as caught:
        load_project_config(tmp_path / "pyproject.toml")
    assert str(caught.value) == (
        f"{tmp_path / 'pyproject.toml'}: unknown key 'tool.orgdesign.ignroe'; "
        "did you mean 'ignore'?"
    )


def test_unknown_rule_in_the_project_names_the_file(tmp_path: Path) -> None:
    path = project(tmp_path, "[tool.orgdesign]\nselect = ['aproval-chain-too-long']\n")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{tmp_path / 'pyproject.toml'}: select: unknown rule")


def test_the_cli_uses_the_nearest_project(tmp_path: Path) -> None:
    path = project(tmp_path, "[tool.orgdesign]\nselect = ['OD6']\n")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert "OD602 [info]" in result.output
    assert "OD201" not in result.output


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("tool = 1\n", "pyproject.toml: tool must be a table ([tool.orgdesign])"),
        ('tool = "x"\n', "pyproject.toml: tool must be a table ([tool.orgdesign])"),
        ("tool = [1, 2]\n", "pyproject.toml: tool must be a table ([tool.orgdesign])"),
        (
            '[tool.orgdesign]\nselect = ["OD1"]\nselect = ["OD2"]\n',
            "pyproject.toml:3:17: invalid TOML: Cannot overwrite a value",
        ),
        (
            "[tool.orgdesign\n",
            "pyproject.toml:1:16: invalid TOML: Expected ']' at the end of a table declaration",
        ),
    ],
)
def test_a_broken_pyproject_is_a_located_error_not_silence(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = project(tmp_path, toml)
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().endswith(message)
    assert "internal error" not in result.output


def test_a_utf16_pyproject_is_refused(tmp_path: Path) -> None:
    path = project(tmp_path, "")
    (tmp_path / "pyproject.toml").write_bytes(
        '[tool.orgdesign]\nselect = ["OD1"]\n'.encode("utf-16")
    )
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert "pyproject.toml: the file is not UTF-8, which TOML requires" in result.output


def test_every_bad_option_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "o.org.yaml"
    path.write_text(
        "version: 1\npeople:\n  - {id: a}\nlint:\n  options:\n"
        "    too-many-layers: {max_layers: x, max_layrs: 2}\n"
        "    span-of-control: {max_reports: y}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{path}:6:35: option max_layers of rule too-many-layers must be a whole number, got 'x'",
        f"{path}:6:49: unknown option 'max_layrs' for rule too-many-layers; did you mean "
        "'max_layers'? (options: max_layers)",
        f"{path}:7:36: option max_reports of rule span-of-control must be a whole number, got 'y'",
    ]
    with pytest.raises(ConfigError) as caught:
        od.lint(od.load(str(path)))
    assert len(caught.value.errors) == 3
    assert caught.value.location is not None
