"""Measures that rules and statistics share (DESIGN "Definitions"): FTE, brand share, meetings.

They sit below the rules so that `orgdesign.stats` and the rules count the same way:
a figure in ``orgdesign stats`` is the figure a finding quotes.
"""

from __future__ import annotations

from orgdesign.model import BRAND_KINDS, DEMAND_KINDS, Org, Person

__all__ = [
    "WEEK_HOURS",
    "brand_and_demand_fte",
    "cadence_hours",
    "fte_per_function",
    "meeting_share",
]

#: Working hours in a week: cadence hours are divided by this for a meeting share.
WEEK_HOURS = 40.0


def fte_per_function(org: Org) -> dict[str, float]:
    """FTE per function id.

    A person's ``allocation`` counts share x capacity toward each function; a person without
    one counts their capacity toward the functions they execute, split equally, else toward
    none. Open roles count nothing.

    Examples:
        >>> import orgdesign as od
        >>> org = od.loads(
        ...     "version: 1\\npeople:\\n  - {id: a, allocation: {f: 0.5}}\\n"
        ...     "functions:\\n  - {id: f, owners: {execution: a}}\\n"
        ... )
        >>> fte_per_function(org)
        {'f': 0.5}
    """
    executes: dict[str, list[str]] = {}
    for function in org.functions:
        for owner in dict.fromkeys(function.owners.execution):
            executes.setdefault(owner, []).append(function.id)
    fte: dict[str, float] = {}
    for member in org.people:
        if member.vacant:
            continue
        if member.allocation:
            for function_id, portion in member.allocation.items():
                fte[function_id] = fte.get(function_id, 0.0) + portion * member.capacity
            continue
        functions = executes.get(member.id)
        if functions:
            each = member.capacity / len(functions)
            for function_id in functions:
                fte[function_id] = fte.get(function_id, 0.0) + each
    return fte


def brand_and_demand_fte(org: Org, fte: dict[str, float] | None = None) -> tuple[float, float]:
    """FTE on brand-side functions (brand, content, communications) and on demand-side ones
    (demand-gen, paid-media, abm, events, campaign-execution)."""
    fte = fte_per_function(org) if fte is None else fte
    kinds = {function.id: function.kind for function in org.functions}
    brand = sum(value for key, value in fte.items() if kinds.get(key) in BRAND_KINDS)
    demand = sum(value for key, value in fte.items() if kinds.get(key) in DEMAND_KINDS)
    return brand, demand


def cadence_hours(org: Org) -> dict[str, float]:
    """Weekly cadence hours per person or partner id: the cadences they own or attend, each
    cadence counted once per attendee."""
    hours: dict[str, float] = {}
    for cadence in org.cadences:
        owner = (cadence.owner,) if cadence.owner else ()
        for member in dict.fromkeys((*owner, *cadence.attendees)):
            hours[member] = hours.get(member, 0.0) + cadence.hours_per_week
    return hours


def meeting_share(person: Person, hours: dict[str, float]) -> float:
    """The person's ``meeting_share`` when given, else their cadence hours over a 40-hour week.

    ``hours`` is `cadence_hours` of the person's org.
    """
    if person.meeting_share is not None:
        return person.meeting_share
    return hours.get(person.id, 0.0) / WEEK_HOURS
