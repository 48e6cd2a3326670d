"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).

Every registered rule is described (its documentation as help text and a link to its page);
each finding is a result with a 1-based line and column in a file URI relative to the working
directory, and a ``partialFingerprints`` entry built from what the finding is about (rule,
file, subject, related ids), not from where it sits, so it survives edits elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from orgdesign.lint import Report, finding_keys
from orgdesign.rules import DOCS_URL, Rule, all_rules

__all__ = ["SCHEMA_URI", "format_sarif", "to_sarif"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    """A file as a relative, forward-slash URI reference when it is under the working
    directory, else a ``file://`` URI; either way percent-encoded, so spaces, ``#``, ``?``,
    ``%`` and ``:`` in names stay part of the path (``a b#1.yaml`` -> ``a%20b%231.yaml``).
    """
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()  # pathlib percent-encodes it
    # "/" separates segments; everything else that is not unreserved is encoded, ":" too,
    # so a first segment like "c:x" is not read as a URI scheme.
    return quote(PurePath(os.path.normpath(path)).as_posix(), safe="/")


def _rule(rule: Rule) -> dict[str, Any]:
    described = {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": rule.url,
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["org-design", rule.family]},
    }
    if rule.url is None:  # a plugin rule without a page
        del described["helpUri"]
    return described


def _fingerprint(file: str, key: tuple[str, ...]) -> str:
    text = "\x1f".join((_uri(file), *key))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def to_sarif(report: Report, version: str) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (one run)."""
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    keys = finding_keys(report.findings)
    for finding, key in zip(report.findings, keys, strict=True):
        location = finding.location
        file = location.file if location else (report.files[0] if report.files else "")
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
        if location is not None and location.line:
            physical["region"] = {
                "startLine": location.line,
                "startColumn": max(location.column, 1),
            }
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity or "warning"],
            "message": {"text": f"{finding.message}. {finding.fix}"},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"orgdesign/v1": _fingerprint(file, key)},
            "properties": {"subject": finding.subject, "related": list(finding.related)},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "orgdesign",
                        "version": version,
                        "semanticVersion": version,
                        "informationUri": DOCS_URL,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "artifacts": [{"location": {"uri": _uri(file)}} for file in report.files],
                "results": results,
                "columnKind": "unicodeCodePoints",
                **_invocations(report, index),
            }
        ],
    }


def _invocations(report: Report, index: dict[str, int]) -> dict[str, Any]:
    """The rules not judged, as notifications of the run (nothing when all were judged)."""
    if not report.not_judged:
        return {}
    notifications = []
    for entry in report.not_judged:
        notification: dict[str, Any] = {
            "level": "note",
            "message": {
                "text": f"{entry.code} {entry.rule} was not judged: the file has no "
                f"{entry.missing}: section (write `{entry.missing}: []` to have it judged)"
            },
            "descriptor": {"id": "not-judged"},
            "associatedRule": {"id": entry.code, "index": index[entry.code]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(entry.file)}}}],
            "properties": {"rule": entry.rule, "missing": entry.missing},
        }
        notifications.append(notification)
    return {
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    }


def format_sarif(report: Report) -> str:
    """SARIF text; the same input gives the same bytes."""
    from orgdesign._version import __version__

    return json.dumps(to_sarif(report, __version__), indent=2, ensure_ascii=False) + "\n"
