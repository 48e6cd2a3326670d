"""Findings as an HTML table, for notebooks (``Report`` and ``Finding`` display with it).

Every piece of user text is escaped; links point only at orgdesign's own rule pages.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from orgdesign._text import count
from orgdesign.lint import NotJudged, not_judged_lines
from orgdesign.rules import Finding, rule_url

__all__ = ["findings_html"]

# Badge colours by severity; the word is written out too, so the table reads in greyscale.
_BADGE = {
    "error": ("#b42318", "#fff"),
    "warning": ("#fde9a9", "#5c3300"),
    "info": ("#d5e7fb", "#12406e"),
}

_STYLE = (
    "<style>.od-report{font:13px/1.4 system-ui,sans-serif}"
    ".od-report table{border-collapse:collapse;width:100%}"
    ".od-report th,.od-report td{text-align:left;vertical-align:top;padding:4px 8px;"
    "border-bottom:1px solid #d0d5dd}"
    ".od-report th{font-weight:600;border-bottom:2px solid #98a2b3}"
    ".od-report .od-sev{display:inline-block;border-radius:3px;padding:0 6px;font-weight:600;"
    "font-size:12px}"
    ".od-report .od-fix{color:#475467}"
    ".od-report code{font-size:12px;white-space:nowrap}</style>"
)


def _plural(number: int, word: str) -> str:
    return count(number, word, "info" if word == "info" else None)


def summary_text(findings: Sequence[Finding], files: Sequence[str]) -> str:
    """``3 findings in 1 file: 1 error, 2 warnings, 0 info``, or that all checks passed."""
    where = f" in {_plural(len(files), 'file')}" if files else ""
    if not findings:
        return f"All checks passed{where}."
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in findings:
        counts[finding.severity or "warning"] += 1
    parts = ", ".join(_plural(count, severity) for severity, count in counts.items())
    return f"{_plural(len(findings), 'finding')}{where}: {parts}."


def _row(finding: Finding) -> str:
    esc = html.escape
    severity = finding.severity or "warning"
    background, colour = _BADGE[severity]
    badge = f'<span class="od-sev" style="background:{background};color:{colour}">{severity}</span>'
    code = esc(finding.code or finding.rule)
    url = rule_url(finding.rule) if finding.rule else None
    if url:
        code = (
            f'<a href="{esc(url)}" target="_blank" '
            f'title="{esc(finding.rule)}"><code>{code}</code></a>'
        )
    elif finding.rule:
        code = f'<code title="{esc(finding.rule)}">{code}</code>'
    location = ""
    if finding.location is not None:
        location = f"<code>{esc(str(finding.location))}</code>"
    return (
        f"<tr><td>{badge}</td><td>{code}</td><td><code>{esc(finding.subject)}</code></td>"
        f'<td>{esc(finding.message)}</td><td class="od-fix">{esc(finding.fix)}</td>'
        f"<td>{location}</td></tr>"
    )


def findings_html(
    findings: Iterable[Finding],
    *,
    files: Sequence[str] = (),
    summary: bool = True,
    not_judged: Iterable[NotJudged] = (),
) -> str:
    """A table of findings (severity, code linked to its rule page, subject, message, fix,
    location), under a one-line summary when ``summary`` and a line per file saying which
    rules were not judged."""
    findings = list(findings)
    head = f"<p><strong>{html.escape(summary_text(findings, files))}</strong></p>"
    head += "".join(
        f'<p class="od-not-judged">{html.escape(line)}</p>' for line in not_judged_lines(not_judged)
    )
    if not findings:
        return f'<div class="od-report">{head}</div>'
    header = "".join(
        f"<th>{name}</th>" for name in ("severity", "code", "subject", "message", "fix", "location")
    )
    rows = "".join(_row(finding) for finding in findings)
    return (
        f'{_STYLE}<div class="od-report">{head if summary else ""}<table class="od-table">'
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
