"""An LNS hole is searched only if it can end by the deadline: its copy and pins take as
long as loading it into CP-SAT and reading it back will, so what is left after the copy is
its time, and with too little left none is started (on a busy machine a late hole ran half
a second past a 20 s solve's end: BENCHMARKS.md, apart22). A copy slowed to outlast the
deadline (the stand-in moves the deadline to its end) shows the order of events."""

from __future__ import annotations

import time
from typing import Any

import pytest
from lawful_start import start_of
from ortools.sat.python import cp_model
from roster_check import random_problem

from scheduler.core.clock import Budget
from scheduler.core.lns import Search
from scheduler.core.model import build_model


def test_a_hole_whose_copy_outlasts_the_deadline_is_not_searched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = random_problem(2, horizon=14, people=5)
    built = build_model(problem)
    start, _ = start_of(problem, 2)
    budget = Budget(time.monotonic() + 600)
    searched: list[float] = []
    solve, clone = cp_model.CpSolver.solve, cp_model.CpModel.clone

    def counted(self: cp_model.CpSolver, *a: Any) -> Any:
        searched.append(self.parameters.max_time_in_seconds)
        return solve(self, *a)

    def slow(self: cp_model.CpModel) -> cp_model.CpModel:  # the deadline passes meanwhile
        copy = clone(self)
        budget.deadline = time.monotonic() + 0.06
        return copy

    monkeypatch.setattr(cp_model.CpSolver, "solve", counted)
    monkeypatch.setattr(cp_model.CpModel, "clone", slow)
    best = Search(built, 0, 1).run(start, budget)
    assert searched == []  # the one hole copied, none searched
    assert best is start
