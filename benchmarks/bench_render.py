"""Time and measure org charts drawn with the bundled renderer, per layout.

For the shipped examples and synthetic orgs (40, 150, 500, 1,000 and 1,500 people by
default), each layout: ``auto`` (what orgdesign picks, named in brackets), compact top-down,
plain top-down and left-to-right. For each: building the chart in Python (choosing what to
show, writing DOT and Mermaid), laying it out to SVG, the two together (median of a few runs,
a fresh chart each run), and the drawing's size in pixels at 96 per inch. Not a test: run it
and read the figures.

    python benchmarks/bench_render.py                   # examples, 40 ... 1500
    python benchmarks/bench_render.py 1000 --runs 5     # chosen sizes only
    python benchmarks/bench_render.py --no-examples --layouts auto
    python benchmarks/bench_render.py --focus-sizes 100000   # focused parts of a 100k org
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import synthetic_org

import orgdesign as od
from orgdesign.render import find_executable
from orgdesign.render.scene import build_scene

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS: dict[str, dict[str, Any]] = {
    "auto": {},
    "tb-compact": {"direction": "TB", "compact": True},
    "tb-plain": {"direction": "TB", "compact": False},
    "lr": {"direction": "LR"},
}


def median_time(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def pixels(svg: bytes) -> tuple[int, int]:
    match = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert match is not None
    return round(float(match.group(1)) * 96 / 72), round(float(match.group(2)) * 96 / 72)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-examples", dest="examples", action="store_false")
    parser.add_argument("--layouts", nargs="+", choices=list(LAYOUTS), default=list(LAYOUTS))
    parser.add_argument(
        "--focus-sizes",
        nargs="*",
        type=int,
        default=[10_000, 100_000],
        help="orgs drawn in part (--focus, --depth) only",
    )
    options = parser.parse_args()
    sizes = options.sizes or [40, 150, 500, 1000, 1500]
    orgs: list[tuple[str, od.Org]] = []
    if options.examples and not options.sizes:
        for path in sorted((ROOT / "examples").glob("*.org.yaml")):
            orgs.append((path.name.removesuffix(".org.yaml"), od.load(path)))
    for size in sizes:
        orgs.append((f"synthetic {size}", od.loads(synthetic_org(size), filename=f"s{size}.yaml")))
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"renderer: {find_executable()}")
    header = ("org", "people", "layout", "build s", "layout s", "total s", "width px", "height px")
    widths = (20, 6, 14, 8, 8, 8, 8, 9)
    print("  ".join(f"{name:>{w}}" for name, w in zip(header, widths, strict=True)))

    def measure(name: str, people: int, label: str, build: Callable[[], od.Chart]) -> od.Chart:
        """Build the chart and lay it out (medians of the runs), and print one row."""
        build_time, chart = median_time(build, options.runs)
        # A chart caches its SVG: lay out a fresh one each run.
        fresh = iter([attrs_copy(chart) for _ in range(options.runs)])
        layout_time, svg = median_time(lambda: next(fresh).pipe("svg"), options.runs)
        width, height = pixels(svg)
        total = f"{build_time + layout_time:.3f}"
        cells = (name, people, label, f"{build_time:.3f}", f"{layout_time:.3f}", total)
        cells += (width, height)
        print("  ".join(f"{cell:>{w}}" for cell, w in zip(cells, widths, strict=True)))
        return chart

    for name, org in orgs:
        for layout in options.layouts:
            chosen = LAYOUTS[layout]
            label = layout
            if layout == "auto":  # name what auto chose
                scene = build_scene(org, findings={}, max_people=3 * len(org.people) + 100)
                label = f"auto [{scene.direction}{' compact' if scene.stacks else ''}]"

            def build(org: od.Org = org, chosen: dict[str, Any] = chosen) -> od.Chart:
                return od.render(org, max_people=3 * len(org.people) + 100, **chosen)

            measure(name, len(org.people), label, build)
    # A focused part of a large org: choosing the part must stay linear in the org's size.
    for size in options.focus_sizes:
        org = od.loads(synthetic_org(size), filename=f"s{size}.yaml")
        for focus, depth in (("dir0", 2), ("cmo", 1)):

            def focused(org: od.Org = org, focus: str = focus, depth: int = depth) -> od.Chart:
                return od.render(org, focus=focus, depth=depth)

            measure(f"synthetic {size}", size, f"focus {focus} d{depth}", focused)


def attrs_copy(chart: od.Chart) -> od.Chart:
    return od.Chart(chart.dot, chart.mermaid, hover=chart.hover)


if __name__ == "__main__":
    main()
