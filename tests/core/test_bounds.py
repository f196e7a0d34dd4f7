"""Bound strength without changing answers: the supervision-cover cut is valid (the optimum
is the same with and without it), and blocks solved with the strong-LP settings are proved
optimal, with rosters that pass the independent checks."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Iterator

import pytest
from roster_check import (
    check_roster,
    cover_cost,
    inner_runs,
    max_run_with_history,
    random_problem,
)
from work_alone import work_alone

from scheduler.core import CompanionRule, FairnessRule, Problem, Solution, rolling, solve
from scheduler.core import model as core_model
from scheduler.core.config import SolveConfig, wall_for_work
from scheduler.core.cpsat import make_solver, run
from scheduler.core.model import build_model
from scheduler.core.params import strong_lp
from scheduler.core.rolling import solve_rolling


@pytest.fixture(autouse=True)
def _work_decides() -> Iterator[None]:
    """Every solve here stops on its work budget, never on the wall clock: the optimum
    proved, the fair pass run to its end, however loaded the machine (at load 15-20 a
    60 s wall limit left the companion cut's optimum unproved, and the rolling year's fair
    pass cut short spread fairness no better than the blind one: ``12 < 12``)."""
    with work_alone():
        yield


def check_local_rules(problem: Problem, roster: dict[str, list[str | None]]) -> None:
    """The rules of random_problem that blocks keep (horizon totals are dropped)."""
    for m in problem.staff:
        row = roster[m.id]
        assert all(row[d] is None for d in m.days_off)
        assert all(not (a == "N" and b in ("D", "L")) for a, b in itertools.pairwise(row))
        assert max_run_with_history(m, row) <= 5
        assert all(n >= 2 for n in inner_runs(row, True))
        assert all(n >= 2 for n in inner_runs(row, False))


def with_groups(problem: Problem, seed: int, per_day: bool) -> Problem:
    """``problem`` with one companion, a third group that may also cover, and a companion
    rule over two of its shifts."""
    rng = random.Random(seed)
    groups = ["lead", "helper"] + ["member"] * (len(problem.staff) - 2)
    rng.shuffle(groups)
    staff = tuple(
        dataclasses.replace(m, group=g) for m, g in zip(problem.staff, groups, strict=True)
    )
    rule = CompanionRule("member", "lead", frozenset({"D", "L"}), weight=40, per_day=per_day)
    return dataclasses.replace(problem, staff=staff, companions=(rule,))


def alone_cost(problem: Problem, roster: dict[str, list[str | None]]) -> int:
    """The companion rule's cost recomputed from the roster alone."""
    total = 0
    for rule in problem.companions:
        groups = {m.id: m.group for m in problem.staff}
        slots = [sorted(rule.shifts)] if rule.per_day else [[s] for s in sorted(rule.shifts)]
        for d in range(problem.horizon):
            for shifts in slots:
                on = {groups[s] for s, row in roster.items() if row[d] in shifts}
                if rule.dependent in on and rule.companion not in on:
                    total += rule.weight
    return total


def goals_cost(problem: Problem, roster: dict[str, list[str | None]]) -> int:
    """The objective of a roster of these problems, recomputed from its shifts alone."""
    under, over = cover_cost(problem, roster)
    return under + over + alone_cost(problem, roster) + requests_cost(problem, roster)


def requests_cost(problem: Problem, roster: dict[str, list[str | None]]) -> int:
    total = 0
    for r in problem.requests:
        worked = roster[r.staff][r.day]
        hit = worked is not None if r.shift is None else worked == r.shift
        total += r.weight * (hit != r.on)
    return total


# a work budget, so one worker gives the same roster whatever the machine's load
REPRODUCIBLE = SolveConfig(time_limit=wall_for_work(4), seed=0, workers=1, deterministic_time=4)


def optimum(problem: Problem) -> Solution:
    solver = strong_lp(make_solver(wall_for_work(30.0), 0, 1, deterministic_time=30.0))
    return run(build_model(problem), solver)


