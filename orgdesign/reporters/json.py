"""``--format json``: one object with the findings and a summary (see DESIGN "CLI")."""

from __future__ import annotations

from orgdesign.lint import Report


def format_json(report: Report) -> str:
    """The report as JSON text; the same input gives the same bytes."""
    return report.to_json()
