"""A contract whose solve a busy machine leaves less time than its first lawful roster
takes still gets that roster, of poor cover perhaps, never none: the model is built and the
lawful start searched by CP-SAT work, the wall clock only a safety net (generated seeds
1994, 2000, 2054, 2055 and 2057 at load 17 ended with no roster for some contracts).

The slow machine is stood in for by a wall-clock budget already spent when the solve
starts, as a tenth of a core leaves a share of two seconds: on the old code the model was
not even built. Rosters are checked by the independent checker."""

from __future__ import annotations

import dataclasses
from datetime import date

from roster_fixtures import small_scenario

from scheduler.check import check_roster
from scheduler.core import solve
from scheduler.roster.assemble import to_table
from scheduler.roster.run import SolveSettings, _compile, _outcome, make_jobs, solve_job

SPENT = 0.001  # seconds of a budget a busy machine has left by the time the solve starts


def _job(workers: int):  # contract A's job of a small scenario, four weeks
    scenario = small_scenario(end=date(2026, 11, 1))
    settings = SolveSettings(time_limit=2, seed=3, workers=workers)
    return scenario, make_jobs(scenario, settings, contracts=["A"])[0]


def _lawful(scenario, outcome) -> None:
    assert outcome.status == "FEASIBLE"
    assert outcome.rows
    report = check_roster(scenario.cut_to(["A"]), to_table(outcome.rows))
    assert report.breaches == []


def test_a_share_of_the_clock_spent_still_ends_with_the_lawful_start() -> None:
    scenario, job = _job(workers=2)
    compiled = _compile(job, job.team)
    config = dataclasses.replace(job.config, time_limit=SPENT, workers=1)
    solution = solve(compiled.problem, config)
    _lawful(scenario, _outcome(compiled, solution, solution.seconds))


def test_a_work_budget_whose_wall_net_is_spent_ends_with_the_lawful_start() -> None:
    scenario, job = _job(workers=1)
    assert job.config.deterministic_time is not None  # --workers 1: solver work
    slow = dataclasses.replace(job, config=dataclasses.replace(job.config, time_limit=SPENT))
    first, again = solve_job(slow), solve_job(slow)
    _lawful(scenario, first)
    assert first.rows == again.rows  # by work alone: the same roster every time
