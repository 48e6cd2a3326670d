"""Time ``orgdesign lint`` of synthetic orgs at 1k, 10k and 100k people (1M with a flag).

For each size: the bare libyaml event parse of the same text (the floor any YAML loader
stands on), each phase of the lint in this process (parse to the tree, tree to the model,
the rules; the graph is timed apart, since lint no longer builds it), and ``orgdesign lint``
end to end in fresh processes with their peak memory, as its ratio to the cold event parse.
Then how each figure grows from 10k to 100k people: linear growth is 10x. Not a test: run
it and read the figures.

    python benchmarks/bench_lint.py                # 1k, 10k, 100k
    python benchmarks/bench_lint.py --million      # and 1,000,000 (about 150 MB of YAML)
    python benchmarks/bench_lint.py 1000 5000      # chosen sizes
    python benchmarks/bench_lint.py --pyyaml       # and yaml.safe_load / CSafeLoader beside
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import yaml

import orgdesign as od
from orgdesign.graph import build_graph
from orgdesign.model import FUNCTION_KINDS as CANONICAL_KINDS

FUNCTION_KINDS = CANONICAL_KINDS[1:11]  # demand-gen ... web
TITLES = ["Manager", "Specialist", "Coordinator", "Analyst", "Writer", "Designer"]


def synthetic_org(people: int, seed: int = 7) -> str:
    """YAML of a deterministic org: a CEO and CMO, directors, teams of about eight with a lead,
    one function per team with all four owners, one workflow per team, some dotted lines."""
    rng = random.Random(seed)
    lines = [
        "version: 1",
        "org: {name: Synthetic Corp, stage: scale-up, structure: hybrid, leader: cmo}",
        "people:",
        "  - {id: ceo, name: Chief Executive, title: CEO, team: t-exec}",
        "  - {id: cmo, name: Chief Marketer, title: CMO, reports_to: ceo, team: t-mkt}",
    ]
    teams = [
        "  - {id: t-exec, name: Executive, kind: executive, lead: ceo}",
        "  - {id: t-mkt, name: Marketing, kind: marketing, lead: cmo}",
    ]
    functions: list[str] = []
    workflows: list[str] = []
    remaining = people - 2
    directors = max(1, remaining // 80)
    for d in range(directors):
        lines.append(
            f"  - {{id: dir{d}, name: Director {d}, title: Marketing Director, "
            f"reports_to: cmo, team: t-mkt}}"
        )
    remaining -= directors
    team_index = 0
    while remaining > 0:
        size = min(remaining, rng.randint(5, 10))
        director = f"dir{team_index % directors}"
        team = f"t{team_index}"
        lead = f"p{team_index}-0"
        teams.append(
            f"  - {{id: {team}, name: Team {team_index}, kind: marketing, lead: {lead}, "
            "parent: t-mkt}"
        )
        members = [f"p{team_index}-{m}" for m in range(size)]
        for m, member in enumerate(members):
            manager = director if m == 0 else lead
            title = "Team Lead" if m == 0 else rng.choice(TITLES)
            extra = ""
            if m and rng.random() < 0.1:
                extra = f", dotted_to: [{director}]"
            if m and rng.random() < 0.2:
                extra += f", allocation: {{f{team_index}: 0.5}}"
            lines.append(
                f"  - {{id: {member}, name: Person {team_index} {m}, title: {title}, "
                f"reports_to: {manager}, team: {team}{extra}}}"
            )
        executor = members[1] if size > 1 else lead
        functions.append(
            f"  - {{id: f{team_index}, name: Function {team_index}, "
            f"kind: {FUNCTION_KINDS[team_index % len(FUNCTION_KINDS)]}, team: {team}, "
            f"owners: {{decision: {lead}, execution: {executor}, input: [{members[-1]}], "
            f"review: [{director}]}}, metrics: [pipeline-contribution]}}"
        )
        approvers = rng.sample(members, min(len(members), rng.randint(2, 5)))
        workflows.append(
            f"  - {{id: w{team_index}, function: f{team_index}, affects: [budget], "
            f"process: standard, approvals: [{', '.join(approvers)}]}}"
        )
        remaining -= size
        team_index += 1
    return "\n".join(
        [*lines, "teams:", *teams, "functions:", *functions, "workflows:", *workflows, ""]
    )


def timed(step: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - start)
    return best, result


def bare_parse(text: str) -> None:
    for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass


# This machine sets PYTHONDONTWRITEBYTECODE, so an editable install would compile orgdesign's
# source at every start (about 35 ms here); an installed wheel has its bytecode. The fresh
# processes share a bytecode cache of their own, filled by a first run that is not timed.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="orgdesign-bench-pyc-")

COLD_EVENTS = """
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
    pass
