"""``--format markdown``: a table of findings for pull-request comments and job summaries."""

from __future__ import annotations

from collections.abc import Iterable

from orgdesign.lint import Report, not_judged_lines
from orgdesign.reporters.text import summary_line
from orgdesign.rules import Finding, rule_url

__all__ = ["cell", "findings_table", "format_markdown"]

_BADGE = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def cell(text: str) -> str:
    """Text safe inside a table cell: pipes escaped, lines joined, markup characters inert."""
    for character in "\\`*_[]<>|":
        text = text.replace(character, "\\" + character)
    return " ".join(text.split())


def findings_table(findings: Iterable[Finding]) -> list[str]:
    """The table rows (header included) of these findings, one row each."""
    lines = [
        "| severity | rule | location | subject | message | fix |",
        "|---|---|---|---|---|---|",
    ]
    for finding in findings:
        url = rule_url(finding.rule)
        rule = f'[{finding.code}]({url} "{finding.rule}")' if url else cell(finding.code)
        # Plain escaped text, not a code span: inside a table cell a `|` would still end
        # the cell, and a backtick in a file name would end the span.
        where = cell(str(finding.location)) if finding.location is not None else ""
        lines.append(
            f"| {_BADGE[finding.severity or 'warning']} | {rule} | {where} | "
            f"`{finding.subject}` | {cell(finding.message)} | {cell(finding.fix)} |"
        )
    return lines


def format_markdown(report: Report) -> str:
    """A heading, the summary line, what was not judged, and one table row per finding."""
    lines = ["### orgdesign", "", summary_line(report)]
    if report.not_judged:
        lines += ["", *(cell(line) for line in not_judged_lines(report.not_judged))]
    if report.findings:
        lines += ["", *findings_table(report.findings)]
    return "\n".join(lines) + "\n"
