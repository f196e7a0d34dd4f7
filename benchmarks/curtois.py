"""Curtois & Qu shift-scheduling benchmark harness.

    python -m benchmarks.curtois INSTANCE.txt... --time-limit 60 --workers 2 [--json]
        [--out DIR] [--seed 0] [--best-known best_known.csv]
    python -m benchmarks.curtois INSTANCE.txt --score SOLUTION.out

Each instance is read into the core ``Problem`` and solved by ``scheduler.core``; every
roster is re-scored by the independent scorer in ``curtois_format`` and a disagreement or
a violated rule marks the row INVALID. Exit status 1 if any row is INVALID or unsolved.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois_format import (
    instance_name,
    read_instance,
    read_solution,
    score,
    write_solution,
)
from scheduler.core import Solution, solve


@dataclass(frozen=True)
class Row:
    instance: str
    objective: float | None
    best_known: int | None
    gap_pct: float | None
    seconds: float
    status: str

    def as_dict(self) -> dict[str, object]:
        return {
            "instance": self.instance,
            "objective": self.objective,
            "best_known": self.best_known,
            "gap_pct": self.gap_pct,
            "seconds": round(self.seconds, 2),
            "status": self.status,
        }

    def as_text(self) -> str:
        obj = "-" if self.objective is None else f"{self.objective:g}"
        best = "-" if self.best_known is None else str(self.best_known)
        gap = "-" if self.gap_pct is None else f"{self.gap_pct:.2f}"
        return (
            f"{self.instance:<12} {obj:>8} {best:>8} {gap:>7} {self.seconds:>8.1f}  {self.status}"
        )


HEADER = f"{'instance':<12} {'objective':>8} {'best':>8} {'gap%':>7} {'seconds':>8}  status"


def best_known(csv_path: Path) -> dict[str, int]:
    if not csv_path.exists():
        return {}
    with csv_path.open() as f:
        return {r["instance"]: int(r["best_known"]) for r in csv.DictReader(f)}


def solve_instance(
    path: Path, *, time_limit: float, workers: int, seed: int, log: bool = False
) -> Solution:
    return solve(read_instance(path), time_limit=time_limit, workers=workers, seed=seed, log=log)


def run_instance(path: Path, args: argparse.Namespace, best: dict[str, int]) -> Row:
    name = instance_name(path)
    sol = solve_instance(
        path, time_limit=args.time_limit, workers=args.workers, seed=args.seed, log=args.log
    )
    status: str = sol.status  # the benchmark adds INVALID: a roster its scorer refuses
    if sol.feasible:
        scored, violations = score(path, sol.assignment)
        if violations or scored != sol.objective:
            status = "INVALID"
            print(f"{name}: scorer says {scored}, solver {sol.objective}", file=sys.stderr)
            for v in violations:
                print(f"{name}: {v}", file=sys.stderr)
        if args.out:
            out = Path(args.out)
            out.mkdir(parents=True, exist_ok=True)
            write_solution(out / f"{name}.roster", sol.assignment, sol.objective)
    known = best.get(name)
    gap = None
    if sol.objective is not None and known:
        gap = round(100.0 * (sol.objective - known) / known, 2)
    return Row(name, sol.objective, known, gap, sol.seconds, status)


def score_file(instance: Path, solution: Path) -> int:
    objective, violations = score(instance, read_solution(solution))
    print(f"{instance_name(instance)}: objective {objective}, {len(violations)} violations")
    for v in violations:
        print(f"  {v}")
    return 1 if violations else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="instance files (InstanceN.txt)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--out", type=Path, help="write DIR/<instance>.roster")
    parser.add_argument("--score", type=Path, help="score this solution file instead")
    parser.add_argument("--best-known", type=Path, help="default: best_known.csv beside FILE")
    parser.add_argument("--log", action="store_true", help="CP-SAT search log on stderr")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.score:
        return score_file(args.files[0], args.score)
    if not args.json:
        print(HEADER, flush=True)
    failed = False
    for path in args.files:
        best = best_known(args.best_known or path.parent / "best_known.csv")
        row = run_instance(path, args, best)
        failed |= row.status not in ("OPTIMAL", "FEASIBLE")
        print(json.dumps(row.as_dict()) if args.json else row.as_text(), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
