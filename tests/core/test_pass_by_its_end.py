"""Passes over the whole model that end by a time (``pinned.solve_pinned``'s ``until``): on
a busy machine the phases before the last ones run late, and a pass started anyway (30 s
of safety net) took a 60 s solve to 66-71 s. A pass that cannot end in time is not
started: the final costing keeps the cost the roster carries, and the join of the people's
rows gives no roster."""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest
from ortools.sat.python import cp_model
from roster_check import check_roster, random_problem, true_cost

import scheduler.core.apart as apart
import scheduler.core.solve  # noqa: F401  (the module, not the function the package exports)
from scheduler.core.clock import Clock
from scheduler.core.config import SolveConfig
from scheduler.core.cpsat import decode, make_solver
from scheduler.core.data import Problem
from scheduler.core.lawful import People, lawful_by_person, schedules
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.pinned import complete, read_values

solve_module = sys.modules["scheduler.core.solve"]


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The passes run, and are counted, in this process (with ``until`` they run in a
    child, ``apart.call``, whose end by ``until`` tests/core/test_apart_call.py checks)."""
    monkeypatch.setattr(apart, "_FORK", False)


def _searches(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time limit of each CP-SAT search started from now on."""
    limits: list[float] = []
    solve = cp_model.CpSolver.solve

    def counted(
        self: cp_model.CpSolver,
        model: cp_model.CpModel,
        callback: cp_model.CpSolverSolutionCallback | None = None,
    ) -> object:
        limits.append(self.parameters.max_time_in_seconds)
        return solve(self, model, callback)

    monkeypatch.setattr(cp_model.CpSolver, "solve", counted)
    return limits


def _lawful(seed: int) -> tuple[Problem, BuiltModel, list[int]]:
    problem = random_problem(seed, horizon=14, people=5)
    built = build_model(problem)
    solver = make_solver(10.0, 0, 1, deterministic_time=5.0)
    assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return problem, built, list(solver.response_proto.solution)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_final_costing_past_its_end_keeps_the_cost_the_roster_carries(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem, built, values = _lawful(seed)
    limits = _searches(monkeypatch)
    late = read_values(built, values, 0, objective=123_456.0, until=time.monotonic())
    assert limits == []  # no pass started
    assert late.objective == 123_456.0
    short = read_values(built, values, 0, 123_456.0, until=time.monotonic() + 5, least=10)
    assert limits == []  # nor with less time than a pass takes
    assert short.objective == 123_456.0
    assert late.assignment == decode(built, values)
    check_roster(problem, late.assignment)
    in_time = read_values(built, values, 0, objective=123_456.0, until=time.monotonic() + 30)
    assert len(limits) == 1
    assert 0 < limits[0] <= 30
    assert in_time.objective == true_cost(problem, in_time.assignment)


def test_a_join_that_cannot_end_by_the_deadline_gives_no_roster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = random_problem(3, horizon=14, people=5)
    built = build_model(problem)
    config = SolveConfig(seed=0, workers=1)
    rows = schedules(problem, Clock.start(30), config, 1.0)
    assert rows is not None
    assert complete(built, rows, 0, until=time.monotonic() + 30) is not None  # joins in time
    limits = _searches(monkeypatch)
    # past the deadline by less than the tolerance (4 % of 100 s): joined, a roster late
    # by a little is worth more than none
    late = Clock(time.monotonic() - 100.5, 100.0)
    joined = lawful_by_person(built, late, config, 1.0, People(dict(rows)))
    assert joined is not None
    assert len(limits) == 1
    check_roster(problem, decode(built, joined))
    limits.clear()
    # its deadline passed 25 s ago, and the lawful start's safety net (``Clock.lawful_end``)
    spent = Clock(time.monotonic() - 30, 5.0)
    assert lawful_by_person(built, spent, config, 1.0, People(dict(rows))) is None
    assert limits == []
    assert complete(built, rows, 0, until=time.monotonic()) is None
    assert limits == []


def test_a_large_model_built_past_the_deadline_starts_no_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = random_problem(5, horizon=14, people=5)
    build = solve_module.build_model

    def slow(p: Problem, **options: Any) -> BuiltModel:  # building outlasts the limit
        built = build(p, **options)
        time.sleep(0.6)
        return built

    monkeypatch.setattr(solve_module, "build_model", slow)
    limits = _searches(monkeypatch)
    # every model over ``direct_cells`` is large: the direct model from nothing, in one search
    config = SolveConfig(time_limit=0.5, workers=1, seed=0, direct_cells=0)
    solution = solve_module.solve(problem, config)
    assert solution.status == "UNKNOWN"
    assert limits == []
