"""The documentation: generated pages are current, every rule is in the site's navigation."""

from __future__ import annotations

from pathlib import Path

import yaml

from orgdesign.reporters.docs import pages
from orgdesign.rules import all_rules
from tests.tools import load_tool

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def test_generated_pages_are_up_to_date() -> None:
    stale = [
        relative
        for relative, content in pages().items()
        if not (DOCS / relative).is_file()
        or (DOCS / relative).read_text(encoding="utf-8") != content
    ]
    assert not stale, f"run `python -m orgdesign.reporters.docs docs`: stale {stale}"


def test_command_outputs_in_the_docs_are_current() -> None:
    """A ```text block under ``<!-- output: ARGS -->`` is what ``orgdesign ARGS`` prints."""
    import re
    import shlex

    from click.testing import CliRunner

    from orgdesign.cli import main

    pattern = re.compile(r"<!-- output: (.+?) -->\n```text\n(.*?)```\n", re.DOTALL)
    checked = 0
    for page in sorted(DOCS.glob("*.md")):
        for args, shown in pattern.findall(page.read_text(encoding="utf-8")):
            result = CliRunner().invoke(main, shlex.split(args))
            assert result.output == shown, f"{page.name}: `orgdesign {args}` now prints otherwise"
            checked += 1
    assert checked >= 3


def test_example_charts_are_current_and_shown() -> None:
    images = DOCS / "images"
    stale = [
        name
        for name, svg in load_tool("example_charts").charts().items()
        if not (images / name).is_file() or (images / name).read_text(encoding="utf-8") != svg
    ]
    assert not stale, f"run `python tools/example_charts.py`: stale {stale}"
    shown = "".join(page.read_text(encoding="utf-8") for page in DOCS.glob("*.md"))
    shown += (ROOT / "README.md").read_text(encoding="utf-8")
    unused = [image.name for image in images.glob("*.svg") if f"images/{image.name}" not in shown]
    assert not unused, f"images no page shows: {unused}"


def test_every_rule_is_in_the_nav_and_mapped_to_an_idea() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    seeds = (DOCS / "seeds.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"rules/{rule.slug}.md" in nav, rule.slug
        assert f"(rules/{rule.slug}.md)" in seeds, rule.slug


def test_mkdocs_config_needs_no_network() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"
    assert config["strict"] == "true"


def test_the_modelling_page_runs_as_written() -> None:
    """Every example on the what-if page is a doctest: edits, compare and the graphs."""
    import doctest

    result = doctest.testfile(
        str(DOCS / "modelling.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.failed == 0
    assert result.attempted >= 15


def test_the_plugin_page_shows_the_example_package_as_it_is() -> None:
    """Each file of the complete plugin on "Write your own rule" is examples/plugin's."""
    import re

    page = (DOCS / "plugins.md").read_text(encoding="utf-8")
    shown = re.findall(r"<!-- file: (\S+) -->\n````\w*\n(.*?)````\n", page, re.S)
    assert len(shown) == 5
    for path, text in shown:
        assert (ROOT / path).read_text(encoding="utf-8") == text, path
