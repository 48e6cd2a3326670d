"""The typed model of an org file (format version 1): frozen, slotted attrs classes.

Each field carries a `FieldSpec` in its metadata saying how it is written in YAML
(its type, the entity kinds a reference may name, choices, ranges and a one-line doc). The
loader, the dumper and the JSON Schema all read those specs, so the format is defined once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from orgdesign.errors import Location

if TYPE_CHECKING:
    import networkx as nx

    from orgdesign.render import Chart

#: The values of ``lint: {scope: ...}``: whom the people-level rules judge.
SCOPES = ("marketing", "all")

__all__ = [
    "ENTITY_CLASSES",
    "SCOPES",
    "SECTIONS",
    "BacklogItem",
    "Cadence",
    "Entity",
    "FieldSpec",
    "Function",
    "Interface",
    "LintConfig",
    "Location",
    "Org",
    "Owners",
    "Partner",
    "Person",
    "Plan",
    "Suppression",
    "System",
    "Team",
    "Workflow",
]

# Enumerations of format v1, in the order the docs list them.
STAGES = ("seed", "series-a", "scale-up")
STRUCTURES = ("functional", "segment", "hybrid")
EMPLOYMENT = ("full-time", "part-time", "fractional", "contractor")
PARTNER_KINDS = ("agency", "freelancer", "fractional", "consultancy", "vendor")
TEAM_KINDS = ("marketing", "sales", "product", "finance", "customer-success", "executive", "other")
PLACEMENTS = ("central", "segment")
AFFECTS = ("budget", "lead-quality", "strategy", "tracking", "sales-handoff")
PROCESS_LEVELS = ("lightweight", "standard", "detailed")
LAYERS = ("strategy", "roadmap", "execution", "learning", "governance")
INTERFACE_KINDS = ("sla", "revops", "shared-metrics")
SYSTEM_KINDS = (
    "crm",
    "marketing-automation",
    "web-analytics",
    "bi",
    "attribution",
    "cdp",
    "other",
)
SEVERITIES = ("error", "warning", "info")
FUNCTION_KINDS = (
    "leadership",
    "demand-gen",
    "content",
    "product-marketing",
    "brand",
    "marketing-ops",
    "analytics",
    "paid-media",
    "events",
    "abm",
    "web",
    "sales-enablement",
    "customer-marketing",
    "revops",
    "communications",
    "campaign-execution",
)
#: The five pillars a CMO must see owned (seed 001).
PILLARS = (
    "market-intelligence",
    "brand-positioning",
    "revenue-architecture",
    "data-technology",
    "team-alignment",
)
BRAND_KINDS = frozenset({"brand", "content", "communications"})
DEMAND_KINDS = frozenset({"demand-gen", "paid-media", "abm", "events", "campaign-execution"})

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._@-]*"


def reports_by_manager(org: Org) -> dict[str, list[str]]:
    """Manager id -> the ids of their solid-line reports, in file order (cached on the
    immutable org and shared by every caller: read it, never change it)."""
    index = org._cache.get("reports_of")
    if index is None:
        index = {}
        for member in org.people:
            if member.reports_to is not None and member.reports_to != member.id:
                index.setdefault(member.reports_to, []).append(member.id)
        org._cache["reports_of"] = index
    return index  # type: ignore[no-any-return]


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: The default of an edit's optional arguments (`Org.move` and friends): leave it as it is.
KEEP: Any = _Keep()
OWNER_KINDS = ("person", "partner", "team")


@attrs.frozen
class FieldSpec:
    """How one model field is written in YAML.

    ``type`` is one of: ``id``, ``text``, ``ref``, ``refs``, ``texts``, ``enum``, ``enums``,
    ``number``, ``integer``, ``boolean``, ``owners``, ``allocation``, ``suppressions``.
    """

    type: str
    doc: str
    targets: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    # Where the key lives: "" for the entity's own mapping, "org" for the top-level org: mapping.
    section: str = ""
    # For owners' decision/execution: a single id or a list.
    one_or_many: bool = False


def _spec(type_: str, doc: str, **kwargs: Any) -> dict[str, FieldSpec]:
    return {"yaml": FieldSpec(type_, doc, **kwargs)}


def _check_value(instance: Any, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
    """The checks the loader makes, for entities built in Python: a number is a finite
    number in range, a choice one of its choices, a flag a bool, text text.

    Raises TypeError or ValueError naming the class and field, as attrs validators do.
    """
    spec: FieldSpec = attribute.metadata["yaml"]
    default = attribute.default
    if value is None or (type(value) is type(default) and value == default and spec.type != "enum"):
        return  # the default needs no check (True == 1.0, so the type is compared too)
    where = f"{type(instance).__name__}.{attribute.name}"
    kind = spec.type
    if kind in ("number", "integer"):
        whole = kind == "integer"
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (whole and not isinstance(value, int))
        ):
            raise TypeError(
                f"{where} must be {'a whole number' if whole else 'a number'}, got {value!r:.40}"
            )
        if not math.isfinite(value):
            raise ValueError(f"{where} must be finite, got {value!r}")
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            low, high = spec.minimum, spec.maximum
            bound = (
                f"between {low:g} and {high:g}"
                if low is not None and high is not None
                else f"{low:g} or more"
                if low is not None
                else f"{high:g} or less"
            )
            raise ValueError(f"{where} is out of range: it must be {bound}, got {value!r}")
    elif kind == "boolean" and not isinstance(value, bool):
        raise TypeError(f"{where} must be True or False, got {value!r:.40}")
    elif kind in ("text", "id", "ref") and not isinstance(value, str):
        raise TypeError(f"{where} must be text, got {value!r:.40}")
    elif kind == "enum" and spec.choices and value not in spec.choices:
        raise ValueError(f"{where} must be one of {', '.join(spec.choices)}, got {value!r:.40}")


def _validated(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:  # type: ignore[type-arg]
    """attrs field transformer: every field with a YAML spec gets `_check_value`."""
    result = []
    for field in fields:
        if "yaml" in field.metadata:
            checks = [_check_value] + ([field.validator] if field.validator else [])
            field = field.evolve(validator=attrs.validators.and_(*checks))
        result.append(field)
    return result


def _id() -> Any:
    return attrs.field(metadata=_spec("id", "Unique id across the whole file.", required=True))


def _text(doc: str, **kwargs: Any) -> Any:
    return attrs.field(default=None, metadata=_spec("text", doc, **kwargs))


def _ref(doc: str, *targets: str, **kwargs: Any) -> Any:
    return attrs.field(default=None, metadata=_spec("ref", doc, targets=targets, **kwargs))


def _refs(doc: str, *targets: str, one_or_many: bool = False) -> Any:
    return attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec("refs", doc, targets=targets, one_or_many=one_or_many),
    )


def _enum(doc: str, choices: tuple[str, ...], default: str | None = None, **kwargs: Any) -> Any:
    return attrs.field(default=default, metadata=_spec("enum", doc, choices=choices, **kwargs))


def _location() -> Any:
    return attrs.field(default=None, eq=False, repr=False)


def _suppressions() -> Any:
    return attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec("suppressions", "Findings of these rules on this entity are suppressed."),
    )


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Suppression:
    """``ignore: [{rule: SLUG, reason: ...}]`` on an entity: silences one rule's findings there."""

    rule: str
    reason: str | None = None
    location: Location | None = _location()


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Owners:
    """Who holds each kind of ownership of a function: ids of people, partners or teams."""

    decision: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec(
            "refs",
            "Who can approve or stop the work; one id expected (a list is allowed and linted).",
            targets=OWNER_KINDS,
            one_or_many=True,
        ),
    )
    execution: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec(
            "refs",
            "Who produces or manages the output: an id or a list.",
            targets=OWNER_KINDS,
            one_or_many=True,
        ),
    )
    input: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec(
            "refs", "Who provides business, sales or technical context.", targets=OWNER_KINDS
        ),
    )
    review: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec("refs", "Who checks quality before launch or handoff.", targets=OWNER_KINDS),
    )

    def __iter__(self) -> Iterator[tuple[str, str]]:
        """Yield ``(role, owner_id)`` pairs in role order, then list order."""
        for role in ("decision", "execution", "input", "review"):
            for owner in getattr(self, role):
                yield role, owner


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Person:
    """Someone in the org, or an open role (``vacant: true``)."""

    entity_kind: ClassVar[str] = "person"

    id: str = _id()
    name: str | None = _text("Full name; optional for open roles.")
    title: str | None = _text("Job title, e.g. CMO or Head of Demand Generation.")
    reports_to: str | None = _ref("Solid-line manager; absent for the root(s).", "person")
    dotted_to: tuple[str, ...] = _refs(
        "Dotted reporting lines (one id may be written bare).", "person", one_or_many=True
    )
    team: str | None = _ref("The team this person belongs to.", "team")
    employment: str = _enum("How this person is engaged.", EMPLOYMENT, "full-time")
    capacity: float = attrs.field(
        default=1.0,
        metadata=_spec("number", "FTE, e.g. 0.4 for a fractional CMO.", minimum=0.0, maximum=1.0),
    )
    vacant: bool = attrs.field(
        default=False, metadata=_spec("boolean", "An open role: counts as no owner.")
    )
    email: str | None = _text(
        "Work email: kept by import, shown in hover text, matched as a manager's name."
    )
    context: bool = attrs.field(
        default=False,
        metadata=_spec(
            "boolean",
            "Known only in part (a manager outside the export, an executive drawn for "
            "context): carries lines, never judged.",
        ),
    )
    allocation: Mapping[str, float] = attrs.field(
        factory=dict,
        metadata=_spec(
            "allocation",
            "Share of this person's capacity per function id (each 0..1).",
            targets=("function",),
            minimum=0.0,
            maximum=1.0,
        ),
    )
    meeting_share: float | None = attrs.field(
        default=None,
        metadata=_spec(
            "number", "Share of working time in alignment meetings.", minimum=0.0, maximum=1.0
        ),
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        """The name to show: the person's name, else the title, else the id."""
        return self.name or self.title or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Partner:
    """An external party: an agency, freelancer, fractional leader, consultancy or vendor."""

    entity_kind: ClassVar[str] = "partner"

    id: str = _id()
    name: str | None = _text("The partner's name.")
    kind: str | None = attrs.field(
        default=None,
        metadata=_spec("enum", "What sort of partner this is.", choices=PARTNER_KINDS),
    )
    managed_by: str | None = _ref(
        "The internal person who manages them against the roadmap.", "person"
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Team:
    """A team; teams nest through ``parent``."""

    entity_kind: ClassVar[str] = "team"

    id: str = _id()
    name: str | None = _text("The team's name.")
    lead: str | None = _ref("The person who leads the team.", "person")
    kind: str | None = attrs.field(
        default=None, metadata=_spec("enum", "What the team does.", choices=TEAM_KINDS)
    )
    parent: str | None = _ref("The team this one sits in.", "team")
    segment: str | None = _text("Segment, region or product line (segment and hybrid orgs).")
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Function:
    """Something marketing must control; ownership hangs here."""

    entity_kind: ClassVar[str] = "function"

    id: str = _id()
    name: str | None = _text("The function's name.")
    kind: str | None = attrs.field(
        default=None,
        metadata=_spec(
            "text",
            "A canonical kind (demand-gen, content, marketing-ops, ...) or any custom string.",
            choices=FUNCTION_KINDS,
        ),
    )
    team: str | None = _ref("The team that holds the function.", "team")
    placement: str | None = _enum("Held centrally or per segment.", PLACEMENTS)
    owners: Owners = attrs.field(
        factory=Owners, metadata=_spec("owners", "Decision, execution, input and review owners.")
    )
    metrics: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, metadata=_spec("texts", "Metric names the function reports.")
    )
    pillars: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec(
            "enums",
            "The CMO pillars this function serves, when its kind does not say (see "
            "cmo-pillar-unowned).",
            choices=PILLARS,
        ),
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Workflow:
    """A recurring piece of work that moves through the org."""

    entity_kind: ClassVar[str] = "workflow"

    id: str = _id()
    name: str | None = _text("The workflow's name.")
    function: str | None = _ref("The function the work belongs to.", "function")
    affects: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec("enums", "What the work touches.", choices=AFFECTS),
    )
    process: str | None = _enum("How much process the work gets.", PROCESS_LEVELS)
    approvals: tuple[str, ...] = _refs("The ordered approval chain.", "person")
    handoffs: tuple[str, ...] = _refs("The ordered functions the work passes through.", "function")
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Cadence:
    """A recurring meeting or review: part of the operating rhythm."""

    entity_kind: ClassVar[str] = "cadence"

    id: str = _id()
    name: str | None = _text("The cadence's name.")
    layer: str | None = _enum("The operating layer it serves.", LAYERS)
    owner: str | None = _ref("Who runs it.", "person")
    attendees: tuple[str, ...] = _refs("Who attends.", "person", "partner")
    hours_per_week: float = attrs.field(
        default=0.0,
        metadata=_spec("number", "Hours per week it takes.", minimum=0.0, maximum=168.0),
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Interface:
    """A formal cross-functional interface, such as a marketing-sales SLA."""

    entity_kind: ClassVar[str] = "interface"

    id: str = _id()
    name: str | None = _text("The interface's name.")
    kind: str | None = attrs.field(
        default=None,
        metadata=_spec("enum", "What sort of interface it is.", choices=INTERFACE_KINDS),
    )
    between: tuple[str, ...] = _refs("The teams it connects.", "team")
    metrics: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, metadata=_spec("texts", "The metrics both sides share.")
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class System:
    """A system of the martech stack."""

    entity_kind: ClassVar[str] = "system"

    id: str = _id()
    name: str | None = _text("The product's name, e.g. HubSpot CRM.")
    kind: str | None = attrs.field(
        default=None, metadata=_spec("enum", "What the system does.", choices=SYSTEM_KINDS)
    )
    owner: str | None = _ref("The person who owns it.", "person")
    segment: str | None = _text("A regional or segment instance.")
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class BacklogItem:
    """A brief or request waiting to be picked up."""

    entity_kind: ClassVar[str] = "backlog"

    id: str = _id()
    name: str | None = _text("What the item is.")
    function: str | None = _ref("The function it belongs to.", "function")
    owner: str | None = _ref("Who owns it.", *OWNER_KINDS)
    age_days: int = attrs.field(
        default=0, metadata=_spec("integer", "Days since it was raised.", minimum=0)
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Plan:
    """A period's plan (a quarter, say): what it prioritises and what it stops."""

    entity_kind: ClassVar[str] = "plan"

    id: str = _id()
    name: str | None = _text("The plan's name.")
    period: str | None = _text("The period it covers, e.g. 2026-Q3.")
    owner: str | None = _ref("Who owns the plan.", "person")
    priorities: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, metadata=_spec("texts", "What the period focuses on.")
    )
    stops: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, metadata=_spec("texts", "What the period stops doing.")
    )
    ignore: tuple[Suppression, ...] = _suppressions()
    location: Location | None = _location()

    @property
    def label(self) -> str:
        return self.name or self.id


