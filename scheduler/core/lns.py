"""Large-neighbourhood search over a built rostering model.

CP-SAT's own LNS picks neighbourhoods from the constraint graph; rosters have a structure
it does not see: cover couples everyone on one day, sequence rules couple one person's
days. So we free whole rows (a few people, every day), whole columns (everyone, a few
consecutive days) or blocks of both, keep the rest of the incumbent fixed, and let CP-SAT
re-optimise the hole starting from the incumbent. Neighbourhood sizes adapt: a hole
solved to optimality grows, a hole that ran out of time shrinks.

With one worker every sub-solve is bounded in deterministic time, so a run cut by the
deterministic budget (not the wall clock) is reproducible.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from .clock import Budget
from .config import LnsConfig
from .cpsat import cell_pins, decode
from .model import BuiltModel, hint_values
from .params import strong_lp

# seconds below which a hole is not searched: CP-SAT would spend them loading it
MIN_HOLE = 0.1
STANDBY_POLL = 0.2  # seconds between checks of a search waiting for a free worker
# an LNS search may be told to stop by its caller, asked before each hole with the best so
# far and how many holes this search has solved
Stop = Callable[["Incumbent", int], bool]


@dataclass
class Incumbent:
    values: list[int]  # value of every model variable, by proto index
    objective: int


class Search:
    def __init__(
        self, built: BuiltModel, seed: int, workers: int, config: LnsConfig | None = None
    ) -> None:
        self.config = config or LnsConfig()
        self.built = built
        self.rng = random.Random(seed)
        self.seed = seed
        self.workers = workers
        self.staff = [m.id for m in built.problem.staff]
        self.horizon = built.problem.horizon
        self.shifts = [s.id for s in built.problem.shifts]
        self.size = dict.fromkeys(
            self.config.kinds, self.config.initial_size
        )  # fraction of the roster freed, per kind
        self.iterations = 0
        self._pinned: tuple[Incumbent, dict[tuple[str, int], tuple[int, int]]] | None = None
        self._copying = 0.0  # seconds the last hole's copy and pins took

    def run(
        self,
        start: Incumbent,
        budget: Budget,
        on_improve: Callable[[Incumbent], None] | None = None,
        target: float | None = None,
        foreign: Callable[[], Incumbent | None] | None = None,
        stop: Stop | None = None,
    ) -> Incumbent:
        """Improve ``start`` until the budget is spent, ``target`` (a bound) is reached or
        ``stop`` says so. ``foreign`` offers another search's best roster: adopted when it
        is better."""
        best = start
        while not budget.exhausted() and (target is None or best.objective > target):
            if stop is not None and stop(best, self.iterations):
                break
            if budget.left() - self._copying < MIN_HOLE:  # no hole would end in time
                break
            other = foreign() if foreign is not None else None
            if other is not None and other.objective < best.objective:
                best = other
                if on_improve is not None:
                    on_improve(best)
                continue
            kinds = self.config.kinds
            kind = kinds[self.iterations % len(kinds)]
            self.iterations += 1
            free = self._neighbourhood(kind, best)
            result, finished = self._solve_hole(best, free, budget)
            self._adapt(kind, finished)
            if result is not None and result.objective <= best.objective:
                improved = result.objective < best.objective
                best = result  # equal moves too: they drift across plateaus
                if improved and on_improve is not None:
                    on_improve(best)
        return best

    # ------------------------------------------------------------ neighbourhoods
    def _neighbourhood(self, kind: str, best: Incumbent) -> set[tuple[str, int]]:
        f = self.size[kind]
        n_staff, n_days = len(self.staff), self.horizon
        days: Sequence[int]
        hot = self._hot_slot(best) if self.rng.random() < self.config.target else None
        if kind == "staff":
            people, days = self._pick_staff(max(2, round(f * n_staff)), best, hot), range(n_days)
        elif kind == "days":
            people, days = self.staff, self._pick_days(max(2, round(f * n_days)), hot)
        else:
            root = f**0.5
            people = self._pick_staff(max(2, round(root * n_staff)), best, hot)
            days = self._pick_days(max(3, round(root * n_days)), hot)
        return {(p, d) for p in people for d in days}

    def _hot_slot(self, best: Incumbent) -> tuple[int, str] | None:
        """A random under-covered (day, shift): where improvement is most likely."""
        short = []
        for c in self.built.problem.cover:
            n = sum(best.values[self.built.x[p, c.day, c.shift].index] for p in self.staff)
            if n < c.required:
                short.append((c.day, c.shift))
        return self.rng.choice(short) if short else None

    def _pick_staff(self, k: int, best: Incumbent, hot: tuple[int, str] | None) -> Sequence[str]:
        k = min(k, len(self.staff))
        if hot is None:
            return self.rng.sample(self.staff, k)
        # people who could take the short slot: off that day, or on another shift
        day, shift = hot
        able = [p for p in self.staff if not best.values[self.built.x[p, day, shift].index]]
        picked = self.rng.sample(able, min(k, len(able)))
        rest = [p for p in self.staff if p not in picked]
        return picked + self.rng.sample(rest, k - len(picked))

    def _pick_days(self, w: int, hot: tuple[int, str] | None = None) -> list[int]:
        """``w`` consecutive days, wrapping from the last day to the first: a wrapped
        window frees both ends of the horizon and keeps the middle, the move a window
        within the horizon cannot make (Curtois Instance 7: 1,058 with every 20-day window
        solved to optimality, 1,056 once 24 days around a fixed 4 are freed)."""
        w = min(w, self.horizon)
        # around a short day, a window that contains it
        start = self.rng.randrange(self.horizon) if hot is None else hot[0] - self.rng.randrange(w)
        return sorted((start + i) % self.horizon for i in range(w))

    def _adapt(self, kind: str, finished: bool) -> None:
        f = self.size[kind] * (self.config.grow if finished else self.config.shrink)
        self.size[kind] = min(1.0, max(0.02, f))

    # ------------------------------------------------------------- sub-problems
    def _cells(self, best: Incumbent) -> dict[tuple[str, int], tuple[int, int]]:
        """The pin of each (person, day) cell of ``best`` (``cpsat.cell_pins``); kept for
        the incumbent it was read from."""
        if self._pinned is None or self._pinned[0] is not best:
            roster = decode(self.built, best.values)
            cells = {
                (staff, d): cell_pins(self.built, staff, d, shift)
                for staff, row in roster.items()
                for d, shift in enumerate(row)
            }
            self._pinned = (best, cells)
        return self._pinned[1]

    def solve_hole(
        self, best: Incumbent, free: set[tuple[str, int]], budget: Budget, limit: float = 1e9
    ) -> tuple[Incumbent | None, bool]:
        """Re-optimise the (staff, day) cells in ``free``, the rest fixed to ``best``."""
        return self._solve_hole(best, free, budget, limit)

    def _solve_hole(
        self,
        best: Incumbent,
        free: set[tuple[str, int]],
        budget: Budget,
        limit: float | None = None,
    ) -> tuple[Incumbent | None, bool]:
        if budget.left() - self._copying < MIN_HOLE:  # not even time to copy it: none
            budget.spent += 0.02
            return None, False
        began = time.monotonic()
        sub = self.built.model.clone()
        variables = sub.proto.variables
        for (staff, day), (index, value) in self._cells(best).items():
            if (staff, day) not in free:
                domain = variables[index].domain
                domain[0] = domain[1] = value
        hint_values(sub, best.values)
        # the incumbent is feasible: only strictly better holes are worth searching
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.catch_sigint_signal = False  # Ctrl-C is the program's: cpsat.make_solver
        params.num_workers = self.workers
        params.random_seed = self.seed + self.iterations
        cfg = self.config
        seconds = cfg.sub_seconds if limit is None else limit
        work = cfg.sub_deterministic if limit is None else limit
        # the hole's time from the time left: its copy and pins took as long as loading it
        # and reading it back will, so a hole that could not end by the deadline is not
        # searched (a busy machine's late hole ran half a second past a 20 s solve's end)
        self._copying = time.monotonic() - began
        left = budget.left() - self._copying
        if left < MIN_HOLE:
            budget.spent += 0.02
            return None, False
        params.max_time_in_seconds = max(0.05, min(left, seconds))
        params.max_deterministic_time = work
        if budget.deterministic is not None:
            left = budget.deterministic - budget.spent
            params.max_deterministic_time = max(0.01, min(work, left))
        strong_lp(solver)  # holes are small: the full LP proves them fast
        code = solver.solve(sub)
        # a floor per iteration accounts for model copying, so tiny holes still use budget
        budget.spent += max(solver.deterministic_time, 0.02)
        finished = code == cp_model.OPTIMAL
        if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            # the incumbent is a solution of every hole: this is a bug, not bad luck
            raise RuntimeError(f"LNS sub-problem is {solver.status_name(code)}")
        if code == cp_model.UNKNOWN:
            return None, False
        values = list(solver.response_proto.solution)
        return Incumbent(values, round(solver.objective_value)), finished


class SharedBest:
    """The best roster of several searches running in threads (and of ``extra``, another
    search's best, when given). Improvements are reported once each, in order."""

    def __init__(
        self,
        start: Incumbent,
        extra: Callable[[], Incumbent | None] | None = None,
        on_improve: Callable[[Incumbent], None] | None = None,
    ) -> None:
        self._best = start
        self._extra = extra
        self._on_improve = on_improve
        self._lock = threading.Lock()

    def offer(self, found: Incumbent) -> None:
        with self._lock:
            if found.objective < self._best.objective:
                self._best = found
                if self._on_improve is not None:
                    self._on_improve(found)

    def best(self) -> Incumbent:
        other = self._extra() if self._extra is not None else None
        if other is not None:
            self.offer(other)
        with self._lock:
            return self._best


def search_in_parallel(
    built: BuiltModel,
    start: Incumbent,
    budget: Budget,
    seed: int,
    threads: int,
    config: LnsConfig | None = None,
    on_improve: Callable[[Incumbent], None] | None = None,
    target: float | None = None,
    foreign: Callable[[], Incumbent | None] | None = None,
    standby: threading.Event | None = None,
    stop: Stop | None = None,
) -> Incumbent:
    """``threads`` searches of one CP-SAT worker each (seeds ``seed``, ``seed + 1``, ...),
    each adopting the others' better rosters. One worker per hole with the full LP escapes
    local optima that two workers on one hole do not (Curtois Instance 8: 1,405 stays 1,405
    for 30 s with two, drops to 1,313 with one), and independent searches diversify. With a
    ``standby`` event, one more search starts, from the best so far, once it is set (a
    worker freed by another search). ``stop`` is asked of the shared best before each
    hole of every search."""
    shared = SharedBest(start, foreign, on_improve)
    extra = 0 if standby is None else 1

    def one(i: int) -> Incumbent:
        mine = replace(budget, spent=0.0)
        if i >= threads and standby is not None:  # on standby until a worker is free
            while not (standby.wait(STANDBY_POLL) or mine.exhausted()):
                shared.best()  # lets ``foreign`` see time pass, so it can free the worker
            if mine.exhausted():
                return shared.best()
        search = Search(built, seed + i, 1, config)
        told = None if stop is None else (lambda _, holes: stop(shared.best(), holes))
        return search.run(shared.best(), mine, shared.offer, target, shared.best, told)

    with ThreadPoolExecutor(threads + extra) as pool:
        for result in pool.map(one, range(threads + extra)):
            shared.offer(result)
    return shared.best()
