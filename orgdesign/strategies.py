"""Hypothesis strategies that generate marketing organisations (extra ``orgdesign[hypothesis]``).

    from orgdesign.strategies import orgs

    @given(orgs(max_people=20, smells={"approval-chain-too-long"}))
    def test_my_tool_flags_long_approval_chains(org): ...

Generated orgs look like B2B marketing teams: a CEO with sales and product leaders, a
marketing leader with leads for operations, product marketing, brand and demand, their teams,
an agency, functions with decision, execution, input and review owners, workflows, cadences
for every operating layer, a sales interface, systems, a backlog and a plan. They shrink
towards the smallest such org.

``clean=True`` generates orgs on which no built-in rule fires; ``smells={...}`` takes a clean
org and injects exactly the named smells (rule slugs or codes), so exactly those rules fire.
Without either, orgs carry a few random smells, or are small free-form orgs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orgdesign.model import STAGES, STRUCTURES, Org

__all__ = [
    "CLEAN_MIN_PEOPLE",
    "SMELLS",
    "org_dicts",
    "org_yaml",
    "orgs",
    "person_names",
]

#: The fewest people a clean org has: CEO, sales and product leaders, the marketing leader and
#: leads for marketing ops, product marketing, brand and content, and demand generation.
CLEAN_MIN_PEOPLE = 8
#: A functional marketing team over this many people is a smell (functional-model-overgrown).
_FUNCTIONAL_MAX = 15

FIRST_NAMES = (
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hana",
    "Ivan",
    "Jonas",
    "Kenji",
    "Lena",
    "Maya",
    "Noah",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tom",
)
LAST_NAMES = (
    "Adams",
    "Bianchi",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Kim",
    "Larsen",
    "Mehta",
    "Novak",
    "Okafor",
    "Petrova",
    "Reyes",
    "Stein",
)
LEADER_TITLES = ("CMO", "VP Marketing", "Head of Marketing", "Chief Marketing Officer")
CONTENT_TITLES = ("Content Marketing Manager", "Content Writer", "Brand Designer", "Copywriter")
DEMAND_TITLES = (
    "Demand Generation Manager",
    "Paid Media Specialist",
    "Events Manager",
    "Lifecycle Marketing Manager",
)
NEUTRAL_KINDS = (("web", "Web Manager"), ("analytics", "Marketing Analyst"))


def person_names() -> st.SearchStrategy[str]:
    """Plausible full names."""
    return st.builds("{} {}".format, st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES))


# --- the clean base ----------------------------------------------------------------------


def _person(draw: st.DrawFn, pid: str, title: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "name": draw(person_names()), "title": title, **fields}


@st.composite
def _clean(
    draw: st.DrawFn, people: int, stage: str | None, structure: str | None
) -> dict[str, Any]:
    """A clean org of exactly ``people`` people (at least CLEAN_MIN_PEOPLE)."""
    fractional = draw(st.booleans())
    leader_extra = {"employment": "fractional", "capacity": 0.5} if fractional else {}
    rows = [
        _person(draw, "ceo", "CEO", team="exec"),
        _person(draw, "sales-vp", "VP Sales", reports_to="ceo", team="sales"),
        _person(draw, "cpo", "Chief Product Officer", reports_to="ceo", team="product"),
        _person(
            draw,
            "cmo",
            draw(st.sampled_from(LEADER_TITLES)),
            reports_to="ceo",
            team="marketing",
            **leader_extra,
        ),
        _person(
            draw,
            "ops-lead",
            "Marketing Operations Manager",
            reports_to="cmo",
            team="marketing",
            allocation={"mops": 1.0},
        ),
        _person(
            draw,
            "pmm-lead",
            "Head of Product Marketing",
            reports_to="cmo",
            dotted_to=["cpo"],
            team="marketing",
            allocation={"product-marketing": 1.0},
        ),
        _person(
            draw,
            "brand-lead",
            "Brand & Content Lead",
            reports_to="cmo",
            team="brand-team",
            allocation={"brand": 0.5, "content": 0.5},
        ),
        _person(
            draw,
            "demand-lead",
            "Head of Demand Generation",
            reports_to="cmo",
            team="demand-team",
            allocation={"demand-gen": 1.0},
        ),
    ]
    extras = people - CLEAN_MIN_PEOPLE
    # Content and demand grow in step (two each), so brand keeps half of brand and demand FTE;
    # a lead keeps room below ten reports for smells that add people; the rest join product
    # marketing in pairs, or the CMO one by one (never a span of one).
    quads = min(extras // 4, 4)
    rest = extras - 4 * quads
    pmm_people = [f"pmm-{i + 1}" for i in range(rest - rest % 2 if quads == 4 else 0)]
    singles = rest - len(pmm_people)
    for pid in pmm_people:
        rows.append(
            _person(draw, pid, "Product Marketing Manager", reports_to="pmm-lead", team="marketing")
        )
    content_people = [f"content-{i + 1}" for i in range(2 * quads)]
    demand_people = [f"demand-{i + 1}" for i in range(2 * quads)]
    for pid in content_people:
        rows.append(
            _person(
                draw,
                pid,
                draw(st.sampled_from(CONTENT_TITLES)),
                reports_to="brand-lead",
                team="brand-team",
            )
        )
    for pid in demand_people:
        rows.append(
            _person(
                draw,
                pid,
                draw(st.sampled_from(DEMAND_TITLES)),
                reports_to="demand-lead",
                team="demand-team",
            )
        )
    functions = [
        _function("leadership", "Strategy & Team", "leadership", "cmo", ["cmo"], ["ceo"], ["ceo"]),
        _function(
            "demand-gen",
            "Demand Generation",
            "demand-gen",
            "demand-lead",
            ["demand-lead", *demand_people],
            ["sales-vp"],
            ["cmo"],
            metrics=["pipeline"],
        ),
        _function(
            "content",
            "Content",
            "content",
            "brand-lead",
            ["brand-lead", *content_people],
            ["pmm-lead"],
            ["cmo"],
        ),
        _function("brand", "Brand", "brand", "brand-lead", ["brand-lead"], ["pmm-lead"], ["cmo"]),
        _function(
            "product-marketing",
            "Product Marketing",
            "product-marketing",
            "pmm-lead",
            ["pmm-lead", *pmm_people],
            ["cpo"],
            ["cmo"],
            metrics=["win-rate"],
        ),
        _function(
            "mops",
            "Marketing Operations",
            "marketing-ops",
            "cmo",
            ["ops-lead"],
            ["demand-lead"],
            ["cmo"],
        ),
        _function(
            "paid-media",
            "Paid Media",
            "paid-media",
            "demand-lead",
            ["agency"],
            ["ops-lead"],
            ["cmo"],
            metrics=["cac"],
        ),
    ]
    for index in range(singles):
        kind, title = NEUTRAL_KINDS[index % len(NEUTRAL_KINDS)]
        pid = f"{kind}-{index + 1}"
        rows.append(_person(draw, pid, title, reports_to="cmo", team="marketing"))
        functions.append(
            _function(pid + "-fn", title.rsplit(" ", 1)[0], kind, pid, [pid], ["cmo"], ["cmo"])
        )
    leaders = ["ops-lead", "pmm-lead", "brand-lead", "demand-lead"]
    hours = draw(st.sampled_from([0.25, 0.5, 1.0]))
    cadences = [
        {
            "id": "quarterly-strategy",
            "layer": "strategy",
            "owner": "cmo",
            "attendees": ["ceo", "sales-vp", "cpo"],
            "hours_per_week": hours,
        },
        {
            "id": "monthly-roadmap",
            "layer": "roadmap",
            "owner": "cmo",
            "attendees": leaders,
            "hours_per_week": hours,
        },
        {
            "id": "weekly-team",
            "layer": "execution",
            "owner": "cmo",
            "attendees": leaders,
            "hours_per_week": 1.0,
        },
        {
            "id": "pipeline-review",
            "layer": "learning",
            "owner": "cmo",
            "attendees": ["sales-vp", "demand-lead", "ops-lead"],
            "hours_per_week": hours,
        },
        {
            "id": "governance",
            "layer": "governance",
            "owner": "cmo",
            "attendees": ["ceo"],
            "hours_per_week": 0.25,
        },
    ]
    teams = [
        {"id": "exec", "name": "Executive Team", "kind": "executive", "lead": "ceo"},
        {"id": "marketing", "name": "Marketing", "kind": "marketing", "lead": "cmo"},
        {
            "id": "brand-team",
            "name": "Brand & Content",
            "kind": "marketing",
            "lead": "brand-lead",
            "parent": "marketing",
        },
        {
            "id": "demand-team",
            "name": "Demand Generation",
            "kind": "marketing",
            "lead": "demand-lead",
            "parent": "marketing",
        },
        {"id": "sales", "name": "Sales", "kind": "sales", "lead": "sales-vp"},
        {"id": "product", "name": "Product", "kind": "product", "lead": "cpo"},
    ]
    name = draw(st.sampled_from(["Acme Cloud", "Northwind", "Fernhill", "Helix Data"]))
    org = _org_section(name, stage, structure)
    return {
        "version": 1,
        "org": org,
        "people": rows,
        "partners": [
            {"id": "agency", "name": "Signal Agency", "kind": "agency", "managed_by": "demand-lead"}
        ],
        "teams": teams,
        "functions": functions,
        "workflows": [
            {
                "id": "campaign-launch",
                "function": "demand-gen",
                "affects": ["budget"],
                "process": "standard",
                "approvals": ["demand-lead", "cmo"],
                "handoffs": ["product-marketing", "content", "demand-gen"],
            },
            {
                "id": "blog-post",
                "function": "content",
                "process": "lightweight",
                "approvals": ["brand-lead"],
            },
        ],
        "cadences": cadences,
        "interfaces": [
            {
                "id": "lead-sla",
                "kind": "sla",
                "between": ["marketing", "sales"],
                "metrics": ["pipeline", "win-rate"],
            }
        ],
        "systems": [
            {"id": "crm", "name": "HubSpot CRM", "kind": "crm", "owner": "ops-lead"},
            {
                "id": "automation",
                "name": "Marketo",
                "kind": "marketing-automation",
                "owner": "ops-lead",
            },
        ],
        "backlog": [
            {
                "id": "attribution-model",
                "function": "mops",
                "owner": "ops-lead",
                "age_days": draw(st.integers(0, 90)),
            }
        ],
        "plans": [
            {
                "id": "next-quarter",
                "period": "2026-Q3",
                "owner": "cmo",
                "priorities": ["pipeline from mid-market"],
                "stops": ["print events"],
            }
        ],
    }


def _org_section(name: str, stage: str | None, structure: str | None) -> dict[str, Any]:
    org: dict[str, Any] = {"name": name, "leader": "cmo"}
    if stage is not None:
        org["stage"] = stage
    if structure is not None:
        org["structure"] = structure
    return org


def _function(
    fid: str,
    name: str,
    kind: str,
    decision: str,
    execution: list[str],
    inputs: list[str],
    review: list[str],
    metrics: list[str] | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": fid,
        "name": name,
        "kind": kind,
        "owners": {"decision": decision, "execution": execution, "input": inputs, "review": review},
    }
    if metrics:
        row["metrics"] = metrics
    return row


# --- smells --------------------------------------------------------------------------------

Injector = Callable[[dict[str, Any]], None]


def _people(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in data["people"]}


def _functions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in data["functions"]}


def _add_people(data: dict[str, Any], manager: str, ids: Iterable[str], title: str) -> None:
    for pid in ids:
        data["people"].append(
            {"id": pid, "name": "New Hire", "title": title, "reports_to": manager}
        )


def _unused_suppression(data: dict[str, Any]) -> None:
    _people(data)["ops-lead"]["ignore"] = [
        {"rule": "span-of-control", "reason": "kept from an older review"}
    ]


def _suppression_without_reason(data: dict[str, Any]) -> None:
    # Suppress a real finding, so that only the missing reason is reported.
    mops = _functions(data)["mops"]
    mops["owners"]["decision"] = [*_ids(mops["owners"]["decision"]), "sales-vp"]
    mops["ignore"] = [{"rule": "multiple-decision-owners"}]


def _ids(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _orphaned_function(data: dict[str, Any]) -> None:
    orphan = _function(
        "events", "Field Events", "customer-marketing", "demand-lead", [], ["ceo"], ["ceo"]
    )
    orphan["owners"].pop("execution")
    data["functions"].append(orphan)


def _multiple_decision_owners(data: dict[str, Any]) -> None:
    _functions(data)["content"]["owners"]["decision"] = ["brand-lead", "ceo"]


def _external_decision_owner(data: dict[str, Any]) -> None:
    _functions(data)["paid-media"]["owners"]["decision"] = "agency"


def _team_as_decision_owner(data: dict[str, Any]) -> None:
    _functions(data)["brand"]["owners"]["decision"] = "brand-team"


def _owner_overload(data: dict[str, Any]) -> None:
    for index in range(4):  # the head of product marketing decides five functions
        data["functions"].append(
            _function(
                f"programme-{index + 1}",
                f"Programme {index + 1}",
                "sales-enablement",
                "pmm-lead",
                ["pmm-lead"],
                ["sales-vp"],
                ["ceo"],
            )
        )


def _missing_input_or_review(data: dict[str, Any]) -> None:
    _functions(data)["brand"]["owners"].pop("review")


def _unowned_system(data: dict[str, Any]) -> None:
    data["systems"][0].pop("owner")


def _system_outside_ops(data: dict[str, Any]) -> None:
    data["systems"][1]["owner"] = "pmm-lead"


def _approval_chain_too_long(data: dict[str, Any]) -> None:
    data["workflows"][0]["approvals"] = ["demand-lead", "cmo", "ceo", "cpo"]


def _everyone_approves(data: dict[str, Any]) -> None:
    data["workflows"][1]["approvals"] = ["pmm-lead", "cmo"]  # content's input and review


def _process_level_mismatch(data: dict[str, Any]) -> None:
    data["workflows"][1]["affects"] = ["budget"]  # a lightweight process on budget work


def _long_handoff_chain(data: dict[str, Any]) -> None:
    data["workflows"][0]["handoffs"] = ["product-marketing", "brand", "content", "demand-gen"]


def _buried_marketing_ops(data: dict[str, Any]) -> None:
    _add_people(data, "brand-lead", ["ops-analyst", "ops-coordinator"], "Marketing Ops Analyst")
    _functions(data)["mops"]["owners"]["execution"] = ["ops-analyst"]
    for system in data["systems"]:
        if system.get("owner") == "ops-lead":
            system["owner"] = "ops-analyst"


def _pmm_content_drift(data: dict[str, Any]) -> None:
    _functions(data)["content"]["owners"]["execution"].append("pmm-lead")


def _pmm_single_line(data: dict[str, Any]) -> None:
    _people(data)["pmm-lead"].pop("dotted_to")


def _centralisation_mismatch(data: dict[str, Any]) -> None:
    _functions(data)["brand"]["placement"] = "segment"


def _segment_duplication(data: dict[str, Any]) -> None:
    # A second brand function placed per segment; placing brand per segment is also a
    # centralisation mismatch, suppressed here with its reason.
    brand = _function(
        "brand-emea", "Brand EMEA", "brand", "brand-lead", ["brand-lead"], ["pmm-lead"], ["cmo"]
    )
    brand["placement"] = "segment"
    brand["ignore"] = [
        {"rule": "centralisation-mismatch", "reason": "EMEA keeps its own brand until Q4"}
    ]
    data["functions"].append(brand)


def _functional_model_overgrown(data: dict[str, Any]) -> None:
    data["org"]["structure"] = "functional"
    missing = max(_FUNCTIONAL_MAX + 1 - _marketing_count(data), 0)
    if missing == 1:  # the CMO always has four or more reports: one more is no span of one
        _add_people(data, "cmo", ["pmm-extra-1"], "PMM")
    elif missing:
        first = missing if missing <= 9 else missing - 3
        _add_people(data, "pmm-lead", [f"pmm-extra-{i + 1}" for i in range(first)], "PMM")
        _add_people(data, "demand-lead", [f"dg-{i + 1}" for i in range(missing - first)], "SDR")


def _marketing_count(data: dict[str, Any]) -> int:
    return sum(1 for row in data["people"] if row["id"] not in ("ceo", "sales-vp", "cpo"))


def _duplicated_martech(data: dict[str, Any]) -> None:
    crm = {"id": "crm-emea", "name": "Salesforce EMEA", "kind": "crm", "segment": "EMEA"}
    if "owner" in data["systems"][0]:
        crm["owner"] = data["systems"][0]["owner"]  # whoever owns the first CRM
    data["systems"].append(crm)


def _no_sales_interface(data: dict[str, Any]) -> None:
    data["interfaces"] = []


def _volume_metrics_only(data: dict[str, Any]) -> None:
    _functions(data)["demand-gen"]["metrics"] = ["mql", "leads"]
    for interface in data["interfaces"]:
        interface.pop("metrics", None)


def _unmanaged_partner(data: dict[str, Any]) -> None:
    data["partners"][0].pop("managed_by")


def _no_marketing_leader(data: dict[str, Any]) -> None:
    # The leader decides nothing: the CEO takes over the leader's decisions.
    for function in data["functions"]:
        owners = function["owners"]
        if "decision" in owners:
            owners["decision"] = ["ceo" if x == "cmo" else x for x in _ids(owners["decision"])]


def _brand_demand_imbalance(data: dict[str, Any]) -> None:
    for row in data["people"]:
        if row["id"] == "brand-lead" or row["id"].startswith("content-"):
            row["allocation"] = {"demand-gen": 1.0}


def _meeting_overload(data: dict[str, Any]) -> None:
    _people(data)["cmo"]["meeting_share"] = 0.45


def _stale_unowned_backlog(data: dict[str, Any]) -> None:
    data["backlog"].append({"id": "lead-scoring", "function": "mops", "age_days": 40})


def _missing_operating_layer(data: dict[str, Any]) -> None:
    data["cadences"] = [c for c in data["cadences"] if c["layer"] != "governance"]


def _over_allocated(data: dict[str, Any]) -> None:
    _people(data)["pmm-lead"]["allocation"] = {"product-marketing": 1.0, "leadership": 0.25}


def _reporting_cycle(data: dict[str, Any]) -> None:
    _people(data)["ceo"]["reports_to"] = "cmo"


def _team_cycle(data: dict[str, Any]) -> None:
    # Marketing nests under its own brand team: marketing -> brand-team -> marketing.
    for team in data["teams"]:
        if team["id"] == "marketing":
            team["parent"] = "brand-team"


def _span_of_control(data: dict[str, Any]) -> None:
    # A manager of one inside marketing (the rule judges the marketing organisation): the
    # last live marketing person with no reports gets an open role under them. An open role
    # adds no headcount (so no functional-model-overgrown), and ops-lead is left alone for
    # too-many-layers, which adds people under it afterwards.
    managers = {row.get("reports_to") for row in data["people"]}
    below = {"cmo"}
    grown = True
    while grown:  # whatever the order of the rows (another smell may rewire a line)
        size = len(below)
        below |= {row["id"] for row in data["people"] if row.get("reports_to") in below}
        grown = len(below) > size
    leaf = [
        row["id"]
        for row in data["people"]
        if row["id"] in below
        and row["id"] not in ("cmo", "ops-lead")
        and not row.get("vacant")
        and row["id"] not in managers
    ][-1]
    data["people"].append(
        {
            "id": "open-coordinator",
            "title": "Marketing Coordinator",
            "reports_to": leaf,
            "vacant": True,
        }
    )


def _too_many_layers(data: dict[str, Any]) -> None:
    # Four more levels under the ops lead, two people on each, so no span is one.
    manager = "ops-lead"
    for level in range(4):
        ids = [f"level{level + 4}-a", f"level{level + 4}-b"]
        _add_people(data, manager, ids, "Marketing Specialist")
        manager = ids[0]


def _series_a_core_unowned(data: dict[str, Any]) -> None:
    data["org"]["stage"] = "series-a"
    _functions(data)["demand-gen"]["kind"] = "abm"  # demand work, but no demand-gen function


def _cmo_pillar_unowned(data: dict[str, Any]) -> None:
    data["org"].setdefault("stage", "scale-up")
    # Product marketing declares another pillar: no one holds market intelligence.
    _functions(data)["product-marketing"]["pillars"] = ["team-alignment"]


def _plan_without_stops(data: dict[str, Any]) -> None:
    data["plans"][0]["stops"] = []


def _fractional_leader_without_rhythm(data: dict[str, Any]) -> None:
    cmo = _people(data)["cmo"]
    cmo["employment"], cmo["capacity"] = "fractional", 0.5
    for cadence in data["cadences"]:
        cadence["owner"] = "ops-lead"


#: Rule slug -> (people the injection adds, what it needs of the org, the injection).
SMELLS: dict[str, tuple[int, dict[str, Any], Injector]] = {
    "unused-suppression": (0, {}, _unused_suppression),
    "suppression-without-reason": (0, {}, _suppression_without_reason),
    "orphaned-function": (0, {}, _orphaned_function),
    "multiple-decision-owners": (0, {}, _multiple_decision_owners),
    "external-decision-owner": (0, {}, _external_decision_owner),
    "team-as-decision-owner": (0, {}, _team_as_decision_owner),
    "owner-overload": (0, {}, _owner_overload),
    "missing-input-or-review": (0, {}, _missing_input_or_review),
    "unowned-system": (0, {}, _unowned_system),
    "system-outside-ops": (0, {}, _system_outside_ops),
    "approval-chain-too-long": (0, {}, _approval_chain_too_long),
    "everyone-approves": (0, {}, _everyone_approves),
    "process-level-mismatch": (0, {}, _process_level_mismatch),
    "long-handoff-chain": (0, {}, _long_handoff_chain),
    "buried-marketing-ops": (2, {}, _buried_marketing_ops),
    "pmm-content-drift": (0, {}, _pmm_content_drift),
    "pmm-single-line": (0, {}, _pmm_single_line),
    "centralisation-mismatch": (0, {}, _centralisation_mismatch),
    "segment-duplication": (0, {}, _segment_duplication),
    "functional-model-overgrown": (0, {"structure": "functional"}, _functional_model_overgrown),
    "duplicated-martech": (0, {}, _duplicated_martech),
    "no-sales-interface": (0, {}, _no_sales_interface),
    "volume-metrics-only": (0, {}, _volume_metrics_only),
    "unmanaged-partner": (0, {}, _unmanaged_partner),
    "no-marketing-leader": (0, {}, _no_marketing_leader),
    "brand-demand-imbalance": (0, {}, _brand_demand_imbalance),
    "meeting-overload": (0, {}, _meeting_overload),
    "stale-unowned-backlog": (0, {}, _stale_unowned_backlog),
    "missing-operating-layer": (0, {}, _missing_operating_layer),
    "over-allocated": (0, {}, _over_allocated),
    "reporting-cycle": (0, {}, _reporting_cycle),
    "team-cycle": (0, {}, _team_cycle),
    "span-of-control": (1, {}, _span_of_control),
    "too-many-layers": (8, {}, _too_many_layers),
    "series-a-core-unowned": (0, {"stage": "series-a"}, _series_a_core_unowned),
    "cmo-pillar-unowned": (0, {"stage": ("seed", "series-a", "scale-up")}, _cmo_pillar_unowned),
    "plan-without-stops": (0, {}, _plan_without_stops),
    "fractional-leader-without-rhythm": (0, {}, _fractional_leader_without_rhythm),
}


#: Smells that cannot be injected together, with the reason.
INCOMPATIBLE = {
    frozenset({"reporting-cycle", "too-many-layers"}): (
        "people in a reporting cycle have no top, so their layers are not counted"
    ),
}


def _resolve_smells(smells: Iterable[str]) -> list[str]:
    from orgdesign.rules import all_rules

    by_name = {}
    for found in all_rules():
        by_name[found.slug] = by_name[found.code] = found.slug
    resolved = []
    for name in smells:
        if not isinstance(name, str) or name not in by_name:
            known = ", ".join(sorted(SMELLS))
            raise InvalidArgument(
                f"unknown smell {name!r}: smells are rule slugs or codes ({known})"
            )
        resolved.append(by_name[name])
    for pair, reason in INCOMPATIBLE.items():
        if pair <= set(resolved):
            raise InvalidArgument(
                f"smells {' and '.join(sorted(pair))} cannot be combined: {reason}"
            )
    return sorted(set(resolved), key=list(SMELLS).index)


# --- public strategies ---------------------------------------------------------------------


def _check(min_people: int, max_people: int, structure: str | None, stage: str | None) -> None:
    for name, value in (("min_people", min_people), ("max_people", max_people)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidArgument(f"{name} must be a whole number of at least 1, got {value!r}")
    if min_people > max_people:
        raise InvalidArgument(f"min_people={min_people} is more than max_people={max_people}")
    if structure is not None and structure not in STRUCTURES:
        raise InvalidArgument(
            f"structure must be one of {', '.join(STRUCTURES)}, got {structure!r}"
        )
    if stage is not None and stage not in STAGES:
        raise InvalidArgument(f"stage must be one of {', '.join(STAGES)}, got {stage!r}")


def org_dicts(
    *,
    min_people: int = 1,
    max_people: int = 30,
    structure: str | None = None,
    stage: str | None = None,
    clean: bool = False,
    smells: Iterable[str] = (),
) -> st.SearchStrategy[dict[str, Any]]:
    """Plain data shaped like an org file (what `orgdesign.from_dict` takes).

    Args:
        min_people: the fewest people (open roles included).
        max_people: the most people.
        structure: ``functional``, ``segment`` or ``hybrid``; drawn when None.
        stage: ``seed``, ``series-a`` or ``scale-up``; drawn (or left out) when None.
        clean: no built-in rule fires on the generated orgs.
        smells: rule slugs or codes: a clean org with exactly these smells injected.

    Raises:
        InvalidArgument: bad bounds, an unknown smell or stage, or a combination no org can
            satisfy (say, a clean org in fewer than `CLEAN_MIN_PEOPLE` people).
    """
    _check(min_people, max_people, structure, stage)
    chosen = _resolve_smells(smells)
    if not clean and not chosen:
        return _any_org(min_people, max_people, structure, stage)
    return _smelly(min_people, max_people, structure, stage, chosen)


def _smelly(
    min_people: int, max_people: int, structure: str | None, stage: str | None, chosen: list[str]
) -> st.SearchStrategy[dict[str, Any]]:
    for slug in chosen:
        needs = SMELLS[slug][1]
        if "structure" in needs and structure not in (None, needs["structure"]):
            raise InvalidArgument(f"smell {slug!r} needs structure={needs['structure']!r}")
        if "stage" in needs:
            allowed = needs["stage"] if isinstance(needs["stage"], tuple) else (needs["stage"],)
            if stage is not None and stage not in allowed:
                raise InvalidArgument(f"smell {slug!r} needs stage in {allowed}, not {stage!r}")
    added = sum(SMELLS[slug][0] for slug in chosen)
    low = max(min_people - added, CLEAN_MIN_PEOPLE)
    high = max_people - added
    if "functional-model-overgrown" in chosen:
        # The injection tops the marketing team up to 16, so an org of fewer people grows
        # to 3 others + 16 (plus what other smells add): there must be room for that.
        if high < 3 + _FUNCTIONAL_MAX + 1:
            high = low - 1
    elif (
        structure == "functional"
    ):  # a functional marketing team of at most 15, whatever the smells add
        high = min(high, 3 + _FUNCTIONAL_MAX - added)
    if low > high:
        what = f"an org with smells {', '.join(chosen)}" if chosen else "a clean org"
        raise InvalidArgument(
            f"{what} cannot be generated with min_people={min_people}, "
            f"max_people={max_people}"
            + (f" and structure={structure!r}" if structure else "")
            + f" (a clean org has at least {CLEAN_MIN_PEOPLE} people)"
        )

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        size = draw(st.integers(low, high))
        base_structure = structure
        if base_structure is None:
            options: list[str | None] = [None, "segment", "hybrid"]
            others = 0 if "reporting-cycle" in chosen else 3  # a cycle puts all below the CMO
            if size - others + added <= _FUNCTIONAL_MAX:
                options.append("functional")
            base_structure = draw(st.sampled_from(options))
        base_stage = stage if stage is not None else draw(st.sampled_from((None, *STAGES)))
        data = draw(_clean(size, base_stage, base_structure))
        for slug in chosen:
            SMELLS[slug][2](data)
        return data

    return build()


def _any_org(
    min_people: int, max_people: int, structure: str | None, stage: str | None
) -> st.SearchStrategy[dict[str, Any]]:
    """Orgs with a few random smells, or small free-form orgs below the clean minimum."""
    choices = []
    try:  # can a templated org be made with these bounds at all?
        _smelly(min_people, max_people, structure, stage, [])
    except InvalidArgument:
        if min_people >= CLEAN_MIN_PEOPLE:
            raise
    else:
        plain = [slug for slug, (_, needs, _) in SMELLS.items() if not needs]

        @st.composite
        def smelly(draw: st.DrawFn) -> dict[str, Any]:
            picked = draw(st.lists(st.sampled_from(plain), max_size=3, unique=True))
            while True:  # drop smells until the rest fit the bounds (none always fits)
                try:
                    fitting = _smelly(min_people, max_people, structure, stage, picked)
                except InvalidArgument:
                    picked = picked[:-1]
                    continue
                return draw(fitting)

        choices.append(smelly())
    if min_people < CLEAN_MIN_PEOPLE:  # first: failing examples shrink towards small orgs
        small = _small(min_people, min(max_people, CLEAN_MIN_PEOPLE - 1), structure, stage)
        choices.insert(0, small)
    return st.one_of(*choices)


@st.composite
def _small(
    draw: st.DrawFn, min_people: int, max_people: int, structure: str | None, stage: str | None
) -> dict[str, Any]:
    """A small org: a leader and a few marketers, with functions they own."""
    size = draw(st.integers(min_people, max_people))
    rows = [
        {"id": "cmo", "name": draw(person_names()), "title": draw(st.sampled_from(LEADER_TITLES))}
    ]
    titles = CONTENT_TITLES + DEMAND_TITLES
    for index in range(1, size):
        manager = draw(st.sampled_from([row["id"] for row in rows]))
        rows.append(
            {
                "id": f"p{index}",
                "name": draw(person_names()),
                "title": draw(st.sampled_from(titles)),
                "reports_to": manager,
                "vacant": draw(st.booleans()) if index > 1 else False,
            }
        )
    ids = [row["id"] for row in rows]
    kinds = draw(
        st.lists(
            st.sampled_from(
                ["demand-gen", "content", "product-marketing", "marketing-ops", "brand"]
            ),
            unique=True,
            max_size=4,
        )
    )
    functions = [
        {
            "id": kind,
            "kind": kind,
            "owners": {
                "decision": draw(st.lists(st.sampled_from(ids), max_size=1)),
                "execution": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
            },
        }
        for kind in kinds
    ]
    org = _org_section("Small Co", stage, structure)
    return {"version": 1, "org": org, "people": rows, "functions": functions}


def orgs(
    *,
    min_people: int = 1,
    max_people: int = 30,
    structure: str | None = None,
    stage: str | None = None,
    clean: bool = False,
    smells: Iterable[str] = (),
) -> st.SearchStrategy[Org]:
    """Generated `Org` objects; the arguments are those of `org_dicts`."""
    from orgdesign.loader import from_dict

    source = org_dicts(
        min_people=min_people,
        max_people=max_people,
        structure=structure,
        stage=stage,
        clean=clean,
        smells=smells,
    )
    return source.map(lambda data: from_dict(data, filename="<generated>"))


def org_yaml(
    *,
    min_people: int = 1,
    max_people: int = 30,
    structure: str | None = None,
    stage: str | None = None,
    clean: bool = False,
    smells: Iterable[str] = (),
) -> st.SearchStrategy[str]:
    """YAML text of generated orgs: ``od.loads(text)`` equals the org it was dumped from."""
    from orgdesign.loader import dump

    return orgs(
        min_people=min_people,
        max_people=max_people,
        structure=structure,
        stage=stage,
        clean=clean,
        smells=smells,
    ).map(dump)
