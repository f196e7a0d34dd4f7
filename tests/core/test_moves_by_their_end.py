"""The search by parts ends by its deadline on a busy machine: each move checks the wall
clock between its parts (a person's graph or model and its searches; a window's model, its
costing and its search) and starts nothing once the deadline has passed, and the search's
last pass, joining the roster on the whole model, ends by its ``until`` or is not started.
A stand-in that is slow (a busy machine) passes the deadline in the middle of a move."""

from __future__ import annotations

import time
from typing import Any

import pytest
from lawful_start import lawful, start_of
from ortools.sat.python import cp_model
from roster_check import check_roster, random_problem, true_cost

import scheduler.core.apart as apart
import scheduler.core.by_parts as by_parts
import scheduler.core.person_search as person_search
import scheduler.core.pinned as pinned
import scheduler.core.window_search as window_search
from scheduler.core.clock import Budget
from scheduler.core.cpsat import decode
from scheduler.core.model import build_model
from scheduler.core.paths import PersonGraph

Roster = dict[str, list[str | None]]
SLOW = 0.3  # seconds the slow stand-in takes, past a deadline 0.1 s away


def _searches(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time limit of each CP-SAT search started from now on."""
    limits: list[float] = []
    solve = cp_model.CpSolver.solve

    def counted(self: cp_model.CpSolver, model: cp_model.CpModel, *a: Any) -> Any:
        limits.append(self.parameters.max_time_in_seconds)
        return solve(self, model, *a)

    monkeypatch.setattr(cp_model.CpSolver, "solve", counted)
    return limits


def _slow(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
    """``owner.name`` as on a busy machine: ``SLOW`` seconds more."""
    real = getattr(owner, name)

    def slow(*a: Any, **k: Any) -> Any:
        time.sleep(SLOW)
        return real(*a, **k)

    monkeypatch.setattr(owner, name, slow)


def _soon() -> Budget:
    """A budget with work to spare whose wall-clock deadline is 0.1 s away."""
    return Budget(time.monotonic() + 0.1, deterministic=100.0)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_person_s_model_built_past_the_deadline_is_not_searched(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = random_problem(seed, horizon=14, people=4)
    roster = lawful(problem, seed)
    before = {k: list(v) for k, v in roster.items()}
    moves = person_search.PersonMoves(problem, seed, 1, by_model=True)
    monkeypatch.setattr(moves, "_graph", lambda member, budget: None)  # no graph: by model
    _slow(monkeypatch, person_search, "build_model")
    limits = _searches(monkeypatch)
    assert moves.step(roster, _soon()) == 0.0
    assert limits == []  # neither the person's own costing nor their search
    assert roster == before
    # with time, the same move searches (the check is the clock's, not the stand-in's)
    moves.step(roster, Budget(float("inf"), deterministic=1.0))
    assert len(limits) >= 1
    check_roster(problem, roster)


def test_a_person_s_graph_built_past_the_deadline_is_not_searched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = random_problem(2, horizon=14, people=4)
    roster = lawful(problem, 2)
    before = {k: list(v) for k, v in roster.items()}
    moves = person_search.PersonMoves(problem, 2, 1)
    paths: list[int] = []
    least = PersonGraph.least

    def counted(self: PersonGraph, *a: Any, **k: Any) -> Any:
        paths.append(1)
        return least(self, *a, **k)

    monkeypatch.setattr(PersonGraph, "least", counted)
    _slow(monkeypatch, person_search, "person_problem")
    assert moves.step(roster, _soon()) == 0.0
    assert paths == []
    assert roster == before
    moves.step(roster, Budget(float("inf"), deterministic=1.0))
    assert paths  # a graph's shortest path once there is time
    check_roster(problem, roster)


@pytest.mark.parametrize("seed", [0, 3])
def test_a_window_built_past_the_deadline_is_not_searched(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = random_problem(seed, horizon=28, people=5)
    built = build_model(problem)
    roster = lawful(problem, seed)
    before = {k: list(v) for k, v in roster.items()}
    _slow(monkeypatch, window_search, "build_model")
    limits = _searches(monkeypatch)
    assert window_search.Windows(built, seed, 1).step(roster, _soon()) == 0.0
    assert limits == []  # neither the roster's window costed nor searched
    assert roster == before


@pytest.mark.parametrize("seed", [0, 1])
def test_the_search_s_last_pass_ends_by_its_until(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its ``until`` the improved roster is not joined on the whole model (no pass
    started, the start returned); with time, it is, at its true cost."""
    problem = random_problem(seed, horizon=28, people=5)
    built = build_model(problem)
    start, _ = start_of(problem, seed)
    kinds = ("windows",)
    best = by_parts.search_by_parts(built, start, Budget(float("inf"), 0.5), seed, 1, kinds=kinds)
    assert best.objective < start.objective  # the search gains: a last pass to run
    joins: list[float | None] = []
    solve_pinned = pinned.solve_pinned

    def counted(*a: Any, **k: Any) -> Any:
        solver = solve_pinned(*a, **k)
        joins.append(None if solver is None else solver.wall_time)
        return solver

    # the join counted in this process (with ``until`` it runs in a child, ``apart.call``,
    # whose end by ``until`` tests/core/test_apart_call.py checks)
    monkeypatch.setattr(apart, "_FORK", False)
    monkeypatch.setattr(pinned, "solve_pinned", counted)
    late = by_parts.search_by_parts(
        built, start, Budget(float("inf"), 0.5), seed, 1, kinds=kinds, until=time.monotonic()
    )
    assert joins == []  # no pass started, nor its model copied (``pinned.pass_by``)
    assert late is start
    joins.clear()
    in_time = by_parts.search_by_parts(
        built, start, Budget(float("inf"), 0.5), seed, 1, kinds=kinds, until=time.monotonic() + 60
    )
    assert len(joins) == 1
    assert joins[0] is not None
    assert in_time.objective == best.objective  # a work budget: the same roster
    joined = decode(built, in_time.values)
    check_roster(problem, joined)
    assert true_cost(problem, joined) == in_time.objective
