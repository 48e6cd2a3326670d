"""Property tests: any valid generated org loads, dumps, reloads equal, lints and renders."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign.model import AFFECTS, EMPLOYMENT, FUNCTION_KINDS, LAYERS, PROCESS_LEVELS

IDS = st.from_regex(r"[a-z0-9][a-z0-9._@-]{0,8}", fullmatch=True)
TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffe\uffff\x85\u2028\u2029",
    ),
    max_size=20,
)
SHARES = st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5, 1.0])


@st.composite
def org_dicts(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(IDS, min_size=3, max_size=25, unique=True))
    cut = draw(st.integers(1, len(ids) - 2))
    people, functions = ids[:cut], ids[cut:]
    rows = []
    for index, person in enumerate(people):
        row: dict[str, Any] = {"id": person}
        if index and draw(st.booleans()):
            row["reports_to"] = draw(st.sampled_from(people))  # cycles allowed
        if draw(st.booleans()):
            row["name"] = draw(TEXT)
        if draw(st.booleans()):
            row["title"] = draw(st.sampled_from(["CMO", "VP Marketing", "Writer", "PMM"]))
        row["employment"] = draw(st.sampled_from(EMPLOYMENT))
        row["capacity"] = draw(SHARES)
        row["vacant"] = draw(st.booleans())
        if draw(st.booleans()):
            row["allocation"] = {
                f: draw(SHARES)
                for f in draw(st.lists(st.sampled_from(functions), unique=True, max_size=3))
            }
        rows.append(row)
    function_rows = [
        {
            "id": function,
            "kind": draw(st.sampled_from(FUNCTION_KINDS)),
            "owners": {
                role: draw(st.lists(st.sampled_from(people), max_size=2))
                for role in ("decision", "execution", "input", "review")
            },
        }
        for function in functions
    ]
    workflows = [
        {
            "id": f"wf-{i}",
            "function": draw(st.sampled_from(functions)),
            "affects": draw(st.lists(st.sampled_from(AFFECTS), unique=True, max_size=2)),
            "process": draw(st.sampled_from(PROCESS_LEVELS)),
            "approvals": draw(st.lists(st.sampled_from(people), max_size=6)),
            "handoffs": draw(st.lists(st.sampled_from(functions), max_size=5)),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    cadences = [
        {
            "id": f"cad-{i}",
            "layer": draw(st.sampled_from(LAYERS)),
            "owner": draw(st.sampled_from(people)),
            "attendees": draw(st.lists(st.sampled_from(people), unique=True, max_size=4)),
            "hours_per_week": draw(st.sampled_from([0.5, 1.0, 2.0])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return {
        "version": 1,
        "org": {
            "name": draw(TEXT),
            "stage": draw(st.sampled_from(["seed", "series-a", "scale-up"])),
        },
        "people": rows,
        "functions": function_rows,
        "workflows": workflows,
        "cadences": cadences,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org_dicts())
def test_generated_orgs_round_trip_and_lint(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    text = od.dump(org)
    again = od.loads(text)
    assert again == org
    assert od.dump(again) == text
    report = od.lint(org)
    assert list(report.findings) == sorted(report.findings, key=lambda f: f.sort_key)

    def essence(found: od.Report) -> list[tuple[str, str, str]]:
        return sorted((f.code, f.subject, f.message) for f in found.findings)

    assert essence(od.lint(again)) == essence(report)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org_dicts())
def test_generated_orgs_render(data: dict[str, Any]) -> None:
    org = od.from_dict(data)
    svg = od.render(org, highlight=True).svg
    assert svg.lstrip().startswith("<?xml")
