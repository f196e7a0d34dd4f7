"""Solve a rostering ``Problem`` with CP-SAT, and explain infeasibility."""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .colgen import ColgenResult, generate, person_problem
from .data import Problem
from .exact import Exact, Levels, applies
from .lns import STANDBY_POLL, Budget, Incumbent, LnsConfig, Search, search_in_parallel
from .model import BuiltModel, build_model, hint_values
from .params import quick_feasible, strong_lp
from .race import Race, worth_racing
from .result import Conflict, Progress, Solution, Status

Hint = Mapping[tuple[str, int], str | None]

_STATUS: dict[int, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


# shares of the time limit: column generation (at most), then plain CP-SAT; LNS gets the rest
COLGEN_SHARE = 0.35
FIRST_PHASE_SHARE = 0.2
RACED_FIRST_SHARE = 0.05  # instead, while a race runs (it searches the whole model too)
LAWFUL_SHARE = 0.5  # at most, for the first lawful roster (usually found at once)
READ_SECONDS = 30.0  # to cost a fixed roster: presolve settles it, this is a safety net
WHOLE_LAWFUL_SHARE = 0.2  # of that, for the whole model before going person by person
# added after the column-generation deadline, for diving. A dive out of time leaves the
# people it has not fixed to CP-SAT; past the first few dozen fixings its LP climbs and
# its choices get worse, so time goes to LNS instead (Curtois Instance12: the dive ran
# 19 s to fix 54 of 60 at LP 4,715 against 4,041, leaving LNS 20 s of 60).
DIVE_SHARE = 0.2
RINS_SHARE = 0.4  # of what is left after diving, for the cells the dive left open
# of what is left then, for a second start: the LP before the dive, rounded, with its open
# cells searched. With shortest-path pricing a dive fixes 90 % of Curtois Instance7's
# people in under a second and its roster is poor (1,363); this start gives 1,058.
ROOT_RINS_SHARE = 0.1
# at most, of the time left after column generation, for the exact search near the bound
# (``exact``), alongside the rest: Curtois Instance7 is proven optimal in about 12 s,
# Instance16 in 6 s; where it cannot finish, its worker goes back to LNS when time is up
EXACT_SHARE = 0.6
# instead, when it takes one of several workers from LNS (Curtois Instance8: its first
# level only proves 1,298 in 27 s; with 40 % of the time LNS ended at 1,313-1,321 against
# 1,302-1,311 without; Instance16 is proven in 6-16 s, and with 25 % not always)
EXACT_SHARE_BESIDE_LNS = 0.4


@dataclass
class _Clock:
    """Wall-clock and (optional) deterministic budgets of one solve() call."""

    started: float
    limit: float
    deterministic: float | None
    spent: float = 0.0  # deterministic work used so far
    stop: threading.Event = field(default_factory=threading.Event)  # optimality proven

    def left(self) -> float:
        if self.stop.is_set():
            return 0.01
        return max(0.01, self.limit - (time.monotonic() - self.started))

    def det_left(self, share: float = 1.0) -> float | None:
        if self.deterministic is None:
            return None
        return max(0.001, (self.deterministic - self.spent) * share)

    def budget(self, share: float) -> Budget:
        det = self.det_left(share)
        return Budget(time.monotonic() + self.left() * share, det, stop=self.stop)

    def elapsed(self) -> float:
        return time.monotonic() - self.started


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
    colgen: bool = True,
    lns_config: LnsConfig | None = None,
    first_share: float = FIRST_PHASE_SHARE,
    colgen_share: float = COLGEN_SHARE,
) -> Solution:
    """Best roster found within ``time_limit`` seconds.

    Phases: (1) any lawful roster, costs ignored (found at once; proves infeasibility);
    (2) column generation (``colgen``, when there is cover and no caller ``hint``): a
    strong lower bound and a much better starting roster; (3) CP-SAT on the whole model
    from the best roster so far; (4) roster large-neighbourhood search (``lns``) for the
    remaining time. Each phase stops early once the bound is reached. With two or more
    workers on a small model, one of them races CP-SAT on the whole model alongside
    phases 2-4 (see ``race``; phase 3 is then cut short); LNS adopts its better rosters,
    and takes the race's worker if the race turns out hopeless.

    With ``workers=1`` and a fixed ``seed`` the result is reproducible when no wall-clock
    limit cuts a phase short: pass ``deterministic_time`` (CP-SAT work units, roughly
    seconds) to budget by work instead of time. ``hint`` maps (staff, day) to a shift id
    or None (off); the search starts from it (completed if partial)."""
    clock = _Clock(time.monotonic(), time_limit, deterministic_time)
    built = build_model(problem)
    if hint:
        add_hint(built, hint)
    found, values = _lawful(built, clock, seed, workers, log, bool(hint))
    if found.status in ("INFEASIBLE", "MODEL_INVALID"):
        return dataclasses.replace(found, seconds=clock.elapsed())
    if values is None:  # no lawful roster yet: plain CP-SAT for the rest of the time
        solver = make_solver(clock.left(), seed, workers, clock.det_left(), log)
        return _finish(run(built, solver, progress, started=clock.started), 0.0, clock)
    race = None
    if lns and worth_racing(len(built.x), workers, deterministic_time is not None):
        race = Race(built.model, values, clock.left(), seed, clock.stop)
        workers -= 1  # the race has one; the decomposition the rest
    try:
        best, bound = _decompose(
            built,
            values,
            clock,
            seed,
            workers,
            log,
            progress,
            race,
            lns=lns,
            colgen=colgen and not hint,
            lns_config=lns_config,
            first_share=first_share,
            colgen_share=colgen_share,
        )
    finally:
        raced = race.finish() if race is not None else None
    if race is not None:
        bound = max(bound, race.bound)
        if raced is not None and (best.objective is None or raced.objective < best.objective):
            best = _read_values(built, raced.values, seed)
    return _finish(best, bound, clock)


