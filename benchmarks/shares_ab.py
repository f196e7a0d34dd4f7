"""s92's solver with one share of its time (``scheduler.core.config.Shares``) set to each of
several values, side by side on the same Curtois-format instances.

    python benchmarks/shares_ab.py --share direct_give_up=0.6,0.25,0 --time-limit 60 FILE...

With ``--work`` the limit is CP-SAT work units, not seconds: with one worker each run is
then the same solve however busy the machine is.

For each instance the values run one after the other (so under the same load), each a
whole ``scheduler.core.solve`` with that share and every other setting as shipped. Every
roster is re-scored by the independent scorer (``curtois_format.score``): a roster it
rejects, or whose cost differs from the solver's, is marked INVALID. Prints one JSON line
a run (instance, value, objective, seconds, status, load average) and a table of
objectives, a column a value; exits 1 if a roster was INVALID. It measures before a share's default is changed: a default
is kept only where it holds across the instances, not on one of them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois_format import instance_name, read_instance, score
from scheduler.core import solve
from scheduler.core.config import Shares, SolveConfig, wall_for_work


def parse_share(text: str) -> tuple[str, list[float]]:
    """``NAME=V1,V2,...`` naming a field of ``Shares``."""
    name, _, values = text.partition("=")
    fields = {f.name for f in dataclasses.fields(Shares)}
    if name not in fields:
        raise argparse.ArgumentTypeError(f"no share {name!r} (one of {', '.join(sorted(fields))})")
    try:
        return name, [float(v) for v in values.split(",") if v]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not numbers: {values!r}") from None


def run_one(path: Path, name: str, value: float, args: argparse.Namespace) -> dict[str, object]:
    shares = dataclasses.replace(Shares(), **{name: value})
    config = SolveConfig(
        time_limit=args.time_limit, workers=args.workers, seed=args.seed, shares=shares
    )
    if args.work:  # the limit as work units: the same solve on any machine
        config = dataclasses.replace(
            config, deterministic_time=args.time_limit, time_limit=wall_for_work(args.time_limit)
        )
    load = os.getloadavg()[0]
    began = time.monotonic()
    solution = solve(read_instance(path), config)
    seconds = time.monotonic() - began
    status: str = solution.status
    objective = solution.objective
    if solution.feasible:
        scored, violations = score(path, solution.assignment)
        if violations or scored != objective:
            status = "INVALID"
    return {
        "instance": instance_name(path),
        name: value,
        "objective": objective,
        "seconds": round(seconds, 1),
        "status": status,
        "load": round(load, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="Curtois-format instances")
    parser.add_argument("--share", type=parse_share, required=True, metavar="NAME=V1,V2")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--work",
        action="store_true",
        help="the time limit is CP-SAT work units, not seconds (with one worker, reproducible)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also append the JSON lines here")
    args = parser.parse_args(argv)
    name, values = args.share
    table: dict[str, dict[float, object]] = {}
    invalid = False
    for path in args.files:
        for value in values:
            row = run_one(path, name, value, args)
            emit(row, args.json)
            invalid = invalid or row["status"] == "INVALID"
            shown = row["objective"] if row["status"] != "INVALID" else "INVALID"
            table.setdefault(str(row["instance"]), {})[value] = shown
    header = ["instance", *(f"{name}={v:g}" for v in values)]
    markdown(header, [[i, *(by_value.get(v) for v in values)] for i, by_value in table.items()])
    return 1 if invalid else 0


def emit(row: dict[str, object], json_path: Path | None) -> None:
    """``row`` as a JSON line on stdout, and appended to ``json_path`` if given."""
    line = json.dumps(row)
    print(line, flush=True)
    if json_path is not None:
        with json_path.open("a") as out:
            out.write(line + "\n")


def markdown(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table of ``rows`` (numbers with thousands separators) on stdout."""
    print(f"\n| {' | '.join(header)} |")
    print(f"|{'---|' * len(header)}")
    for row in rows:
        print(f"| {' | '.join(_num(c) for c in row)} |")


def _num(value: object) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
