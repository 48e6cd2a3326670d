"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=org.yaml,line=11,col=5,title=OD201 approval-chain-too-long::message``;
info findings become notices. Values are escaped as the workflow-command syntax requires.
"""

from __future__ import annotations

from orgdesign.lint import Report

__all__ = ["format_github"]

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """One ``::level ...::message`` line per finding (empty when there are none)."""
    lines = []
    for finding in report.findings:
        parts = []
        if finding.location is not None:
            parts.append(f"file={_property(finding.location.file)}")
            if finding.location.line:
                parts.append(f"line={finding.location.line}")
                parts.append(f"col={finding.location.column}")
        parts.append(f"title={_property(f'{finding.code} {finding.rule}')}")
        message = _data(f"{finding.message}\nhelp: {finding.fix}")
        lines.append(f"::{_COMMAND[finding.severity or 'warning']} {','.join(parts)}::{message}")
    return "".join(line + "\n" for line in lines)
