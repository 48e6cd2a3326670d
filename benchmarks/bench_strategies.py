"""Time generating orgs with orgdesign.strategies (goal: 100 of orgs(max_people=30) in 5 s).

Each line runs a Hypothesis test that only draws, so the time is generation (and the org
build) plus Hypothesis' own overhead, the way a user's test suite pays it.

    python benchmarks/bench_strategies.py
"""

from __future__ import annotations

import os
import platform
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.database import InMemoryExampleDatabase

from orgdesign.strategies import org_yaml, orgs


def timed(strategy: Any, examples: int = 100) -> float:
    drawn = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=InMemoryExampleDatabase(),
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        drawn.append(value)

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    assert len(drawn) >= examples * 0.9, len(drawn)
    return elapsed


def main() -> None:
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    for label, strategy in (
        ("orgs(max_people=30)", orgs(max_people=30)),
        ("orgs(max_people=30, clean=True)", orgs(max_people=30, clean=True)),
        ("orgs(smells={3 smells})", orgs(smells={"OD201", "OD301", "OD602"})),
        ("org_yaml(max_people=30)", org_yaml(max_people=30)),
    ):
        print(f"{label:<34} 100 examples in {timed(strategy):.2f} s")


if __name__ == "__main__":
    main()