def _decompose(
    built: BuiltModel,
    values: list[int],
    clock: _Clock,
    seed: int,
    workers: int,
    log: bool,
    progress: Callable[[Progress], None] | None,
    race: Race | None,
    *,
    lns: bool,
    colgen: bool,
    lns_config: LnsConfig | None,
    first_share: float,
    colgen_share: float,
) -> tuple[Solution, float]:
    """Column generation, CP-SAT on the whole model, then LNS, from the lawful roster
    ``values``: the best roster found and a lower bound."""
    problem = built.problem
    lower, exact = None, None
    if colgen and problem.cover and len(problem.staff) > 1:
        # an exact search needs a worker of its own and a wall clock (it is not reproducible)
        spare = (workers >= 2 or race is not None) and lns and clock.deterministic is None
        lower, values, exact = _colgen_start(
            built, values, clock, seed, workers, colgen_share, spare
        )
    own = workers
    if exact is not None:
        if workers >= 2:  # while the exact search runs, it has one of the workers
            own = workers - 1
        else:  # it has the only one: the rest waits (it stops at its share of the time)
            _wait(exact, clock)
    share = first_share if lns else 1.0
    if race is not None:  # the race already runs CP-SAT on the whole model
        share = min(share, RACED_FIRST_SHARE)
    solver = make_solver(clock.left() * share, seed, own, clock.det_left(share), log)
    strong_lp(solver)  # the LP bound often proves the first roster optimal
    first = run(built, solver, progress, stop_at=lower, started=clock.started)
    clock.spent += solver.deterministic_time
    if first.feasible:
        values = list(solver.response_proto.solution)
    else:  # cut short before any solution: carry on from the starting roster
        first = _read_values(built, values, seed)
    bound = max(first.bound or 0.0, lower or 0.0)
    if first.status == "FEASIBLE" and lns and first.objective > bound:
        first = _improve(
            built, values, first, clock, seed, workers, lns_config, bound, progress, race, exact
        )
    if exact is not None:
        found = exact.finish()
        bound = max(bound, float(exact.lower))
        if found is not None and (first.objective is None or found.objective < first.objective):
            first = _read_values(built, found.values, seed)
    return first, bound


