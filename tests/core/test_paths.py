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
from roster_check import random_problem, request_cost, rule_breaks

from scheduler.core import Problem, ShiftRequest, StaffMember, WindowLimit
from scheduler.core import colgen as colgen_module
from scheduler.core.clock import Budget
from scheduler.core.colgen import _Pricer, generate, person_problem
from scheduler.core.paths import MAX_DAYS, GraphTooLarge, PersonGraph, supports


def _variants() -> list[Problem]:
    """One-person problems of 7 days that exercise each rule family the graph models."""
    base = random_problem(2, horizon=7, people=1)
    m = base.staff[0]
    requests = tuple(
        ShiftRequest(m.id, d, s, w, on)
        for d, s, w, on in [(1, "D", 3, True), (2, None, 2, False), (4, "N", 1, False)]
    )
    base = dataclasses.replace(base, cover=(), requests=requests)
    tight = dataclasses.replace(
        m,
        max_shifts={"N": 2, "L": 3},
        min_shifts={"D": 1},
        min_minutes=3 * 480,
        max_minutes=5 * 480 + 120,
        max_consecutive_work=3,
        min_consecutive_work=2,
        min_consecutive_off=2,
        max_weekends=1,
        days_off=frozenset({6}),
        fixed_shifts={1: "L"},
    )
    history = dataclasses.replace(tight, history=("N", None, "D"), fixed_shifts={})
    open_ended = dataclasses.replace(tight, history=("D", "D"), fixed_shifts={})
    return [
        base,
        dataclasses.replace(base, staff=(tight,)),
        dataclasses.replace(base, staff=(tight,), first_weekday=6),  # starts on a Sunday
        dataclasses.replace(base, staff=(history,)),
        dataclasses.replace(base, staff=(open_ended,), first_weekday=5),
    ]


def _brute_force(problem: Problem) -> dict[tuple, int]:
    """Every lawful row of ``problem``'s one person and its own (request) cost."""
    member = problem.staff[0]
    states = [None] + [s.id for s in problem.shifts]
    out = {}
    for row in itertools.product(states, repeat=problem.horizon):
        if not rule_breaks(problem, member, row):
            out[row] = request_cost(problem, {member.id: list(row)})
    return out


def _random_duals(problem: Problem, seed: int) -> dict[tuple[int, str], float]:
    rng = random.Random(seed)
    return {(d, s.id): rng.uniform(0, 3) for d in range(problem.horizon) for s in problem.shifts}


@pytest.mark.parametrize("variant", range(5))
def test_the_graph_holds_exactly_the_lawful_rows(variant: int) -> None:
    problem = _variants()[variant]
    lawful = _brute_force(problem)
    assert lawful  # the variants leave some schedules
    graph = PersonGraph(problem)
    states = [None] + [s.id for s in problem.shifts]
    for row in itertools.product(states, repeat=problem.horizon):
        assert graph.cost_of(row) == lawful.get(row), row


@pytest.mark.parametrize("variant", range(5))
def test_least_is_the_cheapest_lawful_row_under_any_prices(variant: int) -> None:
    problem = _variants()[variant]
    lawful = _brute_force(problem)
    graph = PersonGraph(problem)
    for seed in range(5):
        duals = _random_duals(problem, 10 * variant + seed)

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
        duals = _random_duals(problem, seed)
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
    assert math.isclose(fast.bound, fast.lp_value, abs_tol=1e-6)
