"""The portfolio around the decomposition: the direct model first, its pace, the config
and clock every phase obeys."""

from __future__ import annotations

import os

import pytest
from roster_check import check_roster, random_problem, true_cost

from scheduler.core import solve
from scheduler.core.clock import Clock
from scheduler.core.config import Shares, SolveConfig, wall_for_work
from scheduler.core.cpsat import find_lawful, make_solver
from scheduler.core.direct import run_direct
from scheduler.core.model import build_model
from scheduler.core.pinned import read_values


def test_the_direct_model_starts_from_the_lawful_roster_and_keeps_it_lawful() -> None:
    problem = random_problem(3, horizon=14, people=6)
    built = build_model(problem)
    _, lawful = find_lawful(built, make_solver(10, 0, 1))
    assert lawful is not None
    start = read_values(built, lawful, 0).objective or 0
    config = SolveConfig(time_limit=30, seed=0, workers=1, deterministic_time=2.0)
    clock = Clock.start(config.time_limit, config.deterministic_time)
    found = run_direct(built, lawful, clock, config, 1, 1.0)
    assert found.best is not None
    assert found.best.objective <= start
    roster = read_values(built, found.best.values, 0)
    check_roster(problem, roster.assignment)
    assert true_cost(problem, roster.assignment) == roster.objective <= found.best.objective
    assert found.bound <= roster.objective
    assert clock.spent > 0  # its work is charged to the solve's budget


def test_no_direct_phase_is_the_decomposition_alone_and_both_are_lawful() -> None:
    problem = random_problem(4, horizon=14, people=6)
    work = {"time_limit": 30, "seed": 0, "workers": 1, "deterministic_time": 3.0}
    with_direct = solve(problem, **work)
    without = solve(problem, shares=Shares(direct=0.0), **work)
    for found in (with_direct, without):
        assert found.feasible
        check_roster(problem, found.assignment)
        assert true_cost(problem, found.assignment) == found.objective
        assert found.bound is not None
        assert found.bound <= found.objective


def test_the_cpu_budget_is_the_cores_this_process_may_use(monkeypatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # taskset -c 0
    assert SolveConfig(workers=0).cpu == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert SolveConfig(workers=0).cpu == 3
    assert SolveConfig(workers=2).cpu == 2
    assert SolveConfig(workers=1).reproducible
    assert not SolveConfig(workers=2).reproducible


def test_work_budgets_have_one_wall_clock_safety_net() -> None:
    assert wall_for_work(10) > 10
    assert wall_for_work(0) > 0
    assert wall_for_work(20) - wall_for_work(10) == pytest.approx(
        2 * (wall_for_work(10) - wall_for_work(5))
    )


def test_a_clock_keeps_its_reserve_back_from_every_phase() -> None:
    clock = Clock.start(10.0)
    full = clock.left()
    clock.reserve = 4.0
    assert clock.left() == pytest.approx(full - 4.0, abs=0.05)
    assert clock.budget(0.5).left() == pytest.approx((full - 4.0) / 2, abs=0.05)
    clock.stop.set()
    assert clock.out()
    assert clock.left() < 0.1
