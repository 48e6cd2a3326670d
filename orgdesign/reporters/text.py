"""The default output: ``file:line:col: CODE [severity] message``, a help line, a summary."""

from __future__ import annotations

from orgdesign._text import count as _plural
from orgdesign.lint import Report, not_judged_lines
from orgdesign.rules import Finding


def levels_phrase(counts: dict[str, int], *, zeros: bool = True) -> str:
    """``1 error, 2 warnings, 0 info`` (without the zero counts when ``zeros`` is false)."""
    return ", ".join(
        f"{counts[level]} {level}" if level == "info" else _plural(counts[level], level)
        for level in ("error", "warning", "info")
        if zeros or counts[level]
    )


def finding_line(finding: Finding) -> str:
    """``file:line:col: CODE [severity] message``."""
    return f"{finding.location}: {finding.code} [{finding.severity}] {finding.message}"


def summary_line(report: Report) -> str:
    files = _plural(len(report.files), "file")
    if not report.findings:
        return f"All checks passed ({files})."
    parts = levels_phrase(report.summary)
    return f"Found {_plural(len(report.findings), 'finding')} ({parts}) in {files}."


def format_text(report: Report) -> str:
    """One block per finding (location, code, severity, message; then its fix), then a summary.

    >>> from orgdesign.lint import Report, not_judged_lines
    >>> print(format_text(Report((), ("org.yaml",))), end="")
    All checks passed (1 file).
    """
    lines = []
    for finding in report.findings:
        lines.append(finding_line(finding))
        lines.append(f"  help: {finding.fix}")
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    lines.extend(not_judged_lines(report.not_judged))
    return "\n".join(lines) + "\n"
