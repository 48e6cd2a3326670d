"""The rule registry: ``@rule`` declares a rule, ``all_rules()`` lists them, selection resolves.

A rule is a pure function ``(org, graph, options) -> Iterator[Finding]`` in its own module
under a family package (``rules/ownership/orphaned_function.py``). Its docstring, with the
headings What it does / Why is this bad? / Example / Use instead / Options, is its doc page,
its ``orgdesign explain`` text and its SARIF help. Modules are discovered, not listed by hand.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import os
import pkgutil
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from orgdesign.errors import ConfigError, Location, one_line
from orgdesign.model import SECTIONS, SEVERITIES, Org

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DOC_HEADINGS",
    "ENTRY_POINT_GROUP",
    "FAMILIES",
    "Finding",
    "NoOptions",
    "Rule",
    "all_rules",
    "get_rule",
    "resolve_selection",
    "rule",
    "use_plugins",
]

#: Family of each code's hundreds digit.
FAMILIES = {
    "0": "suppressions",
    "1": "ownership",
    "2": "workflows",
    "3": "placement",
    "4": "alignment",
    "5": "capacity",
    "6": "hierarchy",
    "7": "stage",
}
DOC_HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options")
#: A rule code: a prefix of capital letters and three digits. ``OD`` is orgdesign's own; a
#: plugin's rules use a prefix of their own (``ACME101``).
_CODE_RE = re.compile(r"([A-Z]{1,6})(\d{3})")
BUILTIN_PREFIX = "OD"
#: The entry-point group under which other packages register modules of rules.
ENTRY_POINT_GROUP = "orgdesign.rules"
_SLUG_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@attrs.frozen(kw_only=True)
class Finding:
    """One problem a rule found.

    Rules fill ``subject``, ``message``, ``fix`` and ``related``; the lint step adds the rule,
    code, severity (a rule may set it for one finding) and the subject's YAML location.
    """

    subject: str
    # One finding, one line: a name holding a newline is shown as \n, never as a new line.
    message: str = attrs.field(converter=one_line)
    fix: str = attrs.field(converter=one_line)
    related: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    rule: str = ""
    code: str = ""
    severity: str | None = None
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as in ``--format json``."""
        location = self.location
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
            "related": list(self.related),
            "location": None
            if location is None
            else {"file": location.file, "line": location.line, "column": location.column},
            "fix": self.fix,
        }

    @property
    def url(self) -> str | None:
        """The rule's documentation page (None for a finding not made by a rule)."""
        return rule_url(self.rule) if self.rule else None

    def _repr_html_(self) -> str:
        from orgdesign.reporters.html import findings_html

        return findings_html((self,), summary=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        location = self.location or Location("")
        return (
            location.file,
            location.line,
            location.column,
            self.code,
            self.subject,
            self.message,
        )


@attrs.frozen
class NoOptions:
    """For rules without options."""


Check = Callable[[Org, "nx.MultiDiGraph", Any], Iterable[Finding]]


#: Where the documentation site lives; each rule has a page at ``rules/<slug>/``.
DOCS_URL = "https://orgdesign.readthedocs.io/en/latest/"


def rule_url(slug: str) -> str | None:
    """The documentation page of the rule with this slug: for a plugin's rule, the ``url`` it
    was declared with (None when it gave none)."""
    found = _REGISTRY.get(slug)
    if found is not None and found.plugin is not None:
        return found.doc_url
    return f"{DOCS_URL}rules/{slug}/"


@attrs.frozen(kw_only=True)
class Rule:
    """A registered rule: its identity, defaults and check function."""

    code: str
    slug: str
    severity: str
    options: type
    check: Check = attrs.field(repr=False)
    # "entity": findings are suppressed on their subject; "org": on the org: mapping.
    scope: str = "entity"
    #: Sections without which the rule is not judged at all (DESIGN "Absent is not empty").
    needs: tuple[str, ...] = ()
    #: Sections without which part of the rule is not judged: it still runs, checks
    #: `Org.has_section` itself, and the report lists it as not judged.
    needs_for_part: tuple[str, ...] = ()
    #: For an org-wide rule, the section its findings point at (where the fix goes); the
    #: ``org:`` mapping when that section is not written.
    section: str = "org"
    #: The plugin that registered the rule (its entry point's name, or the module of a rule
    #: declared in a notebook); None for orgdesign's own rules.
    plugin: str | None = None
    #: A plugin rule's family, for ``select`` and the docs; by default its code prefix.
    family_name: str | None = None
    #: A plugin rule's documentation page.
    doc_url: str | None = None
    #: For a rule about people (spans, layers, meetings, allocations): whom it judges under
    #: the default scope, the marketing organisation. "people": a finding stays when its
    #: subject is a marketing person; "branches": when its subject or a related person is
    #: (a reporting branch that ends in marketing). None: the rule is not about people.
    judges: str | None = None

    def missing_sections(self, org: Org) -> tuple[str, ...]:
        """The sections this rule needs (all of it, or a part) that ``org`` does not state."""
        return tuple(s for s in (*self.needs, *self.needs_for_part) if not org.has_section(s))

    @property
    def url(self) -> str | None:
        """The rule's documentation page (a plugin rule's own ``url``, or None)."""
        return self.doc_url if self.plugin is not None else rule_url(self.slug)

    @property
    def family(self) -> str:
        if self.plugin is None:
            return FAMILIES[self.code[2]]
        return self.family_name or _CODE_RE.fullmatch(self.code).group(1).lower()  # type: ignore[union-attr]

    @property
    def doc(self) -> str:
        """The full docstring, dedented: summary line, then the headed sections."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    @property
    def default_options(self) -> Any:
        return self.options()

    def option_fields(self) -> tuple[attrs.Attribute, ...]:  # type: ignore[type-arg]
        return attrs.fields(self.options)

    def make_options(
        self, values: dict[str, Any], locations: dict[str, Location] | None = None
    ) -> Any:
        """Build this rule's options from config values (text as written, or Python values).

        Raises ConfigError naming the rule and the option, with a did-you-mean.
        """
        locations = locations or {}
        fields = {field.name: field for field in self.option_fields()}
        kwargs = {}
        errors: list[ConfigError] = []  # every bad option at once, not the first alone
        for name, raw in values.items():
            where = locations.get(name)
            field = fields.get(name)
            if field is None:
                hint = _did_you_mean(name, fields)
                known = ", ".join(fields) or "none"
                errors.append(
                    ConfigError(
                        f"unknown option '{name}' for rule {self.slug}{hint} (options: {known})",
                        where,
                    )
                )
                continue
            try:
                kwargs[name] = _convert_option(self.slug, name, raw, field.default, where)
            except ConfigError as exc:
                errors.append(exc)
        if errors:
            raise ConfigError.combine(errors)
        try:
            return self.options(**kwargs)
        except (TypeError, ValueError) as exc:
            # attrs names the option in its message; point at it where the file has it.
            where = next(
                (locations[name] for name in kwargs if name in locations and name in str(exc)),
                next(iter(locations.values()), None),
            )
            raise ConfigError(f"bad options for rule {self.slug}: {exc}", where) from None


def _convert_option(slug: str, name: str, raw: Any, default: Any, where: Location | None) -> Any:
    expected = type(default)
    if isinstance(raw, bool) and expected is not bool:  # True is an int to Python, not here
        raise ConfigError(
            f"option {name} of rule {slug} must be {_type_word(expected)}, got {raw!r}", where
        )
    if not isinstance(raw, str) or expected is str:
        if expected is float and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if expected is tuple and isinstance(raw, list | tuple):
            return tuple(str(item) for item in raw)
        if isinstance(raw, expected):
            return raw
        raise ConfigError(
            f"option {name} of rule {slug} must be {_type_word(expected)}, got {raw!r}", where
        )
    try:
        if expected is bool:
            if raw.lower() in ("true", "false"):
                return raw.lower() == "true"
            raise ValueError(raw)
        if expected is int:
            if len(raw) > 30:  # no option needs more; int() refuses 4,300 digits anyway
                raise ValueError(raw)
            return int(raw)
        if expected is float:
            return float(raw)
        if expected is tuple:
            return (raw,)
    except ValueError:
        pass
    shown = raw if len(raw) <= 40 else f"{raw[:37]}..."
    raise ConfigError(
        f"option {name} of rule {slug} must be {_type_word(expected)}, got '{shown}'", where
    )


def _type_word(kind: type) -> str:
    return {
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        tuple: "a list",
        str: "text",
    }.get(kind, kind.__name__)


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


_REGISTRY: dict[str, Rule] = {}
_DISCOVERED = False
#: Whether rules from other packages take part (``--no-plugins``, ORGDESIGN_NO_PLUGINS=1).
_PLUGINS = {"enabled": not os.environ.get("ORGDESIGN_NO_PLUGINS"), "loaded": False}
_LOADING: list[str] = []  # the entry point being loaded, for the rules it registers


def _plugins_off() -> str:
    """A hint for an unknown rule name while plugins are turned off: it may be a plugin's."""
    if _PLUGINS["enabled"]:
        return ""
    return " (rules from plugins are left out: --no-plugins or ORGDESIGN_NO_PLUGINS)"


def use_plugins(enabled: bool) -> None:
    """Whether `all_rules` (and so lint, ``orgdesign rules``, SARIF, the docs) includes rules
    registered by other packages under the ``orgdesign.rules`` entry-point group."""
    _PLUGINS["enabled"] = enabled


def rule(
    *,
    code: str,
    slug: str,
    severity: str,
    options: type = NoOptions,
    scope: str = "entity",
    needs: tuple[str, ...] = (),
    needs_for_part: tuple[str, ...] = (),
    section: str = "org",
    family: str | None = None,
    url: str | None = None,
    judges: str | None = None,
) -> Callable[[Check], Check]:
    """Register a check function as a rule.

    ``needs`` names the sections without which the rule is not judged (``needs_for_part``:
    part of it); ``section`` is where an org-wide rule's findings point. A rule from another
    package (see "Write your own rule") has a code with a prefix of its own (``ACME101``),
    may name its ``family`` (by default the prefix, lower-cased) and its doc page ``url``.
    ``judges`` marks a rule about people, whose findings the default scope keeps to the
    marketing organisation (``"people"``: by subject; ``"branches"``: by subject or a
    related person); ``lint --scope all`` judges everyone.

    >>> @rule(code="ACME101", slug="example-rule", severity="info")  # doctest: +SKIP
    ... def example_rule(org, graph, options): ...
    """
    if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
        raise ValueError(
            f"rule code {code!r} must be capital letters and three digits, like ACME101"
        )
    if not _SLUG_RE.fullmatch(slug):
        raise ValueError(f"rule slug {slug!r} must be lowercase words joined by hyphens")
    if url is not None and not (isinstance(url, str) and _URL_RE.fullmatch(url)):
        raise ValueError(f"rule {code} url must be an http(s) address, got {url!r:.60}")
    if severity not in SEVERITIES:
        raise ValueError(f"rule severity {severity!r} must be one of {SEVERITIES}")
    if judges not in (None, "people", "branches"):
        raise ValueError(f"rule {code} judges {judges!r}: people, branches or None")

    for name in (*needs, *needs_for_part, *(() if section == "org" else (section,))):
        if name not in SECTIONS:
            raise ValueError(f"rule {code} names {name!r}, which is not a section")

    def register(check: Check) -> Check:
        builtin = check.__module__.startswith(f"{__name__}.")
        prefix = code[:-3]
        if builtin and prefix != BUILTIN_PREFIX:  # pragma: no cover - our own rules
            raise ValueError(f"rule {code}: orgdesign's own rules are OD codes")
        if not builtin and prefix == BUILTIN_PREFIX:
            raise ValueError(
                f"rule {code} {slug}: the OD prefix is orgdesign's own; give your rules a "
                f"prefix of their own, such as ACME{code[-3:]}"
            )
        for other in _REGISTRY.values():
            if (other.code == code or other.slug == slug) and other.check is not check:
                owner = f" (from {other.plugin})" if other.plugin else ""
                raise ValueError(
                    f"rule {code} {slug} clashes with {other.code} {other.slug}{owner}"
                )
        plugin = None if builtin else (_LOADING[-1] if _LOADING else check.__module__)
        _REGISTRY[slug] = Rule(
            code=code,
            slug=slug,
            severity=severity,
            options=options,
            check=check,
            scope=scope,
            needs=tuple(needs),
            needs_for_part=tuple(needs_for_part),
            section=section,
            plugin=plugin,
            family_name=None if builtin else family,
            doc_url=None if builtin else url,
            judges=judges,
        )
        return check

    return register


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    for module in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        importlib.import_module(module.name)
    _DISCOVERED = True


def _load_plugins() -> None:
    """Import every module registered under the ``orgdesign.rules`` entry-point group, once.

    A plugin that fails to import, or whose rules clash with others, is a `ConfigError`
    naming it, in one line.
    """
    if _PLUGINS["loaded"]:
        return
    from importlib.metadata import entry_points

    found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value))
    for entry in found:
        _LOADING.append(entry.name)
        try:
            entry.load()
        except Exception as exc:  # any failure of someone else's code: say whose, in one line
            reason = str(exc).strip() or type(exc).__name__
            if not isinstance(exc, ValueError):
                reason = f"{type(exc).__name__}: {reason}"
            raise ConfigError(
                f"plugin '{entry.name}' ({entry.value}) could not be loaded: {reason}; "
                "lint without plugins with --no-plugins (ORGDESIGN_NO_PLUGINS=1)"
            ) from None
        finally:
            _LOADING.pop()
    _PLUGINS["loaded"] = True


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, orgdesign's own first, then other packages' (unless turned off
    with `use_plugins`), each by code."""
    _discover()
    if _PLUGINS["enabled"]:
        _load_plugins()
    rules = [r for r in _REGISTRY.values() if r.plugin is None or _PLUGINS["enabled"]]
    return tuple(sorted(rules, key=lambda r: (r.plugin is not None, r.code)))


def get_rule(name: str) -> Rule:
    """A rule by slug or code (``approval-chain-too-long`` or ``OD201``).

    Raises ConfigError with a did-you-mean for an unknown name.
    """
    rules = all_rules()
    for candidate in rules:
        if name in (candidate.slug, candidate.code) or name.upper() == candidate.code:
            return candidate
    names = [r.slug for r in rules] + [r.code for r in rules]
    raise ConfigError(f"unknown rule '{name}'{_did_you_mean(name, names)}{_plugins_off()}")


def _matches(token: str, candidate: Rule) -> bool:
    upper = token.upper()
    return (
        token in ("all", "ALL")
        or token == candidate.slug
        or token == candidate.family
        or (_CODE_PREFIX_RE.fullmatch(upper) is not None and candidate.code.startswith(upper))
    )


_URL_RE = re.compile(r"https?://[^\s()<>\"'`]+")
_CODE_PREFIX_RE = re.compile(r"[A-Z]{1,6}\d{0,3}")


def resolve_selection(
    select: Iterable[str] | None,
    ignore: Iterable[str],
    locations: dict[str, Location] | None = None,
) -> tuple[Rule, ...]:
    """The rules selected by ``select`` (default: all) minus those ``ignore`` names.

    A token is ``all``, a slug, a code, a code prefix (``OD2``) or a family (``workflows``).
    Unknown tokens raise ConfigError with a did-you-mean.
    """
    rules = all_rules()
    locations = locations or {}
    vocabulary = ["all"] + [r.slug for r in rules] + [r.code for r in rules]
    vocabulary += sorted({r.family for r in rules})

    def expand(tokens: Iterable[str], key: str) -> set[str]:
        chosen: set[str] = set()
        for token in tokens:
            matched = {r.slug for r in rules if _matches(token, r)}
            if not matched:
                raise ConfigError(
                    f"{key}: unknown rule '{token}'{_did_you_mean(token, vocabulary)}"
                    f"{_plugins_off()}",
                    locations.get(key),
                )
            chosen |= matched
        return chosen

    selected = expand(["all"] if select is None else select, "select")
    selected -= expand(ignore, "ignore")
    return tuple(r for r in rules if r.slug in selected)
