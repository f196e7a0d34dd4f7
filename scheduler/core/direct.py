"""The direct model as one arm of the portfolio: CP-SAT on the whole model with its default
parameters and every worker, from the best roster so far.

It runs first, from the lawful roster, so the decomposition starts from whatever the
direct model finds in its share of the time: the solve is then never worse than the direct
model stopped at that point, and a small problem is often proved optimal here. Its
trajectory (objective against time) tells how fast the direct model was still improving
when it stopped; ``Trajectory.projected`` extrapolates that pace, which is what the
decomposition must beat to keep the time (``solve``), else the direct model gets the rest.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .clock import Clock
from .config import SolveConfig
from .cpsat import found, make_solver, status_of, values_of
from .lns import Incumbent
from .model import BuiltModel, hint_values
from .result import Progress


@dataclass
class Trajectory:
    """The direct model's improving rosters: (time.monotonic(), objective), in order."""

    points: list[tuple[float, float]] = field(default_factory=list)
    ended: float = 0.0  # when the direct model stopped

    def pace(self) -> float:
        """Objective units gained per second over the later half of the run (0 when it
        had stopped improving or found fewer than two rosters). Improvement slows down as
        a search goes on, so this overstates what it would have gained after stopping:
        the comparison it feeds leans towards giving the direct model the time."""
        if len(self.points) < 2:
            return 0.0
        first = self.points[0][0]
        middle = first + (self.ended - first) / 2
        before = [obj for t, obj in self.points if t <= middle]
        level = before[-1] if before else self.points[0][1]
        seconds = self.ended - max(middle, first)
        return max(0.0, level - self.points[-1][1]) / seconds if seconds > 0 else 0.0

    def projected(self, when: float) -> float:
        """Where the direct model would have been at ``when`` had it kept its late pace."""
        if not self.points:
            return float("inf")
        return self.points[-1][1] - self.pace() * max(0.0, when - self.ended)


@dataclass
class Direct:
    best: Incumbent | None
    bound: float
    proven: bool
    trajectory: Trajectory


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
    model its first roster comes after presolve. Stops early on reaching ``stop_at``. With
    a work budget it stops on its share of the work only, reproducibly."""
    hint_values(built.model, start)
    trajectory = Trajectory()
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
                trajectory.points.append((now, objective))
            if progress is not None:
                progress(Progress(objective, self.best_objective_bound, now - clock.started))
            if stop_at is not None and objective <= stop_at:
                self.stop_search()

    done = threading.Event()

    def stop_when_due() -> None:
        # the callback only runs on a new roster: the clock is watched from here
        while not done.wait(0.05):
            with lock:
                has_roster = bool(trajectory.points)
            if (time.monotonic() >= soft_end and has_roster) or clock.stop.is_set():
                solver.stop_search()
                return

    watcher = threading.Thread(target=stop_when_due, name="s92-direct", daemon=True)
    watcher.start()
    try:
        code = solver.solve(built.model, Watch())
    finally:
        done.set()
        watcher.join()
    trajectory.ended = time.monotonic()
    clock.spent += solver.deterministic_time
    if not found(code):
        return Direct(None, -float("inf"), False, trajectory)
    best = Incumbent(values_of(solver), round(solver.objective_value))
    return Direct(best, solver.best_objective_bound, status_of(code) == "OPTIMAL", trajectory)