def _lawful(
    built: BuiltModel, clock: _Clock, seed: int, workers: int, log: bool, hinted: bool
) -> tuple[Solution, list[int] | None]:
    """Any roster meeting the hard rules, costs ignored: CP-SAT finds one at once this way,
    where with the objective a single worker may search long without any. On a long
    horizon the whole model may not yield one quickly; every hard rule is one person's, so
    then each person's rules are solved alone and the rows joined."""
    share = LAWFUL_SHARE
    found, values = _unknown(), None
    if hinted:  # complete the caller's roster if possible, so the search starts from it
        solver = make_solver(clock.left() * share / 2, seed, workers, clock.det_left(share), log)
        found, values = _find_feasible(built, solver, pin_hint=True)
        clock.spent += solver.deterministic_time
    if values is None:
        whole = share * WHOLE_LAWFUL_SHARE
        solver = make_solver(clock.left() * whole, seed, workers, clock.det_left(whole), log)
        found, values = _find_feasible(built, solver)
        clock.spent += solver.deterministic_time
    if values is None and found.status == "UNKNOWN":
        values = _lawful_by_person(built, clock, seed, share)
        if values is not None:
            _set_hint(built, values)
            found = dataclasses.replace(_unknown(), status="FEASIBLE")
    return found, values


def _lawful_by_person(
    built: BuiltModel, clock: _Clock, seed: int, share: float
) -> list[int] | None:
    """A lawful roster found one person at a time (the whole model's values), or None if
    some person's rules found no schedule in time (or none exists: the whole-model search
    is left to prove and explain that)."""
    deadline = time.monotonic() + clock.left() * share
    roster: dict[str, list[str | None]] = {}
    for member in built.problem.staff:
        alone = build_model(person_problem(built.problem, member))
        left = max(0.01, deadline - time.monotonic())
        det = clock.det_left(share)
        found, values = _find_feasible(alone, quick_feasible(make_solver(left, seed, 1, det)))
        if values is None:
            return None
        roster[member.id] = _roster(alone, values)[member.id]
    return _complete(built, roster, seed)


def _colgen_start(
    built: BuiltModel,
    values: list[int],
    clock: _Clock,
    seed: int,
    workers: int,
    share: float,
    spare: bool = False,
) -> tuple[float | None, list[int], Exact | None]:
    """Column generation from the lawful roster ``values``, then CP-SAT on what the LP
    leaves open, after the dive and (a second start, the better kept) before it. Returns
    a lower bound on the objective (objectives are integers, so rounded up), the better
    starting roster (all variable values), also made the hint, and, given a ``spare``
    worker, the exact search near the bound if the problem allows one (running)."""
    budget = clock.budget(share)
    dive = Budget(
        budget.deadline + clock.left() * DIVE_SHARE, budget.deterministic, stop=clock.stop
    )
    result = generate(
        built.problem, _roster(built, values), budget, dive=dive, seed=seed, workers=workers
    )
    clock.spent += budget.spent + dive.spent
    bound = None if result.bound is None else float(math.ceil(result.bound - 1e-6))
    exact = None
    if spare:
        alone = workers < 2  # the decomposition will wait for it
        exact = _exact(built, result, clock, seed, EXACT_SHARE if alone else EXACT_SHARE_BESIDE_LNS)
    if result.roster is None:
        return bound, values, exact
    rounded = _complete(built, result.roster, seed)
    if rounded is None:
        return bound, values, exact
    values = rounded
    start = _rins(built, values, result.fractional, clock, seed, workers, RINS_SHARE)
    if result.root is not None and result.root_open and ROOT_RINS_SHARE:
        # the LP before diving settles fewer cells, and other ones: a second start
        root = _complete(built, result.root, seed)
        if root is not None:
            second = _rins(built, root, result.root_open, clock, seed, workers, ROOT_RINS_SHARE)
            start = min(start, second, key=lambda found: found.objective)
    _set_hint(built, start.values)
    if exact is not None:
        exact.lower_ceiling(start.objective)
    return bound, start.values, exact


def _exact(
    built: BuiltModel, result: ColgenResult, clock: _Clock, seed: int, share: float
) -> Exact | None:
    """The exact search near the bound, started in the background, where every person was
    priced by shortest paths, the master prices every objective term and the first level
    is small enough (else None: the caller keeps all its workers)."""
    problem = built.problem
    if result.prices is None or not applies(problem, result.graphs):
        return None
    levels = Levels(problem, result.graphs, result.prices, seed=seed)
    if not levels.fits():  # far from the bound, or duals leaving many arcs at zero
        return None

    def complete(roster: Mapping[str, Sequence[str | None]]) -> Incumbent | None:
        solver = _solve_pinned(built, *_roster_pins(built, roster), seed)
        if solver is None:
            return None
        return Incumbent(list(solver.response_proto.solution), round(solver.objective_value))

    return Exact(levels, clock.left() * share, clock.stop, complete)


