"""Schedule graphs: every lawful schedule is a path, pricing is exact, listing is complete.

Checked against brute force over every row of a short horizon (lawfulness by the
independent ``rule_breaks``, never by the graph) and against CP-SAT pricing."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
import time

import pytest
from roster_check import (
    graph_variants,
    lawful_rows,
    random_duals,
    random_problem,
    rule_breaks,
    weekends_worked,
)

from scheduler.core import Problem, StaffMember, WindowLimit
from scheduler.core import colgen as colgen_module
from scheduler.core.clock import Budget
from scheduler.core.colgen import _Pricer, generate, person_problem
from scheduler.core.paths import MAX_DAYS, GraphTooLarge, PersonGraph, supports


@pytest.mark.parametrize("variant", range(5))
def test_the_graph_holds_exactly_the_lawful_rows(variant: int) -> None:
    problem = graph_variants()[variant]
    lawful = lawful_rows(problem)
    assert lawful  # the variants leave some schedules
    graph = PersonGraph(problem)
    states = [None] + [s.id for s in problem.shifts]
    for row in itertools.product(states, repeat=problem.horizon):
        assert graph.cost_of(row) == lawful.get(row), row


@pytest.mark.parametrize("variant", range(5))
def test_least_is_the_cheapest_lawful_row_under_any_prices(variant: int) -> None:
    problem = graph_variants()[variant]
    lawful = lawful_rows(problem)
    graph = PersonGraph(problem)
    for seed in range(5):
        duals = random_duals(problem, 10 * variant + seed)

        def priced(row: tuple, cost: int, duals=duals) -> float:
            return cost - sum(duals[d, s] for d, s in enumerate(row) if s is not None)

        value, schedule = graph.least(graph.arcs(duals))
        assert value == pytest.approx(min(priced(row, cost) for row, cost in lawful.items()))
        assert schedule is not None
        assert schedule.cost == lawful[schedule.row]
        assert priced(schedule.row, schedule.cost) == pytest.approx(value)


def test_least_schedule_matches_cp_sat_pricing() -> None:
    problem = random_problem(6, horizon=14, people=4)
    for seed, member in enumerate(problem.staff):
        duals = random_duals(problem, seed)
        alone = person_problem(problem, member)
        assert supports(alone)
        graph = PersonGraph(alone)
        value, schedule = graph.least(graph.arcs(duals))
        assert schedule is not None
        assert rule_breaks(problem, member, schedule.row) == []
        cp = _Pricer(problem, member)
        columns, bound, exact, _ = cp.price(duals, Budget(time.monotonic() + 30), 30.0, 0)
        assert exact
        best = min(c.cost - sum(duals[d, s] for d, s in enumerate(c.roster) if s) for c in columns)
        assert value == pytest.approx(best, abs=1e-6)
        assert bound <= value + 1e-6


def test_rules_the_graph_does_not_model_are_left_to_cp_sat() -> None:
    problem = random_problem(1, horizon=7, people=2)
    alone = person_problem(problem, problem.staff[0])
    assert supports(alone)
    assert not supports(dataclasses.replace(alone, windows=(WindowLimit(7, 2400),)))
    assert not supports(problem)  # two people
    assert not supports(dataclasses.replace(alone, horizon=MAX_DAYS + 1))  # slow to build
    odd = dataclasses.replace(alone.staff[0], min_free_days_off=1)
    assert not supports(dataclasses.replace(alone, staff=(odd,)))


def test_too_large_a_graph_falls_back_to_cp_sat_pricing(monkeypatch) -> None:
    problem = random_problem(3, horizon=14, people=5)
    start = {m.id: [None] * problem.horizon for m in problem.staff}
    # an all-off roster breaks no rule of random_problem
    assert all(not rule_breaks(problem, m, tuple(start[m.id])) for m in problem.staff)
    fast = generate(problem, start, Budget(time.monotonic() + 60))
    monkeypatch.setattr("scheduler.core.paths.MAX_STATES", 3)
    with pytest.raises(GraphTooLarge):
        PersonGraph(person_problem(problem, problem.staff[0]))
    pricers = []
    real = colgen_module._pricer

    def spy(problem: Problem, member: StaffMember):
        pricers.append(real(problem, member))
        return pricers[-1]

    monkeypatch.setattr(colgen_module, "_pricer", spy)
    slow = generate(problem, start, Budget(time.monotonic() + 60))
    assert all(isinstance(p, _Pricer) for p in pricers)
    assert len(pricers) == 5
    assert fast.converged
    assert slow.converged
    # both price exactly, so both converge to the same LP optimum
    assert fast.lp_value == pytest.approx(slow.lp_value, abs=1e-6)
    assert fast.bound is not None
    assert fast.lp_value is not None
    assert math.isclose(fast.bound, fast.lp_value, abs_tol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nodes_that_cannot_reach_the_minimum_minutes_are_not_built(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tight band of minutes over eight weeks: the graph built with the filter on the
    minutes still reachable is the graph built without it (the same schedules at the
    same least cost under any prices), from fewer nodes reached."""
    problem = random_problem(seed, horizon=56, people=1)
    member = dataclasses.replace(
        problem.staff[0], min_minutes=33 * 480, max_minutes=34 * 480, max_weekends=4
    )
    alone = person_problem(dataclasses.replace(problem, staff=(member,)), member)
    pruned = PersonGraph(alone)
    monkeypatch.setattr(PersonGraph, "_finishing", lambda *_: lambda d, nodes: nodes)
    full = PersonGraph(alone)
    assert pruned.sizes == full.sizes
    assert pruned.reached < full.reached / 2
    for prices in range(3):
        duals = random_duals(alone, 100 * seed + prices)
        value, schedule = pruned.least(pruned.arcs(duals))
        assert schedule is not None
        assert value == pytest.approx(full.least(full.arcs(duals))[0])
        assert rule_breaks(alone, member, schedule.row) == []
        assert full.cost_of(schedule.row) == pruned.cost_of(schedule.row) == schedule.cost


