"""s92's solver against a direct CP-SAT model, side by side, on published and generated
Curtois & Qu instances.

    python benchmarks/solver_sweep.py --time-limit 60 --workers 2 [--generated 30]
        [--shared ../shared/benchmarks/curtois] [--only Gen01,Instance7] [--json FILE]
        [--direct-from EARLIER.jsonl] [--first-seed 1]

For each instance, one after the other on the same machine (so under the same load): the
*direct model* (``scheduler.core.model.build_model`` of the same core ``Problem``, solved
by CP-SAT with its default parameters and the same workers) and ``scheduler.core.solve``,
each given the same wall time from the instance read: s92 builds its own model inside the
limit, and the direct model's solve gets the limit less the time its building took (rows
measured before 2026-12-05 gave the direct model the whole limit after building). Both rosters are re-scored by the independent
scorer (``curtois_format.score``); a roster it rejects, or whose cost differs, is marked
INVALID. Printed per instance: both objectives, their ratio (s92 / direct: below 1 is
better), the best lower bound either proves and each one's gap to it, both wall times, the
CPU seconds each arm received (on a busy machine the same wall time can give one arm twice
the CPU of the other), the best known value where published, and the load average when the
instance started.

Generated instances (``curtois_generate.sweep_shapes``) are written to ``--dir`` (default
a temporary folder) from fixed seeds, so every run sees the same ones. A full sweep at
60 s is 2 x 60 s per instance plus model building: about 100 minutes for 47 instances.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois import best_known
from benchmarks.curtois_format import instance_name, read_instance, score
from benchmarks.curtois_generate import sweep_shapes, write
from scheduler.core import solve
from scheduler.core.model import build_model
from scheduler.core.result import gap

# the published instances, beside the repository (../shared) or beside its worktrees
HERE = Path(__file__).resolve().parents[1]
SHARED = next(
    (
        p / "shared/benchmarks/curtois"
        for p in (HERE.parent, HERE.parent.parent)
        if (p / "shared").exists()
    ),
    HERE.parent / "shared/benchmarks/curtois",
)


@dataclass
class Arm:
    objective: float | None
    bound: float | None
    seconds: float  # wall, as the caller sees it
    status: str
    # CPU seconds the arm received, its child processes' included (None: a row from before
    # 2026-12-08). On a busy machine the same wall time gave one arm twice the CPU of the
    # other (BENCHMARKS.md, portfolio24): a ratio means little without it
    cpu: float | None = None


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (user and system):
    s92 runs some searches in forked children (``scheduler.core.apart``)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass
class Row:
    instance: str
    staff: int
    types: int
    days: int
    load: float  # one-minute load average when the instance started
    direct: Arm
    s92: Arm
    direct_build: float  # seconds to build the direct model (not in its limit)
    best_known: int | None = None

    @property
    def ratio(self) -> float | None:
        a, b = self.s92.objective, self.direct.objective
        if a is None or b is None:
            return None
        return a / b if b else (1.0 if a == 0 else float("inf"))

    @property
    def best_bound(self) -> float | None:
        return max((x.bound for x in (self.direct, self.s92) if x.bound is not None), default=None)

    def gap(self, arm: Arm) -> float | None:
        if arm.objective is None or self.best_bound is None:
            return None
        return gap(arm.objective, self.best_bound)

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out.update(ratio=self.ratio, best_bound=self.best_bound)
        out.update(gap_direct=self.gap(self.direct), gap_s92=self.gap(self.s92))
        return out


def direct(path: Path, time_limit: float, workers: int, seed: int) -> tuple[Arm, float]:
    """CP-SAT on the whole model, default parameters, for ``time_limit`` seconds counted
    from before building it (as s92's are); and the seconds building took."""
    problem = read_instance(path)
    began, cpu = time.monotonic(), cpu_seconds()
    built = build_model(problem)
    building = time.monotonic() - began
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - building)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    began = time.monotonic()
    code = solver.solve(built.model)
    seconds = time.monotonic() - began
    used = cpu_seconds() - cpu
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Arm(None, None, seconds, solver.status_name(code), used), building
    roster = {
        m.id: [
            next((s.id for s in problem.shifts if solver.value(built.x[m.id, d, s.id])), None)
            for d in range(problem.horizon)
        ]
        for m in problem.staff
    }
    # the roster's own cost: CP-SAT's value can carry slack (under- and over-cover raised
    # together on a slot) when it stops on time, and the roster is what it delivers
    objective, _ = score(path, roster)
    status = _checked(path, roster, None, solver.status_name(code))
    return Arm(objective, solver.best_objective_bound, seconds, status, used), building


def ours(path: Path, time_limit: float, workers: int, seed: int) -> Arm:
    began, cpu = time.monotonic(), cpu_seconds()
    solution = solve(read_instance(path), time_limit=time_limit, workers=workers, seed=seed)
    seconds = time.monotonic() - began
    used = cpu_seconds() - cpu
    if not solution.feasible:
        return Arm(None, None, seconds, solution.status, used)
    status = _checked(path, solution.assignment, solution.objective, solution.status)
    return Arm(solution.objective, solution.bound, seconds, status, used)


