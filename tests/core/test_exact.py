"""Exact search near the bound: reduced-cost fixing keeps every arc a good roster needs,
and the level loop proves optima.

Arcs are checked against brute force over every row of a short horizon (lawfulness by the
independent ``rule_breaks``); rosters by the independent checker and cost, and optima
against CP-SAT on the whole model."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import threading
import time

import pytest
from roster_check import (
    check_roster,
    graph_variants,
    lawful_rows,
    random_duals,
    random_problem,
    rule_breaks,
    true_cost,
)

from scheduler.core import CompanionRule, FairnessRule, Problem, solve
from scheduler.core.clock import Budget
from scheduler.core.colgen import generate
from scheduler.core.config import Shares
from scheduler.core.exact import Exact, Levels, applies
from scheduler.core.paths import PersonGraph


def _path(graph: PersonGraph, row: tuple) -> list[tuple[int, int, int, int]]:
    """The arcs (day, node before, action, node after) a row takes through the graph."""
    actions = [0 if s is None else graph.shifts.index(s) + 1 for s in row]
    node = int(graph.start[actions[0]])
    arcs = [(0, -1, actions[0], node)]
    for d in range(1, graph.horizon):
        nxt = int(graph.steps[d - 1][actions[d], node])
        arcs.append((d, node, actions[d], nxt))
        node = nxt
    return arcs


@pytest.mark.parametrize("variant", range(5))
@pytest.mark.parametrize("cap", [0.0, 1.5, 4.0])
def test_near_keeps_exactly_the_arcs_of_schedules_within_the_cap(variant: int, cap: float) -> None:
    problem = graph_variants()[variant]
    lawful = lawful_rows(problem)
    graph = PersonGraph(problem)
    duals = random_duals(problem, variant)
    priced = {
        row: cost - sum(duals[d, s] for d, s in enumerate(row) if s is not None)
        for row, cost in lawful.items()
    }
    least = min(priced.values())
    # per arc, the least excess of a lawful row through it
    through: dict[tuple[int, int, int, int], float] = {}
    for row, value in priced.items():
        for arc in _path(graph, row):
            through[arc] = min(through.get(arc, float("inf")), value - least)
    near = graph.near(graph.arcs(duals), cap)
    kept = {
        (int(d), int(t), int(a), int(h)): e
        for d, t, a, h, e in zip(
            near.day, near.tail, near.action, near.head, near.excess, strict=True
        )
    }
    wanted = {arc: e for arc, e in through.items() if e <= cap + 1e-9}
    assert kept.keys() == wanted.keys()
    for arc, excess in kept.items():
        assert excess == pytest.approx(wanted[arc], abs=1e-9)
    # each arc's own cost is the person's cost of that action that day
    for d, a, c in zip(near.day, near.action, near.cost, strict=True):
        assert c == graph.own[d, a]


def _converged(problem: Problem):
    start = {m.id: [None] * problem.horizon for m in problem.staff}
    assert all(not rule_breaks(problem, m, tuple(start[m.id])) for m in problem.staff)
    result = generate(problem, start, Budget(time.monotonic() + 60))
    assert result.converged
    assert result.prices is not None
    return result


def _optimum(problem: Problem) -> int:
    """CP-SAT on the whole model, to proven optimality."""
    found = solve(problem, time_limit=60, workers=1, seed=0, colgen=False, lns=False)
    assert found.status == "OPTIMAL"
    assert found.objective is not None
    return round(found.objective)


@pytest.mark.parametrize("seed", [2, 5])
def test_levels_prove_the_optimum(seed: int) -> None:
    problem = random_problem(seed, horizon=14, people=5)
    result = _converged(problem)
    assert applies(problem, result.graphs)
    levels = Levels(problem, result.graphs, result.prices, seed=0)
    assert levels.bound == pytest.approx(result.lp_value, abs=1e-6)  # converged: L = LP
    levels.search(time.monotonic() + 60)
    assert levels.proven
    assert levels.best is not None
    value, roster = levels.best
    check_roster(problem, {s: list(r) for s, r in roster.items()})
    assert true_cost(problem, {s: list(r) for s, r in roster.items()}) == value
    assert value == levels.lower == _optimum(problem)


def test_a_level_without_rosters_raises_the_bound_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = random_problem(2, horizon=14, people=5)
    result = _converged(problem)
    optimum = _optimum(problem)
    levels = Levels(problem, result.graphs, result.prices, seed=0)
    seen = []
    solve_level = levels._solve_level

    def spy(chosen, cap, seconds):
        status, found = solve_level(chosen, cap, seconds)
        seen.append((levels.lower, status.name, found and found[0]))
        return status, found

    monkeypatch.setattr(levels, "_solve_level", spy)
    levels.search(time.monotonic() + 60)
    assert seen, "no level was searched"
    first_lower = seen[0][0]
    # every level below the optimum is empty, or holds only rosters above it
    assert len(seen) == optimum - first_lower + 1 or seen[-1][2] == optimum
    assert all(lower <= optimum for lower, _, _ in seen)


def test_a_ceiling_stops_the_levels_below_a_known_roster() -> None:
    problem = random_problem(5, horizon=14, people=5)
    result = _converged(problem)
    floor = Levels(problem, result.graphs, result.prices).lower  # ceil of the bound
    levels = Levels(problem, result.graphs, result.prices, seed=0, ceiling=floor)
    levels.search(time.monotonic() + 60)
    assert levels.best is None  # no level was searched: none is below the ceiling
    assert levels.lower == floor


def test_applies_only_when_the_master_prices_every_term() -> None:
    problem = random_problem(2, horizon=14, people=5)
    result = _converged(problem)
    assert applies(problem, result.graphs)
    first, second = problem.staff[0].id, problem.staff[1].id
    rule = CompanionRule(first, second, frozenset({"N"}), 1)
    assert not applies(dataclasses.replace(problem, companions=(rule,)), result.graphs)
    fair = FairnessRule("nights", frozenset(range(14)), frozenset({"N"}), 1)
    fairness = dataclasses.replace(problem, fairness=(fair,))
    assert not applies(fairness, result.graphs)
    missing = dict(itertools.islice(result.graphs.items(), 4))
    assert not applies(problem, missing)


def test_stop_ends_a_running_search() -> None:
    problem = random_problem(5, horizon=14, people=5)
    result = _converged(problem)
    levels = Levels(problem, result.graphs, result.prices, seed=0)
    levels.stop()
    levels.search(time.monotonic() + 60)
    assert levels.best is None
    assert not levels.proven
    stop = threading.Event()
    exact = Exact(Levels(problem, result.graphs, result.prices), 60, stop, lambda r: None)
    exact.finish()
    assert exact.done.is_set()


def test_solve_proves_with_the_exact_search(monkeypatch) -> None:
    problem = random_problem(5, horizon=14, people=5)
    started = []
    solve_module = importlib.import_module("scheduler.core.solve")  # the package re-exports solve()
    real = solve_module.Exact

    def spy(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(solve_module, "Exact", spy)
    # no direct model first: it would prove so small a problem on its own
    found = solve(problem, time_limit=60, workers=2, seed=0, shares=Shares(direct=0.0))
    assert started, "the exact search did not run"
    assert found.status == "OPTIMAL"
    assert started[0].lower <= found.objective == _optimum(problem)
    roster = {s: list(row) for s, row in found.assignment.items()}
    check_roster(problem, roster)
    assert true_cost(problem, roster) == found.objective


def test_a_first_level_too_large_is_not_started(monkeypatch) -> None:
    problem = random_problem(5, horizon=14, people=5)
    result = _converged(problem)
    levels = Levels(problem, result.graphs, result.prices)
    assert levels.fits()
    monkeypatch.setattr("scheduler.core.exact.MAX_ARCS", 10)
    assert not levels.fits()
