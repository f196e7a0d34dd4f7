"""The CP-SAT wrapper: solver settings, running a built model, and reading a roster and its
cost back. The one place that turns variable values into a roster (``decode``)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence

from ortools.sat.python import cp_model

from .clock import MIN_SECONDS
from .model import BuiltModel, hint_values
from .result import Progress, Solution, Status, gap

Roster = dict[str, list[str | None]]
Hint = Mapping[tuple[str, int], str | None]

_STATUS: dict[int, Status] = {
    int(cp_model.OPTIMAL): "OPTIMAL",
    int(cp_model.FEASIBLE): "FEASIBLE",
    int(cp_model.INFEASIBLE): "INFEASIBLE",
    int(cp_model.UNKNOWN): "UNKNOWN",
    int(cp_model.MODEL_INVALID): "MODEL_INVALID",
}


def status_of(code: object) -> Status:
    return _STATUS.get(int(code), "UNKNOWN")  # type: ignore[call-overload]  # a CP-SAT enum


def found(code: object) -> bool:
    """Whether a CP-SAT status holds a solution."""
    return status_of(code) in ("OPTIMAL", "FEASIBLE")


def make_solver(
    time_limit: float,
    seed: int,
    workers: int,
    deterministic_time: float | None = None,
    log: bool = False,
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    # Ctrl-C is the program's to handle: CP-SAT's own catch ended the search and let the
    # program go on to write (and publish) what it had, and once done left Ctrl-C
    # killing it outright (it resets the handler to the default, not to Python's)
    params.catch_sigint_signal = False
    params.max_time_in_seconds = max(MIN_SECONDS, time_limit)
    params.random_seed = seed
    params.num_workers = max(1, workers)
    params.interleave_search = False
    params.log_search_progress = log
    if deterministic_time is not None:
        params.max_deterministic_time = deterministic_time
    return solver


def decode(built: BuiltModel, values: Sequence[int]) -> Roster:
    """The roster in a full assignment of ``built``'s variables (by proto index)."""
    p = built.problem
    roster: Roster = {m.id: [None] * p.horizon for m in p.staff}
    for (staff, day, shift), var in built.x.items():
        if values[var.index]:
            roster[staff][day] = shift
    return roster


def objective_value(built: BuiltModel, values: Sequence[int]) -> float:
    """The objective's value at a full assignment of ``built``'s variables (its true cost
    when the auxiliary variables are at their best for the roster, as a pinned solve sets
    them)."""
    objective = built.model.proto.objective
    total = float(objective.offset)
    for ref, coeff in zip(objective.vars, objective.coeffs, strict=True):
        total += coeff * (values[ref] if ref >= 0 else -values[-ref - 1])
    return total * (objective.scaling_factor or 1.0)


def values_of(solver: cp_model.CpSolver) -> list[int]:
    return list(solver.response_proto.solution)


def add_hint(built: BuiltModel, hint: Hint) -> None:
    """Hint every x variable of each hinted (staff, day)."""
    shift_ids = [s.id for s in built.problem.shifts]
    variables = built.model.proto.variables
    for (staff, day), shift in hint.items():
        if (staff, day) not in built.work:
            continue
        for s in shift_ids:
            var = built.x[staff, day, s]
            domain = variables[var.index].domain
            if len(domain) == 2 and domain[0] == domain[1]:
                continue  # a constant (a shift that cannot be worked that day): no hint
            built.model.add_hint(var, s == shift)
        built.model.add_hint(built.work[staff, day], shift is not None)


def set_hint(built: BuiltModel, values: list[int]) -> None:
    hint_values(built.model, values)


def pin(model: cp_model.CpModel, indices: Sequence[int], values: Sequence[int]) -> None:
    """Fix variables of ``model`` to ``values``: their domain becomes the value (a value
    outside the domain is an equality constraint instead, which makes the model
    infeasible). Not CP-SAT's ``fix_variables_to_their_hinted_value``, which can abort the
    solver (or-tools#5025); and much faster than an equality constraint per variable."""
    variables = model.proto.variables
    for index, value in zip(indices, values, strict=True):
        domain = variables[index].domain
        if len(domain) == 2:  # an interval, as every x and work variable has
            lo, hi = domain[0], domain[1]
            if lo <= value <= hi:
                if lo != hi:
                    domain[0] = domain[1] = value
                continue
        else:
            bounds = list(domain)
            pairs = zip(bounds[::2], bounds[1::2], strict=True)
            if any(lo <= value <= hi for lo, hi in pairs):
                domain.clear()
                domain.extend((value, value))
                continue
        model.add(model.get_int_var_from_proto_index(index) == value)