def _checked(
    path: Path, roster: dict[str, list[str | None]], objective: float | None, status: str
) -> str:
    """INVALID if the independent scorer finds a broken rule or (given ``objective``, as
    for s92, which costs its rosters exactly) a different cost."""
    scored, violations = score(path, roster)
    if violations or (objective is not None and scored != objective):
        print(
            f"{path.name}: scorer {scored}, solver {objective}: {violations[:3]}", file=sys.stderr
        )
        return "INVALID"
    return status


def instances(args: argparse.Namespace) -> list[Path]:
    paths: list[Path] = []
    if args.shared and args.shared.exists():
        paths += sorted(
            args.shared.glob("Instance*.txt"), key=lambda p: int(instance_name(p)[8:] or 0)
        )
    folder = args.dir or Path(tempfile.mkdtemp(prefix="s92-generated-"))
    paths += [write(shape, folder) for shape in sweep_shapes(args.generated, args.first_seed)]
    if args.only:
        wanted = args.only.split(",")
        paths = [p for p in paths if any(instance_name(p).startswith(w) for w in wanted)]
    return paths


def earlier_direct(path: Path | None) -> dict[str, tuple[Arm, float]]:
    """The direct arm of each instance from an earlier run's ``--json`` rows (the direct
    model does not depend on s92's code, so a change to s92 needs only its own arm re-run;
    the rows' load shows whether the two runs' machines compare)."""
    if path is None:
        return {}
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {r["instance"]: (Arm(**r["direct"]), float(r["direct_build"])) for r in rows}


def run(
    path: Path, args: argparse.Namespace, known: dict[str, int], reuse: dict[str, tuple[Arm, float]]
) -> Row:
    problem = read_instance(path)
    load = os.getloadavg()[0]
    name = instance_name(path)
    if name in reuse:
        arm, building = reuse[name]
    else:
        arm, building = direct(path, args.time_limit, args.workers, args.seed)
    mine = ours(path, args.time_limit, args.workers, args.seed)
    return Row(
        name,
        len(problem.staff),
        len(problem.shifts),
        problem.horizon,
        load,
        arm,
        mine,
        building,
        known.get(name),
    )


def _num(value: float | None, spec: str = ",.0f") -> str:
    return "-" if value is None else format(value, spec)


def table_line(row: Row) -> str:
    best = "" if row.best_known is None else f"{row.best_known:,}"
    over = ""
    if row.best_known and row.s92.objective is not None:
        over = f"{100 * (row.s92.objective - row.best_known) / row.best_known:+.1f} %"
    cells = [
        row.instance,
        f"{row.staff}x{row.days}x{row.types}",
        _num(row.direct.objective),
        _num(row.s92.objective),
        _num(row.ratio, ".3f"),
        _num(row.best_bound),
        _num(None if row.gap(row.direct) is None else 100 * row.gap(row.direct), ".1f"),  # type: ignore[operator]
        _num(None if row.gap(row.s92) is None else 100 * row.gap(row.s92), ".1f"),  # type: ignore[operator]
        f"{row.direct.seconds:.1f} (+{row.direct_build:.1f})",
        f"{row.s92.seconds:.1f}",
        f"{_num(row.direct.cpu, '.1f')} / {_num(row.s92.cpu, '.1f')}",
        best,
        over,
        f"{row.load:.1f}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| instance | staff x days x types | direct | s92 | s92 / direct | best bound | "
    "gap direct % | gap s92 % | direct s (+build) | s92 s | CPU s direct / s92 | best known | "
    "s92 vs best | load |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generated", type=int, default=30, help="generated instances")
    parser.add_argument(
        "--first-seed",
        type=int,
        default=1,
        help="the generated instances' first seed (another gives instances no setting saw)",
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="published instances")
    parser.add_argument("--dir", type=Path, help="folder for the generated instances")
    parser.add_argument("--only", help="comma-separated instance name prefixes")
    parser.add_argument("--json", type=Path, help="also append one JSON object per row")
    parser.add_argument(
        "--direct-from",
        type=Path,
        help="take the direct model's results from an earlier run's --json rows (same "
        "time limit, workers and seed) instead of solving it again",
    )
    args = parser.parse_args(argv)
    reuse = earlier_direct(args.direct_from)
    known = best_known(args.shared / "best_known.csv") if args.shared else {}
    print(HEADER, flush=True)
    failed = False
    for path in instances(args):
        row = run(path, args, known, reuse)
        print(table_line(row), flush=True)
        failed |= "INVALID" in (row.direct.status, row.s92.status)
        if args.json:
            with args.json.open("a") as out:
                out.write(json.dumps(row.as_dict()) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
