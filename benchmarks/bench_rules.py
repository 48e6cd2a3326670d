"""Time each rule alone on synthetic orgs of two sizes and print how its cost grows.

A rule whose time grows much faster than the org (more than 1.5 times the size ratio) is
flagged: that is how a list searched inside a loop shows up. The shared indexes (reports by
manager, levels, the marketing people) are built once before the timing, as a full lint
builds them once for every rule. Not a test: run it and read the figures.

    python benchmarks/bench_rules.py                 # 30,000 and 300,000 people
    python benchmarks/bench_rules.py 10000 100000    # chosen sizes
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from bench_lint import synthetic_org

import orgdesign as od
from orgdesign.loader import Limits

rules_module = importlib.import_module("orgdesign.rules")


def per_rule(people: int, repeat: int) -> dict[str, float]:
    text = synthetic_org(people)
    org = od.loads(text, limits=Limits(max_bytes=len(text) * 2))
    od.lint(org)  # builds the indexes every rule shares
    times: dict[str, float] = {}
    gc.disable()
    try:
        for rule in rules_module.all_rules():
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                od.lint(org, select=[rule.code])
                best = min(best, time.perf_counter() - start)
            times[f"{rule.code} {rule.slug}"] = best
    finally:
        gc.enable()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[30_000, 300_000])
    args = parser.parse_args()
    small, large = sorted(args.sizes)[:2]
    ratio = large / small
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    before = per_rule(small, 3)
    after = per_rule(large, 1)
    print(f"{'rule':<40} {small:>9,} {large:>9,} {'growth':>7}")
    for name in sorted(after, key=after.__getitem__, reverse=True):
        growth = after[name] / max(before[name], 1e-6)
        flag = (
            "  <- grows faster than the org" if growth > 1.5 * ratio and after[name] > 0.01 else ""
        )
        print(f"{name:<40} {before[name]:>9.4f} {after[name]:>9.4f} {growth:>6.1f}x{flag}")
    total_before, total_after = sum(before.values()), sum(after.values())
    print(
        f"{'all rules, one at a time':<40} {total_before:>9.3f} {total_after:>9.3f} "
        f"{total_after / total_before:>6.1f}x (people x{ratio:.0f}); seconds, best of runs"
    )


if __name__ == "__main__":
    main()
