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


@dataclass(frozen=True)
class Relaxation:
    people: tuple[Person, ...]
    cover: dict[Slot, tuple[int, int]]  # (day, shift) -> (required, shortfall weight)


@dataclass(frozen=True)
class CoverBound:
    wanted: int  # officer-tours asked for
    most: int  # at most this many can be delivered by any lawful roster
    least_shortfall_cost: int  # the cover part of the objective is at least this

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
    cover: dict[Slot, tuple[int, int]] = {}
    for c in problem.cover:
        if 0 <= c.day < problem.horizon and c.required > 0:
            required, weight = cover.get((c.day, c.shift), (0, 0))
            cover[c.day, c.shift] = (required + c.required, max(weight, c.under_weight))
    covered = {s for _, s in cover}
    # (a relaxation: an officer's own period, or one reaching into history, left out)
    periods = _disjoint(
        [set(r.days) for r in problem.rest_periods if r.staff is None and min(r.days) >= 0]
    )
    people = tuple(_person(problem, m, covered, periods) for m in problem.staff)
    return Relaxation(people, cover)


def merge(parts: Iterable[Relaxation]) -> Relaxation:
    """People who share cover (teams of one contract): their people together, and each
    slot's requirement summed."""
    people: list[Person] = []
    cover: dict[Slot, tuple[int, int]] = {}
    for part in parts:
        people += part.people
        for slot, (required, weight) in part.cover.items():
            had, w = cover.get(slot, (0, 0))
            cover[slot] = (had + required, max(w, weight))
    return Relaxation(tuple(people), cover)


def cover_bound(relaxed: Relaxation) -> CoverBound:
    wanted = sum(r for r, _ in relaxed.cover.values())
    if not wanted:
        return CoverBound(0, 0, 0)
    weights = {w for _, w in relaxed.cover.values()}
    most = _flow(relaxed, weighted=False)  # the largest cover
    if len(weights) == 1 and min(weights) > 0:
        # with one weight, the largest weighted cover is the largest cover times it: a
        # maximum flow, with no min-cost flow (five times its time on London's contracts)
        best = most * weights.pop()
    else:
        best = _flow(relaxed, weighted=True)  # the largest weighted cover
    cost = sum(r * w for r, w in relaxed.cover.values()) - best
    return CoverBound(wanted, most, cost)


def _person(problem: Problem, m: StaffMember, covered: set[str], periods: list[set[int]]) -> Person:
    horizon = problem.horizon
    off = {d for d in m.days_off if 0 <= d < horizon}
    offered = problem.shift_days
    banned = {s for s, cap in m.max_shifts.items() if cap == 0}
    days: dict[int, tuple[str, ...]] = {}
    busy: set[int] = set()  # fixed to a shift that gives no cover: duty all the same
    for d in range(horizon):
        if d in off:
            continue
        fixed = m.fixed_shifts.get(d)
        if fixed is not None:
            if fixed in covered:
                days[d] = (fixed,)
            else:
                busy.add(d)
            continue
        able = tuple(
            s.id
            for s in problem.shifts
            if s.id in covered
            and s.id not in banned
            and (s.id not in offered or d in offered[s.id])
        )
        if able:
            days[d] = able
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
    return Person(days, max(0, duty - len(busy)), tuple(kept))


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


def _flow(relaxed: Relaxation, weighted: bool) -> int:
    """The largest cover (or weighted cover) a flow through the relaxation carries."""
    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []
    costs: list[int] = []
    count = 2  # 0 the source, 1 the sink

    def arc(tail: int, head: int, capacity: int, cost: int = 0) -> None:
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costs.append(cost)

    slots: dict[Slot, int] = {}
    for slot, (required, weight) in relaxed.cover.items():
        slots[slot] = count
        arc(count, 1, required, -weight if weighted else 0)
        count += 1
    for person in relaxed.people:
        me, count = count, count + 1
        arc(0, me, person.duty_days)
        under: dict[int, int] = {}
        for days, most in person.periods:
            arc(me, count, most)
            for d in days:
                under[d] = count
            count += 1
        for d, shifts in person.days.items():
            day, count = count, count + 1
            arc(under.get(d, me), day, 1)
            for s in shifts:
                if (d, s) in slots:
                    arc(day, slots[d, s], 1)
    if not weighted:
        flow = max_flow.SimpleMaxFlow()
        flow.add_arcs_with_capacity(tails, heads, capacities)
        flow.solve(0, 1)
        return int(flow.optimal_flow())
    total = sum(p.duty_days for p in relaxed.people)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    solver.add_arc_with_capacity_and_unit_cost(0, 1, total, 0)  # duty that covers nothing
    solver.set_node_supply(0, total)
    solver.set_node_supply(1, -total)
    if solver.solve() != solver.OPTIMAL:
        raise RuntimeError("the cover relaxation's flow was not solved")
    return int(-solver.optimal_cost())
