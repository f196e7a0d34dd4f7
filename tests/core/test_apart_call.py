"""Passes that must end by a time run in a forked child (``apart.call``) and are ended then,
whatever CP-SAT does: the final costing, the costing of the search's start, the join of a
lawful roster and the first lawful search of the whole model. On a busy machine CP-SAT loading a whole model heeds no limit:
a lawful search of a tenth of a second returned 4 s later, past a 20 s solve's end
(BENCHMARKS.md, apart23). A deaf stand-in of CP-SAT (it sleeps far past any limit before
searching) shows the order of events: the pass's end comes (by the clock ``apart`` reads)
once the stand-in has begun, the call returns with what it had before the stand-in ends,
and the stand-in never ends (killed). No wall-clock assertion."""

from __future__ import annotations

import importlib
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model
from roster_check import check_roster, random_problem
from stand_in import reaped

import scheduler.core.lawful as lawful_module
from scheduler.core import apart
from scheduler.core.clock import Clock
from scheduler.core.config import SolveConfig
from scheduler.core.cpsat import decode, make_solver, objective_value
from scheduler.core.lawful import lawful_roster, schedules
from scheduler.core.lns import Incumbent
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.pinned import complete, read_values

DEAF = 60.0  # seconds the stand-in sleeps before it searches: far past every limit here

pytestmark = pytest.mark.skipif(not apart.can_fork(), reason="no fork: passes run here")


def _deaf(monkeypatch: pytest.MonkeyPatch, log: Path, variables: int | None = None) -> None:
    """CP-SAT deaf for ``DEAF`` seconds on every model (or the lawful searches, no cost, of
    models of ``variables`` variables), each start and end written to ``log`` with the
    process's id."""
    solve = cp_model.CpSolver.solve

    def deaf(self: cp_model.CpSolver, model: cp_model.CpModel, *a: Any) -> Any:
        lawful = not model.proto.objective.vars  # a lawful search: no cost
        if variables is not None and (len(model.proto.variables) != variables or not lawful):
            return solve(self, model, *a)
        with log.open("a") as out:
            out.write(f"started {os.getpid()}\n")
        time.sleep(DEAF)
        with log.open("a") as out:
            out.write("ended\n")
        return solve(self, model, *a)

    monkeypatch.setattr(cp_model.CpSolver, "solve", deaf)


def _events(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


class _DueOnceBegun:
    """``time`` as ``apart`` reads it: every end passes once the stand-in has begun."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.on = True  # off: the real clock

    def monotonic(self) -> float:
        return math.inf if self.on and _events(self.log) else time.monotonic()

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def _gone(log: Path) -> None:
    """The stand-in's process is killed: gone (reaped) soon, never having ended."""
    words = _events(log)
    pids = [int(w) for w in words if w.isdigit()]
    assert pids, words  # the pass began in a child...
    assert all(pid != os.getpid() for pid in pids)  # ...not in this process
    reaped(pids[0])  # killed
    assert "ended" not in _events(log)


def _lawful(seed: int) -> tuple[BuiltModel, list[int]]:
    problem = random_problem(seed, horizon=14, people=5)
    built = build_model(problem)
    solver = make_solver(10.0, 0, 1, deterministic_time=5.0)
    assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return built, list(solver.response_proto.solution)


def test_a_final_costing_deaf_past_its_end_is_ended_with_the_cost_the_roster_carries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built, values = _lawful(0)
    log = tmp_path / "events"
    _deaf(monkeypatch, log)
    monkeypatch.setattr(apart, "time", _DueOnceBegun(log))
    read = read_values(built, values, 0, objective=123_456.0, until=time.monotonic() + 60)
    assert "ended" not in _events(log)  # returned while the stand-in was deaf
    assert read.objective == 123_456.0  # the cost the values carry
    assert read.assignment == decode(built, values)
    check_roster(built.problem, read.assignment)
    _gone(log)


def test_a_join_deaf_past_its_end_is_ended_with_no_roster(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    problem = random_problem(3, horizon=14, people=5)
    built = build_model(problem)
    rows = schedules(problem, Clock.start(30), SolveConfig(seed=0, workers=1), 1.0)
    assert rows is not None
    log = tmp_path / "events"
    _deaf(monkeypatch, log)
    monkeypatch.setattr(apart, "time", _DueOnceBegun(log))
    assert complete(built, rows, 0, until=time.monotonic() + 60) is None
    assert "ended" not in _events(log)
    _gone(log)


def test_a_first_lawful_search_of_the_whole_model_deaf_is_ended_and_people_searched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The whole model's lawful search deaf (people's models and passes with a cost are
    not): ended, the people are searched one by one and their rows joined."""
    problem = random_problem(4, horizon=14, people=5)
    built = build_model(problem)
    assert len(built.model.proto.objective.vars) > 0
    log = tmp_path / "events"
    _deaf(monkeypatch, log, variables=len(built.model.proto.variables))
    due = _DueOnceBegun(log)
    monkeypatch.setattr(apart, "time", due)

    def once(work: Any, until: float | None) -> Any:  # the first call ended, the real clock
        try:
            return apart.call(work, until)
        finally:
            due.on = False

    monkeypatch.setattr(lawful_module, "call", once)
    config = SolveConfig(seed=0, workers=1)
    status, values = lawful_roster(built, Clock.start(60), config, hinted=False)
    assert "ended" not in _events(log)  # returned while it was deaf
    assert status == "FEASIBLE"
    assert values is not None
    check_roster(problem, decode(built, values))
    _gone(log)


def test_an_answer_and_an_error_come_back_from_the_child() -> None:
    soon = time.monotonic() + 120
    answer = apart.call(lambda: [os.getpid(), 2], soon)
    assert answer is not None
    assert answer[0] != os.getpid()
    with pytest.raises(ZeroDivisionError):
        apart.call(lambda: 1 // 0, soon)
    assert apart.call(lambda: 3, None) == 3  # no end: here


def test_a_start_costed_deaf_past_the_solve_s_end_keeps_the_cost_its_values_carry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The start of the search (the direct model's or the lawful roster) is costed by the
    solve's end or keeps the cost its values carry, not left to a deaf pass."""
    solve_module = importlib.import_module("scheduler.core.solve")
    built, values = _lawful(1)
    log = tmp_path / "events"
    _deaf(monkeypatch, log)
    monkeypatch.setattr(apart, "time", _DueOnceBegun(log))
    start = solve_module._start(built, Incumbent(values, 0), SolveConfig(), Clock.start(60))
    assert "ended" not in _events(log)
    assert start.values == values
    assert start.objective == round(objective_value(built, values))
    _gone(log)
