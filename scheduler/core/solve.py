"""Solve a rostering ``Problem`` with CP-SAT, and explain infeasibility."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping

from ortools.sat.python import cp_model

from .data import Problem
from .lns import Budget, Incumbent, LnsConfig, Search
from .model import BuiltModel, build_model
from .result import Conflict, Progress, Solution, Status

Hint = Mapping[tuple[str, int], str | None]

_STATUS: dict[int, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


# share of the time given to a plain CP-SAT run before LNS takes over from its best roster
FIRST_PHASE_SHARE = 0.2


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    hint: Hint | None = None,
    progress: Callable[[Progress], None] | None = None,
    deterministic_time: float | None = None,
    log: bool = False,
    lns: bool = True,
    lns_config: LnsConfig | None = None,
    first_share: float = FIRST_PHASE_SHARE,
) -> Solution:
    """Best roster found within ``time_limit`` seconds.

    CP-SAT first searches the whole model; unless that proves optimality quickly, roster
    large-neighbourhood search (``lns``) improves its best roster for the remaining time.
    With ``workers=1`` and a fixed ``seed`` the search is deterministic as long as it is not
    cut short by the wall-clock limit; pass ``deterministic_time`` (CP-SAT's work units,
    roughly seconds) to make a time-limited run reproducible too. ``hint`` maps
    (staff, day) to a shift id or None (off) and seeds the search."""
    started = time.monotonic()
    built = build_model(problem)
    if hint:
        add_hint(built, hint)
    share = first_share if lns else 1.0
    det = None if deterministic_time is None else deterministic_time * share
    # a feasible roster first, objective ignored: CP-SAT finds one at once this way, while
    # with the objective a single worker can search long without any
    found = Solution(status="UNKNOWN", objective=None, bound=None, gap=None, seconds=0.0)
    if hint:  # complete the caller's roster if possible, so the search starts from it
        solver = make_solver(time_limit * share / 2, seed, workers, det, log)
        solver.parameters.fix_variables_to_their_hinted_value = True
        found = _find_feasible(built, solver)
    if found.status != "FEASIBLE":
        found = _find_feasible(built, make_solver(time_limit * share, seed, workers, det, log))
    if found.status in ("INFEASIBLE", "MODEL_INVALID"):
        return dataclasses.replace(found, seconds=time.monotonic() - started)
    left = time_limit - (time.monotonic() - started)
    solver = make_solver(max(0.01, min(left, time_limit * share)), seed, workers, det, log)
    first = run(built, solver, progress)
    if not lns or first.status != "FEASIBLE":
        return dataclasses.replace(first, seconds=time.monotonic() - started)
    incumbent = Incumbent(list(solver.response_proto.solution), round(first.objective or 0))
    bound = first.bound or 0.0
    budget = Budget(
        deadline=started + time_limit,
        deterministic=None if deterministic_time is None else deterministic_time - 2 * det,
    )

    def report(best: Incumbent) -> None:
        if progress is not None:
            progress(Progress(best.objective, bound, time.monotonic() - started))

    best = Search(built, seed, workers, lns_config).run(incumbent, budget, report)
    final = _read_values(built, best.values, seed)
    optimal = final.objective is not None and final.objective <= bound
    return dataclasses.replace(
        final,
        status="OPTIMAL" if optimal else "FEASIBLE",
        bound=final.objective if optimal else bound,
        gap=0.0 if optimal else _gap(final.objective or 0.0, bound),
        seconds=time.monotonic() - started,
    )


def _find_feasible(built: BuiltModel, solver: cp_model.CpSolver) -> Solution:
    """Search for any roster ignoring costs; on success it becomes the model's hint."""
    model = built.model.clone()
    model.clear_objective()
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    status = _STATUS.get(code, "UNKNOWN")
    if status in ("OPTIMAL", "FEASIBLE"):
        built.model.clear_hints()
        values = list(solver.response_proto.solution)
        built.model.proto.solution_hint.vars.extend(range(len(values)))
        built.model.proto.solution_hint.values.extend(values)
        status = "FEASIBLE"
    return Solution(status=status, objective=None, bound=None, gap=None, seconds=0.0)


def _read_values(built: BuiltModel, values: list[int], seed: int) -> Solution:
    """Turn a full assignment of the model's variables into a Solution (a trivial solve
    with every variable fixed, so terms are evaluated by CP-SAT itself)."""
    model = built.model.clone()
    model.clear_hints()
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)
    solver = make_solver(10.0, seed, 1)
    solver.parameters.fix_variables_to_their_hinted_value = True
    code = solver.solve(model)
    return read_solution(built, solver, _STATUS.get(code, "UNKNOWN"), 0.0)


def _gap(objective: float, bound: float) -> float:
    return (objective - bound) / max(1.0, abs(objective))


