"""The search by parts (``scheduler.core.by_parts``) with several sets of move kinds, side by
side on the same Curtois-format instances, each from the same lawful roster.

    python benchmarks/parts_ab.py --kinds windows windows,people --time-limit 40 FILE...
    python benchmarks/parts_ab.py --kinds windows,people,alike --follow 1 --work FILE...
    python benchmarks/parts_ab.py --kinds windows,people --rebuild --work FILE...

For each instance a lawful roster is found person by person (``lawful.schedules``, costs
ignored: the start the solve has when the direct model of a large model finds nothing),
then each set of kinds searches from it for the time limit, one after the other (so under
the same load). Every roster is re-scored by the independent scorer
(``curtois_format.score``): one it rejects, or whose cost differs from the search's, is
marked INVALID. Prints one JSON line a run (instance, kinds, start, objective, seconds,
status, load average) and a table of objectives, a column a set; exits 1 if a roster was
INVALID.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois_format import instance_name, read_instance, score
from benchmarks.shares_ab import emit, markdown
from scheduler.core import by_parts
from scheduler.core.by_parts import KNOWN, search_by_parts
from scheduler.core.clock import Budget, Clock
from scheduler.core.config import SolveConfig, wall_for_work
from scheduler.core.cpsat import decode, objective_value
from scheduler.core.lawful import schedules
from scheduler.core.lns import Incumbent
from scheduler.core.model import build_model
from scheduler.core.pinned import complete


def parse_kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(k for k in text.split(",") if k)
    unknown = [k for k in kinds if k not in KNOWN]
    if not kinds or unknown:
        raise argparse.ArgumentTypeError(f"not kinds of move: {text!r} (of {', '.join(KNOWN)})")
    return kinds


def run_instance(path: Path, args: argparse.Namespace) -> list[dict[str, object]]:
    problem = read_instance(path)
    built = build_model(problem)
    config = SolveConfig(time_limit=600, workers=1, seed=args.seed)
    roster = schedules(problem, Clock.start(600), config, 0.9)
    values = complete(built, roster, args.seed) if roster is not None else None
    if values is None:
        return [_row(path, kinds, None, None, 0.0, "NO LAWFUL ROSTER") for kinds in args.kinds]
    start = Incumbent(values, round(objective_value(built, values)))
    rows = []
    for kinds in args.kinds:
        load = os.getloadavg()[0]
        began = time.monotonic()
        budget = Budget(began + args.time_limit)
        if args.work:  # the limit as work units: the same moves on any machine
            budget = Budget(began + wall_for_work(args.time_limit), args.time_limit)
        best = search_by_parts(
            built,
            start,
            budget,
            args.seed,
            args.workers,
            kinds=kinds,
            follow=args.follow,
            rebuild=args.rebuild,
        )
        seconds = time.monotonic() - began
        scored, violations = score(path, decode(built, best.values))
        status = "INVALID" if violations or scored != best.objective else "FEASIBLE"
        row = _row(path, kinds, start.objective, best.objective, seconds, status)
        rows.append(row | {"load": round(load, 2)})
    return rows


def _row(
    path: Path,
    kinds: Sequence[str],
    start: int | None,
    objective: int | None,
    seconds: float,
    status: str,
) -> dict[str, object]:
    return {
        "instance": instance_name(path),
        "kinds": "+".join(kinds),
        "start": start,
        "objective": objective,
        "seconds": round(seconds, 1),
        "status": status,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="Curtois-format instances")
    parser.add_argument("--kinds", nargs="+", type=parse_kinds, required=True, metavar="K1,K2")
    parser.add_argument("--time-limit", type=float, default=40.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--work",
        action="store_true",
        help="the time limit is CP-SAT work units, not seconds (with one worker, reproducible)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--follow",
        type=float,
        default=by_parts.FOLLOW,
        help="judge a move also by what the moves after it, over this many times its work, "
        "gained above their kinds' rates (by_parts.FOLLOW; 0: by its own gain)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the lawful roster again from everyone off, person by person on shortest "
        "paths, before the moves (PersonMoves.rebuild)",
    )
    parser.add_argument("--json", type=Path, help="also append the JSON lines here")
    args = parser.parse_args(argv)
    table: dict[str, list[object]] = {}
    invalid = False
    for path in args.files:
        for row in run_instance(path, args):
            emit(row, args.json)
            invalid = invalid or row["status"] == "INVALID"
            shown = row["objective"] if row["status"] == "FEASIBLE" else row["status"]
            table.setdefault(str(row["instance"]), [row["start"]]).append(shown)
    header = ["instance", "lawful start", *("+".join(k) for k in args.kinds)]
    markdown(header, [[instance, *cells] for instance, cells in table.items()])
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
