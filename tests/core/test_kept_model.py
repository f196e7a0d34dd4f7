"""A model built with kept cells as constants means what the whole model with those cells
pinned means: the same rosters are lawful and cost the same.

Checked against brute force over every row of one person's week (lawfulness by the
independent ``rule_breaks``), and on rosters of several people against the whole model with
the cells pinned, each roster checked by the independent checker."""

from __future__ import annotations

import dataclasses
import random

import pytest
from ortools.sat.python import cp_model
from roster_check import (
    check_roster,
    graph_variants,
    lawful_rows,
    random_problem,
    rule_breaks,
)

from scheduler.core import Problem, RestPeriod
from scheduler.core.cpsat import cell_pins, make_solver, pin, run
from scheduler.core.data import CompanionRule, ConsecutiveShiftLimit, FairnessRule
from scheduler.core.model import build_model
from scheduler.core.result import Solution


def _solver() -> cp_model.CpSolver:
    return make_solver(20.0, 0, 1)


def _kept_solve(problem: Problem, kept: dict[tuple[str, int], str | None]) -> Solution:
    built = build_model(problem, kept=kept)
    return run(built, _solver())


def _pinned_solve(problem: Problem, kept: dict[tuple[str, int], str | None]) -> Solution:
    built = build_model(problem)
    model = built.model.clone()
    pins = [cell_pins(built, staff, day, shift) for (staff, day), shift in kept.items()]
    pin(model, [i for i, _ in pins], [v for _, v in pins])
    return run(built, _solver(), model=model)


def _variants() -> list[Problem]:
    """The graph tests' one-person weeks, and one whose person may not work nights."""
    variants = graph_variants()
    tight = variants[1]
    no_nights = dataclasses.replace(tight.staff[0], max_shifts={"N": 0, "L": 3})
    return [*variants, dataclasses.replace(tight, staff=(no_nights,))]


@pytest.mark.parametrize("variant", range(6))
def test_a_kept_week_costs_what_brute_force_says(variant: int) -> None:
    problem = _variants()[variant]
    member = problem.staff[0]
    lawful = lawful_rows(problem)
    states = [None, *(s.id for s in problem.shifts)]
    rng = random.Random(variant)
    for _ in range(12):
        days = rng.sample(range(problem.horizon), rng.randint(1, problem.horizon - 1))
        if rng.random() < 0.5 and lawful:  # cells of a lawful row, or any values at all
            row = rng.choice(sorted(lawful, key=str))
            kept = {(member.id, d): row[d] for d in days}
        else:
            kept = {(member.id, d): rng.choice(states) for d in days}
        fits = [
            cost
            for row, cost in lawful.items()
            if all(row[d] == shift for (_, d), shift in kept.items())
        ]
        found = _kept_solve(problem, kept)
        if not fits:
            assert found.status == "INFEASIBLE", kept
            continue
        assert found.status == "OPTIMAL", kept
        assert found.objective == min(fits)
        row = tuple(found.assignment[member.id])
        assert rule_breaks(problem, member, row) == []
        assert all(row[d] == shift for (_, d), shift in kept.items())


def _rich(seed: int) -> Problem:
    """Several people over two weeks with cover, requests, weekly rest, a consecutive-tour
    limit, a companion rule and a fairness rule: every rule family a block meets."""
    base = random_problem(seed, horizon=14, people=5)
    staff = tuple(
        dataclasses.replace(m, group="probationer" if i == 0 else "tutor" if i == 1 else None)
        for i, m in enumerate(base.staff)
    )
    return dataclasses.replace(
        base,
        staff=staff,
        rest_periods=(RestPeriod(tuple(range(7))), RestPeriod(tuple(range(7, 14)))),
        consecutive_limits=(ConsecutiveShiftLimit(frozenset({"N"}), 2, 5),),
        companions=(CompanionRule("probationer", "tutor", frozenset({"N"}), 7),),
        fairness=(FairnessRule("nights", frozenset(range(14)), frozenset({"N"}), 3),),
    )


@pytest.mark.parametrize("seed", range(4))
def test_a_kept_roster_costs_what_the_pinned_whole_model_costs(seed: int) -> None:
    problem = _rich(seed)
    # any good roster will do as the source of the kept cells: a short reproducible search
    whole = run(build_model(problem), make_solver(30.0, 0, 1, deterministic_time=0.5))
    assert whole.feasible
    rng = random.Random(seed)
    for share in (0.5, 0.8, 0.95):
        kept = {
            (m.id, d): whole.assignment[m.id][d]
            for m in problem.staff
            for d in range(problem.horizon)
            if rng.random() < share
        }
        if rng.random() < 0.5:  # one cell changed: may no longer fit
            (staff, day), _ = rng.choice(sorted(kept.items(), key=str))
            kept[staff, day] = rng.choice([None, "D", "L", "N"])
        pinned, found = _pinned_solve(problem, kept), _kept_solve(problem, kept)
        assert found.status == pinned.status
        if not pinned.feasible:
            continue
        assert pinned.status == "OPTIMAL"
        assert found.objective == pinned.objective
        check_roster(problem, found.assignment)
        assert all(found.assignment[s][d] == v for (s, d), v in kept.items())


def test_kept_cells_cannot_be_explained() -> None:
    problem = random_problem(0, horizon=7, people=2)
    with pytest.raises(ValueError, match="explained"):
        build_model(problem, explain=True, kept={("S0", 0): None})


def test_a_kept_tour_the_person_may_not_work_cannot_hold() -> None:
    problem = _variants()[5]  # no nights
    member = problem.staff[0]
    assert _kept_solve(problem, {(member.id, 3): "N"}).status == "INFEASIBLE"
    assert _pinned_solve(problem, {(member.id, 3): "N"}).status == "INFEASIBLE"
    offered = dataclasses.replace(problem, shift_days={"L": frozenset({0, 1, 2})})
    assert _kept_solve(offered, {(member.id, 4): "L"}).status == "INFEASIBLE"
    assert _kept_solve(offered, {(member.id, 2): "L"}).feasible
