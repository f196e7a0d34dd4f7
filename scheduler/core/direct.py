"""The direct model as one arm of the portfolio: CP-SAT on the whole model with its default
parameters and every worker, from the best roster so far.

It runs first, from the lawful roster, so the decomposition starts from whatever the
direct model finds in its share of the time: the solve is then never worse than the direct
model stopped at that point, and a small problem is often proved optimal here. On a large
model (``SolveConfig.direct_cells``) it runs as a user runs it (``run_plain``): all the
time, in one search, from nothing.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .apart import KILL_GRACE, POLL, Answer, Apart, Roster
from .clock import Clock
from .config import SolveConfig
from .cpsat import found, make_solver, status_of, values_of
from .lns import Incumbent
from .model import BuiltModel, hint_values
from .result import Progress, Status

STALL_SECONDS = 1.0


def _stalled(began: float, last: float, now: float) -> bool:
    """No better roster for half the phase so far (and at least ``STALL_SECONDS``): the
    direct model has found what it finds early (a small problem it cannot prove: Curtois
    Instance2's optimum in a second, then no proof in a minute), so the time goes on."""
    return now - last >= max(STALL_SECONDS, (now - began) / 2)


@dataclass
class Direct:
    best: Incumbent | None
    bound: float
    proven: bool
    handed: bool = False  # stopped with a roster to hand over (``run_plain``'s ``hand_over``)


def run_direct(
    built: BuiltModel,
    start: list[int],
    clock: Clock,
    config: SolveConfig,
    workers: int,
    share: float,
    progress: Callable[[Progress], None] | None = None,
    stop_at: float | None = None,
) -> Direct:
    """CP-SAT on the whole model for ``share`` of the time left, hinted with the roster
    ``start``; longer (up to half the time left) while it has no roster yet: on a large
    model its first roster comes after presolve. Stops early on reaching ``stop_at``, or
    on stalling unless it has all the time (``share`` 1: nothing else would use it). With
    a work budget it stops on its share of the work only, reproducibly."""
    hint_values(built.model, start)
    found_at: list[float] = []  # when each better roster came
    if clock.deterministic is None:
        soft_end = time.monotonic() + clock.left() * share
        hard = max(clock.left() * share, clock.left() / 2)
    else:
        soft_end, hard = math.inf, clock.left()
    solver = make_solver(hard, config.seed, workers, clock.det_left(share), config.log)
    # the direct model as a user would run it: CP-SAT's own defaults, no tuning
    solver.parameters.interleave_search = cp_model.SatParameters().interleave_search
    lock = threading.Lock()

    class Watch(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            now = time.monotonic()
            objective = self.objective_value
            with lock:
                found_at.append(now)
            if progress is not None:
                progress(Progress(objective, self.best_objective_bound, now - clock.started))
            if stop_at is not None and objective <= stop_at:
                self.stop_search()

    done = threading.Event()

    began = time.monotonic()

    def stop_when_due() -> None:
        # the callback only runs on a new roster: the clock is watched from here
        while not done.wait(0.05):
            now = time.monotonic()
            with lock:
                last = found_at[-1] if found_at else None
            stalled = share < 1.0 and _stalled(began, last or now, now)
            due = last is not None and (now >= soft_end or stalled)
            if due or clock.stop.is_set():
                solver.stop_search()
                return

    watcher = threading.Thread(target=stop_when_due, name="s92-direct", daemon=True)
    watcher.start()
    try:
        code = solver.solve(built.model, Watch())
    finally:
        done.set()
        watcher.join()
    return _result(solver, code, clock)


def run_plain(
    built: BuiltModel,
    clock: Clock,
    config: SolveConfig,
    workers: int,
    give_up: float,
    on_roster: Callable[[], None] | None = None,
    hand_over: float = math.inf,
) -> Direct:
    """The direct model exactly as a user runs it, for all the time left, from nothing (no
    hint), in a child process (``apart``: it is ended at the solve's deadline however busy
    the machine, where a search in this process heeds a stop only between its steps, and
    each better roster comes back as found). ``on_roster`` is told (once) when it has a
    first roster; with none by ``give_up`` of the time it is ended at once (it has nothing
    to lose; on a busy machine its presolve would go on for seconds). With a work budget
    it runs on that alone. ``hand_over`` (finite): once it has a roster, it stops when it
    has found no better one for that share of its time so far, and says it handed its
    roster over (``Direct.handed``); with a work budget that is read at its rosters, in
    work (a roster that comes after so long stops it), so a one-worker run stays
    reproducible."""
    solver = make_solver(clock.left(), config.seed, workers, clock.det_left())
    solver.parameters.interleave_search = cp_model.SatParameters().interleave_search
    rostered = threading.Event()

    def told(_: Roster) -> None:
        if not rostered.is_set():
            rostered.set()
            if on_roster is not None:
                on_roster()

    deterministic = clock.deterministic is not None
    search = Apart(built.model, solver, told, hand_over if deterministic else math.inf)
    answer = _until_due(search, clock, give_up, hand_over, rostered)
    clock.spent += answer.work
    best = answer.best
    if best is None or best.values is None:
        return Direct(None, -math.inf, False)
    proven = answer.status == "OPTIMAL"
    return Direct(
        Incumbent(best.values, round(best.objective)), answer.bound, proven, answer.handed
    )


def run_rest(
    built: BuiltModel,
    clock: Clock,
    config: SolveConfig,
    progress: Callable[[Progress], None] | None = None,
) -> tuple[Status, Incumbent | None, float]:
    """CP-SAT on the whole model (from its hint, if any) for the time left, in a child
    process ended by the solve's deadline (``apart``): the search of last resort when no
    lawful roster was found in time; started late on a busy machine it would otherwise
    load the model and return seconds past the limit. Its status (INFEASIBLE: proven),
    its best roster if any, and the bound."""
    solver = make_solver(clock.left(), config.seed, config.workers, clock.det_left())

    def report(roster: Roster) -> None:
        if progress is not None:
            progress(Progress(roster.objective, roster.bound, clock.elapsed()))

    answer = _until_due(Apart(built.model, solver, report), clock, 1.0, math.inf, None)
    clock.spent += answer.work
    best = answer.best
    if best is None or best.values is None:
        return answer.status if not answer.killed else "UNKNOWN", None, -math.inf
    bound = best.objective if answer.status == "OPTIMAL" else answer.bound
    return answer.status, Incumbent(best.values, round(best.objective)), bound


def _until_due(
    search: Apart,
    clock: Clock,
    give_up: float,
    hand_over: float,
    rostered: threading.Event | None,
) -> Answer:
    """Watch ``search`` until it ends, or is due to: asked to stop at the solve's deadline
    (less what is kept back), on the solve's stop, or (on the clock) at its hand-over;
    ended at once if it has no roster by ``give_up`` of the time, or by the deadline (a
    search of last resort started late on a busy machine was asked, then waited for, and
    returned 3-5 s past the limit with nothing: BENCHMARKS.md, apart22); killed if it has
    not answered ``KILL_GRACE`` after it was asked, or by ``kill_by``."""
    began = time.monotonic()
    empty_by = began + clock.left() * give_up
    deterministic = clock.deterministic is not None
    handed = False
    asked: float | None = None
    try:
        while not search.ended:
            now = time.monotonic()
            if now >= kill_by(clock) or (asked is not None and now >= asked + KILL_GRACE):
                break
            empty = rostered is not None and not rostered.is_set()
            if empty and now >= empty_by and not deterministic:
                break  # nothing to lose: not asked, ended
            last = search.last
            due = last is not None and now - last >= max(STALL_SECONDS, hand_over * (now - began))
            if asked is None and not deterministic and due:
                handed = True
            out = now >= clock.deadline - clock.reserve or clock.stop.is_set()
            if out and search.first is None:
                break  # due with no roster: nothing to wait for (ended, not asked)
            if asked is None and (handed or out):
                search.stop()
                asked = now
            time.sleep(POLL)
    except BaseException:  # Ctrl-C, say: the child goes with this search
        search.kill()
        raise
    answer = search.wait(time.monotonic())
    return dataclasses.replace(answer, handed=answer.handed or handed)


def kill_by(clock: Clock) -> float:
    """When a search in a child must have answered (``time.monotonic()``): the solve's
    end, tolerance included (``Clock.end``); costing its roster then has at most
    ``solve.MIN_READ``, and the limit's 5 % and 2 s hold."""
    return clock.end


def _result(solver: cp_model.CpSolver, code: object, clock: Clock) -> Direct:
    """The search's roster and bound, its work charged to the solve's budget."""
    clock.spent += solver.deterministic_time
    if not found(code):
        return Direct(None, -math.inf, False)
    best = Incumbent(values_of(solver), round(solver.objective_value))
    return Direct(best, solver.best_objective_bound, status_of(code) == "OPTIMAL")
