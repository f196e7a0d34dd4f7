"""An upper bound on the cover any lawful roster can deliver, and from it a lower bound on
the objective: a flow relaxation of the hard rules, valid for the whole horizon.

Each person gives at most one tour a day, only on days they may work and only on shifts
they may work that day; over the horizon at most as many duty days as their days off
leave (``min_free_days_off``) and their minutes allow; and in each rest period (a week of
weekly rest) at most all but one of its candidate days. As a flow: source -> person
(duty days) -> rest period (its days less one) -> person-day (1) -> (day, shift) cover
(the requirement) -> sink. Every roster meeting the hard rules is such a flow, so the
largest flow bounds the cover delivered, and with each unit of cover weighted by its
shortfall cost, the cheapest shortfall left bounds the cover part of the objective; every
other objective term is at least zero, so that is a lower bound on the objective.

Where staff above a row's ceiling cost (``Cover.over_weight``) and people must work some
days (``Person.least``: their free days off capped, their minutes or shift counts at
least), the days they must work go somewhere: to a tour short of its ceiling, to one
above it at its cost, or to a tour no row prices that day. The cheapest such flow (a
minimum-cost flow with each person's least days as their own supply) bounds the cover
part of the objective, over-cover included: without it a roster whose officers must work
more tours than the ceilings leave room for showed a gap of 97 % (BENCHMARKS.md).

Rules the flow leaves out (successions between days, minimum runs, consecutive-day limits,
rolling hours windows, weekends) only make the bound looser, never wrong. Relaxations of
people who share cover merge (``merge``): a contract rostered as several teams is bounded
as one, whatever the teams' shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.graph.python import max_flow, min_cost_flow

from .data import Problem, StaffMember

Slot = tuple[int, str]  # (day, shift)


@dataclass(frozen=True)
class Person:
    """One person's side of the flow: the shifts they may give cover on each day, the
    duty days they may give cover on at most, and per rest period the days of it they
    may work and how many of them at most."""

    days: dict[int, tuple[str, ...]]
    duty_days: int
    periods: tuple[tuple[tuple[int, ...], int], ...]
    least: int = 0  # of those duty days, at least this many must be worked
    # days of ``days`` on which a tour no row of their own problem prices that day may be
    # worked (at no cost to cover)
    idle: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Want:
    """A slot's row: staff required, each one short costing ``under``; each one above
    ``most`` costing ``over``."""

    required: int
    under: int
    most: int = 0
    over: int = 0


@dataclass(frozen=True)
class Relaxation:
    people: tuple[Person, ...]
    cover: dict[Slot, Want]


@dataclass(frozen=True)
class CoverBound:
    wanted: int  # officer-tours asked for
    most: int  # at most this many can be delivered by any lawful roster
    least_cover_cost: int  # the cover part of the objective (short and over) is at least this

    @property
    def share(self) -> float:
        """The bound as a share of what was asked for."""
        return self.most / self.wanted if self.wanted else 1.0


_KNOWN: list[tuple[Problem, CoverBound]] = []  # the last few problems bounded
_KEEP = 4


def problem_bound(problem: Problem) -> CoverBound:
    """``cover_bound(relaxation(problem))``, remembered for the last few problems (a job
    asks for its problem's bound twice: as the solve's lower bound and as the cover's)."""
    for known, bound in _KNOWN:
        if known is problem:
            return bound
    bound = cover_bound(relaxation(problem))
    _KNOWN.insert(0, (problem, bound))
    del _KNOWN[_KEEP:]
    return bound


def relaxation(problem: Problem) -> Relaxation:
    cover: dict[Slot, Want] = {}
    for c in problem.cover:
        if 0 <= c.day < problem.horizon and (c.required > 0 or c.over_weight > 0):
            required = max(c.required, 0)
            row = Want(required, c.under_weight if required else 0, c.most, c.over_weight)
            had = cover.get((c.day, c.shift))
            cover[c.day, c.shift] = row if had is None else _sum(had, row)
    covered = {s for _, s in cover}
    # (a relaxation: an officer's own period, or one reaching into history, left out)
    periods = _disjoint(
        [set(r.days) for r in problem.rest_periods if r.staff is None and min(r.days) >= 0]
    )
    people = tuple(_person(problem, m, covered, set(cover), periods) for m in problem.staff)
    return Relaxation(people, cover)


def merge(parts: Iterable[Relaxation]) -> Relaxation:
    """People who share cover (teams of one contract): their people together, and each
    slot's requirement and ceiling summed."""
    people: list[Person] = []
    cover: dict[Slot, Want] = {}
    for part in parts:
        people += part.people
        for slot, want in part.cover.items():
            had = cover.get(slot)
            cover[slot] = want if had is None else _sum(had, want)
    return Relaxation(tuple(people), cover)


def _sum(one: Want, other: Want) -> Want:
    """Two rows of a slot as one: what they require and allow summed; short, the larger
    weight (rows of one contract share theirs), over, the smaller (each row's staff above
    its own ceiling cost at least what staff above the sum of the ceilings do)."""
    return Want(
        one.required + other.required,
        max(one.under, other.under),
        one.most + other.most,
        min(one.over, other.over),
    )


def cover_bound(relaxed: Relaxation) -> CoverBound:
    wanted = sum(w.required for w in relaxed.cover.values())
    most = _flow(relaxed, weighted=False) if wanted else 0  # the largest cover
    asked = sum(w.required * w.under for w in relaxed.cover.values())
    if _over_forced(relaxed):  # days that must be worked may have to go over a ceiling
        least = _least_cost(relaxed)
        if least is not None:
            return CoverBound(wanted, most, asked + least)
    if not wanted:
        return CoverBound(0, 0, 0)
    weights = {w.under for w in relaxed.cover.values() if w.required}
    if len(weights) == 1 and min(weights) > 0:
        # with one weight, the largest weighted cover is the largest cover times it: a
        # maximum flow, with no min-cost flow (five times its time on London's contracts)
        best = most * weights.pop()
    else:
        best = _flow(relaxed, weighted=True)  # the largest weighted cover
    return CoverBound(wanted, most, asked - best)


def _over_forced(relaxed: Relaxation) -> bool:
    """Whether anyone must work some days and a row prices staff above its ceiling."""
    return any(p.least for p in relaxed.people) and any(w.over for w in relaxed.cover.values())


def _person(
    problem: Problem,
    m: StaffMember,
    covered: set[str],
    slots: set[Slot],
    periods: list[set[int]],
) -> Person:
    horizon = problem.horizon
    off = {d for d in m.days_off if 0 <= d < horizon}
    offered = problem.shift_days
    banned = {s for s, cap in m.max_shifts.items() if cap == 0}
    days: dict[int, tuple[str, ...]] = {}
    idle: set[int] = set()  # a day on which they may work a tour no row prices that day
    busy: set[int] = set()  # fixed to a shift that gives no cover: duty all the same
    for d in range(horizon):
        if d in off:
            continue
        fixed = m.fixed_shifts.get(d)
        if fixed is not None:
            if fixed in covered:
                days[d] = (fixed,)
                if (d, fixed) not in slots:
                    idle.add(d)
            else:
                busy.add(d)
            continue
        able = [
            s.id
            for s in problem.shifts
            if s.id not in banned and (s.id not in offered or d in offered[s.id])
        ]
        if any((d, s) not in slots for s in able):
            idle.add(d)
        if able:  # (a day with no tour of cover to give: idle, a way to work a day for free)
            days[d] = tuple(s for s in able if s in covered)
    free = [d for d in range(horizon) if d not in off and d not in m.unfree_days]
    unfree = [d for d in m.unfree_days if 0 <= d < horizon and d not in off]
    duty = len(free) - (m.min_free_days_off or 0) + len(unfree)
    if m.max_minutes is not None:
        shortest = min((s.minutes for s in problem.shifts if s.minutes > 0), default=0)
        if shortest:
            duty = min(duty, m.max_minutes // shortest)
    kept = []
    for period in periods:
        if period & off:  # a day off in it already gives the rest
            continue
        inside = tuple(sorted(d for d in period if d in days))
        most = len(period) - 1 - len(period & busy)
        if inside and most < len(inside):
            kept.append((inside, max(0, most)))
    duty = max(0, duty - len(busy))
    least = min(duty, max(0, _least_days(problem, m, free, banned) - len(busy)))
    return Person(days, duty, tuple(kept), least, frozenset(idle))


def _least_days(problem: Problem, m: StaffMember, free: list[int], banned: set[str]) -> int:
    """Days ``m`` must work at least: the free days their days off leave
    (``max_free_days_off``), their minutes at the longest tour they may work, their shift
    counts (one tour a day)."""
    least = sum(m.min_shifts.values())
    if m.max_free_days_off is not None:
        least = max(least, len(free) - m.max_free_days_off)
    if m.min_minutes:
        lengths = [s.minutes for s in problem.shifts if s.id not in banned]
        lengths += [n for (d, s), n in problem.minutes_by_day.items() if d >= 0 and s not in banned]
        longest = max(lengths, default=0)
        if longest > 0:
            least = max(least, -(-m.min_minutes // longest))
    return least


def _disjoint(periods: list[set[int]]) -> list[set[int]]:
    """Periods in order, leaving out any that overlaps one already kept (each person-day
    may sit under one period in the flow)."""
    kept: list[set[int]] = []
    seen: set[int] = set()
    for period in periods:
        if period and not period & seen:
            kept.append(period)
            seen |= period
    return kept


class _Graph:
    """The flow's arcs: 0 the source, 1 the sink, people, their rest periods and days,
    and the slots. ``least``: each person's least days are their own supply, a day they
    may work unpriced goes to the sink at no cost, and each slot prices staff above its
    ceiling (``_least_cost``)."""

    def __init__(self, relaxed: Relaxation, weighted: bool, least: bool = False) -> None:
        self.tails: list[int] = []
        self.heads: list[int] = []
        self.capacities: list[int] = []
        self.costs: list[int] = []
        self.supplies: dict[int, int] = {}
        self.count = 2  # 0 the source, 1 the sink
        staff = len(relaxed.people)
        slots: dict[Slot, int] = {}
        for slot, want in relaxed.cover.items():
            slots[slot] = node = self._node()
            self.arc(node, 1, want.required, -want.under if weighted else 0)
            if least:  # staff to the ceiling at no cost, above it at its cost
                self.arc(node, 1, max(0, want.most - want.required), 0)
                self.arc(node, 1, staff, want.over)
        for person in relaxed.people:
            me = self._node()
            if least:
                self.arc(0, me, person.duty_days - person.least)
                self.supplies[me] = person.least
            else:
                self.arc(0, me, person.duty_days)
            under: dict[int, int] = {}
            for days, most in person.periods:
                period = self._node()
                self.arc(me, period, most)
                for d in days:
                    under[d] = period
            for d, shifts in person.days.items():
                day = self._node()
                self.arc(under.get(d, me), day, 1)
                for s in shifts:
                    if (d, s) in slots:
                        self.arc(day, slots[d, s], 1)
                if least and d in person.idle:
                    self.arc(day, 1, 1, 0)

    def _node(self) -> int:
        self.count += 1
        return self.count - 1

    def arc(self, tail: int, head: int, capacity: int, cost: int = 0) -> None:
        self.tails.append(tail)
        self.heads.append(head)
        self.capacities.append(capacity)
        self.costs.append(cost)


def _flow(relaxed: Relaxation, weighted: bool) -> int:
    """The largest cover (or weighted cover) a flow through the relaxation carries."""
    graph = _Graph(relaxed, weighted)
    if not weighted:
        flow = max_flow.SimpleMaxFlow()
        flow.add_arcs_with_capacity(graph.tails, graph.heads, graph.capacities)
        flow.solve(0, 1)
        return int(flow.optimal_flow())
    total = sum(p.duty_days for p in relaxed.people)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        graph.tails, graph.heads, graph.capacities, graph.costs
    )
    solver.add_arc_with_capacity_and_unit_cost(0, 1, total, 0)  # duty that covers nothing
    solver.set_node_supply(0, total)
    solver.set_node_supply(1, -total)
    if solver.solve() != solver.OPTIMAL:
        raise RuntimeError("the cover relaxation's flow was not solved")
    return int(-solver.optimal_cost())


def _least_cost(relaxed: Relaxation) -> int | None:
    """The least cost of cover, short and over, less the cost of nobody at all (the
    requirement at its shortfall weights): each person's least days must be worked, on a
    tour of cover, or on one no row prices that day. None if the relaxation cannot place
    them (then the problem has no lawful roster anyway)."""
    graph = _Graph(relaxed, weighted=True, least=True)
    optional = sum(p.duty_days - p.least for p in relaxed.people)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        graph.tails, graph.heads, graph.capacities, graph.costs
    )
    solver.add_arc_with_capacity_and_unit_cost(0, 1, optional, 0)  # duty not worked
    for node, supply in graph.supplies.items():
        solver.set_node_supply(node, supply)
    solver.set_node_supply(0, optional)
    solver.set_node_supply(1, -optional - sum(graph.supplies.values()))
    if solver.solve() != solver.OPTIMAL:
        return None
    return int(solver.optimal_cost())