def test_a_cap_on_the_nodes_reached_stops_the_building() -> None:
    problem = random_problem(4, horizon=56, people=1)
    alone = person_problem(problem, problem.staff[0])
    reached = PersonGraph(alone).reached
    with pytest.raises(GraphTooLarge):
        PersonGraph(alone, max_nodes=reached // 2)
    assert PersonGraph(alone, max_nodes=reached).reached == reached


def _unpriced(problem: Problem) -> Problem:
    """``problem`` without the limits a priced graph prices (a type's most with no least,
    and weekends): the rows its paths may take."""
    m = problem.staff[0]
    kept = {s: v for s, v in m.max_shifts.items() if v == 0 or m.min_shifts.get(s)}
    loose = dataclasses.replace(m, max_shifts=kept, max_weekends=None)
    return dataclasses.replace(problem, staff=(loose,))


def _limit_prices(problem: Problem, seed: int) -> tuple[dict[int, float], float]:
    """Random prices on each priced type (by index) and on weekends."""
    rng = random.Random(seed)
    m = problem.staff[0]
    ids = [s.id for s in problem.shifts]
    priced = [k for k, s in enumerate(ids) if m.max_shifts.get(s) and not m.min_shifts.get(s)]
    return {k: rng.uniform(0, 4) for k in priced}, rng.uniform(0, 4)


def test_the_variants_priced_limits_bind_somewhere() -> None:
    """Else the priced graphs' tests below would not tell them from exact ones."""
    assert any(len(lawful_rows(_unpriced(p))) > len(lawful_rows(p)) for p in graph_variants())


@pytest.mark.parametrize("variant", range(1, 5))
def test_a_priced_graph_holds_the_rows_lawful_but_for_its_priced_limits(variant: int) -> None:
    problem = graph_variants()[variant]
    graph = PersonGraph(problem, priced=True)
    assert graph.priced
    lawful = lawful_rows(_unpriced(problem))
    states = [None] + [s.id for s in problem.shifts]
    for row in itertools.product(states, repeat=problem.horizon):
        assert graph.cost_of(row) == lawful.get(row), row


@pytest.mark.parametrize("variant", range(1, 5))
def test_a_priced_graph_s_least_pays_the_prices_of_its_limits(variant: int) -> None:
    """Under prices on the tours, on each priced type and on weekends worked, ``least`` is
    the cheapest row lawful but for those limits (brute force), and ``overs`` counts by
    how much a row breaks them."""
    problem = graph_variants()[variant]
    member = problem.staff[0]
    ids = [s.id for s in problem.shifts]
    lawful = lawful_rows(_unpriced(problem))
    graph = PersonGraph(problem, priced=True)
    for seed in range(4):
        duals = random_duals(problem, seed)
        types, weekend = _limit_prices(problem, seed)

        def priced(row: tuple, cost: int, duals=duals, types=types, weekend=weekend) -> float:
            tours = sum(duals[d, s] for d, s in enumerate(row) if s is not None)
            counts = sum(p * row.count(ids[k]) for k, p in types.items())
            return cost - tours + counts + weekend * weekends_worked(problem.first_weekday, row)

        arcs = graph.arcs(duals)
        for k, price in types.items():
            arcs[:, k + 1] += price
        value, schedule = graph.least(arcs, weekend=weekend)
        assert schedule is not None
        assert value == pytest.approx(min(priced(row, cost) for row, cost in lawful.items()))
        assert priced(schedule.row, schedule.cost) == pytest.approx(value)
        over, weekends = graph.overs(schedule.row)
        assert over == {k: schedule.row.count(ids[k]) - member.max_shifts[ids[k]] for k in types}
        every = weekends_worked(problem.first_weekday, (ids[0],) * problem.horizon)
        limit = member.max_weekends
        priced_weekends = limit is not None and limit < every
        worked = weekends_worked(problem.first_weekday, schedule.row)
        assert weekends == (worked - limit if priced_weekends and limit is not None else 0)


@pytest.mark.parametrize("seed", range(4))
def test_a_repaired_row_breaks_no_rule_but_what_it_says_is_left(seed: int) -> None:
    """Rows over a type's limit, repaired: every rule but the priced limits still holds
    (by the independent ``rule_breaks``), the excess reported is the row's own, and none
    is left where another type of the same minutes had room on a day it could follow."""
    problem = random_problem(seed, horizon=21, people=1)
    # lates over their limit may become earlies (the same minutes); nights may not
    member = dataclasses.replace(problem.staff[0], max_shifts={"N": 2, "L": 4})
    problem = dataclasses.replace(problem, staff=(member,))
    graph = PersonGraph(problem, priced=True)
    loose = _unpriced(problem)
    rng = random.Random(seed)
    repaired_some = 0
    for _ in range(30):
        duals = {(d, s.id): rng.uniform(0, 3) for d in range(21) for s in problem.shifts}
        for d in range(21):
            duals[d, "L"] += 2  # lates pay most: the path works more than the limit
        arcs = graph.arcs(duals)
        _, schedule = graph.least(arcs)
        assert schedule is not None
        row, left = graph.repaired(schedule.row, arcs)
        assert rule_breaks(loose, loose.staff[0], row) == []
        assert graph.cost_of(row) is not None
        excess = {k: row.count(s) - member.max_shifts[s] for k, s in ((1, "L"), (2, "N"))}
        assert left == {k: v for k, v in excess.items() if v > 0}
        repaired_some += row != schedule.row
    assert repaired_some