"""

END_TO_END = """
import os, sys, time
start = time.perf_counter()
from orgdesign import cli
exit_now = os._exit
def report(status):
    # The command ends in os._exit (orgdesign.cli.run): report just before it. VmHWM belongs
    # to this address space; ru_maxrss would carry over the parent's peak, which survives
    # fork and exec.
    with open("/proc/self/status") as status_file:
        peak = next(int(l.split()[1]) for l in status_file if l.startswith("VmHWM")) / 1024
    print(f"{time.perf_counter() - start:.3f} {peak:.0f}", file=sys.stderr, flush=True)
    exit_now(status)
os._exit = report
sys.argv = ["orgdesign", "lint", "--exit-zero", "--max-size", sys.argv[2], sys.argv[1]]
cli.run()
"""


def cold_events(path: str) -> float:
    """Wall time of a fresh process that reads the file and runs the bare event parse."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_EVENTS, path], check=True, env=ENV)
    return time.perf_counter() - start


def end_to_end(path: str, max_size: int) -> tuple[float, float, float]:
    """Wall time of the whole process, the time spent inside it, and its peak RSS (MB)."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", END_TO_END, path, str(max_size)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    wall = time.perf_counter() - start
    inner, peak = completed.stderr.strip().splitlines()[-1].split()
    return wall, float(inner), float(peak)


def phases(text: str, repeat: int) -> dict[str, float]:
    """Seconds of each phase of a lint in this process, best of ``repeat``: the one-pass load
    that lint uses, the two-pass load (tree, then model) it hands a few files over to, the
    rules, and the graph."""
    import attrs

    from orgdesign._gc import paused_gc
    from orgdesign.loader import Limits, _Builder, _loads, _parse_tree, _Reader

    limits = Limits(max_bytes=len(text) * 2)
    best: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        with paused_gc():
            events_start = time.perf_counter()
            _loads(text, "bench.yaml", limits, one_pass=True, lines=False)
            start = time.perf_counter()
            org = _loads(text, "bench.yaml", limits, one_pass=True)
            loaded = time.perf_counter()
            report = od.lint(org)
            linted = time.perf_counter()
            assert report.files
            graph_start = time.perf_counter()
            build_graph(org)
            graph_end = time.perf_counter()
            del org
            reader = _Reader("bench.yaml", limits=limits)
            tree_start = time.perf_counter()
            tree = _parse_tree(text, reader)
            parsed = time.perf_counter()
            with attrs.validators.disabled():
                _Builder(reader).org(tree)
            built = time.perf_counter()
            del tree
        times = {
            "load": loaded - start,
            "evload": start - events_start,
            "tree": parsed - tree_start,
            "model": built - parsed,
            "lint": linted - loaded,
            "graph": graph_end - graph_start,
        }
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--million", action="store_true", help="add 1,000,000 people")
    parser.add_argument("--pyyaml", action="store_true", help="time PyYAML's loaders too")
    args = parser.parse_args()
    sizes = args.sizes or [1_000, 10_000, 100_000]
    if args.million:
        sizes.append(1_000_000)

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    header = (
        f"{'people':>9} {'MB':>6} {'events':>7} {'load':>6} {'evload':>6} {'tree':>6} "
        f"{'model':>6} {'lint':>6} "
        f"{'graph*':>6} {'ev-proc':>7} {'e2e':>6} {'e2e/ev':>6} {'peakMB':>7}"
    )
    if args.pyyaml:
        header += f" {'safe_load':>9} {'C-load':>6}"
    print(header)
    rows: dict[int, dict[str, float]] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".org.yaml", delete=False) as handle:
        handle.write(synthetic_org(10))
    end_to_end(handle.name, 50)  # fills the bytecode cache: not timed
    os.unlink(handle.name)
    for size in sizes:
        text = synthetic_org(size)
        repeat = 3 if size <= 10_000 else 1
        # This kind of machine is noisy: the ratio compares the best of three of each.
        events, _ = timed(lambda text=text: bare_parse(text), 3 if size <= 100_000 else 1)
        split = phases(text, repeat)
        extra = ""
        if args.pyyaml:  # PyYAML's loaders last: they leave a large, fragmented heap behind
            safe, _ = timed(lambda text=text: yaml.safe_load(text), 1)
            csafe, _ = timed(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader), 1)
            extra = f" {safe:>9.2f} {csafe:>6.2f}"
        with tempfile.NamedTemporaryFile("w", suffix=".org.yaml", delete=False) as handle:
            handle.write(text)
        max_size = int(len(text) / (1024 * 1024) * 1.5) + 50
        try:
            # Interleaved, so that drift in this machine's speed hits both sides alike.
            cold, runs = [], []
            for _ in range(3 if size <= 100_000 else 1):
                cold.append(cold_events(handle.name))
                runs.append(end_to_end(handle.name, max_size))
        finally:
            os.unlink(handle.name)
        ratios = sorted(run[0] / base for run, base in zip(runs, cold, strict=True))
        wall = min(run[0] for run in runs)
        peak = max(run[2] for run in runs)
        ratio = ratios[len(ratios) // 2]
        rows[size] = {"events": events, **split, "e2e": wall, "peak": peak, "ratio": ratio}
        print(
            f"{size:>9} {len(text) / 1e6:>6.1f} {events:>7.3f} {split['load']:>6.3f} "
            f"{split['evload']:>6.3f} {split['tree']:>6.3f} "
            f"{split['model']:>6.3f} {split['lint']:>6.3f} {split['graph']:>6.3f} "
            f"{min(cold):>7.2f} {wall:>6.2f} {ratio:>6.2f} {peak:>7.0f}{extra}"
        )
    print(
        "Seconds. events: bare libyaml event parse in this process (warm); load: the load "
        "lint uses, section lines read without libyaml (the line reader) and the rest by "
        "libyaml; evload: the one-pass load from libyaml's events, for the files the line "
        "reader hands back (the parse included); tree and model: the two-pass load, for the "
        "few files the one-pass load hands over, events to the loader's tree (the parse "
        "included), then the tree to the Org; lint: the "
        "rules; graph*: build_graph, which lint no longer needs (users' org.graph); "
        "ev-proc: a fresh process reading the file and running the bare event parse; "
        "e2e: `orgdesign lint` in a fresh process, start-up to output; e2e/ev: median of "
        "interleaved pairs of e2e / ev-proc (both cold); peakMB: peak RSS of e2e."
    )
    for small, large in ((10_000, 100_000), (100_000, 1_000_000)):
        if small in rows and large in rows:
            growth = {
                k: rows[large][k] / rows[small][k]
                for k in ("events", "load", "lint", "e2e", "peak")
            }
            words = ", ".join(f"{k} x{v:.1f}" for k, v in growth.items())
            verdict = "linear" if growth["e2e"] <= 11 * large / small / 10 else "NOT linear"
            print(f"{small:,} -> {large:,} people ({large // small}x): {words}: {verdict}")


if __name__ == "__main__":
    main()