def _rins(
    built: BuiltModel,
    values: list[int],
    cells: set[tuple[str, int]],
    clock: _Clock,
    seed: int,
    workers: int,
    share: float,
) -> Incumbent:
    """What the LP settles is usually right: search only the cells it leaves open (if
    any), the rest fixed to ``values`` (which must agree with the LP there)."""
    best = Incumbent(values, round(_read_values(built, values, seed).objective or 0))
    if not cells:
        return best
    search = Search(built, seed, workers)
    hole_budget = clock.budget(share)
    found, _ = search.solve_hole(best, cells, hole_budget)
    clock.spent += hole_budget.spent
    if found is not None and found.objective <= best.objective:
        return found
    return best


def _complete(
    built: BuiltModel, roster: Mapping[str, Sequence[str | None]], seed: int
) -> list[int] | None:
    """All variable values of the roster (auxiliary variables at their best)."""
    solver = _solve_pinned(built, *_roster_pins(built, roster), seed)
    return None if solver is None else list(solver.response_proto.solution)


def score_roster(
    built: BuiltModel, roster: Mapping[str, Sequence[str | None]], seed: int
) -> Solution:
    """The cost of a given roster under the model's goals (a FEASIBLE Solution, no bound)."""
    solver = _solve_pinned(built, *_roster_pins(built, roster), seed)
    if solver is None:
        raise RuntimeError("a roster found earlier breaks the model's hard rules")
    return _costed(built, solver)


def _roster_pins(
    built: BuiltModel, roster: Mapping[str, Sequence[str | None]]
) -> tuple[list[int], list[int]]:
    """Proto indices and values of every x variable of ``roster``."""
    indices: list[int] = []
    values: list[int] = []
    for staff, row in roster.items():
        for d, shift in enumerate(row):
            for s in built.problem.shifts:
                indices.append(built.x[staff, d, s.id].index)
                values.append(int(s.id == shift))
    return indices, values


def _solve_pinned(
    built: BuiltModel,
    indices: Sequence[int],
    values: Sequence[int],
    seed: int,
    hint: Sequence[int] | None = None,
) -> cp_model.CpSolver | None:
    """Solve the model with the given variables fixed (the rest, auxiliary variables, at
    their best); the solver holding the solution, or None if there is none."""
    model = built.model.clone()
    model.clear_hints()
    _pin(model, indices, values)
    if hint is not None:
        hint_values(model, list(hint))
    solver = make_solver(READ_SECONDS, seed, 1)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver


def _set_hint(built: BuiltModel, values: list[int]) -> None:
    hint_values(built.model, values)


def _improve(
    built: BuiltModel,
    values: list[int],
    first: Solution,
    clock: _Clock,
    seed: int,
    workers: int,
    config: LnsConfig | None,
    bound: float,
    progress: Callable[[Progress], None] | None,
    race: Race | None = None,
    exact: Exact | None = None,
) -> Solution:
    incumbent = Incumbent(values, round(first.objective or 0))

    def report(best: Incumbent) -> None:
        if exact is not None:
            exact.lower_ceiling(best.objective)
        if progress is not None:
            progress(Progress(best.objective, bound, clock.elapsed()))

    foreign, standby = None, None
    if race is not None:
        foreign, standby = _race_offer(race)
    if exact is not None:
        foreign = _either(foreign, exact.best)
        if standby is None and workers >= 2:  # its worker joins LNS when it is done
            standby, workers = exact.done, workers - 1
    budget = clock.budget(1.0)
    if (workers >= 2 or standby is not None) and clock.deterministic is None:
        best = search_in_parallel(
            built, incumbent, budget, seed, workers, config, report, bound, foreign, standby
        )
    else:  # one search: with one worker and a work budget it is reproducible
        search = Search(built, seed, workers, config)
        best = search.run(incumbent, budget, report, target=bound, foreign=foreign)
        clock.spent += budget.spent
    return _read_values(built, best.values, seed)


def _wait(exact: Exact, clock: _Clock) -> None:
    while not exact.done.wait(STANDBY_POLL) and not clock.stop.is_set():
        pass


def _either(
    first: Callable[[], Incumbent | None] | None, second: Callable[[], Incumbent | None]
) -> Callable[[], Incumbent | None]:
    """The better roster of two sources (either may have none)."""

    def offer() -> Incumbent | None:
        found = [f for f in (first() if first else None, second()) if f is not None]
        return min(found, key=lambda f: f.objective) if found else None

    return offer


