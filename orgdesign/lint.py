"""Run the selected rules over an org and collect a deterministic Report."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from orgdesign._gc import paused_gc
from orgdesign.config import merge
from orgdesign.errors import ConfigError, Location
from orgdesign.model import SCOPES, SEVERITIES, LintConfig, Org, Suppression
from orgdesign.rules import Finding, Rule, get_rule, resolve_selection

__all__ = ["SEVERITY_RANK", "NotJudged", "Report", "finding_keys", "lint", "not_judged_lines"]

#: Higher is worse.
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

_FIGURES = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def finding_keys(findings: Sequence[Finding]) -> list[tuple[str, ...]]:
    """An identity for each finding that survives moved lines and changed figures.

    The identity is the rule, the subject and the related ids (sorted). Where one file has
    several findings with the same ones (a rule reporting several things about one subject,
    such as each missing operating layer on the marketing leader), the message with its
    figures taken out is added to tell them apart. The file itself is not part of the key.

    Examples:
        >>> from orgdesign.rules import Finding
        >>> keys = finding_keys([
        ...     Finding(subject="cmo", message="no strategy cadence", fix="", rule="r"),
        ...     Finding(subject="cmo", message="no roadmap cadence", fix="", rule="r"),
        ...     Finding(subject="w", message="needs 5 approvers (> 3)", fix="", rule="s"),
        ... ])
        >>> keys[0] != keys[1], keys[2]
        (True, ('s', 'w', ''))
    """
    bases = []
    for finding in findings:
        file = finding.location.file if finding.location else ""
        bases.append((file, finding.rule, finding.subject, "\x1f".join(sorted(finding.related))))
    shared = Counter(bases)
    return [
        (*base[1:], _FIGURES.sub("#", finding.message)) if shared[base] > 1 else base[1:]
        for base, finding in zip(bases, findings, strict=True)
    ]


@attrs.frozen
class NotJudged:
    """A rule left unjudged on one file because the file does not state a section it needs.

    A file may be a partial view (an HR import has people only), so a missing section is
    not read as an empty one; ``cadences: []`` is judged (DESIGN "Absent is not empty").
    """

    file: str
    rule: str
    code: str
    missing: str

    def to_dict(self) -> dict[str, str]:
        """As in ``--format json``'s ``not_judged`` list."""
        return {"rule": self.rule, "code": self.code, "missing": self.missing, "file": self.file}


def not_judged_lines(entries: Iterable[NotJudged]) -> list[str]:
    """One line per file naming the rules it left unjudged and the sections they need.

    Examples:
        >>> print(*not_judged_lines([NotJudged("o.yaml", "x-rule", "OD999", "teams")]))
        Not judged in o.yaml, which has no such section: OD999 x-rule (needs teams:).
    """
    by_file: dict[str, dict[tuple[str, str], list[str]]] = {}
    for entry in entries:
        rules = by_file.setdefault(entry.file, {})
        rules.setdefault((entry.code, entry.rule), []).append(f"{entry.missing}:")
    return [
        f"Not judged in {file}, which has no such section: "
        + ", ".join(
            f"{code} {slug} (needs {', '.join(sections)})"
            for (code, slug), sections in rules.items()
        )
        + "."
        for file, rules in by_file.items()
    ]


