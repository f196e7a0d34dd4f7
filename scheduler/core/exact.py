"""Exact search near the column-generation bound: reduced-cost fixing, then a MIP.

Under the master LP's duals every roster's objective is the Lagrangian bound L plus, per
person, the excess of their schedule over their cheapest one (under the duals), plus the
reduced costs of the cover slacks: all of them at least zero. So a roster of objective at
most T uses, for each person, only graph arcs (``paths.PersonGraph.near``) on schedules
within T - L of their cheapest, and only cover shortfalls whose reduced cost fits in T - L.
Near the bound that leaves few arcs, and the arc-flow MIP over them is small enough for
HiGHS to solve outright. Solving it for T = ceil(L), ceil(L) + 1, ... (levels) either finds
a roster of at most T, which is then optimal, or proves there is none, which raises the
bound by one.

Curtois Instance7: 9,371 arcs at T = 1,055; the level's MIP has optimum 1,056 (11 s), so
1,056 is optimal, where LNS and CP-SAT stay at 1,057 for the whole minute. Far from the
bound, or where the duals leave many arcs at zero reduced cost (Instance12: 240,000 at
T = L), the MIP is too large and the level loop stops (``MAX_ARCS``).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from ortools.linear_solver.python import model_builder as mb

from .data import Problem
from .lns import Incumbent
from .paths import EPS, Arcs, PersonGraph

Roster = dict[str, tuple[str | None, ...]]

MAX_ARCS = 40_000  # beyond, a level's MIP is out of reach in a minute (Curtois Instance11:
# 65,000 arcs at T = L, no roster in 30 s)
HIGHS_OPTIONS = (
    "output_flag = false",  # no banner or log on the caller's stdout
    "threads = 1",
    # sub-MIP heuristics (RINS, RENS) find the rosters: at the default effort of 0.05
    # HiGHS spends 25 s in cut rounds that do not move the bound before trying them
    "mip_heuristic_effort = 0.3",
    "mip_rel_gap = 0",
    "mip_abs_gap = 0.99",  # objectives are integers
)


@dataclass(frozen=True)
class Prices:
    """The master LP at the end of column generation: its value, cover duals by (day,
    shift) and convexity duals by person."""

    lp: float
    duals: Mapping[tuple[int, str], float]
    convexity: Mapping[str, float]


def applies(problem: Problem, graphs: Mapping[str, PersonGraph]) -> bool:
    """Whether the master prices every objective term: every person has a graph, and no
    soft rule couples people (companions, fairness, a rota the solver designs)."""
    if problem.companions or problem.fairness or problem.consecutive_limits:
        return False
    if problem.rota is not None and problem.rota.pattern is None:
        return False
    return bool(graphs) and set(graphs) == {m.id for m in problem.staff}


class Levels:
    """The level loop for one problem: ``search`` runs levels until one proves the
    optimum, the arcs exceed ``MAX_ARCS``, time runs out or ``stop`` is called."""

    def __init__(
        self,
        problem: Problem,
        graphs: Mapping[str, PersonGraph],
        prices: Prices,
        seed: int = 0,
        ceiling: float = math.inf,
    ) -> None:
        """``ceiling``: the objective of a known roster (levels stop below it; lowered as
        better rosters are found elsewhere)."""
        self.problem = problem
        self.graphs = graphs
        self.seed = seed
        self.ceiling = ceiling
        self.cover = [c for c in problem.cover if 0 <= c.day < problem.horizon]
        self.duals = prices.duals
        self.costs = {s: g.arcs(dict(prices.duals)) for s, g in graphs.items()}
        bound = prices.lp
        for staff, graph in graphs.items():
            least, _ = graph.least(self.costs[staff])
            bound += least - prices.convexity[staff]
        self.bound = bound  # the Lagrangian bound of these duals
        self.lower = math.ceil(bound - EPS)  # no roster costs less
        self.best: tuple[int, Roster] | None = None
        self.proven = False
        self._solver: mb.Solver | None = None
        self._stopped = False
        self._lock = threading.Lock()

    def fits(self) -> bool:
        """Whether the first level's MIP is small enough to be worth a worker."""
        return sum(len(a.day) for a in self.arcs_at(self.lower).values()) <= MAX_ARCS

    def arcs_at(self, level: int) -> dict[str, Arcs]:
        """Each person's arcs that a roster of objective at most ``level`` may use."""
        cap = level - self.bound
        return {s: g.near(self.costs[s], cap) for s, g in self.graphs.items()}

    def search(self, deadline: float) -> None:
        level = self.lower
        while not self._stopped and level < self.ceiling:
            if self.best is not None and self.best[0] <= self.lower:
                self.proven = True
                return
            chosen = self.arcs_at(level)
            if sum(len(a.day) for a in chosen.values()) > MAX_ARCS:
                return
            left = deadline - time.monotonic()
            if left <= 0.05:
                return
            status, found = self._solve_level(chosen, level - self.bound, left)
            if status == mb.SolveStatus.OPTIMAL and found is not None:
                value, roster = found
                if self.best is None or value < self.best[0]:
                    self.best = (value, roster)
                # the MIP holds every roster of at most ``level``: its optimum is the
                # optimum if within the level, else the level is empty
                self.lower = max(self.lower, min(value, level + 1))
            elif status == mb.SolveStatus.INFEASIBLE:
                self.lower = max(self.lower, level + 1)
            else:  # out of time (HiGHS keeps no roster then) or stopped
                return
            level += 1
        self.proven = self.best is not None and self.best[0] <= self.lower

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._solver is not None:
                self._solver.stop_search()

    # ------------------------------------------------------------------ one level
    def _solve_level(
        self, chosen: Mapping[str, Arcs], cap: float, seconds: float
    ) -> tuple[mb.SolveStatus, tuple[int, Roster] | None]:
        model, flows = self._model(chosen, cap)
        solver = mb.Solver("highs")
        solver.set_time_limit_in_seconds(seconds)
        solver.set_solver_specific_parameters(
            "\n".join((*HIGHS_OPTIONS, f"random_seed = {self.seed}"))
        )
        with self._lock:
            if self._stopped:
                return mb.SolveStatus.CANCELLED_BY_USER, None
            self._solver = solver
        status = solver.solve(model)
        with self._lock:
            self._solver = None
        if status != mb.SolveStatus.OPTIMAL:
            return status, None
        roster = {}
        for staff, (arcs, xs) in flows.items():
            taken = solver.values(xs).to_numpy() > 0.5
            row: list[str | None] = [None] * self.problem.horizon
            shifts = self.graphs[staff].shifts
            for d, a in zip(arcs.day[taken], arcs.action[taken], strict=True):
                row[d] = None if a == 0 else shifts[a - 1]
            roster[staff] = tuple(row)
        return status, (round(solver.objective_value), roster)

    def _model(
        self, chosen: Mapping[str, Arcs], cap: float
    ) -> tuple[mb.Model, dict[str, tuple[Arcs, pd.Series]]]:
        """The arc-flow MIP: one unit of flow per person through their kept arcs, cover
        counted from the arcs of each day's shifts, slacks capped by their reduced cost."""
        model = mb.Model()
        objective = []
        flows = {}
        on: dict[tuple[int, str], list] = {}
        for staff, arcs in chosen.items():
            xs = model.new_bool_var_series(staff, pd.RangeIndex(len(arcs.day)))
            flows[staff] = (arcs, xs)
            objective.append(mb.LinearExpr.weighted_sum(xs.tolist(), arcs.cost.tolist()))
            graph = self.graphs[staff]
            self._flow(model, arcs, xs.tolist(), graph.horizon)
            for i in np.nonzero(arcs.action > 0)[0]:
                key = (int(arcs.day[i]), graph.shifts[arcs.action[i] - 1])
                on.setdefault(key, []).append(xs.iloc[i])
        staff_count = len(self.problem.staff)
        for c in self.cover:
            y = self.duals.get((c.day, c.shift), 0.0)
            under = model.new_int_var(0, _slack_cap(cap, c.under_weight - y, c.required), "")
            over = model.new_int_var(0, _slack_cap(cap, c.over_weight + y, staff_count), "")
            count = mb.LinearExpr.sum(on.get((c.day, c.shift), []))
            room = c.most - max(c.required, 0)  # staff above required at no cost
            spare = model.new_int_var(0, room, "") if room else 0
            model.add(count + under - over - spare == c.required)
            objective += [c.under_weight * under, c.over_weight * over]
        model.minimize(mb.LinearExpr.sum(objective))
        return model, flows

    @staticmethod
    def _flow(model: mb.Model, arcs: Arcs, xs: list, horizon: int) -> None:
        """One arc from the start, and at every node between two days as many arcs in
        as out."""
        model.add(mb.LinearExpr.sum([x for x, d in zip(xs, arcs.day, strict=True) if d == 0]) == 1)
        nodes: dict[tuple[int, int], tuple[list, list]] = {}
        for x, d, tail, head in zip(xs, arcs.day, arcs.tail, arcs.head, strict=True):
            if d + 1 < horizon:
                nodes.setdefault((int(d), int(head)), ([], []))[0].append(x)
            if d > 0:
                nodes.setdefault((int(d) - 1, int(tail)), ([], []))[1].append(x)
        for into, out in nodes.values():
            model.add(mb.LinearExpr.sum(into) - mb.LinearExpr.sum(out) == 0)