Entity = (
    Person
    | Partner
    | Team
    | Function
    | Workflow
    | Cadence
    | Interface
    | System
    | BacklogItem
    | Plan
)

# Top-level sections holding entity lists, in file order, and the class of their items.
SECTIONS: dict[str, type[Any]] = {
    "people": Person,
    "partners": Partner,
    "teams": Team,
    "functions": Function,
    "workflows": Workflow,
    "cadences": Cadence,
    "interfaces": Interface,
    "systems": System,
    "backlog": BacklogItem,
    "plans": Plan,
}
ENTITY_CLASSES: dict[str, type[Any]] = {cls.entity_kind: cls for cls in SECTIONS.values()}


@attrs.frozen(kw_only=True, field_transformer=_validated)
class LintConfig:
    """The file's ``lint:`` section: which rules run, at what severity, with what options.

    Option values are kept as written (text, or tuples of text); the lint step types them
    against each rule's options class, so a wrong value is reported with its location.
    """

    select: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(tuple)
    )
    ignore: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    severity: Mapping[str, str] = attrs.field(factory=dict)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    #: Whom the people-level rules judge: "marketing" (the marketing organisation; the
    #: default) or "all" (everyone in the file). None: not written.
    scope: str | None = None
    # Where each setting was written: "select", "ignore", "severity.SLUG", "options.SLUG",
    # "options.SLUG.KEY", "scope".
    locations: Mapping[str, Location] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen(kw_only=True, field_transformer=_validated)
