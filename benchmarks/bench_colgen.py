"""Column generation on Curtois & Qu instances: seconds to converge, by pricing method.

    python benchmarks/bench_colgen.py ../shared/benchmarks/curtois/Instance{7,8,12}.txt
    python benchmarks/bench_colgen.py ../shared/benchmarks/curtois/Instance7.txt --cp-sat

Starts from a lawful roster (CP-SAT, costs ignored) and runs column generation alone, one
thread, until no column prices out. Prices by shortest paths where each person's rules fit
a schedule graph (``scheduler.core.paths``), or with ``--cp-sat`` by each person's CP-SAT
model, as before the graphs. Prints one JSON object per instance.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from scheduler.core import colgen
from scheduler.core.clock import Budget
from scheduler.core.cpsat import decode, find_lawful, make_solver
from scheduler.core.model import build_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois_format import instance_name, read_instance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("instances", nargs="+")
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--cp-sat", action="store_true", help="price with CP-SAT models")
    args = parser.parse_args()
    if args.cp_sat:
        colgen.supports = lambda problem, max_days=0: False
    for path in args.instances:
        problem = read_instance(path)
        built = build_model(problem)
        _, values = find_lawful(built, make_solver(30, 0, 1))
        assert values is not None, "no lawful roster in 30 s"
        start = {staff: tuple(row) for staff, row in decode(built, values).items()}
        began = time.monotonic()
        result = colgen.generate(problem, start, Budget(began + args.time_limit))
        seconds = time.monotonic() - began
        row = {
            "instance": instance_name(path),
            "pricing": "cp-sat" if args.cp_sat else "paths",
            "lp": round(result.lp_value or 0, 3),
            "iterations": result.iterations,
            "converged": result.converged,
            "seconds": round(seconds, 2),
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
