"""Time ``orgdesign import`` of a people CSV beside ``orgdesign lint`` of the org it makes.

Both run as fresh processes (start-up included), three times each, alternating; medians and
peak memory are printed. The goal: importing 100,000 rows takes no longer than linting the
same org as YAML. It then imports a 10,000-row export whose every row names a manager who has
no row (the worst case for the problems and their did-you-mean), at 5,000 and 10,000 rows to
show it is linear; the goal there is under 2 s. Not a test: run it and read the figures.

    python benchmarks/bench_import.py            # 1k, 10k, 100k rows
    python benchmarks/bench_import.py 50000      # chosen sizes
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPARTMENTS = ["Marketing", "Sales", "Product", "Finance", "Customer Success", "Engineering"]
TITLES = ["Manager", "Specialist", "Coordinator", "Analyst", "Writer", "Designer"]


def people_csv(rows: int, path: Path, seed: int = 7) -> None:
    """An HR-style export: ids, first and last names, titles, manager ids (a tree about eight
    wide), departments, FTE, status and email; a few open roles without a name."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Employee ID",
                "First Name",
                "Last Name",
                "Job Title",
                "Manager ID",
                "Department",
                "FTE",
                "Status",
                "Work Email",
            ]
        )
        for index in range(rows):
            manager = "" if index == 0 else f"E{(index - 1) // 8:06d}"
            vacant = index > 10 and rng.random() < 0.02
            writer.writerow(
                [
                    f"E{index:06d}",
                    "" if vacant else f"First{index}",
                    "" if vacant else f"Last{index}",
                    f"{rng.choice(TITLES)} {index}" if vacant else rng.choice(TITLES),
                    manager,
                    DEPARTMENTS[(index // 500) % len(DEPARTMENTS)],
                    rng.choice(["1", "1", "0.8", "0.5"]),
                    "Open" if vacant else "Active",
                    "" if vacant else f"person{index}@example.com",
                ]
            )


def unknown_managers_csv(rows: int, path: Path) -> None:
    """An export in which each row's manager is a slug nobody in it has: all problems."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["slug", "name", "role", "reports_to"])
        for index in range(rows):
            writer.writerow([f"p{index}", f"Person {index}", "Engineer", f"boss{index}"])


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh process."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1, 2) or "internal error" in result.stderr:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    peak = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("orgdesign"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"{'rows':>8}  {'import s':>9}  {'import MiB':>10}  {'lint s':>7}  {'lint MiB':>8}  ratio"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            source = Path(folder) / f"people-{size}.csv"
            target = Path(folder) / f"people-{size}.org.yaml"
            people_csv(size, source)
            imports, lints = [], []
            for _ in range(args.runs):
                imports.append(timed([cli, "import", str(source), "-o", str(target), "--force"]))
                lints.append(timed([cli, "lint", str(target), "--exit-zero"]))
            import_s = statistics.median(t for t, _ in imports)
            lint_s = statistics.median(t for t, _ in lints)
            import_mib = max(m for _, m in imports) / 1024
            lint_mib = max(m for _, m in lints) / 1024
            print(
                f"{size:>8}  {import_s:>9.2f}  {import_mib:>10.0f}  {lint_s:>7.2f}  "
                f"{lint_mib:>8.0f}  {import_s / lint_s:.2f}x"
            )
        print(f"\n{'rows':>8}  {'unknown managers: import s':>26}  {'MiB':>5}")
        for size in (5_000, 10_000):
            source = Path(folder) / f"unknown-{size}.csv"
            unknown_managers_csv(size, source)
            runs = [timed([cli, "import", str(source), "-o", "-"]) for _ in range(args.runs)]
            seconds = statistics.median(t for t, _ in runs)
            mib = max(m for _, m in runs) / 1024
            print(f"{size:>8}  {seconds:>26.2f}  {mib:>5.0f}")


if __name__ == "__main__":
    main()