@pytest.mark.parametrize(("seed", "per_day"), [(1, True), (2, False), (3, True), (4, False)])
def test_companion_cut_keeps_the_optimum(
    seed: int, per_day: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = with_groups(random_problem(seed, horizon=10, people=5), seed, per_day)
    cut = optimum(problem)
    monkeypatch.setattr(core_model._Builder, "_companion_cut", lambda *a, **k: None)
    plain = optimum(problem)
    assert cut.status == plain.status == "OPTIMAL"
    assert cut.objective == plain.objective
    roster = {s: list(row) for s, row in cut.assignment.items()}
    check_roster(problem, roster)
    recomputed = goals_cost(problem, roster)
    assert recomputed == cut.objective


def test_strong_lp_settings() -> None:
    one = strong_lp(make_solver(1.0, 0, 1)).parameters
    assert one.linearization_level == 2
    assert list(one.subsolvers) == []
    two = strong_lp(make_solver(1.0, 0, 2)).parameters
    assert list(two.subsolvers) == ["max_lp", "core"]


def test_blocks_are_proved_optimal_but_not_the_roster() -> None:
    problem = with_groups(random_problem(7, horizon=28, people=6), 7, per_day=True)
    # the horizon-wide limits do not split into blocks; keep the rules that do
    staff = tuple(
        dataclasses.replace(m, max_weekends=None, max_minutes=None, max_shifts={})
        for m in problem.staff
    )
    problem = dataclasses.replace(problem, staff=staff)
    solution = solve_rolling(problem, [7, 14, 21], REPRODUCIBLE)
    roster = {s: list(row) for s, row in solution.assignment.items()}
    check_local_rules(problem, roster)
    recomputed = goals_cost(problem, roster)
    assert recomputed == solution.objective
    # each block is proved optimal given the ones before it (the blocks' bounds add up to
    # the objective), yet the whole model does better: the sum is no bound on the roster
    assert solution.block_bound == solution.objective
    # the work budget decides; the wall limit is only a net (a busy machine took 45 s)
    whole = solve(problem, time_limit=wall_for_work(1), seed=0, workers=1, deterministic_time=1)
    assert whole.feasible
    whole_roster = {s: list(row) for s, row in whole.assignment.items()}
    check_local_rules(problem, whole_roster)
    assert goals_cost(problem, whole_roster) < recomputed
    assert solution.status == "FEASIBLE"  # so a roster solved in blocks is never OPTIMAL
    # the bound it reports is valid for the whole horizon: below the whole model's roster
    assert solution.bound is not None
    assert solution.bound <= goals_cost(problem, whole_roster)


def spread(problem: Problem, roster: dict[str, list[str | None]], name: str) -> int:
    rule = next(r for r in problem.fairness if r.name == name)
    counts = [sum(1 for d in rule.days if row[d] in rule.shifts) for row in roster.values()]
    return max(counts) - min(counts)


def fair_problem() -> Problem:
    base = random_problem(11, horizon=56, people=6)
    staff = tuple(
        dataclasses.replace(m, max_weekends=None, max_minutes=None, max_shifts={})
        for m in base.staff
    )
    weekends = frozenset(d for d in range(56) if d % 7 in (5, 6))
    rules = (
        FairnessRule("weekends", weekends, frozenset({"D", "L", "N"}), 6),
        FairnessRule("nights", frozenset(range(56)), frozenset({"N"}), 6),
    )
    return dataclasses.replace(base, staff=staff, fairness=rules)


def test_rolling_spreads_fairness_over_the_year(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = fair_problem()
    starts = [14, 28, 42]
    fair = solve_rolling(problem, starts, REPRODUCIBLE)
    roster = {s: list(row) for s, row in fair.assignment.items()}
    check_local_rules(problem, roster)
    for name in ("weekends", "nights"):
        cost = fair.breakdown[f"fairness[{name}]"]
        assert cost == 6 * spread(problem, roster, name)  # priced from the roster itself
    under, over = cover_cost(problem, roster)
    recomputed = under + over + requests_cost(problem, roster)
    assert recomputed + sum(v for k, v in fair.breakdown.items() if k.startswith("fair")) == (
        fair.objective
    )

    monkeypatch.setattr(rolling, "_fair_block", lambda sub, best, *a, **k: best)
    blind = solve_rolling(problem, starts, REPRODUCIBLE)
    blind_roster = {s: list(row) for s, row in blind.assignment.items()}
    total = sum(spread(problem, roster, n) for n in ("weekends", "nights"))
    assert total < sum(spread(problem, blind_roster, n) for n in ("weekends", "nights"))
