"""CPU-s of the cover causes alone (``explain_shortfalls``, what ``s92 roster`` prints under
its summary and ``s92 explain`` lists) on a roster s92 wrote: process_time, repeats, median.

    .venv/bin/python benchmarks/bench_explain.py scenarios/london.toml OUT/roster.csv [--repeat 5]

Reading the roster and the scenario is not timed; each repeat explains from scratch.
"""

from __future__ import annotations

import argparse
import statistics
import time

from scheduler.check import load_roster
from scheduler.check.shortfall import explain_shortfalls
from scheduler.check.source import scoped
from scheduler.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("roster")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    parsed = scoped(load_roster(args.roster, scenario), args.roster, scenario, None).parsed
    runs = []
    found = 0
    for _ in range(args.repeat):
        began = time.process_time()
        found = len(explain_shortfalls(scenario, parsed))
        runs.append(time.process_time() - began)
    each = " ".join(f"{r:.3f}" for r in runs)
    print(f"{found:,} shortfalls; CPU-s {each}; median {statistics.median(runs):.3f}")


if __name__ == "__main__":
    main()
