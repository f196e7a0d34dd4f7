"""Column generation: per-person sub-problems, lawful rosters, valid bounds."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from roster_check import check_roster, cover_cost, random_problem
from work_alone import work_alone

from scheduler.core import RotaLines, ShiftRequest, colgen, solve
from scheduler.core.clock import Budget
from scheduler.core.colgen import generate, person_problem
from scheduler.core.config import SolveConfig, wall_for_work

# the column generation's wall budget, far off: it ends when it converges (or its dive has
# fixed everyone), however busy the machine (20 s of it were a 60th of a core's worth)
FAR = 1000.0


def _start(problem: Any) -> Any:
    """A first roster to price from, by a budget of work (the wall clock never cuts it)."""
    with work_alone():
        return solve(
            problem,
            time_limit=wall_for_work(1.0),
            seed=0,
            workers=1,
            lns=False,
            colgen=False,
            deterministic_time=1.0,
        )


def test_person_problem_keeps_only_that_persons_terms() -> None:
    problem = random_problem(1, horizon=7, people=3)
    rota = RotaLines(cycle=7, lines=3, assignment={"S0": (0, 0), "S1": (1, 0)}, weight=1)
    problem = dataclasses.replace(problem, rota=rota)
    one = person_problem(problem, problem.staff[1])
    assert [m.id for m in one.staff] == ["S1"]
    assert one.cover == ()
    assert one.companions == ()
    assert one.fairness == ()
    assert {r.staff for r in one.requests} == {"S1"}
    assert one.rota is not None
    assert dict(one.rota.assignment) == {"S1": (1, 0)}
    assert person_problem(problem, problem.staff[2]).rota is None


def test_generate_gives_lawful_roster_and_lower_bound() -> None:
    problem = random_problem(3, horizon=14, people=6)
    start = _start(problem)
    assert start.feasible
    result = generate(
        problem,
        start.assignment,
        Budget(time.monotonic() + FAR),
        dive=Budget(time.monotonic() + FAR),
    )
    assert result.roster is not None
    assert result.bound is not None
    roster = {s: list(row) for s, row in result.roster.items()}
    check_roster(problem, roster)  # any mix of columns obeys every person's rules
    assert result.root is not None  # the rounded LP before diving, a second start
    check_roster(problem, {s: list(row) for s, row in result.root.items()})
    assert {s for s, _ in result.root_open} <= {m.id for m in problem.staff}
    requests = sum(
        r.weight for r in problem.requests if (roster[r.staff][r.day] == r.shift) != r.on
    )
    under, over = cover_cost(problem, roster)
    assert result.bound <= under + over + requests + 1e-6
    assert start.objective is not None
    assert result.bound <= start.objective + 1e-6


def test_bound_is_reported_with_the_solution() -> None:
    # budgets of work, not 10 s of a clock a loaded machine got too little done in (the
    # column generation's search cut short, its bound below plain CP-SAT's proven one)
    problem = random_problem(4, horizon=14, people=6)
    with work_alone():  # the wall clock, far off, cuts neither
        work = SolveConfig(time_limit=wall_for_work(1.0), seed=0, workers=1, deterministic_time=1.0)
        sol = solve(problem, work)
        plain = solve(problem, work, colgen=False, lns=False)
    assert sol.feasible
    assert sol.bound is not None
    # the column-generation bound is far stronger than CP-SAT's own on this model
    assert sol.bound >= (plain.bound or 0)
    assert sol.objective is not None
    assert sol.bound <= sol.objective


def test_request_for_unknown_day_is_ignored() -> None:
    problem = random_problem(5, horizon=7, people=3)
    extra = ShiftRequest("S0", 30, "D", 5, on=True)
    problem = dataclasses.replace(problem, requests=(*problem.requests, extra))
    assert solve(problem, time_limit=5, seed=0, workers=1).feasible


def test_dive_out_of_time_leaves_unfixed_people_to_cp_sat() -> None:
    # seed 7: the LP leaves some days of some people fractional
    problem = random_problem(7, horizon=14, people=6)
    start = _start(problem)
    plain = generate(problem, start.assignment, Budget(time.monotonic() + FAR))
    assert plain.fractional  # otherwise there is nothing to dive on
    spent = generate(
        problem, start.assignment, Budget(time.monotonic() + FAR), dive=Budget(time.monotonic())
    )
    # nobody was fixed, so every day of every person is open, not rounded
    everyone = {(m.id, d) for m in problem.staff for d in range(problem.horizon)}
    assert spent.fractional == everyone
    dived = generate(
        problem,
        start.assignment,
        Budget(time.monotonic() + FAR),
        dive=Budget(time.monotonic() + FAR),
    )
    open_people = {s for s, _ in dived.fractional}
    assert len(open_people) < len(problem.staff)  # a dive with time fixes people
    assert dived.fractional == {(s, d) for s in open_people for d in range(problem.horizon)}
    assert dived.roster is not None
    check_roster(problem, {s: list(row) for s, row in dived.roster.items()})


class _SlowRounds:
    """colgen's clock, with each pricing round made to look ``seconds`` long."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.offset = seconds, 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset


def _priced_in(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    clock = _SlowRounds(seconds)
    price_all = colgen._price_all

    def slow(*args: Any) -> Any:
        clock.offset += clock.seconds
        return price_all(*args)

    monkeypatch.setattr(colgen, "time", clock)
    monkeypatch.setattr(colgen, "_price_all", slow)


@pytest.mark.parametrize("round_seconds", [10.0, 300.0])
def test_a_first_round_too_slow_for_the_budget_skips_column_generation(
    monkeypatch: pytest.MonkeyPatch, round_seconds: float
) -> None:
    # a round a quarter of the budget or more: too few rounds fit, column generation stops
    problem = random_problem(3, horizon=14, people=6)
    start = _start(problem)
    _priced_in(monkeypatch, round_seconds)
    budget = Budget(time.monotonic() + 1000)
    result = generate(problem, start.assignment, budget, only_if_affordable=True)
    slow = round_seconds > colgen.ROUND_SHARE * 1000
    assert result.skipped is slow
    if slow:
        assert result.roster is None
        assert result.bound is None
        assert result.iterations == 1
    else:
        assert result.converged
        assert result.bound is not None
        assert result.roster is not None
        check_roster(problem, {s: list(row) for s, row in result.roster.items()})


def test_pricers_are_not_built_past_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # on a busy machine building every person's pricer ran 50 s past a 60 s solve's limit
    # (Instance10, load 17): a stand-in build that takes the whole budget, then no more
    problem = random_problem(3, horizon=14, people=6)
    start = _start(problem)
    budget = Budget(time.monotonic() + 1000)
    real = colgen._pricer
    built: list[str] = []

    def slow(problem: Any, member: Any) -> Any:
        built.append(member.id)
        budget.deadline = time.monotonic()  # the budget is out while it builds
        return real(problem, member)

    monkeypatch.setattr(colgen, "_pricer", slow)
    result = generate(problem, start.assignment, budget)
    assert built == [problem.staff[0].id]
    assert result.skipped
    assert result.roster is None
