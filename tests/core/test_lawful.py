"""Phase 1, a lawful roster person by person (``scheduler.core.lawful``): every row
lawful, and each person's model searched the way that took less work on the first one."""

from __future__ import annotations

import pytest
from roster_check import check_roster, random_problem

from scheduler.core.clock import Clock
from scheduler.core.colgen import person_problem
from scheduler.core.config import SolveConfig
from scheduler.core.cpsat import find_lawful, make_solver
from scheduler.core.lawful import People, schedules
from scheduler.core.model import build_model
from scheduler.core.params import quick_feasible


def work(problem_seed: int, presolve: bool) -> float:
    """CP-SAT's work for the first person's lawful schedule, searched one way."""
    problem = random_problem(problem_seed, horizon=28, people=5)
    alone = build_model(person_problem(problem, problem.staff[0]))
    solver = quick_feasible(make_solver(10.0, 0, 1))
    solver.parameters.cp_model_presolve = presolve
    _, values = find_lawful(alone, solver)
    assert values is not None
    return solver.deterministic_time


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_person_gets_a_lawful_row_searched_the_cheaper_way(seed: int) -> None:
    problem = random_problem(seed, horizon=28, people=5)
    people = People()
    roster = schedules(problem, Clock.start(30), SolveConfig(seed=0, workers=1), 1.0, people=people)
    assert roster is not None
    assert set(roster) == {m.id for m in problem.staff}
    check_roster(problem, roster)  # every hard rule is one person's: lawful rows, lawful roster
    assert people.rows == roster
    assert people.presolve == (work(seed, True) <= work(seed, False))


def test_rows_already_found_are_kept_and_the_choice_carried() -> None:
    problem = random_problem(4, horizon=28, people=5)
    first = People()
    roster = schedules(problem, Clock.start(30), SolveConfig(seed=0, workers=1), 1.0, people=first)
    assert roster is not None
    kept = {problem.staff[0].id: roster[problem.staff[0].id]}
    again = People(dict(kept), first.presolve)
    more = schedules(problem, Clock.start(30), SolveConfig(seed=0, workers=1), 1.0, people=again)
    assert more is not None
    assert more[problem.staff[0].id] is kept[problem.staff[0].id]  # not searched again
    assert again.presolve == first.presolve
    check_roster(problem, more)
