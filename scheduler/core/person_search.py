"""Large-neighbourhood moves by person: one person's whole horizon re-solved, the rest kept.

Every hard rule is one person's. Where the cover is the only goal that joins people (no
companions, no spread between people, no rota the solver designs: ``moves_apply``), a
person's part of the cost with everyone else kept is their own terms (requests, rota,
changes, soft limits of their own) plus, for each tour they work, what one more person on
it costs: the under-cover weight saved while the tour has fewer than the cover asks for
without them, the over-cover weight paid once it has enough. Those prices make the best
schedule of one person, the others kept, the optimum of the person's own small model: a
move across the whole horizon, which a window of days cannot make (a person's minutes,
weekends and tours of a type are totals over the horizon), at the cost of one person's
model rather than everyone's.

Where the person's rules fit a layered graph of their rule states (``paths``), their best
schedule under those prices is a shortest path through it, exact and found in a few
hundredths of a second once the graph is built (a few tenths). Where that graph would be
too large, the counters of tours of a type and of weekends are left out of it and priced
instead (``_within_limits``): a few shortest paths, lawful but not always the best.
Otherwise CP-SAT searches the person's model for at most ``SUB_SECONDS``.

From a roster made with its costs ignored (the lawful roster) the same shortest paths
build the roster again (``PersonMoves.rebuild``): everyone off, then each person placed in
turn on their best schedule under the prices of those placed before them, a greedy start
by the cover's deficit, where a pass of moves would price each person against the others'
lawful schedules, short and over where the costs were ignored.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from .clock import Budget
from .colgen import WORK_PER_NODE, person_problem
from .cpsat import cell_pins, found, make_solver, pin
from .data import Problem, StaffMember
from .model import BuiltModel, build_model
from .params import without_lp
from .paths import GraphTooLarge, PersonGraph, Schedule, supports

Roster = dict[str, list[str | None]]
Row = Sequence[str | None]
SUB_SECONDS = 1.0  # at most, one person's search (as a window's)
# roster cells of the people's models kept built (a few hundred bytes a cell; building
# one again costs a few hundredths of a second, a tenth of its search)
KEPT_CELLS = 200_000
# at most, nodes reached building one person's graph: beyond, CP-SAT searches their model
# (building stops there, so a graph too large costs no more than one this size)
GRAPH_NODES = 1_500_000
# at most, nodes of a priced graph (Curtois Instance22's: 30,000-880,000, kept): beyond,
# the minutes are priced too. The generated shapes' priced graphs, 1.35 million nodes or
# more, took 0.4-0.7 s each to build and their paths as long, where one with the minutes
# priced too has a few thousand (generated 36 x 182 x 10: under half the old code's moves
# by person in a 60 s solve); at a cap of 300,000 a fifth of Instance22's people lost
# theirs, and it ended 14 % worse on one seed (BENCHMARKS.md, big24)
PRICED_NODES = 1_000_000
KEPT_GRAPH_BYTES = 512 * 2**20  # graphs kept built (the least recently used go first)
# work charged per node reached in building a graph (CP-SAT's units are about seconds)
BUILD_WORK = 1e-6
# priced graphs found too large (after most of a large one's building, where an exact
# one is known too large within a few days) after which exact ones only are tried, once
# they are most of those tried
FAILED_BUILDS = 2
# a priced graph's move: at most this many shortest paths, the price of each limit the
# last one broke doubled; a person's next search starts from this part of their prices
PRICE_ROUNDS = 12
PRICE_EASING = 0.75
WEEKENDS, MINUTES = -1, -2  # the keys of those prices among a person's (a type's: its index)
# at most, of the search's time (work) left, for building the roster again from everyone
# off (``PersonMoves.rebuild``): its graphs, then a shortest path each; given up (its
# graphs kept for the moves by person) once the graphs built so far, in proportion, say
# the whole would take more
REBUILD_SHARE = 0.5
# ... judged once this many people, and this part of them, are placed (one person's graph
# may take ten times another's: Curtois Instance20's first, 0.8 units, gave it up at once)
JUDGED_AFTER = 3
JUDGED_PART = 0.1


def moves_apply(p: Problem) -> bool:
    """Whether a person's cost, the rest kept, is their own terms and the cover's prices."""
    designed_rota = p.rota is not None and p.rota.pattern is None
    return len(p.staff) > 1 and not (p.companions or p.fairness or designed_rota)


class PersonMoves:
    """Re-solves people one at a time, in a shuffled order, every person once a pass; with
    several workers, as many people at once (each searched against the roster as it was,
    each taken only if still better against the roster as it is by then)."""

    def __init__(
        self, problem: Problem, seed: int, workers: int = 1, by_model: bool = True
    ) -> None:
        self.problem = problem
        self.seed, self.workers = seed, max(1, workers)
        self.by_model = by_model  # people without a graph searched as CP-SAT models
        self._rng = random.Random(seed)
        self._queue: list[StaffMember] = []
        self._models: OrderedDict[str, BuiltModel] = OrderedDict()
        self._graphs: OrderedDict[str, PersonGraph] = OrderedDict()
        self._no_graph: set[str] = set()  # people whose graph is too large or unfit
        self._graph_built = False  # whether some person's graph has been built
        self._priced = False  # whether an exact graph has been too large
        self._priced_builds = [0, 0]  # priced graphs built, and found too large
        # a person's last prices on their priced limits (shift index, or -1 for weekends)
        self._limit_prices: dict[str, dict[int, float]] = {}
        self._building = (0, 0.0)  # graphs built and the seconds they took
        self._own: dict[tuple[str, tuple[str | None, ...]], int] = {}
        self._lock = threading.Lock()

    def step(self, roster: Roster, budget: Budget, cost: float = 0.0) -> float:
        """Re-solve the next person (or one a worker); a better schedule goes into
        ``roster``. What it gained (0 if nothing; ``cost``, the roster's, is not needed:
        a person's part is priced on its own)."""
        members = self._next(min(self.workers, len(self.problem.staff)))
        if len(members) == 1:
            proposals = [self._propose(members[0], roster, budget)]
        else:
            with ThreadPoolExecutor(len(members)) as pool:
                proposals = list(pool.map(lambda m: self._propose(m, roster, budget), members))
        gain = 0
        for member, proposal in zip(members, proposals, strict=True):
            if proposal is not None:
                gain += self._take(roster, member.id, proposal)
        return float(gain)

    def rebuild(self, roster: Roster, budget: Budget) -> float:
        """The roster built again person by person, from everyone off: each person in a
        shuffled order placed on their best schedule under the cover's prices given those
        placed before them (one without a graph on their own schedule). Taken into
        ``roster`` if it costs less; what it gained (0 if not taken, or if it would take
        more than ``REBUILD_SHARE`` of what is left: the graphs built are kept for the
        moves). One graph at a time: the graphs kept stay within ``KEPT_GRAPH_BYTES``."""
        p = self.problem
        order = list(p.staff)
        self._rng.shuffle(order)
        share = _Share(budget, REBUILD_SHARE)
        before, cover = _Cover(p), _Cover(p)
        rows: dict[str, Row] = {}
        change = 0.0
        for done, member in enumerate(order, 1):
            row = roster[member.id]
            before.add(row)
            graph = self._graph(member, budget)
            own = None if graph is None else graph.cost_of(tuple(row))
            judged = done >= max(JUDGED_AFTER, JUDGED_PART * len(order))
            if budget.exhausted() or (judged and share.beyond(done / len(order))):
                return 0.0
            if graph is None or own is None:  # on their own schedule
                cover.add(row)
                continue
            arcs = graph.own.copy()
            arcs[:, 1:] += cover.prices(graph.shifts)
            if graph.priced:
                schedule = self._within_limits(graph, member.id, arcs, budget)
            else:
                _, schedule = graph.least(arcs)
                self._spend(budget, sum(graph.sizes) * WORK_PER_NODE)
            if schedule is None:
                return 0.0
            rows[member.id] = schedule.row
            cover.add(schedule.row)
            change += schedule.cost - own
        change += cover.cost() - before.cost()
        if change >= 0:
            return 0.0
        for staff, new_row in rows.items():
            roster[staff] = list(new_row)
        return -change

    def _next(self, n: int) -> list[StaffMember]:
        members: list[StaffMember] = []
        while len(members) < n:
            if not self._queue:
                self._queue = [m for m in self.problem.staff if m not in members]
                self._rng.shuffle(self._queue)
            members.append(self._queue.pop())
        return members

    def _propose(self, member: StaffMember, roster: Roster, budget: Budget) -> Row | None:
        """The person's best schedule found against ``roster``'s others, if better than
        their own; its own terms are remembered. None too once the budget's deadline has
        passed, checked between the move's parts (building a graph or a model, each
        search): on a busy machine one step took 45.6 s with 26.7 s left (Gen1583, load 20,
        two people at once: BENCHMARKS.md, "A 60 s solve's last passes end by its
        deadline on a busy machine")."""
        if budget.late():
            return None
        row = roster[member.id]
        prices = self._prices(roster, member.id)
        graph = self._graph(member, budget)
        if budget.late():
            return None
        if graph is not None:
            return self._by_path(graph, member.id, row, prices, budget)
        if not self.by_model:
            return None
        alone = self._model(member)
        old = None if budget.late() else self._own_cost(alone, member.id, row, budget)
        if old is None or budget.late():  # out of time
            return None
        model = alone.model.clone()
        priced = [v * alone.x[member.id, d, s] for (d, s), v in prices.items() if v]
        model.minimize(cp_model.LinearExpr.sum([alone.objective, *priced]))
        _hint_row(model, alone, row)
        solver = self._solver(budget)
        code = solver.solve(model)
        self._spend(budget, solver.deterministic_time)
        if not found(code) or round(solver.objective_value) >= old + _priced(prices, row):
            return None
        new_row = _row_of(alone, solver)
        self._own[member.id, tuple(new_row)] = round(solver.objective_value) - _priced(
            prices, new_row
        )
        return new_row

    def _by_path(
        self,
        graph: PersonGraph,
        staff: str,
        row: Row,
        prices: dict[tuple[int, str], int],
        budget: Budget,
    ) -> Row | None:
        """The person's best schedule under ``prices``: a shortest path, exact."""
        own = graph.cost_of(tuple(row))
        if own is None:  # not a schedule of their rules: cannot happen, but never move it
            return None
        arcs = self._arcs(graph, prices)
        if graph.priced:
            schedule = self._within_limits(graph, staff, arcs, budget)
            least = math.inf if schedule is None else schedule.cost + _priced(prices, schedule.row)
        else:
            least, schedule = graph.least(arcs)
            self._spend(budget, sum(graph.sizes) * WORK_PER_NODE)
        if schedule is None or least >= own + _priced(prices, row) - 0.5:
            return None
        self._own[staff, tuple(row)] = own
        self._own[staff, schedule.row] = schedule.cost
        return schedule.row

    def _within_limits(
        self, graph: PersonGraph, staff: str, arcs: np.ndarray, budget: Budget
    ) -> Schedule | None:
        """On a priced graph: the shortest path under prices on the person's limits of
        shifts of a type and of weekends, its excess of a type changed day by day to
        another with room (``PersonGraph.repaired``), each price still broken then
        doubled, until a path keeps every limit. That path (None if none within
        ``PRICE_ROUNDS``): not always the person's best, as an exact graph's is, but
        lawful, and found in a few paths. A person's prices start at a part
        (``PRICE_EASING``) of where their last search left them: a limit that binds
        stays priced, one that no longer does lets go."""
        prices = {k: price * PRICE_EASING for k, price in self._limit_prices.get(staff, {}).items()}
        # minutes priced: a price of 1 costs a tour of the usual length 1 (more, fewer
        # minutes); the prices known to work too many and too few, to halve between
        tour = float(np.mean(graph.minutes[graph.minutes > 0])) if graph.minutes.any() else 1.0
        bracket: list[float | None] = [None, None]
        found = None
        for _ in range(PRICE_ROUNDS):
            if budget.late():  # the prices so far are kept for the person's next search
                break
            priced = arcs.copy()
            for k, price in prices.items():
                if k >= 0:
                    priced[:, k + 1] += price
            if prices.get(MINUTES):
                priced[:, 1:] += prices[MINUTES] * graph.minutes / tour
            _, schedule = graph.least(priced, weekend=prices.get(WEEKENDS, 0.0))
            self._spend(budget, sum(graph.sizes) * WORK_PER_NODE)
            if schedule is None:
                break
            row, _ = graph.repaired(schedule.row, arcs)
            row = graph.minutes_repaired(row, arcs)
            over, weekends = graph.overs(row)
            left = [k for k, excess in over.items() if excess > 0]
            outside = graph.minutes_outside(row)
            cost = graph.cost_of(row)
            if not left and weekends <= 0 and not outside and cost is not None:
                found = Schedule(row, cost)
                break
            for k in [*left, *([WEEKENDS] if weekends > 0 else [])]:
                prices[k] = max(1.0, 2 * prices.get(k, 0.0))
            if outside:
                prices[MINUTES] = _minutes_price(prices.get(MINUTES, 0.0), outside, bracket)
        with self._lock:
            self._limit_prices[staff] = prices
        return found

    @staticmethod
    def _arcs(graph: PersonGraph, prices: dict[tuple[int, str], int]) -> np.ndarray:
        """The cost of each action each day: the person's own, and the tour's price."""
        arcs = graph.own.copy()
        column = {s: k + 1 for k, s in enumerate(graph.shifts)}
        for (d, shift), price in prices.items():
            arcs[d, column[shift]] += price
        return arcs

    def _graph(self, member: StaffMember, budget: Budget) -> PersonGraph | None:
        """The person's graph, built the first time (None where their rules do not fit
        one, or it would be too large: once one person's is, nobody else's is tried
        unless some graph has been built; and None, for now, when the budget has less
        than twice the time a graph has taken to build)."""
        with self._lock:
            if member.id in self._graphs:
                self._graphs.move_to_end(member.id)
                return self._graphs[member.id]
            if member.id in self._no_graph or (self._no_graph and not self._graph_built):
                return None
            built, seconds = self._building
            if built and budget.left() < 2 * seconds / built:
                return None  # no time to build one: a search must not overrun its budget
        began = time.monotonic()
        alone = person_problem(self.problem, member)
        if not supports(alone, max_days=alone.horizon):
            with self._lock:
                self._no_graph.add(member.id)
            return None
        try:
            graph = self._build(alone, budget)
        except _OutOfTime:  # the person's graph is tried again in a later search
            return None
        except GraphTooLarge as large:
            with self._lock:
                self._no_graph.add(member.id)
            self._spend(budget, large.reached * BUILD_WORK)
            return None
        self._spend(budget, graph.reached * BUILD_WORK)
        with self._lock:
            built, seconds = self._building
            self._building = (built + 1, seconds + time.monotonic() - began)
            self._graph_built = True
            self._graphs[member.id] = graph
            while len(self._graphs) > 1 and _bytes(self._graphs.values()) > KEPT_GRAPH_BYTES:
                self._graphs.popitem(last=False)
        return graph

    def _build(self, alone: Problem, budget: Budget) -> PersonGraph:
        """The person's exact graph, or if that is too large their priced graph; once an
        exact graph has been too large, priced graphs first (``GraphTooLarge`` if none is
        built). Once priced graphs have mostly been too large (``FAILED_BUILDS``), exact
        graphs only: those are known too large within a few days of their building, a
        priced one only near its cap."""
        with self._lock:
            built, failed = self._priced_builds
            priced_first = self._priced and not (failed >= FAILED_BUILDS and failed > built)
        if not priced_first:
            try:
                return PersonGraph(alone, max_nodes=GRAPH_NODES)
            except GraphTooLarge as large:
                self._spend(budget, large.reached * BUILD_WORK)
                with self._lock:
                    given_up = self._priced  # priced graphs were given up on here
                    self._priced = True
                if budget.late():  # no time for a priced graph
                    raise _OutOfTime from large
                if given_up:
                    return self._minutes_priced(alone)
        try:
            graph = PersonGraph(alone, max_nodes=min(PRICED_NODES, GRAPH_NODES), priced=True)
        except GraphTooLarge as large:
            self._spend(budget, large.reached * BUILD_WORK)
            with self._lock:
                self._priced_builds[1] += 1
            if budget.late():
                raise _OutOfTime from large
            return self._minutes_priced(alone)
        with self._lock:
            self._priced_builds[0] += 1
        return graph

    @staticmethod
    def _minutes_priced(alone: Problem) -> PersonGraph:
        """The person's graph with their minutes priced as well (``paths._Layout``):
        where the tours' lengths have a small common divisor the minutes alone make a
        priced graph too large (generated shapes with tours an hour apart in length)."""
        return PersonGraph(alone, max_nodes=GRAPH_NODES, minutes=True)

    def _take(self, roster: Roster, staff: str, new_row: Row) -> int:
        """Put ``new_row`` in ``roster`` if it is better against the others as they are
        now; what it gained."""
        row = roster[staff]
        prices = self._prices(roster, staff)
        old = self._own[staff, tuple(row)] + _priced(prices, row)
        new = self._own[staff, tuple(new_row)] + _priced(prices, new_row)
        if new >= old:
            return 0
        roster[staff] = list(new_row)
        return old - new

    def _spend(self, budget: Budget, work: float) -> None:
        with self._lock:
            budget.spent += work

    def _model(self, member: StaffMember) -> BuiltModel:
        """The person's model, built once while the models kept stay within
        ``KEPT_CELLS`` (the least recently used go first)."""
        models = self._models
        with self._lock:
            if member.id in models:
                models.move_to_end(member.id)
                return models[member.id]
        alone = build_model(person_problem(self.problem, member))
        with self._lock:
            models[member.id] = alone
            while len(models) > 1 and sum(len(m.x) for m in models.values()) > KEPT_CELLS:
                models.popitem(last=False)
        return alone

    def _prices(self, roster: Roster, staff: str) -> dict[tuple[int, str], int]:
        """What working each tour costs this person, the others as in ``roster``."""
        on: dict[tuple[int, str], int] = {}
        for other, row in roster.items():
            if other == staff:
                continue
            for d, shift in enumerate(row):
                if shift is not None:
                    on[d, shift] = on.get((d, shift), 0) + 1
        prices: dict[tuple[int, str], int] = {}
        for c in self.problem.cover:
            n = on.get((c.day, c.shift), 0)
            saved = c.under_weight if c.required > 0 else 0
            price = -saved if n < c.required else c.over_weight if n >= c.most else 0
            prices[c.day, c.shift] = prices.get((c.day, c.shift), 0) + price
        return prices

    def _own_cost(self, alone: BuiltModel, staff: str, row: Row, budget: Budget) -> int | None:
        """The person's own terms for ``row`` (remembered: rows recur)."""
        key = (staff, tuple(row))
        if key not in self._own:
            model = alone.model.clone()
            pins = [cell_pins(alone, staff, d, shift) for d, shift in enumerate(row)]
            pin(model, [i for i, _ in pins], [v for _, v in pins])
            solver = self._solver(budget)
            code = solver.solve(model)
            self._spend(budget, solver.deterministic_time)
            if not found(code):
                return None
            self._own[key] = round(solver.objective_value)
        return self._own[key]

    def _solver(self, budget: Budget) -> Any:  # a CpSolver
        """One person's search: ``SUB_SECONDS`` at most, or with a work budget that much
        work (so a one-worker run is reproducible). One worker each: a second one on a
        person's model, another subsolver, gained less than a second person searched."""
        seconds, work = budget.limits(SUB_SECONDS)
        return without_lp(make_solver(seconds, self.seed, 1, deterministic_time=work))


class _Share:
    """A part of a budget's work (or, without a work budget, of its time) left when
    made: ``beyond(done)`` says whether, with ``done`` of a task behind, its whole would
    take more than that (what it took so far, in proportion)."""

    def __init__(self, budget: Budget, share: float) -> None:
        self.budget = budget
        self.work = budget.deterministic is not None
        self.began = budget.spent if self.work else time.monotonic()
        left = (budget.deterministic or 0.0) - budget.spent if self.work else budget.left()
        self.most = share * max(0.0, left)

    def beyond(self, done: float) -> bool:
        now = self.budget.spent if self.work else time.monotonic()
        return (now - self.began) / max(done, 1e-9) > self.most


class _Cover:
    """How many people work each tour, and what the cover rows make of it: the price of
    one more person on each tour (``PersonMoves._prices``) and the cover's cost."""

    def __init__(self, p: Problem) -> None:
        self.column = {s.id: k for k, s in enumerate(p.shifts)}
        self.on = np.zeros((p.horizon, len(p.shifts)), dtype=np.int64)
        rows = [c for c in p.cover if 0 <= c.day < p.horizon and c.shift in self.column]
        self.day = np.array([c.day for c in rows], dtype=np.int64)
        self.shift = np.array([self.column[c.shift] for c in rows], dtype=np.int64)
        self.required = np.array([c.required for c in rows], dtype=np.int64)
        self.most = np.array([c.most for c in rows], dtype=np.int64)
        self.under = np.array(
            [c.under_weight if c.required > 0 else 0 for c in rows], dtype=np.int64
        )
        self.over = np.array([c.over_weight for c in rows], dtype=np.int64)

    def add(self, row: Row) -> None:
        for d, shift in enumerate(row):
            if shift is not None:
                self.on[d, self.column[shift]] += 1

    def prices(self, shifts: Sequence[str]) -> np.ndarray:
        """Per day, per shift of ``shifts``: what one more person on the tour costs."""
        n = self.on[self.day, self.shift]
        price = np.where(n < self.required, -self.under, np.where(n >= self.most, self.over, 0))
        table = np.zeros_like(self.on)
        np.add.at(table, (self.day, self.shift), price)
        return table[:, [self.column[s] for s in shifts]].astype(float)

    def cost(self) -> int:
        n = self.on[self.day, self.shift]
        short = np.maximum(self.required - n, 0)
        above = np.maximum(n - self.most, 0)
        return int((self.under * short).sum() + (self.over * above).sum())


class _OutOfTime(Exception):
    """The budget's deadline passed between building a person's exact and priced graphs."""


def _minutes_price(price: float, outside: int, bracket: list[float | None]) -> float:
    """The next price on minutes after a path at ``price`` worked ``outside`` minutes
    too many (positive) or too few: halfway between the prices known to work too many
    and too few (``bracket``, updated), or, until both are known, further the way it must
    go (a higher price, fewer minutes), by twice as far each time."""
    many, few = bracket
    if outside > 0:
        many = price if many is None else max(many, price)
    else:
        few = price if few is None else min(few, price)
    bracket[:] = [many, few]
    if many is not None and few is not None:
        return (many + few) / 2
    step = max(2.0, 2 * abs(price))
    return price + step if outside > 0 else price - step


def _bytes(graphs: Iterable[PersonGraph]) -> int:
    return sum(sum(step.nbytes for step in g.steps) + g.own.nbytes for g in graphs)


def _priced(prices: dict[tuple[int, str], int], row: Row) -> int:
    return sum(prices.get((d, shift), 0) for d, shift in enumerate(row) if shift is not None)


def _hint_row(model: cp_model.CpModel, alone: BuiltModel, row: Row) -> None:
    """Hint the person's present schedule (not the constants: a shift that cannot be
    worked on a day is one variable shared by every such cell)."""
    variables = model.proto.variables
    for (_, d, shift), var in alone.x.items():
        domain = variables[var.index].domain
        if not (len(domain) == 2 and domain[0] == domain[1]):
            model.add_hint(var, row[d] == shift)


def _row_of(alone: BuiltModel, solver: cp_model.CpSolver) -> list[str | None]:
    row: list[str | None] = [None] * alone.problem.horizon
    for (_, d, shift), var in alone.x.items():
        if solver.value(var):
            row[d] = shift
    return row
