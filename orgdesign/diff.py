"""What changed between two versions of an org file: entities and fields, and findings.

``orgdesign diff OLD NEW`` answers the question a reviewer has about a pull request on an org
file: what does it change in the organisation, and does it bring in new coordination smells
or remove old ones? Entities are matched by id, findings by `orgdesign.lint.finding_keys`
(rule, subject, related ids) and then by rule and subject, so moved lines, changed figures
and a changed list of people in a finding do not make it new.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from orgdesign._text import count
from orgdesign.lint import Report, finding_keys, lint
from orgdesign.loader import fields_as_written
from orgdesign.model import SECTIONS, LintConfig, Org
from orgdesign.reporters.markdown import cell, findings_table
from orgdesign.reporters.text import finding_line, levels_phrase
from orgdesign.rules import Finding

__all__ = ["Change", "OrgDiff", "diff"]

#: How an entity changed.
KINDS = ("added", "removed", "changed")


@attrs.frozen(kw_only=True)
class Change:
    """One entity (or the ``org:`` or ``lint:`` section) that differs between the files.

    ``fields`` holds ``(key, old, new)`` per differing field, values as the file writes
    them, None where a side does not set the field. An added entity lists all its fields
    with ``old`` None, a removed one with ``new`` None.
    """

    section: str
    id: str | None
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    fields: tuple[tuple[str, str | None, str | None], ...] = attrs.field(converter=tuple)

    @property
    def label(self) -> str:
        """``people cmo``, or the section alone for ``org`` and ``lint``."""
        return self.section if self.id is None else f"{self.section} {self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "id": self.id,
            "change": self.kind,
            "fields": [{"key": key, "old": old, "new": new} for key, old, new in self.fields],
        }


@attrs.frozen(kw_only=True)
class OrgDiff:
    """The changes from ``old`` to ``new``: entities, and findings new, fixed and kept."""

    old_file: str
    new_file: str
    changes: tuple[Change, ...] = attrs.field(converter=tuple)
    new: Report
    fixed: Report
    kept: int

    def exit_code(self, fail_on: str = "warning") -> int:
        """1 when a new finding is at or above ``fail_on``, else 0."""
        return self.new.exit_code(fail_on)

    def to_dict(self) -> dict[str, Any]:
        """The diff as ``orgdesign diff --format json`` prints it."""
        return {
            "version": 1,
            "old": self.old_file,
            "new": self.new_file,
            "changes": [change.to_dict() for change in self.changes],
            "findings": {
                "new": [finding.to_dict() for finding in self.new.findings],
                "fixed": [finding.to_dict() for finding in self.fixed.findings],
                "kept": self.kept,
            },
            "summary": {
                "changes": len(self.changes),
                "new": self.new.summary,
                "fixed": self.fixed.summary,
            },
        }

    def __str__(self) -> str:
        """The text ``orgdesign diff`` prints (`to_text`)."""
        return self.to_text()

    def to_text(self) -> str:
        """The report ``orgdesign diff`` prints."""
        lines = [f"{self.old_file} -> {self.new_file}"]
        section = None
        for change in self.changes:
            if change.section != section:
                section = change.section
                lines.extend(["", f"{section}:"])
            lines.extend(_change_lines(change))
        for title, found in (("new", self.new), ("fixed", self.fixed)):
            if found.findings:
                lines.extend(["", f"{title} findings:"])
                lines.extend(f"  {finding_line(finding)}" for finding in found.findings)
        lines.extend(["", self.summary_line()])
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """A pull-request comment: the changes as a list, the findings as tables."""
        out = [f"### orgdesign diff: `{self.old_file}` → `{self.new_file}`", ""]
        if self.changes:
            for change in self.changes:
                detail = _attached(change, cell(_detail(change)))
                out.append(f"- **{change.kind}** {cell(change.label)}{detail}")
            out.append("")
        for title, found in (("New findings", self.new), ("Fixed findings", self.fixed)):
            if found.findings:
                out.extend([f"**{title}**", "", *findings_table(found.findings), ""])
        out.append(self.summary_line())
        return "\n".join(out) + "\n"

    def summary_line(self) -> str:
        """``3 changes; 1 new finding (1 warning), 2 fixed, 4 kept.``"""
        new = count(len(self.new.findings), "new finding")
        if self.new.findings:
            new += f" ({levels_phrase(self.new.summary, zeros=False)})"
        changes = count(len(self.changes), "change") if self.changes else "no changes"
        return f"{changes}; {new}, {len(self.fixed.findings)} fixed, {self.kept} kept."

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{change.kind}</td><td>{html.escape(change.label)}</td>"
            f"<td>{html.escape(_detail(change))}</td></tr>"
            for change in self.changes
        )
        table = (
            "<table class='orgdesign'><tr><th>change</th><th>entity</th><th>fields</th></tr>"
            f"{rows}</table>"
            if rows
            else ""
        )
        parts = [f"<p>{html.escape(self.summary_line())}</p>", table]
        for title, found in (("New findings", self.new), ("Fixed findings", self.fixed)):
            if found.findings:
                parts.append(f"<p><strong>{title}</strong></p>{found._repr_html_()}")
        return "".join(parts)


def diff(
    old: Org,
    new: Org,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: LintConfig | None = None,
    scope: str | None = None,
) -> OrgDiff:
    """The changes from ``old`` to ``new``, both linted with the same ``select``, ``ignore``,
    project ``config`` and ``scope`` (see `orgdesign.lint.lint`).

    Examples:
        >>> import orgdesign as od
        >>> old = od.loads("version: 1\\npeople:\\n  - {id: a}\\n  - {id: b, reports_to: a}\\n")
        >>> new = od.loads("version: 1\\npeople:\\n  - {id: a, reports_to: b}\\n"
        ...                "  - {id: b, reports_to: a}\\n")
        >>> changes = diff(old, new, select=["reporting-cycle"])
        >>> [(c.id, c.fields) for c in changes.changes]
        [('a', (('reports_to', None, 'b'),))]
        >>> [f.code for f in changes.new.findings], changes.fixed.findings
        (['OD601'], ())
    """
    changes = _changes(old, new)
    old_report = lint(old, select=select, ignore=ignore, config=config, scope=scope)
    new_report = lint(new, select=select, ignore=ignore, config=config, scope=scope)
    added, removed, kept = _match(old_report.findings, new_report.findings)
    new_file = new.filename
    if new_file == old.filename and changes:  # an edited org (orgdesign.edit) beside its source
        new_file = f"{new_file} (edited)"
    return OrgDiff(
        old_file=old.filename,
        new_file=new_file,
        changes=changes,
        new=Report(added, (new.filename,)),
        fixed=Report(removed, (old.filename,)),
        kept=kept,
    )


def _changes(old: Org, new: Org) -> list[Change]:
    result = []
    org_change = _compare("org", None, fields_as_written(old), fields_as_written(new))
    if org_change is not None:
        result.append(org_change)
    for section in SECTIONS:
        before = {entity.id: entity for entity in getattr(old, section)}
        after = {entity.id: entity for entity in getattr(new, section)}
        for entity_id in sorted(before.keys() | after.keys()):
            old_fields = fields_as_written(before[entity_id]) if entity_id in before else None
            new_fields = fields_as_written(after[entity_id]) if entity_id in after else None
            change = _compare(section, entity_id, old_fields, new_fields)
            if change is not None:
                result.append(change)
    lint_change = _compare("lint", None, _lint_fields(old.lint), _lint_fields(new.lint))
    if lint_change is not None:
        result.append(lint_change)
    return result


def _compare(
    section: str,
    entity_id: str | None,
    old: Mapping[str, str] | None,
    new: Mapping[str, str] | None,
) -> Change | None:
    before, after = old or {}, new or {}
    keys = list(dict.fromkeys([*before, *after]))  # the format's key order, old keys first
    fields = [
        (key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key) and key != "id"
    ]
    if old is None:
        kind = "added"
    elif new is None:
        kind = "removed"
    elif fields:
        kind = "changed"
    else:
        return None
    return Change(section=section, id=entity_id, kind=kind, fields=fields)


def _lint_fields(config: LintConfig) -> dict[str, str]:
    fields = {}
    if config.select is not None:
        fields["select"] = "[" + ", ".join(config.select) + "]"
    if config.ignore:
        fields["ignore"] = "[" + ", ".join(config.ignore) + "]"
    for rule, level in config.severity.items():
        fields[f"severity.{rule}"] = level
    for rule, values in config.options.items():
        for key, value in values.items():
            text = "[" + ", ".join(value) + "]" if isinstance(value, tuple) else str(value)
            fields[f"options.{rule}.{key}"] = text
    return fields


def _match(
    old: tuple[Finding, ...], new: tuple[Finding, ...]
) -> tuple[list[Finding], list[Finding], int]:
    """New findings, fixed ones, and how many are in both (by identity, not by line).

    Findings pair up by `finding_keys` first; those left over pair up by rule and subject,
    so a finding whose related ids changed (an approval chain with other approvers) is the
    same finding, not one fixed and one new.
    """
    waiting: dict[tuple[str, ...], list[Finding]] = {}
    for key, finding in zip(finding_keys(old), old, strict=True):
        waiting.setdefault(key, []).append(finding)
    unmatched, kept = [], 0
    for key, finding in zip(finding_keys(new), new, strict=True):
        if waiting.get(key):
            waiting[key].pop(0)
            kept += 1
        else:
            unmatched.append(finding)
    by_subject: dict[tuple[str, str], list[Finding]] = {}
    for findings in waiting.values():
        for finding in findings:
            by_subject.setdefault((finding.rule, finding.subject), []).append(finding)
    added = []
    for finding in unmatched:
        if by_subject.get((finding.rule, finding.subject)):
            by_subject[(finding.rule, finding.subject)].pop(0)
            kept += 1
        else:
            added.append(finding)
    left = {id(finding) for findings in by_subject.values() for finding in findings}
    return added, [finding for finding in old if id(finding) in left], kept


def _change_lines(change: Change) -> list[str]:
    mark = {"added": "+", "removed": "-", "changed": "~"}[change.kind]
    name = change.id or change.section
    if change.kind != "changed":
        return [f"  {mark} {name}{_attached(change, _detail(change))}"]
    lines = [f"  {mark} {name}"]
    for key, old, new in change.fields:
        lines.append(f"      {key}: {_value(old)} -> {_value(new)}")
    return lines


def _detail(change: Change) -> str:
    """``reports_to dg-lead → cmo; title A → B`` for a changed entity; the title (else the
    name or kind) of an added or removed one."""
    if change.kind == "changed":
        return "; ".join(f"{key} {_value(old)} → {_value(new)}" for key, old, new in change.fields)
    written = {key: old if new is None else new for key, old, new in change.fields}
    return written.get("title") or written.get("name") or written.get("kind") or ""


def _attached(change: Change, detail: str) -> str:
    """The detail as it follows the entity's name: ``: fields`` or `` (title)``."""
    if not detail:
        return ""
    return f": {detail}" if change.kind == "changed" else f" ({detail})"


def _value(text: str | None) -> str:
    return "(not set)" if text is None else text
