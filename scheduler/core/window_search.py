"""Large-neighbourhood moves by windows of days, each a model of its own (``window``).

On a long horizon a hole of the whole model costs CP-SAT a copy and a presolve of the
whole model before any search; a window of a few weeks costs a model of a few weeks. The
move frees every person's days in one window, keeps the rest, and takes a better window
into the roster (``by_parts`` runs the moves). The first pass goes across the horizon in
order, so every part of a roster that ignored the goals is searched once early; after it,
windows are placed around a day the cover is short half the time, anywhere the other half. A
window proved optimal (or proved to hold nothing better) widens the next by a week; one
cut short by its time narrows it.
"""

from __future__ import annotations

import logging
import random
from typing import Any

from .clock import Budget
from .cpsat import cell_pins, make_solver, pin, run
from .model import BuiltModel, build_model
from .params import strong_lp
from .window import short_tours, window_problem, window_span

log = logging.getLogger(__name__)

Roster = dict[str, list[str | None]]
FIRST_DAYS = 14  # days freed by the first window
MIN_DAYS = 7
STEP_DAYS = 7
SUB_SECONDS = 1.0  # at most, one window's search
HOT = 0.5  # chance a window is placed around a day the cover is short


class Windows:
    """The window moves, each ``step`` one window; the first pass goes across the horizon
    in order, then windows are placed around a short day or anywhere (module docstring)."""

    def __init__(self, built: BuiltModel, seed: int, workers: int = 1) -> None:
        self.built = built
        self.seed, self.workers = seed, workers
        self._rng = random.Random(seed)
        self._days = FIRST_DAYS
        self._swept = 0  # the first pass goes across the horizon in order: each part once

    def step(self, roster: Roster, budget: Budget) -> float:
        """Re-solve the next window; a better one goes into ``roster``. What it gained."""
        p = self.built.problem
        days = self._days
        first = (
            self._swept if self._swept < p.horizon else _place(self.built, roster, days, self._rng)
        )
        a, b, e = window_span(p, first, days)
        self._swept = max(self._swept, b)
        gain, proved = _solve_window(self.built, roster, a, b, e, budget, self.seed, self.workers)
        self._days = min(p.horizon, days + STEP_DAYS) if proved else max(MIN_DAYS, days - STEP_DAYS)
        return gain


def _place(built: BuiltModel, roster: Roster, days: int, rng: random.Random) -> int:
    """The first day of the next window: around a short day, or anywhere."""
    p = built.problem
    if rng.random() < HOT:
        short = short_tours(p, roster)  # a day with several short tours is likelier
        if short:
            return max(0, rng.choice(short) - rng.randrange(days))
    return rng.randrange(p.horizon)


def _solve_window(
    built: BuiltModel,
    roster: Roster,
    a: int,
    b: int,
    e: int,
    budget: Budget,
    seed: int,
    workers: int,
) -> tuple[float, bool]:
    """Re-solve days ``a`` .. ``b - 1`` with days ``b`` .. ``e - 1`` kept; a better window
    goes into ``roster``. (What it gained, whether the window was proved optimal.)"""
    p = built.problem
    sub = build_model(window_problem(p, roster, a, e))
    freed: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []
    for m in p.staff:
        for d in range(a, e):
            (freed if d < b else kept).append(cell_pins(sub, m.id, d - a, roster[m.id][d]))
    whole = sub.model.clone()
    pin(whole, *_unzip(freed + kept))
    base = run(sub, _solver(budget, seed, 1), model=whole)
    if base.status == "INFEASIBLE":  # a bug of ``window``: nothing taken from it
        log.warning("window %d-%d: the roster does not fit its own window", a, e)
    if not base.feasible or base.objective is None:  # or out of time
        return 0.0, False
    model = sub.model.clone()
    pin(model, *_unzip(kept))
    if sub.terms:
        model.add(sub.objective <= round(base.objective) - 1)
    for index, value in freed:
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    solver = strong_lp(_solver(budget, seed, workers))
    found = run(sub, solver, model=model)
    budget.spent += solver.deterministic_time
    log.debug(
        "window %d-%d (%d kept): %s %s -> %s",
        a,
        b,
        e - b,
        found.status,
        base.objective,
        found.objective,
    )
    if not found.feasible or found.objective is None:
        return 0.0, found.status == "INFEASIBLE"
    for m in p.staff:
        roster[m.id][a:b] = found.assignment[m.id][: b - a]
    return base.objective - found.objective, found.status == "OPTIMAL"


def _unzip(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return [i for i, _ in pairs], [v for _, v in pairs]


def _solver(budget: Budget, seed: int, workers: int) -> Any:  # a CpSolver
    """A window's search: ``SUB_SECONDS`` at most, or with a work budget that much work
    (so a one-worker run is reproducible)."""
    seconds, work = budget.limits(SUB_SECONDS)
    return make_solver(seconds, seed, workers, deterministic_time=work)
