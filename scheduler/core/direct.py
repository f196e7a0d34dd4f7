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
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .clock import Clock
from .config import SolveConfig
from .cpsat import found, make_solver, status_of, values_of
from .lns import Incumbent
from .model import BuiltModel, hint_values
from .result import Progress

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
    """The direct model exactly as a user runs it, for all the time left: no hint and no
    solution callback (with one, CP-SAT hands every improving roster of a large model
    back through Python, and ends 1.2-1.4 times worse in the same time: generated Gen30,
    297 rosters in 40 s). Its log says when it has a first roster (``on_roster`` is told,
    once); with none by ``give_up`` of the time it stops. With a work budget it runs on
    that alone. ``hand_over`` (finite): once it has a roster, it stops when it has found
    no better one for that share of its time so far, and says it handed its roster over
    (``Direct.handed``); with a work budget that is read at its rosters, in work (a roster
    that comes after so long stops it), so a one-worker run stays reproducible."""
    solver = make_solver(clock.left(), config.seed, workers, clock.det_left())
    solver.parameters.interleave_search = cp_model.SatParameters().interleave_search
    rostered = threading.Event()
    began = time.monotonic()
    found_at: list[float] = []  # when its latest better roster came (``time.monotonic()``)
    handed = threading.Event()
    if clock.deterministic is None:
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False

        def read_log(line: str) -> None:
            if _ROSTER_LINE.match(line):
                found_at[:] = [time.monotonic()]
                if not rostered.is_set():
                    rostered.set()
                    if on_roster is not None:
                        on_roster()

        solver.log_callback = read_log
    done = threading.Event()
    empty_by = began + clock.left() * give_up

    def stop_when_due() -> None:
        while not done.wait(0.05):
            now = time.monotonic()
            late = not rostered.is_set() and now >= empty_by
            last = found_at[-1] if found_at else None
            due = last is not None and now - last >= max(STALL_SECONDS, hand_over * (now - began))
            if due:
                handed.set()
            if late or due or clock.stop.is_set():
                solver.stop_search()
                return

    watcher = threading.Thread(target=stop_when_due, name="s92-plain", daemon=True)
    if clock.deterministic is None:
        watcher.start()
    watch = None
    if clock.deterministic is not None and math.isfinite(hand_over):
        watch = _HandOver(hand_over, handed)
    try:
        code = solver.solve(built.model, watch) if watch else solver.solve(built.model)
    finally:
        done.set()
        if watcher.is_alive():
            watcher.join()
    return dataclasses.replace(_result(solver, code, clock), handed=handed.is_set())


class _HandOver(cp_model.CpSolverSolutionCallback):
    """With a work budget, at each roster: stop when it came after ``hand_over`` of the
    work so far without one (reproducible: read in work, at rosters only)."""

    def __init__(self, hand_over: float, handed: threading.Event) -> None:
        super().__init__()
        self.hand_over = hand_over
        self.handed = handed
        self.last: float | None = None

    def on_solution_callback(self) -> None:
        work = self.deterministic_time
        if self.last is not None and work - self.last >= self.hand_over * work:
            self.handed.set()
            self.stop_search()
        self.last = work


def _result(solver: cp_model.CpSolver, code: object, clock: Clock) -> Direct:
    """The search's roster and bound, its work charged to the solve's budget."""
    clock.spent += solver.deterministic_time
    if not found(code):
        return Direct(None, -math.inf, False)
    best = Incumbent(values_of(solver), round(solver.objective_value))
    return Direct(best, solver.best_objective_bound, status_of(code) == "OPTIMAL")


# a line of CP-SAT's search log announcing a roster: "#1 ...", "#2 ..." (not "#Bound")
_ROSTER_LINE = re.compile(r"#\d+\s")
