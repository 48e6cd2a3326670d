"""``orgdesign init``: commented starter files, one per stage, that lint clean as written."""

from __future__ import annotations

import html
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main
from orgdesign.render import render
from orgdesign.templates import TEMPLATES, template

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    "org",
    "people",
    "partners",
    "teams",
    "functions",
    "workflows",
    "cadences",
    "interfaces",
    "systems",
    "backlog",
    "plans",
)


def init(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["init", *args])


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_written_file_lints_clean(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.org.yaml"
    result = init("--template", name, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {path} ({name} template: ")
    assert f"orgdesign lint {path}" in result.output
    linted = CliRunner().invoke(main, ["lint", "--fail-on", "info", str(path)])
    assert linted.exit_code == 0, linted.output
    assert linted.output == "All checks passed (1 file).\n"
    org = od.load(path)
    assert org.stage == name
    assert od.lint(org).findings == ()


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_template_fills_every_section_and_comments_it(name: str) -> None:
    text = template(name)
    data = yaml.safe_load(text)
    assert set(SECTIONS) <= set(data), set(SECTIONS) - set(data)
    lines = text.splitlines()
    assert lines[0].startswith("# Starter org file: "), lines[0]
    assert f"orgdesign init --template {name}" in lines[0]
    for section in SECTIONS:
        index = lines.index(f"{section}:")
        assert lines[index - 1].startswith("# "), f"{section}: has no comment above it"


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_commented_lint_section_is_valid_once_uncommented(name: str) -> None:
    text = template(name)
    start = text.index("# lint:\n")
    block = "".join(line[2:] + "\n" for line in text[start:].splitlines())
    org = od.loads(text[:start] + block)
    assert org.lint.ignore == ("missing-input-or-review",)
    assert dict(org.lint.severity) == {"approval-chain-too-long": "error"}
    assert set(org.lint.options) == {"span-of-control"}
    assert od.lint(org).findings == ()  # and the options type-check against their rules


def test_the_templates_grow_with_the_stage() -> None:
    orgs = [od.loads(template(name)) for name in TEMPLATES]
    sizes = [len(org.people) for org in orgs]
    assert sizes == sorted(sizes)
    assert len(set(sizes)) == len(sizes)
    assert [org.structure for org in orgs] == ["functional", "functional", "hybrid"]
    leader = orgs[0].by_id[orgs[0].leader]
    assert leader.employment == "fractional"  # the seed stage buys senior judgement part-time


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_template_draws(name: str) -> None:
    org = od.loads(template(name))
    svg = render(org).svg
    assert "<svg" in svg
    text = html.unescape(svg)
    for person in org.people:  # everyone is drawn: no template passes the people cap
        assert person.name, person.id
        assert person.name in text, person.id


@pytest.mark.parametrize(
    "org_name", ["Acme Cloud", "Acme: Cloud", "yes", "#1 Analytics", "O'Neil & Søn", " padded "]
)
def test_name_sets_org_name_whatever_its_characters(org_name: str, tmp_path: Path) -> None:
    path = tmp_path / "acme.org.yaml"
    result = init("-t", "series-a", "-o", str(path), "--name", org_name)
    assert result.exit_code == 0, result.output
    org = od.load(path)
    assert org.name == org_name
    assert od.lint(org).findings == ()


@pytest.mark.parametrize(
    ("org_name", "message"),
    [
        ("a\x07b", "control character U+0007 is not allowed"),
        ("evil\u202eflip", "bidirectional control character U+202E is not allowed"),
    ],
)
def test_a_name_the_format_refuses_is_one_line_about_the_option(
    org_name: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "x.org.yaml"
    result = init("-t", "seed", "-o", str(path), "--name", org_name)
    assert result.exit_code == 2
    assert result.output == f"orgdesign: --name: {message}\n"
    assert not path.exists()


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_takes_the_name(name: str) -> None:
    assert od.loads(template(name, org_name="Zed Systems")).name == "Zed Systems"


def test_an_empty_name_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.org.yaml"
    result = init("-t", "seed", "-o", str(path), "--name", "  ")
    assert result.exit_code == 2
    assert result.output == "orgdesign: the organisation's name must not be empty\n"
    assert not path.exists()


def test_the_header_names_the_written_file(tmp_path: Path) -> None:
    path = tmp_path / "my org.org.yaml"
    assert init("-t", "seed", "-o", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert f"#   orgdesign lint '{path}'\n" in text
    assert "THIS-FILE" not in text


def test_standard_output_gets_the_template_itself() -> None:
    result = init("-t", "scale-up", "-o", "-")
    assert result.exit_code == 0
    assert result.output == template("scale-up")
    assert "#   orgdesign lint THIS-FILE\n" in result.output


def test_the_default_file_is_picked_up_by_the_hook_and_directory_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init("-t", "seed").exit_code == 0
    written = tmp_path / "marketing.org.yaml"
    assert written.is_file()
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert re.search(hook[0]["files"], written.name)
    linted = CliRunner().invoke(main, ["lint", str(tmp_path)])
    assert linted.exit_code == 0, linted.output
    assert linted.output == "All checks passed (1 file).\n"


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "org.org.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = init("-t", "seed", "-o", str(path))
    assert result.exit_code == 2
    assert result.output == f"orgdesign: {path} already exists; pass --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "keep me\n"
    assert init("-t", "seed", "-o", str(path), "--force").exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# Starter org file: seed")


def test_an_unwritable_path_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "org.org.yaml"
    result = init("-t", "seed", "-o", str(path))
    assert result.exit_code == 2
    assert result.output == f"orgdesign: cannot write {path}: No such file or directory\n"


def test_the_template_must_be_named() -> None:
    result = init()
    assert result.exit_code == 2
    assert "Missing option '--template'" in result.output
    for name in TEMPLATES:
        assert name in result.output
    assert init("-t", "series-b").exit_code == 2


def test_same_template_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.org.yaml", tmp_path / "two.org.yaml"
    for path in (one, two):
        assert init("-t", "scale-up", "-o", str(path), "--name", "Acme").exit_code == 0
    assert one.read_bytes().replace(b"one.org", b"two.org") == two.read_bytes()
    assert b"\r\n" not in one.read_bytes()


def test_the_api_rejects_an_unknown_template() -> None:
    with pytest.raises(ValueError, match="unknown template 'series-b'; choose from seed"):
        template("series-b")


def test_every_data_file_in_the_package_is_declared_as_package_data() -> None:
    """An editable install finds any file; a wheel only the declared ones."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = config["tool"]["setuptools"]["package-data"]
    package = ROOT / "orgdesign"
    for path in package.rglob("*"):
        if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(ROOT)
        owner = ".".join(relative.parent.parts)
        patterns = declared.get(owner, [])
        assert any(fnmatch(path.name, pattern) for pattern in patterns), relative


def test_the_help_and_the_docs_give_each_template_its_size() -> None:
    shown = init("--help").output
    docs = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for name in TEMPLATES:
        people = len(od.loads(template(name)).people)
        line = next(line for line in shown.splitlines() if line.strip().startswith(name + " "))
        assert line.endswith(f"({people} people)"), line
        assert f"| `{name}` | {people} | " in docs, name
