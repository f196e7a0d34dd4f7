"""Schedule graphs: every lawful schedule is a path, pricing is exact, listing is complete.

Checked against brute force over every row of a short horizon (lawfulness by the
independent ``rule_breaks``, never by the graph) and against CP-SAT pricing."""

from __future__ import annotations

import dataclasses
import itertools
import math
import time

import pytest
from roster_check import graph_variants, lawful_rows, random_duals, random_problem, rule_breaks

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
