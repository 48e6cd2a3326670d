"""Time drawing synthetic org charts of 100, 1,000 and 5,000 people with the bundled renderer.

For each size: building the chart (choosing what to show, writing DOT and Mermaid) in Python,
laying it out to SVG with the bundled graphviz-pure executable, and the two together; the
median of a few runs. Not a test: run it and read the figures.

    python benchmarks/bench_render.py                 # 100, 1000, 5000
    python benchmarks/bench_render.py 1000 --runs 5
    python benchmarks/bench_render.py 1000 --no-functions --group none
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import synthetic_org

import orgdesign as od
from orgdesign.render import find_executable


def median_time(action, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--group", default=None, choices=["team", "segment", "none"])
    parser.add_argument("--no-functions", dest="functions", action="store_false")
    options = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"renderer: {find_executable()}")
    header = ("people", "nodes", "edges", "build s", "layout s", "total s", "SVG KB")
    print("  ".join(f"{name:>9}" for name in header))
    for size in options.sizes:
        org = od.loads(synthetic_org(size), filename=f"synthetic-{size}.org.yaml")

        def build(org: od.Org = org, size: int = size) -> od.Chart:
            return od.render(
                org, max_people=size + 1, functions=options.functions, group=options.group
            )

        build_time, chart = median_time(build, options.runs)
        assert isinstance(chart, od.Chart)
        nodes = chart.dot.count("label=") - chart.dot.count("cluster_")
        edges = chart.dot.count(" -> ")
        # A chart caches its SVG: lay out a fresh one each run.
        fresh = iter([od.Chart(chart.dot) for _ in range(options.runs)])
        layout_time, svg = median_time(lambda fresh=fresh: next(fresh).pipe("svg"), options.runs)
        total = build_time + layout_time
        cells = (
            size,
            nodes,
            edges,
            f"{build_time:.3f}",
            f"{layout_time:.3f}",
            f"{total:.3f}",
            f"{len(svg) / 1024:.0f}",  # type: ignore[arg-type]
        )
        print("  ".join(f"{cell:>9}" for cell in cells))


if __name__ == "__main__":
    main()
