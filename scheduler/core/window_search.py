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
import math
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
# days alike (``DaysAlike``): days of the week first freed, at most, and the most one
# search may take (a hole of the whole model: its copy and presolve cost about a second
# on Curtois Instance20's 50 people over half a year). One day first: two days first were
# cut short on all 7 instances measured, gaining next to nothing on 5 (BENCHMARKS.md,
# "Days alike in the solve")
ALIKE_FIRST = 1
ALIKE_MOST = 3
ALIKE_SECONDS = 3.0
ALIKE_TOKEN = 0.02  # work charged for days already proved on the same roster


class Windows:
    """The window moves, each ``step`` one window; the first pass goes across the horizon
    in order, then windows are placed around a short day or anywhere (module docstring)."""

    def __init__(self, built: BuiltModel, seed: int, workers: int = 1) -> None:
        self.built = built
        self.seed, self.workers = seed, workers
        self._rng = random.Random(seed)
        self._days = FIRST_DAYS
        self._swept = 0  # the first pass goes across the horizon in order: each part once

    def step(self, roster: Roster, budget: Budget, cost: float = 0.0) -> float:
        """Re-solve the next window; a better one goes into ``roster``. What it gained
        (``cost``, the roster's, is not needed: a window's model costs its own part)."""
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
    goes into ``roster``. (What it gained, whether the window was proved optimal.) Nothing
    is searched once the budget's deadline has passed (checked between building the
    window's model, costing the roster's window and searching it): on a busy machine one
    window took 11.7 s (Gen1583, load 20)."""
    p = built.problem
    if budget.late():
        return 0.0, False
    sub = build_model(window_problem(p, roster, a, e))
    if budget.late():
        return 0.0, False
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
    if not base.feasible or base.objective is None or budget.late():  # or out of time
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


def _solver(budget: Budget, seed: int, workers: int, most: float = SUB_SECONDS) -> Any:
    """A window's search: ``most`` seconds at most, or with a work budget that much work
    (so a one-worker run is reproducible). A CpSolver."""
    seconds, work = budget.limits(most)
    return make_solver(seconds, seed, workers, deterministic_time=work)


class DaysAlike:
    """Everyone's days of one or a few days of the week over the whole horizon freed, every
    other day kept: a move across the horizon that a window of weeks cannot make. Where
    the cover falls short on the same days of every week (Curtois Instance20: every
    shortfall on a Saturday or a Sunday, everyone at their most weekends worked), which
    weekends each person works is the whole roster's question, and everyone's Saturdays
    and Sundays freed together answer it (proved optimal in about two units of work,
    333 gained where a window of weeks gains 34 a unit). The days: days of the week drawn
    in proportion to the tours short on them, as many as ``ALIKE_FIRST``, one more after
    a search proved optimal, one fewer after one cut short. A hole of the whole model
    (pinned cells are constants to presolve), searched for a roster cheaper than the
    roster's cost the search by parts keeps, the freed cells hinted as they are: one pass
    over the whole model a move (the roster's own pass before it, for its cost and a
    hint, took half of a move's time, and on a busy machine all of it). Days proved on a
    roster are not searched again until the roster changes. Where a move's search does
    not even start in its time (its presolve of the whole model outlasts it: a year of
    100 people and 16 shift types, or a machine so busy), the moves stop there: each
    later one costs a token."""

    def __init__(self, built: BuiltModel, seed: int, workers: int = 1) -> None:
        self.built = built
        self.seed, self.workers = seed, workers
        self._rng = random.Random(seed)
        self._days = ALIKE_FIRST
        self._proved: set[tuple[frozenset[int], int]] = set()  # days proved, on which roster
        self._too_large = False  # a move's search never started in its time

    def step(self, roster: Roster, budget: Budget, cost: float) -> float:
        """Re-solve the next days alike of ``roster`` (whose cost is ``cost``); a better
        roster goes into ``roster``. What it gained."""
        p = self.built.problem
        short = short_tours(p, roster)
        if not short or p.horizon < 14 or self._too_large:
            budget.spent += ALIKE_TOKEN
            return 0.0
        days = self._pick(short)
        key = (frozenset(days), hash(tuple(tuple(row) for row in roster.values())))
        if key in self._proved:  # nothing better there: said again at a token cost
            budget.spent += ALIKE_TOKEN
            return 0.0
        seconds, work = budget.limits(ALIKE_SECONDS)
        whole = (seconds if work is None else work) >= ALIKE_SECONDS  # not cut by the budget
        gain, proved, searched = _solve_alike(
            self.built, roster, days, cost, budget, self.seed, self.workers
        )
        if not searched:  # the presolve of the whole model outlasted the move
            self._too_large = whole  # (Gen1002's 100 x 364 x 16: 4.5 s a move for nothing)
            return 0.0
        self._days = min(ALIKE_MOST, self._days + 1) if proved else max(1, self._days - 1)
        if proved:
            self._proved.add((key[0], hash(tuple(tuple(row) for row in roster.values()))))
        return gain

    def _pick(self, short: list[int]) -> set[int]:
        """``self._days`` days of the week, drawn in proportion to the tours short on
        them; a day next to one drawn when fewer are short."""
        p = self.built.problem
        counts = [0] * 7
        for day in short:
            counts[(p.first_weekday + day) % 7] += 1
        days: set[int] = set()
        while len(days) < self._days:
            weights = [0 if k in days else n for k, n in enumerate(counts)]
            if any(weights):
                days.add(self._rng.choices(range(7), weights)[0])
            else:  # a day next to one drawn
                days.add((self._rng.choice(sorted(days)) + self._rng.choice((-1, 1))) % 7)
        return days


def _solve_alike(
    built: BuiltModel,
    roster: Roster,
    weekdays: set[int],
    cost: float,
    budget: Budget,
    seed: int,
    workers: int,
) -> tuple[float, bool, bool]:
    """Re-solve every day of the week in ``weekdays`` over the horizon, the other days
    kept, for a roster cheaper than ``cost`` (``roster``'s); a better roster goes into
    ``roster``. (What it gained, whether proved, whether the search started at all: not
    once the budget's deadline has passed, checked after pinning the model's copy.)"""
    p = built.problem
    free = [d for d in range(p.horizon) if (p.first_weekday + d) % 7 in weekdays]
    freed: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []
    chosen = set(free)
    for m in p.staff:
        for d in range(p.horizon):
            (freed if d in chosen else kept).append(cell_pins(built, m.id, d, roster[m.id][d]))
    model = built.model.clone()
    model.clear_hints()
    pin(model, *_unzip(kept))
    if built.terms:
        model.add(built.objective <= math.ceil(cost) - 1)
    for index, value in freed:
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    if budget.late():
        return 0.0, False, True
    solver = strong_lp(_solver(budget, seed, workers, ALIKE_SECONDS))
    found = run(built, solver, model=model)
    budget.spent += solver.deterministic_time
    log.debug("days alike %s: %s %s -> %s", sorted(weekdays), found.status, cost, found.objective)
    if found.status == "INFEASIBLE":  # nothing cheaper on these days
        return 0.0, True, True
    if not found.feasible or found.objective is None:
        return 0.0, False, solver.num_branches > 0 or solver.num_conflicts > 0
    for m in p.staff:
        row = roster[m.id]
        for d in free:
            row[d] = found.assignment[m.id][d]
    return cost - found.objective, found.status == "OPTIMAL", True