def make_solver(
    time_limit: float,
    seed: int,
    workers: int,
    deterministic_time: float | None = None,
    log: bool = False,
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = time_limit
    params.random_seed = seed
    params.num_workers = max(1, workers)
    params.interleave_search = False
    params.log_search_progress = log
    if deterministic_time is not None:
        params.max_deterministic_time = deterministic_time
    return solver


def add_hint(built: BuiltModel, hint: Hint) -> None:
    """Hint every x variable of each hinted (staff, day)."""
    shift_ids = [s.id for s in built.problem.shifts]
    for (staff, day), shift in hint.items():
        if (staff, day) not in built.work:
            continue
        for s in shift_ids:
            built.model.add_hint(built.x[staff, day, s], s == shift)
        built.model.add_hint(built.work[staff, day], shift is not None)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Callable[[Progress], None]) -> None:
        super().__init__()
        self._progress = progress

    def on_solution_callback(self) -> None:
        self._progress(
            Progress(
                objective=self.objective_value,
                bound=self.best_objective_bound,
                seconds=self.wall_time,
            )
        )


def run(
    built: BuiltModel,
    solver: cp_model.CpSolver,
    progress: Callable[[Progress], None] | None = None,
) -> Solution:
    """Solve a built model with a configured solver and read the result back."""
    started = time.monotonic()
    callback = _Reporter(progress) if progress is not None else None
    code = solver.solve(built.model, callback)
    seconds = time.monotonic() - started
    return read_solution(built, solver, _STATUS.get(code, "UNKNOWN"), seconds)


def read_solution(
    built: BuiltModel, solver: cp_model.CpSolver, status: Status, seconds: float
) -> Solution:
    if status not in ("OPTIMAL", "FEASIBLE"):
        return Solution(status=status, objective=None, bound=None, gap=None, seconds=seconds)
    p = built.problem
    assignment: dict[str, list[str | None]] = {}
    for member in p.staff:
        row: list[str | None] = []
        for d in range(p.horizon):
            row.append(
                next((s.id for s in p.shifts if solver.value(built.x[member.id, d, s.id])), None)
            )
        assignment[member.id] = row
    breakdown = {name: int(solver.value(expr)) for name, expr in built.terms.items()}
    objective = float(sum(breakdown.values()))
    bound = solver.best_objective_bound if built.terms else 0.0
    if status == "OPTIMAL":
        bound = objective
    gap = 0.0 if status == "OPTIMAL" else _gap(objective, bound)
    return Solution(
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=seconds,
        assignment=assignment,
        breakdown=breakdown,
        rota_pattern=_pattern(built, solver),
    )


def _pattern(
    built: BuiltModel, solver: cp_model.CpSolver
) -> dict[int, tuple[str | None, ...]] | None:
    rota = built.problem.rota
    if rota is None or not built.pattern:
        return None
    lines: dict[int, tuple[str | None, ...]] = {}
    for line in sorted({k[0] for k in built.pattern}):
        days = []
        for c in range(rota.cycle):
            days.append(
                next(
                    (
                        s.id
                        for s in built.problem.shifts
                        if (line, c, s.id) in built.pattern
                        and solver.value(built.pattern[line, c, s.id])
                    ),
                    None,
                )
            )
        lines[line] = tuple(days)
    return lines


def explain_infeasible(problem: Problem, time_limit: float = 10.0) -> list[Conflict]:
    """A small set of hard-rule families that together cannot be satisfied.

    Empty when the problem is feasible, or when no explanation was found in time. The set
    from CP-SAT's final conflict is shrunk by dropping families one at a time while the rest
    stays infeasible, so (time permitting) every family returned is needed."""
    deadline = time.monotonic() + time_limit
    built = build_model(problem, explain=True)
    built.model.clear_objective()  # feasibility only: faster, and cores don't need costs
    core = _core(built, list(built.assumptions), time_limit)
    if not core:
        return []
    needed: list[int] = []
    for i, lit in enumerate(core):
        rest = needed + core[i + 1 :]
        left = deadline - time.monotonic()
        if left <= 0 or _core(built, rest, left) is None:
            needed.append(lit)  # without it the rest may be satisfiable: keep it
    return [built.assumptions[i] for i in needed]


def _core(built: BuiltModel, assumptions: list[int], time_limit: float) -> list[int] | None:
    """Infeasible core among ``assumptions`` (literal indices), or None if satisfiable or
    undecided in time."""
    built.model.clear_assumptions()
    built.model.add_assumptions(built.model.get_bool_var_from_proto_index(i) for i in assumptions)
    solver = make_solver(max(0.01, time_limit), seed=0, workers=1)
    code = solver.solve(built.model)
    if code != cp_model.INFEASIBLE:
        return None
    return sorted(solver.sufficient_assumptions_for_infeasibility())