def _race_offer(
    race: Race,
) -> tuple[Callable[[], Incumbent | None], threading.Event]:
    """The race's best for LNS to adopt, and an event set when the race, found hopeless,
    is stopped so that its worker can join LNS."""
    handover = threading.Event()

    def offer() -> Incumbent | None:
        if not handover.is_set() and race.hopeless():
            race.finish()
            handover.set()
        return race.best()

    return offer, handover


def _finish(solution: Solution, bound: float, clock: _Clock) -> Solution:
    if solution.objective is None:
        return dataclasses.replace(solution, seconds=clock.elapsed())
    optimal = solution.status == "OPTIMAL" or solution.objective <= bound
    bound = solution.objective if optimal else max(bound, solution.bound or 0.0)
    return dataclasses.replace(
        solution,
        status="OPTIMAL" if optimal else "FEASIBLE",
        bound=bound,
        gap=0.0 if optimal else _gap(solution.objective, bound),
        seconds=clock.elapsed(),
    )


def _unknown() -> Solution:
    return Solution(status="UNKNOWN", objective=None, bound=None, gap=None, seconds=0.0)


def _roster(built: BuiltModel, values: list[int]) -> dict[str, list[str | None]]:
    p = built.problem
    return {
        m.id: [
            next((s.id for s in p.shifts if values[built.x[m.id, d, s.id].index]), None)
            for d in range(p.horizon)
        ]
        for m in p.staff
    }


def _find_feasible(
    built: BuiltModel, solver: cp_model.CpSolver, pin_hint: bool = False
) -> tuple[Solution, list[int] | None]:
    """Search for any roster ignoring costs (with ``pin_hint``, one that keeps every hinted
    value); on success it becomes the model's hint."""
    model = built.model.clone()
    model.clear_objective()
    if pin_hint:
        _pin(model, built.model.proto.solution_hint.vars, built.model.proto.solution_hint.values)
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    status = _STATUS.get(code, "UNKNOWN")
    if status not in ("OPTIMAL", "FEASIBLE"):
        return dataclasses.replace(_unknown(), status=status), None
    values = list(solver.response_proto.solution)
    _set_hint(built, values)
    return dataclasses.replace(_unknown(), status="FEASIBLE"), values


def _pin(model: cp_model.CpModel, indices: Sequence[int], values: Sequence[int]) -> None:
    """Fix variables of ``model`` to ``values``: their domain becomes the value (a value
    outside the domain is an equality constraint instead, which makes the model
    infeasible). Not CP-SAT's ``fix_variables_to_their_hinted_value``, which can abort the
    solver (or-tools#5025); and much faster than an equality constraint per variable."""
    variables = model.proto.variables
    for index, value in zip(indices, values, strict=True):
        domain = variables[index].domain
        bounds = list(domain)
        if any(lo <= value <= hi for lo, hi in zip(bounds[::2], bounds[1::2], strict=True)):
            domain.clear()
            domain.extend((value, value))
        else:
            model.add(model.get_int_var_from_proto_index(index) == value)


def _read_values(built: BuiltModel, values: list[int], seed: int) -> Solution:
    """Turn a full assignment of the model's variables into a FEASIBLE Solution without a
    bound. Only the roster (the x variables) is kept: CP-SAT sets every auxiliary variable
    at its best for it, so the objective is the roster's true cost even when ``values``
    came from a search cut short with slack in them (under and over cover at once)."""
    indices = [var.index for var in built.x.values()]
    solver = _solve_pinned(built, indices, [values[i] for i in indices], seed, hint=values)
    if solver is None:
        raise RuntimeError("a roster found earlier breaks the model's hard rules")
    return _costed(built, solver)


def _costed(built: BuiltModel, solver: cp_model.CpSolver) -> Solution:
    solution = read_solution(built, solver, "FEASIBLE", 0.0)
    return dataclasses.replace(solution, bound=None, gap=None)


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
) -> Solution:
    """Solve a built model with a configured solver and read the result back. ``stop_at``
    is a known lower bound (the search stops on reaching it); progress seconds count from
    ``started`` (a ``time.monotonic()`` value) if given."""
    begun = time.monotonic()
    reporting = progress is not None or stop_at is not None
    callback = _Reporter(progress, stop_at, started) if reporting else None
    code = solver.solve(built.model, callback)
    seconds = time.monotonic() - begun
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
