"""One person's schedules as paths through a layered graph of rule states.

Most per-person hard rules look back a bounded way: the shift worked yesterday, the length
of the current run of work or rest, and a few running totals (minutes, shifts of a type,
weekends worked). With those as the state after each day, every lawful schedule is a path
from day 0 to the last day, and its own cost (requests, rota deviations, changes) a sum
over its days. Under per-day prices (the master LP's cover duals) the schedule of least
reduced cost is then a shortest path: ``PersonGraph.least``, one backward pass of numpy
over the day's nodes, exact, and about a hundred times faster than a CP-SAT model of the
person (Curtois Instance7: colgen converges in 0.5 s instead of 14 s).

``supports`` says whether a one-person problem is within reach of the graph (rest periods,
window limits and a few soft terms are not); CP-SAT pricing covers the rest, and also
people whose graph would exceed ``MAX_STATES`` nodes on a day (``GraphTooLarge``).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .data import Problem, StaffMember
from .model import SATURDAY, SUNDAY

MAX_STATES = 200_000  # nodes a day: beyond this CP-SAT pricing is the better tool
DAY_SHARE = 4  # under a cap on all nodes, a day may hold this many times its share
# longest horizon given a graph: building one takes about 1.3 ms a day, and on half a year
# (Curtois Instance20, 50 people: 12 s) that costs a one-minute solve more than it saves
MAX_DAYS = 120
EPS = 1e-6  # reduced costs are sums of floats

Row = tuple[str | None, ...]


def supports(problem: Problem, max_days: int = MAX_DAYS) -> bool:
    """Whether ``problem`` (one person's, see ``colgen.person_problem``) fits the graph,
    within ``max_days`` days."""
    if len(problem.staff) != 1:
        return False
    member = problem.staff[0]
    if problem.windows or problem.rest_periods or problem.consecutive_limits:
        return False
    if problem.companions or problem.fairness or problem.cover:
        return False
    if problem.rota is not None and problem.rota.pattern is None:
        return False
    if member.min_free_days_off or member.max_free_days_off is not None:
        return False
    if problem.horizon > max_days:
        return False
    known = {s.id for s in problem.shifts}
    return all(h is None or h in known for h in member.history)


@dataclass(frozen=True)
class Arcs:
    """Arcs of a graph, one entry each: the day, the node before (-1 on day 0: the start),
    the action (0 off, k + 1 the k-th shift), the node after, the least excess over the
    cheapest schedule of a schedule using it, and the person's own cost of the action."""

    day: np.ndarray
    tail: np.ndarray
    action: np.ndarray
    head: np.ndarray
    excess: np.ndarray
    cost: np.ndarray

    def within(self, cap: float) -> Arcs:
        keep = self.excess <= cap + EPS
        return Arcs(*(getattr(self, f)[keep] for f in Arcs.__dataclass_fields__))


@dataclass(frozen=True)
class Schedule:
    row: Row  # shift id or None (off) per day
    cost: int  # the person's own terms (requests, rota, changes)


class _Layout:
    """The components of a node and the number of values of each: ``a`` the action of
    the day (0 off, k + 1 the k-th shift), ``r`` the length of the run it ends (capped
    where longer makes no difference), ``e`` whether that run reaches back to the first
    known day (exempt from minimum run lengths), ``m`` minutes worked (in units of their
    greatest common divisor), ``c<k>`` shifts of type k worked, ``w`` weekends worked.
    A component only exists when some rule of the person reads it.

    ``priced``: the limits on shifts of a type and on weekends are left out of the state
    (``priced_shifts``, ``priced_weekends``): a path may break them, and a caller prices
    them instead (Lagrangian). Their counters multiply a day's nodes by the values they
    take (Curtois Instance22: seven counters to 46 or 58, and 27 weekend counts), and
    without them its graphs are a few hundred times smaller.

    ``minutes``: the minutes worked are left out of the state too (``priced_minutes``, the
    least and most), priced by a caller as well. Where the lengths of the tours have a
    small common divisor (an hour, where the published instances have eight) the minutes
    alone multiply a day's nodes by a thousand, and even the priced graph is too large."""

    def __init__(
        self, problem: Problem, member: StaffMember, priced: bool = False, minutes: bool = False
    ) -> None:
        h = problem.horizon
        self.shifts = [s.id for s in problem.shifts]
        n_shifts = len(self.shifts)
        minw, maxw = member.min_consecutive_work or 0, member.max_consecutive_work
        minoff = member.min_consecutive_off or 0
        self.min_work, self.max_work, self.min_off = minw, maxw, minoff
        self.cap_work = maxw if maxw is not None else max(minw, 1)
        self.cap_off = max(minoff, 1)
        self.blocks = bool(minw > 1 or minoff > 1)  # whether the exempt flag matters
        sizes = {"a": n_shifts + 1, "r": max(self.cap_work, self.cap_off)}
        if self.blocks:
            sizes["e"] = 2
        # minutes in units of their greatest common divisor
        lengths = {problem.minutes(d, s) for d in range(h) for s in self.shifts}
        self.unit = math.gcd(*lengths) if lengths and max(lengths) > 0 else 1
        self.max_minutes, self.min_minutes = member.max_minutes, member.min_minutes
        # the least and most minutes, when priced (None: kept by the state, or no limit)
        self.priced_minutes: tuple[int, int | None] | None = None
        if minutes and (self.max_minutes is not None or self.min_minutes):
            self.priced_minutes = (self.min_minutes or 0, self.max_minutes)
        elif self.max_minutes is not None:
            sizes["m"] = self.max_minutes // self.unit + 1
        elif self.min_minutes:
            sizes["m"] = -(-self.min_minutes // self.unit) + 1  # saturates at the minimum
        # shift counts that can bind
        self.counted: list[int] = []
        self.priced_shifts: dict[int, int] = {}  # shift index -> most of that type
        for k, s in enumerate(self.shifts):
            hi, lo = member.max_shifts.get(s), member.min_shifts.get(s) or 0
            if priced and hi is not None and 0 < hi < h and lo == 0:
                self.priced_shifts[k] = hi
            elif (hi is not None and 0 < hi < h) or lo > 0:
                self.counted.append(k)
                sizes[f"c{k}"] = (hi if hi is not None and hi < h else lo) + 1
        self.weekend_kind = _weekend_kinds(problem)
        weekends = sum(1 for kind in self.weekend_kind if kind == 1)
        self.max_weekends = member.max_weekends
        self.priced_weekends: int | None = None  # most weekends, when priced
        if self.max_weekends is not None and self.max_weekends < weekends:
            if priced:
                self.priced_weekends = self.max_weekends
            else:
                sizes["w"] = self.max_weekends + 1
        self.names = list(sizes)
        self.sizes = tuple(sizes.values())
        if math.prod(self.sizes) >= 2**62:
            raise GraphTooLarge(f"{math.prod(self.sizes)} combinations of state values")


class GraphTooLarge(ValueError):
    """The person's graph would have too many nodes a day for pricing by shortest path;
    ``reached``: the nodes built before that was known."""

    def __init__(self, message: str, reached: int = 0) -> None:
        super().__init__(message)
        self.reached = reached


def _distinct(ids: np.ndarray) -> np.ndarray:
    """Sorted distinct values (by sorting: several times faster than ``np.unique``'s
    hashing on these arrays of a few thousand node ids)."""
    ids = np.sort(ids, axis=None)
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))] if len(ids) else ids


