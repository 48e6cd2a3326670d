"""The documentation: generated pages are current, every rule is in the site's navigation."""

from __future__ import annotations

from pathlib import Path

import yaml

from orgdesign.reporters.docs import pages
from orgdesign.rules import all_rules

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