class Org:
    """A whole org file. ``org.graph`` is its networkx graph; in Jupyter it shows its chart."""

    version: int = 1
    name: str | None = attrs.field(
        default=None, metadata=_spec("text", "The organisation's name.", section="org")
    )
    stage: str | None = attrs.field(
        default=None,
        metadata=_spec("enum", "Company stage.", choices=STAGES, section="org"),
    )
    structure: str | None = attrs.field(
        default=None,
        metadata=_spec("enum", "How marketing is organised.", choices=STRUCTURES, section="org"),
    )
    leader: str | None = attrs.field(
        default=None,
        metadata=_spec(
            "ref",
            "The marketing leader; inferred from titles when absent.",
            targets=("person",),
            section="org",
        ),
    )
    ignore: tuple[Suppression, ...] = attrs.field(
        default=(),
        converter=tuple,
        metadata=_spec(
            "suppressions", "Suppress org-wide findings (their subject is the org).", section="org"
        ),
    )
    people: tuple[Person, ...] = attrs.field(default=(), converter=tuple)
    partners: tuple[Partner, ...] = attrs.field(default=(), converter=tuple)
    teams: tuple[Team, ...] = attrs.field(default=(), converter=tuple)
    functions: tuple[Function, ...] = attrs.field(default=(), converter=tuple)
    workflows: tuple[Workflow, ...] = attrs.field(default=(), converter=tuple)
    cadences: tuple[Cadence, ...] = attrs.field(default=(), converter=tuple)
    interfaces: tuple[Interface, ...] = attrs.field(default=(), converter=tuple)
    systems: tuple[System, ...] = attrs.field(default=(), converter=tuple)
    backlog: tuple[BacklogItem, ...] = attrs.field(default=(), converter=tuple)
    plans: tuple[Plan, ...] = attrs.field(default=(), converter=tuple)
    lint: LintConfig = attrs.field(factory=LintConfig)
    #: The entity sections the file states, empty ones included (``cadences: []``). A section
    #: with entities always counts; one left out is "not stated", and the rules that need it
    #: are not judged (DESIGN "Absent is not empty").
    sections: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset, repr=False)
    filename: str = attrs.field(default="<org>", eq=False)
    location: Location | None = _location()
    #: Where each stated section's key is written, for findings about a whole section.
    section_locations: Mapping[str, Location] = attrs.field(
        factory=dict, eq=False, repr=False, converter=dict
    )
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        unknown = self.sections - SECTIONS.keys()
        if unknown:
            raise ValueError(f"unknown sections: {', '.join(sorted(unknown))}")
        stated = self.sections | {name for name in SECTIONS if getattr(self, name)}
        object.__setattr__(self, "sections", frozenset(stated))

    def has_section(self, name: str) -> bool:
        """Whether the file states this section (a list, even an empty one)."""
        return name in self.sections

    def section_location(self, name: str) -> Location | None:
        """Where a section's key is written: ``cadences:``; ``org`` for the ``org:`` mapping."""
        if name == "org":
            return self.location
        return self.section_locations.get(name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, filename: str = "<dict>") -> Org:
        """Build an org from plain data shaped like the YAML file, with the same checks."""
        from orgdesign.loader import from_dict

        return from_dict(data, filename=filename)

    def entities(self) -> Iterator[Entity]:
        """Every entity in file-section order."""
        for section in SECTIONS:
            yield from getattr(self, section)

    @property
    def by_id(self) -> Mapping[str, Entity]:
        """Every entity by id (ids share one namespace)."""
        index = self._cache.get("by_id")
        if index is None:
            index = self._cache["by_id"] = {entity.id: entity for entity in self.entities()}
        return index

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self.by_id.get(entity_id)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The org as a ``networkx.MultiDiGraph`` (built once, then cached).

        Treat it as read-only: it is shared by every caller; copy it to change it.
        """
        graph = self._cache.get("graph")
        if graph is None:  # a LazyGraph: built when first used, so asking for it is free
            from orgdesign.graph import LazyGraph

            graph = self._cache["graph"] = LazyGraph.of(self)
        return graph

    @property
    def hierarchy(self) -> nx.DiGraph:
        """The solid reporting lines as a ``networkx.DiGraph``, manager -> report (built once,
        then cached), so ``nx.descendants(org.hierarchy, "cmo")`` is the CMO's organisation.

        `orgdesign.graph.build_hierarchy` gives the dotted lines the same way.
        """
        hierarchy = self._cache.get("hierarchy")
        if hierarchy is None:
            from orgdesign.graph import build_hierarchy

            hierarchy = self._cache["hierarchy"] = build_hierarchy(self)
        return hierarchy

    # -- what-if edits (orgdesign.edit): each returns a new Org, this one is unchanged --------

    def move(
        self,
        person: str,
        *,
        reports_to: str | None = KEEP,
        dotted_to: str | Iterable[str] | None = KEEP,
        team: str | None = KEEP,
    ) -> Org:
        """A new org with ``person`` under another manager (None: none), with other dotted
        lines (an id, a list, None) or in another team (None: none).

        >>> org = Org.from_dict({"version": 1, "people": [{"id": "cmo"}, {"id": "ops",
        ...     "reports_to": "dg"}, {"id": "dg", "reports_to": "cmo"}]})
        >>> org.move("ops", reports_to="cmo").get("ops").reports_to
        'cmo'
        """
        from orgdesign import edit

        return edit.move(self, person, reports_to=reports_to, dotted_to=dotted_to, team=team)

    def assign(
        self,
        function: str,
        *,
        decision: str | Iterable[str] | None = KEEP,
        execution: str | Iterable[str] | None = KEEP,
        input: str | Iterable[str] | None = KEEP,  # the role's name
        review: str | Iterable[str] | None = KEEP,
    ) -> Org:
        """A new org where ``function``'s owners for the roles given are these ids (an id,
        a list, or None for no one); roles not given keep theirs."""
        from orgdesign import edit

        return edit.assign(
            self, function, decision=decision, execution=execution, input=input, review=review
        )

    def update(self, entity_id: str, **fields: Any) -> Org:
        """A new org where the entity ``entity_id`` has these fields set (``title="VP"``,
        ``capacity=0.5``, ``allocation={...}``, ``approvals=[...]``)."""
        from orgdesign import edit

        return edit.update(self, entity_id, **fields)

    def vacate(self, person: str) -> Org:
        """A new org where ``person``'s seat is an open role: same title, place and
        ownership, no one in it."""
        from orgdesign import edit

        return edit.vacate(self, person)

    def fill(self, person: str, name: str | None = None, *, title: str | None = KEEP) -> Org:
        """A new org where the open role ``person`` is filled by ``name``."""
        from orgdesign import edit

        return edit.fill(self, person, name, title=title)

    def add(self, *entities: Entity) -> Org:
        """A new org with these entities (``Person(id=..., ...)``, ``Team``, ``Function``,
        ``Partner``, ``Workflow``, ``System`` ...) appended to their sections."""
        from orgdesign import edit

        return edit.add(self, *entities)

    def remove(self, *entity_ids: str) -> Org:
        """A new org without these entities; anything still pointing at one is an error."""
        from orgdesign import edit

        return edit.remove(self, *entity_ids)

    def rename(self, old: str, new: str) -> Org:
        """A new org where the entity ``old`` is called ``new``, every reference following."""
        from orgdesign import edit

        return edit.rename(self, old, new)

    def chart(self, **options: Any) -> Chart:
        """The org chart (see `orgdesign.render`)."""
        from orgdesign.render import render

        return render(self, **options)

    def _repr_html_(self) -> str:
        from orgdesign.render import RenderError, render

        try:
            return render(self).html()
        except RenderError as exc:  # too large, or no renderer: say so instead of a traceback
            import html

            return (
                f"<p><strong>{html.escape(self.name or 'Org')}</strong>: "
                f"{len(self.people)} people. No chart: {html.escape(str(exc))}</p>"
            )