def _slack_cap(cap: float, reduced: float, most: int) -> int:
    """Units of a cover slack whose reduced cost ``reduced`` each fits in ``cap``."""
    if reduced <= EPS:
        return max(most, 0)
    return max(0, min(max(most, 0), math.floor((cap + EPS) / reduced)))


class Exact:
    """``Levels`` in a background thread (HiGHS releases the GIL) for at most ``seconds``;
    ``stop`` is set when it proves a roster optimal. ``complete`` turns a roster into an
    incumbent of the caller's model (or None), so LNS can adopt it."""

    def __init__(
        self,
        levels: Levels,
        seconds: float,
        stop: threading.Event,
        complete: Callable[[Roster], Incumbent | None],
    ) -> None:
        self.levels = levels
        self._deadline = time.monotonic() + seconds
        self._stop = stop
        self._complete = complete
        self._lock = threading.Lock()
        self._best: Incumbent | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="s92-exact", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.levels.search(self._deadline)
            if self.levels.best is not None:
                found = self._complete(self.levels.best[1])
                with self._lock:
                    self._best = found
                if found is not None and self.levels.proven:
                    self._stop.set()
            if self.levels.lower >= self.levels.ceiling:  # the caller's roster is optimal
                self._stop.set()
        finally:
            self.done.set()

    def lower_ceiling(self, objective: float) -> None:
        """A roster of ``objective`` is known: levels from there on cannot improve it."""
        self.levels.ceiling = min(self.levels.ceiling, objective)

    def best(self) -> Incumbent | None:
        with self._lock:
            return self._best

    @property
    def lower(self) -> int:
        """A valid lower bound on the objective (raised by each level searched)."""
        return self.levels.lower

    def finish(self) -> Incumbent | None:
        self.levels.stop()
        self._thread.join()
        return self.best()