def cell_pins(built: BuiltModel, staff: str, day: int, shift: str | None) -> tuple[int, int]:
    """The one pin that fixes a (person, day) cell: its shift's x at 1 (the day's other x
    follow, one shift a day) or, for a day off, its work variable at 0."""
    if shift is None:
        return built.work[staff, day].index, 0
    return built.x[staff, day, shift].index, 1


def find_lawful(
    built: BuiltModel, solver: cp_model.CpSolver, pin_hint: bool = False
) -> tuple[Status, list[int] | None]:
    """Any roster meeting the hard rules, costs ignored (with ``pin_hint``, one keeping every
    hinted value): CP-SAT finds one at once this way. On success it becomes the hint."""
    model = built.model.clone()
    model.clear_objective()
    if pin_hint:
        hint = built.model.proto.solution_hint
        pin(model, hint.vars, hint.values)
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    if not found(code):
        return status_of(code), None
    values = values_of(solver)
    set_hint(built, values)
    return "FEASIBLE", values


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Reports progress; stops the search once a known lower bound is reached."""

    def __init__(
        self,
        progress: Callable[[Progress], None] | None,
        stop_at: float | None,
        started: float | None,
    ) -> None:
        super().__init__()
        self._progress = progress
        self._stop_at = stop_at
        self._started = started  # seconds count from here (default: this solve's start)

    def on_solution_callback(self) -> None:
        if self._progress is not None:
            seconds = self.wall_time
            if self._started is not None:
                seconds = time.monotonic() - self._started
            bound = self.best_objective_bound
            if self._stop_at is not None:
                bound = max(bound, self._stop_at)
            self._progress(Progress(self.objective_value, bound, seconds))
        if self._stop_at is not None and self.objective_value <= self._stop_at:
            self.stop_search()


def run(
    built: BuiltModel,
    solver: cp_model.CpSolver,
    progress: Callable[[Progress], None] | None = None,
    stop_at: float | None = None,
    started: float | None = None,
    model: cp_model.CpModel | None = None,
) -> Solution:
    """Solve a built model (or ``model``, a variant of it with the same variables) with a
    configured solver and read the result back. ``stop_at`` is a known lower bound (the
    search stops on reaching it); progress seconds count from ``started`` (a
    ``time.monotonic()`` value) if given."""
    begun = time.monotonic()
    reporting = progress is not None or stop_at is not None
    callback = _Reporter(progress, stop_at, started) if reporting else None
    code = solver.solve(built.model if model is None else model, callback)
    return read_solution(built, solver, status_of(code), time.monotonic() - begun)


def read_solution(
    built: BuiltModel, solver: cp_model.CpSolver, status: Status, seconds: float
) -> Solution:
    if status not in ("OPTIMAL", "FEASIBLE"):
        return Solution(status=status, objective=None, bound=None, gap=None, seconds=seconds)
    breakdown = {name: int(solver.value(expr)) for name, expr in built.terms.items()}
    objective = float(sum(breakdown.values()))
    bound = solver.best_objective_bound if built.terms else 0.0
    if status == "OPTIMAL":
        bound = objective
    return Solution(
        status=status,
        objective=objective,
        bound=bound,
        gap=0.0 if status == "OPTIMAL" else gap(objective, bound),
        seconds=seconds,
        assignment=decode(built, values_of(solver)),
        breakdown=breakdown,
        rota_pattern=_pattern(built, solver),
    )


def costed(built: BuiltModel, solver: cp_model.CpSolver) -> Solution:
    """The solver's roster and cost as a FEASIBLE Solution without a bound."""
    solution = read_solution(built, solver, "FEASIBLE", 0.0)
    return dataclasses.replace(solution, bound=None, gap=None)


def unknown() -> Solution:
    return Solution(status="UNKNOWN", objective=None, bound=None, gap=None, seconds=0.0)


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
