"""A second search on the whole model, run alongside the decomposition.

Column generation and LNS settle most of a roster fast, but on small, tight problems LNS
can stall in a local optimum a few units above the best roster, which no hole of a few
people or days can leave (Curtois & Qu Instance 5: 1,146 against 1,143 for 50 s). CP-SAT
on the whole model with one worker and the full LP (linearization level 2) is guided by
that LP across the whole roster and finds, often proves, the optimum there (Instance 5 in
28-50 s, Instance 6 in 24 s), while it is hopeless on large problems that the
decomposition handles well. So with two or more workers one of them races the whole model
from the first lawful roster; the decomposition uses the rest. Each side sees the other:
LNS adopts the race's better rosters, and a race that proves optimality stops the
decomposition. A race still far from its own bound late in its time will not prove
anything: it yields its worker to a second LNS search (``hopeless``).
"""

from __future__ import annotations

import math
import threading
import time

from ortools.sat.python import cp_model

from .lns import Incumbent
from .model import hint_values

# x variables (staff x days x shifts). Beyond, the decomposition needs every worker: on
# Curtois Instance 8 (3,360) two LNS searches end at 1,306-1,309, a race and one at 1,314-1,325
MAX_CELLS = 2_000
# a race is worth its worker for the proof it may give: after YIELD_AT of its time, a race
# whose best is still more than KEEP_GAP above its own bound yields its worker to LNS.
# Curtois Instance 7 at 24 s of 60: 1,074-1,165 against a bound of 1,049 (it never proves);
# Instances 5 and 6 are within 0.3 % by then and proved at 18 s and 26 s.
YIELD_AT = 0.4
KEEP_GAP = 0.01


class Race:
    """CP-SAT on a copy of ``model`` in a background thread, started from ``hint`` (all
    variable values), for at most ``seconds``. ``stop`` is set when it proves optimality."""

    def __init__(
        self,
        model: cp_model.CpModel,
        hint: list[int],
        seconds: float,
        seed: int,
        stop: threading.Event,
    ) -> None:
        self._started = time.monotonic()
        self._seconds = seconds
        self._model = model.clone()
        hint_values(self._model, hint)
        self._solver = cp_model.CpSolver()
        params = self._solver.parameters
        params.catch_sigint_signal = False  # Ctrl-C is the program's: cpsat.make_solver
        params.num_workers = 1
        params.random_seed = seed
        params.max_time_in_seconds = max(0.01, seconds)
        params.linearization_level = 2
        self._stop = stop
        self._lock = threading.Lock()
        self._best: Incumbent | None = None
        self._finished = False
        self.bound = -math.inf  # valid lower bound once the race is over
        self._seen_bound = -math.inf  # the search's bound at its last roster
        self.proven = False
        self._thread = threading.Thread(target=self._run, name="s92-race", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        race = self

        class Keep(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                found = Incumbent(list(self.response_proto.solution), round(self.objective_value))
                with race._lock:
                    race._best = found
                    race._seen_bound = self.best_objective_bound
                    if race._finished:  # finish() came before the search began
                        self.stop_search()

        code = self._solver.solve(self._model, Keep())
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.bound = self._solver.best_objective_bound
        self.proven = code == cp_model.OPTIMAL
        if self.proven:
            self._stop.set()

    def best(self) -> Incumbent | None:
        """The race's best roster so far (thread-safe)."""
        with self._lock:
            return self._best

    def hopeless(self) -> bool:
        """Whether the race should yield its worker now (see ``hopeless``)."""
        with self._lock:
            best, bound = self._best, self._seen_bound
        objective = None if best is None else best.objective
        return hopeless(time.monotonic() - self._started, self._seconds, objective, bound)

    def finish(self) -> Incumbent | None:
        """Stop the race and return its best roster (again, if called again)."""
        with self._lock:
            self._finished = True
        self._solver.stop_search()
        self._thread.join()
        return self.best()


def worth_racing(cells: int, workers: int, deterministic: bool) -> bool:
    """A race needs a spare worker, a model small enough for the full LP, and a wall-clock
    budget (two threads sharing results are not reproducible)."""
    return workers >= 2 and cells <= MAX_CELLS and not deterministic


def hopeless(elapsed: float, seconds: float, best: float | None, bound: float) -> bool:
    """A race ``elapsed`` seconds into its ``seconds`` is not worth its worker once past
    ``YIELD_AT`` of its time with its ``best`` (None: no roster yet) still more than
    ``KEEP_GAP`` above its ``bound``."""
    if elapsed < YIELD_AT * seconds:
        return False
    return best is None or best - bound > KEEP_GAP * abs(best)
