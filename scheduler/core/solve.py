"""Phase control: solve a rostering ``Problem`` within its time limit.

First the portfolio's arbitration: a model with more roster cells than
``SolveConfig.direct_cells`` gets the direct model (``direct``: CP-SAT on the whole model,
its default parameters, every worker, from nothing, as a user would run it) for all the
time in one search (stopped and restarted, CP-SAT loses what it learned), in a child
process ended at its deadline (``apart``: CP-SAT heeds a stop only between its steps).
Beside it, at the
lowest CPU priority, a lawful roster is found person by person (``lawful.Behind``); if the
direct model has no roster by ``Shares.direct_give_up`` of the time, LNS by parts of the roster
(``by_parts``: windows of days and single people, each a model of its own, where a hole of
the whole model would cost a copy and a presolve of all of it) starts from that one, for
the rest of the time; where a goal spans the horizon (``window.windows_apply``), the
phases below do. On a smaller model, phases, each given a share of the time left
(``config.Shares``) by one clock:

1. any lawful roster, costs ignored (``lawful``: found at once; proves infeasibility);
2. the direct model, from that roster. The rest starts from its roster, so the result is
   never worse than the direct model's at that point. On a small model with two or more
   workers a race (``race``) runs CP-SAT on the whole model for the whole time instead;
3. the decomposition: column generation (``colgen``, unless building every person's
   pricer would take half its share): a strong lower bound and a starting roster; CP-SAT
   with the strong LP on the whole model; then roster LNS (``lns``). With two or more
   workers on a small model one of them races CP-SAT on the whole model alongside
   (``race``), and where every person has a schedule graph an exact search near the
   bound may take a worker (``exact``).

Every phase obeys one clock, which keeps back the time the final costing needs. The model
is built by the deadline or not at all, and freed after the answer is returned (``later``).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .by_parts import KINDS, search_by_parts
from .clock import Budget, Clock
from .colgen import ColgenResult, generate
from .config import SolveConfig
from .cpsat import (
    Hint,
    add_hint,
    decode,
    make_solver,
    objective_value,
    run,
    set_hint,
    unknown,
    values_of,
)
from .data import Problem
from .direct import Direct, run_direct, run_plain, run_rest
from .exact import Exact, Levels, applies
from .later import free_later
from .lawful import Behind, lawful_roster
from .lns import STANDBY_POLL, Incumbent, Search, search_in_parallel
from .model import BuiltModel, OutOfTime, build_model
from .params import strong_lp
from .pinned import (
    MIN_PASS,
    READ_SECONDS,
    complete,
    read_values,
    read_with_values,
    roster_pins,
    solve_pinned,
)
from .race import Race, worth_racing
from .result import Progress, Solution, Status, gap
from .window import windows_apply

__all__ = ["Hint", "solve"]

log = logging.getLogger(__name__)  # each phase's end, at DEBUG: what the time went on

ProgressFn = Callable[[Progress], None]
MIN_READ = 0.5  # seconds the final costing always gets


def solve(
    problem: Problem,
    config: SolveConfig | None = None,
    *,
    hint: Hint | None = None,
    progress: ProgressFn | None = None,
    **options: Any,  # SolveConfig fields, e.g. time_limit=10, workers=2
) -> Solution:
    """Best roster found within the time limit (module docstring for the phases).

    ``config`` (default ``SolveConfig()``) with any of its fields overridden by keyword.
    With ``workers=1`` and a fixed ``seed`` the result is reproducible when no wall-clock
    limit cuts a phase short: pass ``deterministic_time`` (CP-SAT work units, roughly
    seconds) to budget by work instead of time. ``hint`` maps (staff, day) to a shift id
    or None (off); the search starts from it (completed if partial)."""
    config = dataclasses.replace(config or SolveConfig(), **options)
    clock = Clock.start(config.time_limit, config.deterministic_time)
    try:  # by the time its lawful start may take: built after it, nothing would be searched
        built = build_model(problem, until=clock.lawful_end())
    except OutOfTime:
        return dataclasses.replace(unknown(), seconds=clock.elapsed())
    try:
        return _solve(problem, built, clock, config, hint, progress)
    finally:
        free_later(built)  # once this has returned (``later``)
        del built


def _solve(
    problem: Problem,
    built: BuiltModel,
    clock: Clock,
    config: SolveConfig,
    hint: Hint | None,
    progress: ProgressFn | None,
) -> Solution:
    _note(clock, "model built", len(built.model.proto.variables))
    large = len(built.x) > config.direct_cells
    plain = large and not hint  # the direct model as a user runs it (no roster to start)
    if plain and clock.out():  # building took the time (a busy machine): the direct model
        # from nothing would only load the model, for as long again, and find nothing
        # (generated Gen1608, 95 x 35 x 266 days, at a twentieth of a core: built in 137 s
        # of 60, then 30 s in a search of 0.01 s), and no person's schedule is searched
        return dataclasses.replace(unknown(), seconds=clock.elapsed())
    lawful: list[int] | None = None
    behind: Behind | None = None  # the lawful roster found beside the direct model
    if plain:
        # the portfolio's arbitration: on a model this large the direct model as a user
        # would run it, in one search for all the time, beats the decomposition
        # (``SolveConfig.direct_cells``); what it finds is the answer
        _note(clock, "large model: the direct model for all the time", len(built.x))
        # started after building: its Python (each person's model) would hold the GIL
        # against the build's (Gen01's 8.9 s build took 13.3 s beside it)
        if clock.deterministic is None:
            behind = Behind(built, clock, config)
        give_up = config.shares.direct_give_up
        direct = Direct(None, -math.inf, False)
        try:
            on_roster = None if behind is None else behind.stop
            hand_over = config.shares.direct_hand_over if windows_apply(problem) else math.inf
            direct = run_plain(built, clock, config, config.workers, give_up, on_roster, hand_over)
        finally:
            if behind is not None:
                lawful = behind.finish(built, direct_found=direct.best is not None)
        if direct.best is not None and direct.handed:  # the parts from its best roster
            _note(clock, "the direct model hands over", direct.best.objective)
            began = time.monotonic()
            start = _start(built, direct.best, config, clock)
            clock.keep_back(time.monotonic() - began)  # the last pass, as this one took
            bound = max(0.0, direct.bound)
            best = _by_parts(built, start, clock, config, bound, progress)
            return _finish(_read(built, best, config, clock), bound, clock)
        if direct.best is not None:
            if progress is not None:  # its one report: it runs without a callback
                progress(Progress(direct.best.objective, direct.bound, clock.elapsed()))
            return _finish(_read(built, direct.best, config, clock), direct.bound, clock)
    if hint:
        add_hint(built, hint)
    status: Status
    values: list[int] | None
    if lawful is not None:  # found beside the direct model
        status, values = "FEASIBLE", lawful
        set_hint(built, values)
    elif behind is not None:  # the search beside it had its time, and more at the end: no
        # second one from nothing (it ran 2 s past the limit at a 30th of a core, Gen1695)
        status, values = "UNKNOWN", None
    else:  # after the direct model, the whole-model search has had its turn
        status, values = lawful_roster(built, clock, config, bool(hint), whole=not plain)
    _note(clock, "lawful roster", status)
    if status in ("INFEASIBLE", "MODEL_INVALID"):
        return dataclasses.replace(unknown(), status=status, seconds=clock.elapsed())
    if values is None:  # no lawful roster yet: plain CP-SAT for the rest of the time
        if clock.out():  # none started that would only load the model and run late
            return dataclasses.replace(unknown(), seconds=clock.elapsed())
        # in a child process, ended by the deadline (on a busy machine, started with a
        # second left, it loaded the model and returned 3-7 s past the limit)
        status, found, bound = run_rest(built, clock, config, progress)
        if found is None:
            return dataclasses.replace(unknown(), status=status, seconds=clock.elapsed())
        return _finish(_read(built, found, config, clock), bound, clock)
    workers = config.workers
    if plain and windows_apply(problem):  # the direct model found nothing in its time
        # joined on the whole model and timed (the time kept back) by ``lawful_by_person``
        start = Incumbent(values, round(objective_value(built, values)))
        best = _by_parts(built, start, clock, config, 0.0, progress)
        return _finish(_read(built, best, config, clock), 0.0, clock)
    if large and hint:  # the direct model from the caller's roster, completed
        direct = run_direct(built, values, clock, config, workers, 1.0, progress)
        best = direct.best or _start(built, Incumbent(values, 0), config, clock)
        return _finish(_read(built, best, config, clock), max(0.0, direct.bound), clock)
    racing = config.lns and worth_racing(len(built.x), workers, clock.deterministic is not None)
    # a race runs CP-SAT on the whole model for the whole time: it is the direct arm then
    # (and on a large model the direct model has had its turn, and found nothing)
    share = 0.0 if racing or large else config.shares.direct
    direct = Direct(None, -math.inf, False)  # a share of 0: no direct phase
    if share > 0 and not clock.out():  # a lawful start found late is the answer
        direct = run_direct(built, values, clock, config, workers, share, progress)
    _note(clock, "direct model", None if direct.best is None else direct.best.objective)
    # the start, costed; the time that takes is what any later pass over the whole model
    # costs at least (a hole of LNS, the final costing), so it is kept back from then on
    began = time.monotonic()
    start = _start(built, direct.best or Incumbent(values, 0), config, clock)
    clock.keep_back(time.monotonic() - began)
    bound = max(0.0, direct.bound)
    if direct.proven or clock.out():
        return _finish(_read(built, start, config, clock), bound, clock)
    race = None
    if racing:
        race = Race(built.model, start.values, clock.left(), config.seed, clock.stop)
        workers -= 1  # the race has one; the decomposition the rest
    try:
        best, bound = _decompose(built, start, bound, clock, config, workers, progress, race, hint)
    finally:
        raced = race.finish() if race is not None else None
    if race is not None:
        bound = max(bound, race.bound)
        if raced is not None and raced.objective < best.objective:
            best = raced
    return _finish(_read(built, best, config, clock), bound, clock)


def _start(
    built: BuiltModel, found: Incumbent, config: SolveConfig, clock: Clock | None = None
) -> Incumbent:
    """``found`` at its true cost (``pinned.read_values``), with all its values. On the
    wall clock by the solve's end (``Clock.end``; in a child, ended then: Instance10's at
    load 27 ran 4.6 s, to 63.1 s of a 60 s solve, BENCHMARKS.md, apart23), else at the
    cost its values carry (an upper bound on its true cost)."""
    until = None if clock is None or clock.deterministic is not None else clock.end
    carried = objective_value(built, found.values)
    read, values = read_with_values(built, found.values, config.seed, carried, until=until)
    return Incumbent(values, round(read.objective or 0))


def _read(
    built: BuiltModel, found: Incumbent, config: SolveConfig, clock: Clock | None = None
) -> Solution:
    """``found`` as a Solution at its true cost; at the end of a solve, in the time kept
    back for it plus the tolerance (``Clock.end``), reading back included (at least
    ``MIN_READ`` from now): the cost the values carry stands if the pass would not end by
    then, or would not have the time a pass took before (a phase before it ran late on a
    busy machine)."""
    if clock is None or clock.deterministic is not None:
        return read_values(built, found.values, config.seed, found.objective, READ_SECONDS)
    until = max(clock.end, time.monotonic() + MIN_READ)
    # not begun with less time than a pass over the whole model took (``Clock.one_pass``)
    least = max(MIN_PASS, clock.one_pass)
    return read_values(built, found.values, config.seed, found.objective, until=until, least=least)


# ----------------------------------------------------------------- 3. the decomposition
def _decompose(
    built: BuiltModel,
    start: Incumbent,
    bound: float,
    clock: Clock,
    config: SolveConfig,
    workers: int,
    progress: ProgressFn | None,
    race: Race | None,
    hint: Hint | None,
) -> tuple[Incumbent, float]:
    """Column generation, CP-SAT on the whole model, then LNS, from ``start`` (the direct
    model's roster): the best roster found and a lower bound."""
    problem = built.problem
    lower, exact = None, None
    if config.colgen and not hint and problem.cover and len(problem.staff) > 1:
        # an exact search needs a worker of its own and a wall clock (it is not reproducible)
        spare = (workers >= 2 or race is not None) and config.lns
        spare = spare and clock.deterministic is None
        lower, start, exact = _colgen_start(built, start, clock, config, workers, spare)
        bound = max(bound, lower or 0.0)
        _note(clock, "column generation", start.objective, lower)
    own = workers
    if exact is not None:
        if workers >= 2:  # while the exact search runs, it has one of the workers
            own = workers - 1
        else:  # it has the only one: the rest waits (it stops at its share of the time)
            _wait(exact, clock)
    best, first_bound, proven = _first_phase(
        built, start, clock, config, own, progress, race, lower
    )
    bound = max(bound, first_bound)
    _note(clock, "whole model, strong LP", best.objective, first_bound)
    if not proven and config.lns and best.objective > bound and not clock.out():
        best = _improve(built, best, clock, config, workers, bound, progress, race, exact)
    if exact is not None:
        found = exact.finish()
        bound = max(bound, float(exact.lower))
        if found is not None and found.objective < best.objective:
            best = found
    return best, bound


def _first_phase(
    built: BuiltModel,
    start: Incumbent,
    clock: Clock,
    config: SolveConfig,
    workers: int,
    progress: ProgressFn | None,
    race: Race | None,
    lower: float | None,
) -> tuple[Incumbent, float, bool]:
    """CP-SAT with the strong LP on the whole model from ``start``: the LP bound often
    proves the roster optimal. Its roster if it found one no worse (else ``start``), its
    bound, and whether it proved optimality."""
    shares = config.shares
    share = shares.first if config.lns else 1.0
    if race is not None:  # the race already runs CP-SAT on the whole model
        share = min(share, shares.raced_first)
    set_hint(built, start.values)
    solver = make_solver(
        clock.left() * share, config.seed, workers, clock.det_left(share), config.log
    )
    strong_lp(solver)
    first = run(built, solver, progress, stop_at=lower, started=clock.started)
    clock.spent += solver.deterministic_time
    bound = first.bound or 0.0
    if first.objective is not None and first.objective <= start.objective:
        found = Incumbent(values_of(solver), round(first.objective))
        return found, bound, first.status == "OPTIMAL"
    return start, bound, False


def _colgen_start(
    built: BuiltModel,
    start: Incumbent,
    clock: Clock,
    config: SolveConfig,
    workers: int,
    spare: bool,
) -> tuple[float | None, Incumbent, Exact | None]:
    """Column generation from the roster ``start``, then CP-SAT on what the LP leaves open,
    after the dive and (a second start, the better kept) before it. Returns a lower bound
    on the objective (objectives are integers, so rounded up), the best start (``start``
    if better), made the hint, and, given a ``spare`` worker, the exact search near the
    bound if the problem allows one (running). Skipped where a pricing round would take
    a large part of its share of the time (CP-SAT pricing of long horizons)."""
    shares = config.shares
    budget = clock.budget(shares.colgen)
    dive = Budget(
        budget.deadline + clock.left() * shares.dive, budget.deterministic, stop=clock.stop
    )
    result = generate(
        built.problem,
        {s: tuple(row) for s, row in decode(built, start.values).items()},
        budget,
        dive=dive,
        seed=config.seed,
        workers=workers,
        only_if_affordable=clock.deterministic is None,  # a wall-clock check: not reproducible
    )
    clock.spent += budget.spent + dive.spent
    if result.skipped:
        return None, start, None
    bound = None if result.bound is None else float(math.ceil(result.bound - 1e-6))
    exact = None
    if spare:
        share = shares.exact if workers < 2 else shares.exact_beside_lns
        exact = _exact(built, result, clock, config.seed, share)
    best = start
    if result.roster is not None:
        rounded = complete(built, result.roster, config.seed)
        if rounded is not None:
            found = _rins(built, rounded, result.fractional, clock, config, workers, shares.rins)
            best = min(best, found, key=lambda f: f.objective)
        if result.root is not None and result.root_open and shares.root_rins:
            # the LP before diving settles fewer cells, and other ones: a second start
            root = complete(built, result.root, config.seed)
            if root is not None:
                cells = result.root_open
                second = _rins(built, root, cells, clock, config, workers, shares.root_rins)
                best = min(best, second, key=lambda f: f.objective)
    set_hint(built, best.values)
    if exact is not None:
        exact.lower_ceiling(best.objective)
    return bound, best, exact


def _exact(
    built: BuiltModel, result: ColgenResult, clock: Clock, seed: int, share: float
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

    def completed(roster: Mapping[str, Sequence[str | None]]) -> Incumbent | None:
        solver = solve_pinned(built, *roster_pins(built, roster), seed)
        if solver is None:
            return None
        return Incumbent(list(solver.response_proto.solution), round(solver.objective_value))

    return Exact(levels, clock.left() * share, clock.stop, completed)


def _rins(
    built: BuiltModel,
    values: list[int],
    cells: set[tuple[str, int]],
    clock: Clock,
    config: SolveConfig,
    workers: int,
    share: float,
) -> Incumbent:
    """What the LP settles is usually right: search only the cells it leaves open (if
    any), the rest fixed to ``values`` (which must agree with the LP there)."""
    best = Incumbent(values, round(read_values(built, values, config.seed).objective or 0))
    if not cells:
        return best
    search = Search(built, config.seed, workers)
    hole_budget = clock.budget(share)
    found, _ = search.solve_hole(best, cells, hole_budget)
    clock.spent += hole_budget.spent
    if found is not None and found.objective <= best.objective:
        return found
    return best


# ---------------------------------------------------------- LNS and the portfolio's arms
def _improve(
    built: BuiltModel,
    incumbent: Incumbent,
    clock: Clock,
    config: SolveConfig,
    workers: int,
    bound: float,
    progress: ProgressFn | None,
    race: Race | None,
    exact: Exact | None,
) -> Incumbent:
    """LNS from ``incumbent`` for the time left."""

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
    lns = config.lns_config
    if (workers >= 2 or standby is not None) and clock.deterministic is None:
        best = search_in_parallel(
            built,
            incumbent,
            budget,
            config.seed,
            workers,
            lns,
            report,
            bound,
            foreign,
            standby,
        )
    else:  # one search: with one worker and a work budget it is reproducible
        search = Search(built, config.seed, workers, lns)
        best = search.run(incumbent, budget, report, bound, foreign)
        clock.spent += budget.spent
    _note(clock, "LNS", best.objective)
    return best


def _by_parts(
    built: BuiltModel,
    start: Incumbent,
    clock: Clock,
    config: SolveConfig,
    bound: float,
    progress: ProgressFn | None,
) -> Incumbent:
    """LNS by parts of the roster, each a model of its own (``by_parts``: windows of days,
    single people), from ``start`` for the time left: on a large model a hole of the whole
    model costs a copy and a presolve of all of it, which leaves time for few holes. The
    search ends by completing its roster on the whole model, which takes as long as
    costing the start did: that time is kept back too."""
    budget = clock.budget(1.0)
    budget.deadline -= clock.one_pass

    def report(objective: float) -> None:
        if progress is not None:
            progress(Progress(objective, bound, clock.elapsed()))

    by_model = _time_for_people(clock, config)
    until = clock.end if clock.deterministic is None else None  # its last pass (``Clock.end``)
    best = search_by_parts(
        built, start, budget, config.seed, config.workers, report, KINDS, by_model, until=until
    )
    clock.spent += budget.spent
    _note(clock, "by parts", best.objective)
    return best


def _time_for_people(clock: Clock, config: SolveConfig) -> bool:
    """Whether the search by parts has ``Shares.people_from`` of the solve's time (of its
    work, with a work budget) left, enough to move people by CP-SAT models of their own
    as well as windows (people with a graph are moved whatever the time: a shortest
    path costs next to nothing)."""
    share = config.shares.people_from
    work = clock.det_left()
    if clock.deterministic is not None and work is not None:
        return work >= share * clock.deterministic
    return clock.left() >= share * config.time_limit


def _wait(exact: Exact, clock: Clock) -> None:
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


def _note(clock: Clock, phase: str, *figures: object) -> None:
    if log.isEnabledFor(logging.DEBUG):
        log.debug("%6.1f s  %s %s", clock.elapsed(), phase, " ".join(map(str, figures)))


def _finish(solution: Solution, bound: float, clock: Clock) -> Solution:
    if solution.objective is None:
        return dataclasses.replace(solution, seconds=clock.elapsed())
    optimal = solution.status == "OPTIMAL" or solution.objective <= bound
    bound = solution.objective if optimal else max(bound, solution.bound or 0.0)
    return dataclasses.replace(
        solution,
        status="OPTIMAL" if optimal else "FEASIBLE",
        bound=bound,
        gap=0.0 if optimal else gap(solution.objective, bound),
        seconds=clock.elapsed(),
    )
