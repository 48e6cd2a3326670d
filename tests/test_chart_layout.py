"""Chart layout read back from the SVG: levels on rows (or columns), leaf stacks, size.

Every test here renders with the bundled Graphviz and measures where the cards landed, so
a layout change that puts peers at different heights or breaks the size budget fails.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import orgdesign as od
from orgdesign.render import _flags
from orgdesign.render.scene import STACK_MIN, build_scene
from orgdesign.strategies import orgs as orgs_strategy

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = ["quickstart", "quickstart-reviewed", "seed", "series-a", "scale-up"]
#: Half a point: Graphviz centres the cards of one rank on one line.
TOLERANCE = 0.5


def boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    """Node id -> (left, top, right, bottom) of its card, in SVG points."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        element_id = group.get("id", "")
        if group.get("class") != "node" or not element_id.startswith("node-"):
            continue
        shape = next((e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon")), None)
        assert shape is not None, element_id
        numbers = [
            float(n)
            for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points", ""))
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        found[element_id.removeprefix("node-")] = (min(xs), min(ys), max(xs), max(ys))
    return found


def size(svg: str) -> tuple[float, float]:
    match = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert match, svg[:300]
    return float(match.group(1)), float(match.group(2))


def centre(box: tuple[float, float, float, float], axis: int) -> float:
    return (box[axis] + box[axis + 2]) / 2


def check_levels(org: od.Org, **options: Any) -> str:
    """Render and assert the layout rules; returns the direction that was drawn."""
    chart = od.render(org, **options)
    findings = _flags(od.lint(org)) if options.get("highlight") else {}
    scene = build_scene(  # the same choices render made: highlighting changes card sizes
        org,
        findings=findings,
        max_people=1500,
        **{k: v for k, v in options.items() if k in ("direction", "compact", "focus", "depth")},
    )
    drawn = boxes(chart.svg)
    # The level axis: y for top-down, x for left-right.
    axis = 1 if scene.direction in ("TB", "BT") else 0
    stacked = {leaf: stack for stack in scene.stacks for leaf in stack.leaves}
    rows: dict[int, set[float]] = {}
    for person, level in scene.levels.items():
        if person not in stacked:
            rows.setdefault(level, set()).add(round(centre(drawn[person], axis), 1))
    for level, places in rows.items():
        assert max(places) - min(places) <= TOLERANCE, (scene.direction, level, places)
    ordered = [min(rows[level]) for level in sorted(rows)]
    assert ordered == sorted(ordered), ordered  # each level below (or right of) the last
    for stack in scene.stacks:
        assert len(stack.leaves) >= STACK_MIN
        if stack.manager not in scene.levels:  # a manager in a reporting cycle
            continue
        manager = drawn[stack.manager]
        cards = [drawn[leaf] for leaf in stack.leaves]
        level = scene.levels[stack.manager] + 1
        assert all(scene.levels[leaf] == level for leaf in stack.leaves)
        # A column: one below the other, in order, each under the manager's row...
        tops = [card[1] for card in cards]
        assert tops == sorted(tops), tops
        assert len(set(tops)) == len(tops), tops
        assert cards[0][1] > manager[3]
        # ...overlapping sideways, with the first on the row of the manager's other reports.
        assert max(c[0] for c in cards) < min(c[2] for c in cards), cards
        if level in rows:
            assert abs(centre(cards[0], 1) - min(rows[level])) <= TOLERANCE
    return scene.direction


def synthetic(people: int, seed: int) -> od.Org:
    """A made-up org: a CEO and CMO, managers with spans of 1 to 9, teams per manager,
    functions run by some people, managed and unmanaged partners and a few dotted lines."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = [
        {"id": "ceo", "name": "Chief Executive", "title": "CEO", "team": "exec"},
        {"id": "cmo", "name": "Chief Marketer", "title": "CMO", "reports_to": "ceo", "team": "mkt"},
    ]
    teams = [
        {"id": "exec", "name": "Executive", "kind": "executive", "lead": "ceo"},
        {"id": "mkt", "name": "Marketing", "kind": "marketing", "lead": "cmo"},
    ]
    open_managers = ["cmo", "ceo"]
    while len(rows) < people:
        manager = rng.choice(open_managers[-12:])
        index = len(rows)
        person = {
            "id": f"p{index}",
            "name": f"Person {index}",
            "title": rng.choice(["Manager", "Specialist", "Senior Product Marketing Manager"]),
            "reports_to": manager,
        }
        if rng.random() < 0.3:
            team = f"t{index}"
            teams.append(
                {"id": team, "name": f"Team {index}", "parent": "mkt", "lead": person["id"]}
            )
            person["team"] = team
            open_managers.append(person["id"])
        else:
            lead = next((t for t in teams if t["lead"] == manager), None)
            person["team"] = lead["id"] if lead else "mkt"
        if rng.random() < 0.08 and index > 3:
            person["dotted_to"] = [f"p{rng.randrange(2, index)}"]
        rows.append(person)
    functions = [
        {
            "id": f"f{i}",
            "name": f"Function {i}",
            "owners": {"decision": "cmo", "execution": row["id"]},
        }
        for i, row in enumerate(rows[2:])
        if i % 4 == 0
    ]
    partners = [
        {"id": "agency", "name": "An Agency", "kind": "agency", "managed_by": rows[-1]["id"]},
        {"id": "loose", "name": "Unmanaged Freelancer", "kind": "freelancer"},
    ]
    return od.from_dict(
        {
            "version": 1,
            "org": {"name": f"Synthetic {people}", "leader": "cmo"},
            "people": rows,
            "teams": teams,
            "functions": functions,
            "partners": partners,
        }
    )


def orgs() -> Iterator[tuple[str, od.Org]]:
    for name in EXAMPLES:
        yield name, od.load(f"examples/{name}.org.yaml")
    yield "synthetic-40", synthetic(40, seed=1)
    yield "synthetic-150", synthetic(150, seed=2)


CASES = list(orgs())


@pytest.mark.parametrize(("name", "org"), CASES, ids=[name for name, _ in CASES])
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"direction": "TB", "compact": True},
        {"direction": "TB", "compact": False},
        {"direction": "LR"},
    ],
    ids=["auto", "tb-compact", "tb-plain", "lr"],
)
def test_every_level_is_one_row_and_stacks_are_columns(
    name: str, org: od.Org, options: dict[str, Any]
) -> None:
    check_levels(org, highlight=True, **options)


def test_focus_and_depth_keep_levels_on_rows() -> None:
    org = od.load("examples/scale-up.org.yaml")
    check_levels(org, focus="cmo", depth=2, direction="TB")
    check_levels(org, focus="cmo", direction="LR")


def test_compact_stacks_leaves_and_is_narrower() -> None:
    org = od.load("examples/scale-up.org.yaml")
    plain = od.render(org, direction="TB", compact=False).svg
    compact = od.render(org, direction="TB", compact=True).svg
    assert size(compact)[0] < 0.8 * size(plain)[0]
    assert "_bus" in od.render(org, direction="TB").dot  # a given top-down direction stacks
    assert "_bus" not in od.render(org, direction="LR", compact=True).dot  # columns already


def test_the_scale_up_example_fits_the_size_budget() -> None:
    """About 2,400 px on the longer side at 96 px per inch (1,800 pt), text at least 10 px."""
    svg = od.render(od.load("examples/scale-up.org.yaml"), highlight=True).svg
    width, height = size(svg)
    assert max(width, height) <= 1850, (width, height)
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert min(sizes) * 96 / 72 >= 10, min(sizes)


def test_auto_direction_follows_the_shape() -> None:
    wide = od.render(od.load("examples/scale-up.org.yaml")).dot
    assert "rankdir=LR" in wide
    small = od.render(od.load("examples/quickstart.org.yaml")).dot
    assert "rankdir=TB" in small


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org=orgs_strategy())
def test_random_orgs_keep_levels_on_rows(org: od.Org) -> None:
    check_levels(org, direction="TB")
    check_levels(org, direction="LR")


def test_compact_with_nothing_to_stack_still_draws_small_orgs_top_down() -> None:
    org = od.load("examples/quickstart.org.yaml")
    assert "rankdir=TB" in od.render(org, compact=True).dot
    assert "rankdir=TB" in od.render(org, compact=False).dot