def _within(dense: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Whether each node id of ``dense`` is in the sorted ``nodes`` (-1: never); as
    ``np.isin``, without its sorting of both."""
    return _positions(dense, nodes)[1]


def _renumber(dense: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Positions in the sorted ``nodes`` of the node ids in ``dense``; len(nodes) where a
    node is absent (or -1)."""
    pos, found = _positions(dense, nodes)
    return np.where(found, pos, len(nodes)).astype(np.int32)


def _positions(dense: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each node id of ``dense`` would stand in the sorted ``nodes``, and whether it
    is there."""
    if not len(nodes):
        return np.zeros(dense.shape, dtype=np.int64), np.zeros(dense.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(nodes, dense), len(nodes) - 1)
    return pos, (dense >= 0) & (nodes[pos] == dense)


def _compact(step: np.ndarray) -> np.ndarray:
    """A day's node numbers in 16 bits where they fit (most days of most people): the
    graphs of everyone are kept for a search, and this halves them."""
    return step.astype(np.uint16) if step.max(initial=0) < 2**16 else step


def _weekend_kinds(problem: Problem) -> list[int]:
    """Per day: 0 a weekday, 1 the first day of a weekend within the horizon, 2 a later one
    (as the model counts weekends: only their days inside the horizon)."""
    kinds, seen = [], set()
    for d in range(problem.horizon):
        wd = (problem.first_weekday + d) % 7
        if wd not in (SATURDAY, SUNDAY):
            kinds.append(0)
            continue
        week = (problem.first_weekday + d) // 7
        kinds.append(2 if week in seen else 1)
        seen.add(week)
    return kinds


class PersonGraph:
    """The layered graph of one person's lawful schedules (``supports`` must hold).
    ``max_nodes``: at most this many nodes reached over all days, nor ``DAY_SHARE`` times
    a day's share of them on any day (``GraphTooLarge``), so a caller with other ways to
    search the person stops building early; ``reached`` is how many were, the measure of
    its building's work. ``priced``: the graph of ``_Layout``'s priced state, whose paths
    may break the person's limits on shifts of a type and on weekends (``overs`` tells
    by how much; ``least`` takes a price on weekends); ``minutes`` as well: their least
    and most minutes (``minutes_outside``; a caller prices them on the arcs, by the
    minutes of each tour, ``minutes``)."""

    def __init__(
        self,
        problem: Problem,
        max_nodes: int | None = None,
        priced: bool = False,
        minutes: bool = False,
    ) -> None:
        member = problem.staff[0]
        self.id = member.id
        self.horizon = problem.horizon
        self.layout = lay = _Layout(problem, member, priced or minutes, minutes)
        self.shifts = lay.shifts
        self.own = _own_costs(problem, member, lay.shifts)
        self.max_shifts = dict(member.max_shifts)
        self.min_shifts = dict(member.min_shifts)
        self._successors = {s.id: s.forbidden_next for s in problem.shifts}
        self.minutes = np.array(  # per day, per shift
            [[problem.minutes(d, sid) for sid in lay.shifts] for d in range(problem.horizon)]
        )
        self._banned = problem.forbidden_by_day
        self._max_nodes = max_nodes
        # a day holding several times its share of the nodes allowed: too large, known early
        share = MAX_STATES if max_nodes is None else DAY_SHARE * max_nodes // problem.horizon
        self._max_states = min(MAX_STATES, share)
        self.reached = 0
        self._build(problem, member)

    # ----------------------------------------------------------------- the graph
    def _build(self, problem: Problem, member: StaffMember) -> None:
        """Nodes reached from the start day by day, then only those on some lawful path to
        the end, renumbered from 0 each day: ``start[action]`` and ``steps[d - 1][action,
        node]`` index the nodes of day d, ``sizes[d]`` meaning no way (int32: a long horizon
        has a million of them a person). Running totals rule out most combinations of state
        values (40 shifts' minutes by day 3, say)."""
        lay = self.layout
        actions = len(self.shifts) + 1
        allowed = np.isfinite(self.own)  # actions lawful on each day, whatever the state
        first = np.where(allowed[0], self._start(problem, member), -1)
        keep = self._finishing(problem, allowed)
        reach = [keep(0, _distinct(first[first >= 0]))]
        dense = []
        for d in range(1, self.horizon):
            comps = self._components(reach[-1])
            minutes = tuple(problem.minutes(d, s) for s in self.shifts)
            banned = frozenset((a, b) for dd, a, b in problem.forbidden_by_day if dd == d - 1)
            kind = lay.weekend_kind[d]
            step = np.full((actions, len(reach[-1])), -1, dtype=np.int64)
            lawful = np.flatnonzero(allowed[d])
            if len(lawful):
                step[lawful] = self._moves(comps, lawful.tolist(), kind, minutes, banned)
            dense.append(step)
            reach.append(keep(d, _distinct(step[step >= 0])))
            self.reached += len(reach[-1])
            if len(reach[-1]) > self._max_states:
                raise GraphTooLarge(f"{len(reach[-1])} states on day {d}", self.reached)
            if self._max_nodes is not None and self.reached > self._max_nodes:
                raise GraphTooLarge(f"over {self._max_nodes} nodes by day {d}", self.reached)
        live = [reach[-1][self._final(self._components(reach[-1]))]]
        for d in range(self.horizon - 1, 0, -1):
            useful = _within(dense[d - 1], live[0]).any(axis=0)
            live.insert(0, reach[d - 1][useful])
        self.sizes = [len(nodes) for nodes in live]
        # on a weekend's later day, whether each node of the day before rested: working
        # then starts a weekend worked (a priced weekend's cost depends on the node)
        self._rested = {
            d: self._components(live[d - 1])["a"] == 0
            for d in range(1, self.horizon)
            if lay.priced_weekends is not None and lay.weekend_kind[d] == 2
        }
        self.start = _renumber(first, live[0])
        self.steps = [
            _compact(
                _renumber(dense[d - 1][:, np.searchsorted(reach[d - 1], live[d - 1])], live[d])
            )
            for d in range(1, self.horizon)
        ]

    def _finishing(
        self, problem: Problem, allowed: np.ndarray
    ) -> Callable[[int, np.ndarray], np.ndarray]:
        """A filter of a day's nodes to those that can still reach the minimum minutes:
        their minutes plus the most the days left can add from their run (``_most_ahead``)
        reach it. Without it the nodes reached grow with every day (on a half year, ten
        times those on some lawful path), all of them built before the pass back drops
        them."""
        lay = self.layout
        if not lay.min_minutes or "m" not in lay.names:
            return lambda d, nodes: nodes
        names = [n for n in ("a", "r", "e") if n in lay.names]
        runs = copy.copy(lay)  # the rules of runs and successions alone
        runs.names = names
        runs.sizes = tuple(lay.sizes[lay.names.index(n)] for n in names)
        ahead = self._most_ahead(problem, allowed, runs)
        least = lay.min_minutes

        def keep(d: int, nodes: np.ndarray) -> np.ndarray:
            comps = self._components(nodes)
            run = np.ravel_multi_index([comps[n] for n in names], runs.sizes)
            return nodes[comps["m"] * lay.unit + ahead[d][run] >= least]

        return keep

    def _most_ahead(self, problem: Problem, allowed: np.ndarray, runs: _Layout) -> list[np.ndarray]:
        """Per day d, per state of ``runs`` (the layout of the run's components alone)
        after day d: the most minutes the days after d can hold under the rules of runs
        and successions (-inf: no lawful way on). Every other rule only lowers it."""
        size = math.prod(runs.sizes)
        comps = dict(zip(runs.names, np.unravel_index(np.arange(size), runs.sizes), strict=True))
        ahead = [np.zeros(size)]
        moves: dict[tuple[object, ...], np.ndarray] = {}  # days alike
        for d in range(self.horizon - 1, 0, -1):
            minutes = tuple(problem.minutes(d, s) for s in self.shifts)
            banned = frozenset((a, b) for dd, a, b in problem.forbidden_by_day if dd == d - 1)
            acts = tuple(int(act) for act in np.flatnonzero(allowed[d]))
            key = (acts, minutes, banned)
            if key not in moves:
                moves[key] = self._moves(comps, acts, 0, minutes, banned, layout=runs)
            gain = np.array([minutes[act - 1] if act else 0 for act in acts])[:, None]
            nxt = moves[key]
            reached = np.where(nxt >= 0, ahead[-1][nxt] + gain, -np.inf)
            ahead.append(reached.max(axis=0, initial=-np.inf))
        ahead.reverse()
        return ahead

    def _components(self, nodes: np.ndarray) -> dict[str, np.ndarray]:
        lay = self.layout
        return dict(zip(lay.names, np.unravel_index(nodes, lay.sizes), strict=True))

    def _moves(
        self,
        comps: dict[str, np.ndarray],
        actions: Sequence[int],
        weekend: int,
        minutes: tuple[int, ...],
        banned: frozenset[tuple[str, str]],
        exempt_start: bool = False,
        layout: _Layout | None = None,
    ) -> np.ndarray:
        """Where each node goes when each of ``actions`` (0 off, k+1 shift k) is taken
        next, a row an action (-1: not lawfully), all actions at once (of ``layout``'s
        components: by default the graph's own)."""
        lay = self.layout if layout is None else layout
        a, r = comps["a"], comps["r"] + 1  # run lengths are stored from 0
        e = comps.get("e", np.zeros_like(a))
        working = a > 0
        act = np.asarray(actions, dtype=np.int64)[:, None]
        work = act > 0
        ok = np.ones((len(actions), len(a)), dtype=bool)
        # a run of work ends: it must be long enough unless it touches day 0
        if lay.min_work > 1:
            ok &= work | ~working | (r >= lay.min_work) | (e == 1)
        if lay.min_off > 1:
            ok &= ~work | working | (r >= lay.min_off) | (e == 1)
        if lay.max_work is not None:
            ok &= ~work | ~working | (r + 1 <= lay.max_work)
        ok &= self._follows_table(banned)[act[:, 0]][:, a]
        nxt = {
            "a": act,
            "r": np.where(
                work,
                np.where(working, np.minimum(r + 1, lay.cap_work) - 1, 0),
                np.where(working, 0, np.minimum(r + 1, lay.cap_off) - 1),
            ),
        }
        if "e" in lay.names:
            nxt["e"] = np.ones_like(ok, dtype=np.int64) if exempt_start else working == work
            if not exempt_start:
                nxt["e"] = np.where(nxt["e"], e, 0)
        if "m" in lay.names:
            units = np.array([0] + [m // lay.unit for m in minutes])[act]
            m = comps["m"] + units
            if lay.max_minutes is not None:
                ok &= m <= lay.max_minutes // lay.unit
            nxt["m"] = np.minimum(m, lay.sizes[lay.names.index("m")] - 1)
        for k in (k for k in lay.counted if f"c{k}" in lay.names):
            c = comps[f"c{k}"] + (act == k + 1)
            hi = self.max_shifts.get(self.shifts[k])
            if hi is not None and hi < self.horizon:
                ok &= c <= hi
            nxt[f"c{k}"] = np.minimum(c, lay.sizes[lay.names.index(f"c{k}")] - 1)
        if "w" in lay.names:
            assert lay.max_weekends is not None  # "w" is counted only under a limit
            w = comps["w"]
            if weekend:
                w = w + work * (1 if weekend == 1 else ~working)
                ok &= w <= lay.max_weekends
            nxt["w"] = np.minimum(w, lay.max_weekends)
        parts = np.broadcast_arrays(*(nxt[n] for n in lay.names), ok)
        flat = np.ravel_multi_index(parts[:-1], lay.sizes)
        return np.where(ok, flat, -1)

    def _follows_table(self, banned: frozenset[tuple[str, str]]) -> np.ndarray:
        """By action (0 off, k+1 shift k) and yesterday's action: may it follow?"""
        table = np.ones((len(self.shifts) + 1, len(self.shifts) + 1), dtype=bool)
        for k, shift in enumerate(self.shifts):
            for j, prev in enumerate(self.shifts):
                if shift in self._successors[prev] or (prev, shift) in banned:
                    table[k + 1, j + 1] = False
        return table

    def _start(self, problem: Problem, member: StaffMember) -> np.ndarray:
        """Node after day 0 per action (-1 = no way). With no history the first
        block is exempt from minimum lengths (Curtois semantics; see ``model._min_block``)."""
        lay = self.layout
        weekend = lay.weekend_kind[0]
        minutes = tuple(problem.minutes(0, s) for s in self.shifts)
        banned = frozenset((a, b) for dd, a, b in problem.forbidden_by_day if dd == -1)
        comps = {n: np.zeros(1, dtype=np.int64) for n in lay.names}
        exempt = not member.history
        if exempt:
            # a virtual day -1 ending an exempt run of rest: day 0 starts a new run, and
            # that run is flagged exempt too
            comps["r"][:] = lay.cap_off - 1
            if "e" in comps:
                comps["e"][:] = 1
        else:
            last = member.history[-1]
            run = 0
            for s in reversed(member.history):
                if (s is not None) != (last is not None):
                    break
                run += 1
            comps["a"][:] = 0 if last is None else self.shifts.index(last) + 1
            comps["r"][:] = min(run, lay.cap_off if last is None else lay.cap_work) - 1
            if "e" in comps:
                comps["e"][:] = int(run == len(member.history))  # may run on further back
        every = list(range(len(self.shifts) + 1))
        return self._moves(comps, every, weekend, minutes, banned, exempt_start=exempt)[:, 0]

    def _final(self, comps: dict[str, np.ndarray]) -> np.ndarray:
        """Which of these nodes may end the horizon: totals within their minimums."""
        lay = self.layout
        ok = np.ones(len(comps["a"]), dtype=bool)
        if lay.min_minutes and "m" in comps:
            ok &= comps["m"] * lay.unit >= lay.min_minutes
        for k in lay.counted:
            lo = self.min_shifts.get(self.shifts[k]) or 0
            ok &= comps[f"c{k}"] >= lo
        return ok

    # ------------------------------------------------------------ prices and paths
    def arcs(self, duals: Mapping[tuple[int, str], float] | None = None) -> np.ndarray:
        """Cost of each action on each day: own cost less the day's dual of the shift."""
        arcs = self.own.copy()
        if duals:
            for k, s in enumerate(self.shifts):
                for d in range(self.horizon):
                    pi = duals.get((d, s))
                    if pi:
                        arcs[d, k + 1] -= pi
        return arcs

    @property
    def priced(self) -> bool:
        """Whether some limit of the person is priced rather than kept (``overs``)."""
        lay = self.layout
        priced = lay.priced_shifts or lay.priced_minutes is not None
        return bool(priced) or lay.priced_weekends is not None

    def completions(self, arcs: np.ndarray, weekend: float = 0.0) -> list[np.ndarray]:
        """Per day d, per node after day d: least cost of the days after d (inf at a node
        with no lawful way on). Each array has one extra entry, inf, for 'no way'.
        ``weekend``: the price of a weekend worked (priced weekends only), which on a
        weekend's first day is in ``arcs`` (``weekend_arcs``)."""
        inf = np.array([np.inf])
        last = np.zeros(self.sizes[-1] + 1)  # every node kept on the last day may end
        last[-1] = np.inf
        out = [last]
        for d in range(self.horizon - 1, 0, -1):
            step = self.steps[d - 1]
            nxt = out[-1]
            cost = nxt[step] + arcs[d][:, None]
            if weekend and d in self._rested:
                cost[1:] += weekend * self._rested[d]
            out.append(np.concatenate([np.min(cost, axis=0), inf]))
        out.reverse()
        return out

    def weekend_arcs(self, arcs: np.ndarray, weekend: float) -> np.ndarray:
        """``arcs`` with ``weekend`` on every shift of a weekend's first day."""
        first = [d for d, kind in enumerate(self.layout.weekend_kind) if kind == 1]
        priced = arcs.copy()
        priced[first, 1:] += weekend
        return priced

    def arrivals(self, arcs: np.ndarray) -> list[np.ndarray]:
        """Per day d, per node after day d: least cost of days 0..d reaching it (inf where
        none). Each array has one extra entry, inf, for 'no way'; the mirror of
        ``completions``."""
        first = np.full(self.sizes[0] + 1, np.inf)
        np.minimum.at(first, self.start, arcs[0])
        first[-1] = np.inf
        out = [first]
        for d in range(1, self.horizon):
            here = np.full(self.sizes[d] + 1, np.inf)
            step = self.steps[d - 1]
            np.minimum.at(here, step.ravel(), (out[-1][None, :-1] + arcs[d][:, None]).ravel())
            here[-1] = np.inf
            out.append(here)
        return out

    def near(self, arcs: np.ndarray, cap: float) -> Arcs:
        """Every arc (a day's action taken from a node) on some schedule whose cost is
        within ``cap`` of the least, with the least such excess (reduced-cost fixing: a
        roster within ``cap`` of the bound uses no other arc)."""
        before, after = self.arrivals(arcs), self.completions(arcs)
        least = float(np.min(arcs[0] + after[0][self.start]))
        parts = []
        for d in range(self.horizon):
            if d == 0:
                tail = np.full((arcs.shape[1], 1), -1)
                head = self.start[:, None]
                reach = np.zeros((1, 1))
            else:
                tail = np.broadcast_to(np.arange(self.sizes[d - 1]), self.steps[d - 1].shape)
                head = self.steps[d - 1][:, : self.sizes[d - 1]]
                reach = before[d - 1][None, : self.sizes[d - 1]]
            excess = reach + arcs[d][:, None] + after[d][head] - least
            act, at = np.nonzero(excess <= cap + EPS)
            parts.append((d, tail[act, at], act, head[act, at], excess[act, at]))
        day = np.concatenate([np.full(len(p[1]), p[0]) for p in parts]).astype(np.int32)
        action = np.concatenate([p[2] for p in parts]).astype(np.int32)
        return Arcs(
            day=day,
            tail=np.concatenate([p[1] for p in parts]).astype(np.int32),
            action=action,
            head=np.concatenate([p[3] for p in parts]).astype(np.int32),
            excess=np.concatenate([p[4] for p in parts]),
            cost=self.own[day, action],
        )

    def least(self, arcs: np.ndarray, weekend: float = 0.0) -> tuple[float, Schedule | None]:
        """The schedule of least total arc cost (None when the person has none), with
        ``weekend`` the price of each weekend worked (priced weekends only)."""
        if weekend:
            arcs = self.weekend_arcs(arcs, weekend)
        after = self.completions(arcs, weekend)
        totals = arcs[0] + after[0][self.start]
        action = int(np.argmin(totals))
        if not np.isfinite(totals[action]):
            return math.inf, None
        actions, node = [action], self.start[action]
        for d in range(1, self.horizon):
            step = self.steps[d - 1]
            cost = arcs[d] + after[d][step[:, node]]
            if weekend and d in self._rested and self._rested[d][node]:
                cost[1:] += weekend
            action = int(np.argmin(cost))
            actions.append(action)
            node = step[action, node]
        return float(totals.min()), self._schedule(actions)

    def repaired(self, row: Row, arcs: np.ndarray) -> tuple[Row, dict[int, int]]:
        """``row`` with shifts of a priced type worked more than the person may changed,
        one day at a time, to a type with room to spare: of the same minutes that day,
        lawful after the day before and before the day after, the changes cheapest under
        ``arcs`` first (work stays work: runs and weekends are as they were). What each
        type is still over its limit (type index -> excess)."""
        counts = {k: sum(1 for s in row if s == sid) for k, sid in enumerate(self.shifts)}
        priced = self.layout.priced_shifts
        room = {k: priced[k] - counts[k] if k in priced else math.inf for k in counts}
        room.update({k: 0 for k in self.layout.counted})  # kept by the state: not a target
        new = list(row)
        changes = sorted(
            (arcs[d, j + 1] - arcs[d, k + 1], d, k, j)
            for k in counts
            if room[k] < 0
            for d, s in enumerate(row)
            if s == self.shifts[k] and d > 0
            for j in counts
            if room[j] > 0
            and math.isfinite(arcs[d, j + 1])
            and self.minutes[d, j] == self.minutes[d, k]
        )
        for _, d, k, j in changes:
            if room[k] >= 0 or room[j] <= 0 or new[d] != self.shifts[k]:
                continue
            if not self._fits(new, d, self.shifts[j]):
                continue
            new[d] = self.shifts[j]
            room[k] += 1
            room[j] -= 1
        return tuple(new), {k: int(-v) for k, v in room.items() if v < 0}

    def minutes_repaired(self, row: Row, arcs: np.ndarray) -> Row:
        """``row`` with its minutes brought towards the person's least and most (priced
        minutes only), one day at a time: a shift changed to another of fewer minutes (over
        the most) or more (under the least), never past the other limit, lawful after the
        day before and before the day after, not to a priced type at its limit, nor from
        or to a type the state counts. Cheapest under ``arcs`` a minute first; work stays
        work, so runs and weekends are as they were."""
        limits = self.layout.priced_minutes
        outside = self.minutes_outside(row)
        if limits is None or not outside:
            return row
        least, most = limits
        total = self._worked(row)
        counts = {k: sum(1 for s in row if s == sid) for k, sid in enumerate(self.shifts)}
        room = {k: self.layout.priced_shifts.get(k, math.inf) - counts[k] for k in counts}
        kept = set(self.layout.counted)
        index = {sid: k for k, sid in enumerate(self.shifts)}
        sign = 1 if outside > 0 else -1  # minutes to take off (1) or put on (-1)
        changes = []
        for d, s in enumerate(row):
            if s is None or index[s] in kept:
                continue
            k = index[s]
            for j in range(len(self.shifts)):
                saved = sign * (self.minutes[d, k] - self.minutes[d, j])
                if j == k or j in kept or saved <= 0 or not math.isfinite(arcs[d, j + 1]):
                    continue
                changes.append(((arcs[d, j + 1] - arcs[d, k + 1]) / saved, d, k, j))
        changes.sort()
        new = list(row)
        for _, d, k, j in changes:
            if not (total > most if sign > 0 and most is not None else total < least):
                break  # within the limits
            if new[d] != self.shifts[k] or room[j] <= 0:
                continue
            after = total - self.minutes[d, k] + self.minutes[d, j]
            if (sign > 0 and after < least) or (sign < 0 and most is not None and after > most):
                continue  # past the other limit
            if not self._fits(new, d, self.shifts[j]):
                continue
            new[d] = self.shifts[j]
            room[k] += 1
            room[j] -= 1
            total = after
        return tuple(new)

    def minutes_outside(self, row: Row) -> int:
        """By how many minutes ``row`` works more than the person's most (positive) or
        less than their least (negative); 0 within them, or where minutes are not priced."""
        limits = self.layout.priced_minutes
        if limits is None:
            return 0
        least, most = limits
        total = self._worked(row)
        if most is not None and total > most:
            return total - most
        return min(0, total - least)

    def _worked(self, row: Row) -> int:
        """The minutes ``row`` works."""
        index = {sid: k for k, sid in enumerate(self.shifts)}
        return int(sum(self.minutes[d, index[s]] for d, s in enumerate(row) if s is not None))

    def _fits(self, row: Sequence[str | None], d: int, shift: str) -> bool:
        """Whether ``shift`` on day ``d`` of ``row`` is lawful after the day before and
        before the day after."""
        if d > 0 and not self._follows(d, row[d - 1], shift):
            return False
        return d + 1 >= self.horizon or self._follows(d + 1, shift, row[d + 1])

    def _follows(self, d: int, before: str | None, shift: str | None) -> bool:
        """Whether ``shift`` may be worked on day ``d`` after ``before`` the day before."""
        if before is None or shift is None:
            return True
        return shift not in self._successors[before] and (d - 1, before, shift) not in self._banned

    def overs(self, row: Row) -> tuple[dict[int, int], int]:
        """By how much ``row`` works more shifts of each priced type than the person may
        (shift index -> excess, negative: room left), and more weekends (0 where weekends
        are not priced)."""
        lay = self.layout
        worked = [s is not None for s in row]
        shifts = {
            k: sum(1 for s in row if s == self.shifts[k]) - hi
            for k, hi in lay.priced_shifts.items()
        }
        if lay.priced_weekends is None:
            return shifts, 0
        weekends = sum(
            1
            for d, kind in enumerate(lay.weekend_kind)
            if worked[d] and (kind == 1 or (kind == 2 and not worked[d - 1]))
        )
        return shifts, weekends - lay.priced_weekends

    def cost_of(self, row: Row) -> int | None:
        """The own cost of ``row``, or None if it breaks the person's rules."""
        actions = [0 if s is None else self.shifts.index(s) + 1 for s in row]
        node = self.start[actions[0]]
        for d in range(1, self.horizon):
            if node == self.sizes[d - 1]:
                return None
            node = self.steps[d - 1][actions[d], node]
        if node == self.sizes[-1]:
            return None
        cost = sum(self.own[d, a] for d, a in enumerate(actions))
        return round(cost) if math.isfinite(cost) else None

    def _schedule(self, actions: list[int]) -> Schedule:
        row = tuple(None if a == 0 else self.shifts[a - 1] for a in actions)
        cost = sum(self.own[d, a] for d, a in enumerate(actions))
        return Schedule(row, round(cost))


def _own_costs(problem: Problem, member: StaffMember, shifts: list[str]) -> np.ndarray:
    """(day, action) -> the person's own cost of that action that day; inf if unlawful."""
    h, n = problem.horizon, len(shifts) + 1
    own = np.zeros((h, n))
    col = {s: k + 1 for k, s in enumerate(shifts)}
    for r in problem.requests:
        if r.staff != member.id or not 0 <= r.day < h:
            continue
        hit = np.zeros(n, dtype=bool)
        if r.shift is None:
            hit[1:] = True
        else:
            hit[col[r.shift]] = True
        own[r.day] += r.weight * (~hit if r.on else hit)
    rota = problem.rota
    if rota is not None and member.id in rota.assignment and rota.pattern is not None:
        line, offset = rota.assignment[member.id]
        for d in range(h):
            want = rota.pattern[line][(d + offset) % rota.cycle]
            dev = np.ones(n)
            dev[0 if want is None else col[want]] = 0
            own[d] += rota.weight * dev
    for (staff, d), base in problem.baseline.items():
        weight = problem.change_weights.get((staff, d), problem.change_weight)
        if staff != member.id or not weight or not 0 <= d < h:
            continue
        changed = np.ones(n)
        changed[0 if base is None else col[base]] = 0
        own[d] += weight * changed
    for d in member.days_off:
        if 0 <= d < h:
            own[d, 1:] = np.inf
    for d, s in member.fixed_shifts.items():
        if 0 <= d < h:
            keep = own[d, col[s]]
            own[d] = np.inf
            own[d, col[s]] = keep
    for s, k in col.items():
        if member.max_shifts.get(s) == 0:
            own[:, k] = np.inf
        allowed = problem.shift_days.get(s)
        if allowed is not None:
            for d in range(h):
                if d not in allowed:
                    own[d, k] = np.inf
    return own
