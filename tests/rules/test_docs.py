"""Every rule documents itself: the five headings, each option, an example in YAML."""

from __future__ import annotations

import attrs
import pytest
import yaml

from orgdesign.rules import DOC_HEADINGS, all_rules


@pytest.mark.parametrize("found", all_rules(), ids=lambda r: r.slug)
def test_rule_doc_has_every_heading_in_order(found) -> None:  # type: ignore[no-untyped-def]
    doc = found.doc
    positions = [doc.find(f"## {heading}\n") for heading in DOC_HEADINGS]
    assert all(p > 0 for p in positions), f"{found.slug} lacks a heading: {positions}"
    assert positions == sorted(positions), f"{found.slug} headings out of order"
    assert found.summary
    assert not found.summary.startswith("#")


@pytest.mark.parametrize("found", all_rules(), ids=lambda r: r.slug)
def test_every_option_is_documented(found) -> None:  # type: ignore[no-untyped-def]
    options_section = found.doc.split("## Options", 1)[1]
    fields = attrs.fields(found.options)
    if not fields:
        assert "no options" in options_section
    for field in fields:
        assert f"`{field.name}`" in options_section, f"{found.slug}: {field.name} undocumented"
        assert f"default {field.default}" in options_section, (
            f"{found.slug}: default of {field.name}"
        )


@pytest.mark.parametrize("found", all_rules(), ids=lambda r: r.slug)
def test_examples_are_valid_yaml(found) -> None:  # type: ignore[no-untyped-def]
    blocks = found.doc.split("```yaml\n")[1:]
    assert blocks, f"{found.slug} has no YAML example"
    for block in blocks:
        yaml.safe_load(block.split("```", 1)[0])