@attrs.frozen
class Report:
    """The findings of one lint run, sorted by (file, line, column, code).

    ``files`` names the files linted, clean ones included. ``not_judged`` lists the rules
    that were not judged, each with the section the file does not state.
    """

    findings: tuple[Finding, ...] = attrs.field(converter=tuple)
    files: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    not_judged: tuple[NotJudged, ...] = attrs.field(default=(), converter=tuple)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def summary(self) -> dict[str, int]:
        """Findings per severity, always with all three keys."""
        counts = dict.fromkeys(("error", "warning", "info"), 0)
        for finding in self.findings:
            counts[finding.severity or "warning"] += 1
        return counts

    def exit_code(self, fail_on: str = "warning") -> int:
        """1 when a finding is at or above ``fail_on``, else 0."""
        threshold = SEVERITY_RANK[fail_on]
        failing = any(SEVERITY_RANK[f.severity or "warning"] >= threshold for f in self.findings)
        return 1 if failing else 0

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        """One report from several (for several files), still sorted."""
        reports = list(reports)
        findings = sorted((f for r in reports for f in r.findings), key=lambda f: f.sort_key)
        files = tuple(name for r in reports for name in r.files)
        return cls(findings, files, tuple(entry for r in reports for entry in r.not_judged))

    def to_dict(self) -> dict[str, Any]:
        """The report as ``--format json`` prints it."""
        return {
            "version": 1,
            "files": list(self.files),
            "findings": [finding.to_dict() for finding in self.findings],
            "summary": self.summary,
            "not_judged": [entry.to_dict() for entry in self.not_judged],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text, byte-stable for the same input."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    def to_sarif(self) -> dict[str, Any]:
        """The report as a SARIF 2.1.0 log (what ``--format sarif`` prints, as data)."""
        from orgdesign._version import __version__
        from orgdesign.reporters.sarif import to_sarif

        return to_sarif(self, __version__)

    def to_markdown(self) -> str:
        """A markdown table of the findings, for pull-request comments."""
        from orgdesign.reporters.markdown import format_markdown

        return format_markdown(self)

    def to_dataframe(self) -> Any:
        """One row per finding (rule, code, severity, subject, message, fix, file, line,
        column) as a ``pandas.DataFrame`` (needs pandas: ``pip install orgdesign[pandas]``)."""
        from orgdesign._text import pandas as optional_pandas

        pandas = optional_pandas("to_dict()")
        columns = ("rule", "code", "severity", "subject", "message", "fix", "file", "line")
        rows = []
        for finding in self.findings:
            location = finding.location
            rows.append(
                {
                    **{key: getattr(finding, key) for key in columns[:6]},
                    "file": location.file if location else None,
                    "line": location.line if location else None,
                    "column": location.column if location else None,
                }
            )
        return pandas.DataFrame(rows, columns=[*columns, "column"])

    def _repr_html_(self) -> str:
        from orgdesign.reporters.html import findings_html

        return findings_html(self.findings, files=self.files, not_judged=self.not_judged)


def _rule_key(name: str, location: Location | None, what: str) -> Rule:
    try:
        return get_rule(name)
    except ConfigError as exc:
        raise ConfigError(f"{what}: {exc.message}", location) from None


def _options_for(
    lint_config: LintConfig, options: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, Any]:
    """Typed options per rule slug: the configured lint.options, then the caller's on top."""
    locations = dict(lint_config.locations)
    raw: dict[str, dict[str, Any]] = {}
    option_locations: dict[str, dict[str, Location]] = {}
    for source in (lint_config.options, options or {}):
        from_file = source is lint_config.options
        for name, values in source.items():
            where = locations.get(f"options.{name}") if from_file else None
            found = _rule_key(name, where, "options")
            if not isinstance(values, Mapping):
                raise ConfigError(f"options of {found.slug} must be a mapping", where)
            raw.setdefault(found.slug, {}).update(values)
            if from_file:
                option_locations.setdefault(found.slug, {}).update(
                    {
                        key: locations.get(f"options.{name}.{key}", where)
                        for key in values
                        if where is not None
                    }
                )
    made: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for slug, values in raw.items():
        try:
            made[slug] = get_rule(slug).make_options(values, option_locations.get(slug))
        except ConfigError as exc:
            errors.append(exc)
    if errors:
        raise ConfigError.combine(errors)
    return made


def _severities(lint_config: LintConfig, severity: Mapping[str, str] | None) -> dict[str, str]:
    result: dict[str, str] = {}
    for source in (lint_config.severity, severity or {}):
        from_file = source is lint_config.severity
        for name, level in source.items():
            where = lint_config.locations.get(f"severity.{name}") if from_file else None
            found = _rule_key(name, where, "severity")
            if level not in SEVERITIES:
                raise ConfigError(
                    f"severity of {found.slug} must be one of {', '.join(SEVERITIES)}, "
                    f"got '{level}'",
                    where,
                )
            result[found.slug] = level
    return result


def lint(
    org: Org,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    severity: Mapping[str, str] | None = None,
    config: LintConfig | None = None,
    scope: str | None = None,
) -> Report:
    """Run the rules over ``org`` and return the findings.

    ``select`` and ``ignore`` take slugs, codes, code prefixes (``OD2``), family names or
    ``all``; given here they replace the file's ``lint:`` values. ``options`` maps a rule to
    option values and ``severity`` a rule to ``error``/``warning``/``info``; both are merged
    over the file's. ``config`` holds project defaults (``[tool.orgdesign]``, see
    `orgdesign.config.load_project_config`) under the file's ``lint:`` section. ``scope``
    says whom the rules about people (spans, layers, meetings, allocations) judge:
    ``"marketing"`` (the default: the marketing leader and everyone below them; everyone
    when there is no leader) or ``"all"``; given here it replaces the file's and the
    project's. Raises `orgdesign.errors.ConfigError` for unknown rules or options.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads("version: 1\\npeople:\\n  - {id: a, reports_to: a}\\n")
        >>> [f.code for f in od.lint(org, select=["hierarchy"]).findings]
        ['OD601']
    """
    settings = org.lint if config is None else merge(config, org.lint)
    if scope is not None:
        if scope not in SCOPES:
            raise ConfigError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
        settings = attrs.evolve(settings, scope=scope)
    with paused_gc():
        return _lint(org, settings, select, ignore, options, severity)


def _lint(
    org: Org,
    config: LintConfig,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    options: Mapping[str, Mapping[str, Any]] | None,
    severity: Mapping[str, str] | None,
) -> Report:
    locations = dict(config.locations)
    rules = resolve_selection(
        config.select if select is None else tuple(select),
        config.ignore if ignore is None else tuple(ignore),
        locations if select is None and ignore is None else {},
    )
    typed_options = _options_for(config, options)
    levels = _severities(config, severity)
    graph = org.graph
    suppressions = _suppressions(org)

    findings: list[Finding] = []
    used: set[tuple[str, int]] = set()
    ran: set[str] = set()
    meta: list[Rule] = []
    not_judged: list[NotJudged] = []
    # Rule slug -> the carriers its findings belong on, with the ids each one names: where a
    # misplaced suppression should have gone.
    reported: dict[str, dict[str, set[str]]] = {}
    # Context people (``context: true``: a manager outside an export) are known only in
    # part, so nothing said of them as a subject could be trusted.
    context = {person.id for person in org.people if person.context}
    judged = _judged(org, config.scope or "marketing")
    for candidate in rules:
        if candidate.scope == "meta":
            meta.append(candidate)
            continue
        missing = candidate.missing_sections(org)
        not_judged.extend(
            NotJudged(org.filename, candidate.slug, candidate.code, section) for section in missing
        )
        if any(section in candidate.needs for section in missing):
            continue
        ran.add(candidate.slug)
        rule_options = typed_options.get(candidate.slug) or candidate.default_options
        for finding in candidate.check(org, graph, rule_options):
            if finding.subject in context:
                continue
            if candidate.judges is not None and judged is not None:
                people = (finding.subject,)
                if candidate.judges == "branches":
                    people += tuple(finding.related)
                if not any(person in judged for person in people):
                    continue  # outside the judged organisation (DESIGN "scope")
            carrier = "org" if candidate.scope == "org" else finding.subject
            if suppressions:  # only the fix of an unused suppression reads it
                reported.setdefault(candidate.slug, {}).setdefault(carrier, set()).update(
                    (finding.subject, *finding.related)
                )
            match = _suppressed(suppressions.get(carrier, ()), candidate)
            if match is not None:
                used.add((carrier, match))
                continue
            findings.append(_complete(org, candidate, finding, levels))
    for candidate in meta:  # unused-suppression needs every other rule's findings first
        for carrier, entries in suppressions.items():
            for index, (suppression, target) in enumerate(entries):
                if target.slug not in ran or (carrier, index) in used:
                    continue
                finding = Finding(
                    subject=carrier,
                    message=(
                        f"suppression of {target.slug} on {carrier} is unused: "
                        "the rule finds nothing here"
                    ),
                    fix=_unused_fix(org, target, carrier, reported.get(target.slug, {})),
                    location=suppression.location,
                )
                findings.append(_complete(org, candidate, finding, levels))
    findings.sort(key=lambda f: f.sort_key)
    return Report(findings, (org.filename,), not_judged)


def _unused_fix(org: Org, target: Rule, carrier: str, reported: dict[str, set[str]]) -> str:
    """Remove the entry; or, when the rule did report something naming this carrier on
    another entity, say where the suppression belongs."""
    remove = f"Remove the {target.slug} entry from {carrier}'s ignore list"
    places = [place for place, named in reported.items() if carrier in named and place != carrier]
    if not places:
        return remove + "."
    where = []
    for place in sorted(places, key=lambda p: _file_position(org, p)):
        entity = org.by_id.get(place)
        where.append("the org: mapping" if entity is None else f"{entity.entity_kind} {place}")
    return (
        f"Put it on {' and on '.join(where)}: {target.slug} reports its finding there, "
        f"naming {carrier}. Or remove the entry."
    )


def _file_position(org: Org, entity_id: str) -> tuple[int, int]:
    entity = org.by_id.get(entity_id)
    location = entity.location if entity is not None else org.location
    return (location.line, location.column) if location is not None else (0, 0)


def _judged(org: Org, scope: str) -> frozenset[str] | None:
    """The people the people-level rules judge (DESIGN "the judged organisation"): the
    marketing people under the ``marketing`` scope when there is a marketing leader; None,
    everyone, under ``all`` or with no leader."""
    if scope == "all":
        return None
    from orgdesign.graph import marketing_leader, marketing_people

    if marketing_leader(org) is None:
        return None
    return frozenset(marketing_people(org))


def _suppressions(org: Org) -> dict[str, list[tuple[Suppression, Rule]]]:
    """Carrier id (``org`` for the org: mapping) -> its suppressions with their rules."""
    result: dict[str, list[tuple[Suppression, Rule]]] = {}
    carriers = [("org", org.ignore)] + [(e.id, e.ignore) for e in org.entities() if e.ignore]
    for carrier, entries in carriers:
        for suppression in entries:
            target = _rule_key(suppression.rule, suppression.location, "ignore")
            result.setdefault(carrier, []).append((suppression, target))
    return result


def _suppressed(entries: Iterable[tuple[Suppression, Rule]], candidate: Rule) -> int | None:
    for index, (_suppression, target) in enumerate(entries):
        if target is candidate:
            return index
    return None


def _complete(org: Org, rule: Rule, finding: Finding, levels: Mapping[str, str]) -> Finding:
    location = finding.location
    if location is None and rule.scope == "org":
        # Org-wide findings point where the fix goes: the section they are about, else org:.
        location = org.section_location(rule.section) or org.location
    if location is None:
        entity = org.by_id.get(finding.subject)
        location = entity.location if entity is not None else org.location
    if location is None:
        location = Location(org.filename)
    return attrs.evolve(
        finding,
        rule=rule.slug,
        code=rule.code,
        severity=levels.get(rule.slug) or finding.severity or rule.severity,
        location=location,
    )
