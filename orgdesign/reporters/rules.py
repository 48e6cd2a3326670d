"""``orgdesign rules`` and ``orgdesign explain``: the registry as a table and as documents."""

from __future__ import annotations

import json
from typing import Any

import attrs

from orgdesign.rules import Rule


def rules_table(rules: tuple[Rule, ...]) -> str:
    """A fixed-width table: code, slug, family, default severity, summary."""
    header = ("CODE", "SLUG", "FAMILY", "SEVERITY", "WHAT IT FLAGS")
    rows = [header] + [(r.code, r.slug, r.family, r.severity, r.summary) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule's metadata and documentation as plain data."""
    return {
        "code": rule.code,
        "slug": rule.slug,
        "family": rule.family,
        "severity": rule.severity,
        "summary": rule.summary,
        "options": {field.name: field.default for field in attrs.fields(rule.options)},
        "doc": rule.doc,
    }


def explain_text(rule: Rule) -> str:
    """The whole doc of one rule, headed by its code, slug and default severity."""
    title = f"{rule.code} {rule.slug} ({rule.family}, default severity: {rule.severity})"
    return f"{title}\n{'=' * len(title)}\n\n{rule.doc}\n"


def explain_json(rule: Rule) -> str:
    return json.dumps(rule_dict(rule), indent=2, ensure_ascii=False) + "\n"


def rules_json(rules: tuple[Rule, ...]) -> str:
    return json.dumps([rule_dict(r) for r in rules], indent=2, ensure_ascii=False) + "\n"
