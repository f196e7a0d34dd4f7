"""The cover bound (``core.bounds``): never below the cover any lawful roster delivers,
its shortfall cost never above the objective, and tight where the rules it keeps bind."""

from __future__ import annotations

import dataclasses
import random

import pytest
from roster_check import D, L, N, cover_cost, random_problem, rule_breaks

from scheduler.core import Cover, Problem, RestPeriod, StaffMember, solve
from scheduler.core.bounds import cover_bound, merge, relaxation
from scheduler.core.cpsat import make_solver, run
from scheduler.core.model import build_model
from scheduler.core.params import strong_lp


def most_cover(problem: Problem) -> int:
    """The most cover a lawful roster of ``problem`` delivers, proven by CP-SAT on a copy
    whose only goal is cover (every shortfall 1, nothing else priced)."""
    cover = tuple(dataclasses.replace(c, under_weight=1, over_weight=0) for c in problem.cover)
    plain = dataclasses.replace(problem, cover=cover, requests=())
    solver = strong_lp(make_solver(30.0, 0, 1, deterministic_time=20.0))
    found = run(build_model(plain), solver)
    assert found.status == "OPTIMAL"
    for m in problem.staff:  # lawful, by the independent checks
        row = found.assignment[m.id]
        assert rule_breaks(problem, m, row) == []
        for rest in problem.rest_periods:
            assert any(row[d] is None for d in rest.days)
    return sum(c.required for c in problem.cover) - round(found.objective or 0)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_no_lawful_roster_delivers_more_than_the_bound(seed: int) -> None:
    problem = random_problem(seed, horizon=10, people=4)
    bound = cover_bound(relaxation(problem))
    assert bound.wanted == sum(c.required for c in problem.cover)
    assert most_cover(problem) <= bound.most <= bound.wanted


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_the_shortfall_cost_is_below_the_optimum(seed: int) -> None:
    problem = random_problem(seed, horizon=7, people=4)
    best = solve(problem, time_limit=20, seed=0, workers=1, deterministic_time=10.0)
    assert best.status == "OPTIMAL"
    under, _ = cover_cost(problem, best.assignment)
    floor = cover_bound(relaxation(problem)).least_cover_cost
    assert floor <= under <= (best.objective or 0)


def test_a_week_of_weekly_rest_gives_at_most_six_tours() -> None:
    # one person, seven days, wanted every day: the week's rest leaves six
    problem = Problem(
        7,
        (D,),
        (StaffMember("A"),),
        cover=tuple(Cover(d, "D", 1, 100, 0) for d in range(7)),
        rest_periods=(RestPeriod(tuple(range(7))),),
    )
    bound = cover_bound(relaxation(problem))
    assert (bound.wanted, bound.most, bound.least_cover_cost) == (7, 6, 100)
    assert most_cover(problem) == 6


def test_days_off_shift_bans_and_the_duty_total_each_bind() -> None:
    staff = (
        StaffMember("A", days_off=frozenset({0, 1})),  # five days, any tour
        StaffMember("B", max_shifts={"N": 0}),  # seven days, no nights
        StaffMember("C", min_free_days_off=4, max_free_days_off=4),  # three duty days
    )
    cover = tuple(Cover(d, s, 1, 10, 0) for d in range(7) for s in ("D", "N"))
    problem = Problem(7, (D, N), staff, cover=cover)
    bound = cover_bound(relaxation(problem))
    # B's seven days, and seven nights from A's five days and C's three
    assert (bound.wanted, bound.most, bound.least_cover_cost) == (14, 14, 0)
    assert most_cover(problem) == 14
    away = StaffMember("C", days_off=frozenset(range(7)))
    squeezed = dataclasses.replace(problem, staff=(staff[0], staff[1], away))
    tight = cover_bound(relaxation(squeezed))
    assert (tight.most, tight.least_cover_cost) == (12, 20)  # nights: A's five only
    assert most_cover(squeezed) == 12


def test_teams_sharing_cover_bound_as_one() -> None:
    problem = random_problem(9, horizon=14, people=6)
    first = dataclasses.replace(
        problem,
        staff=problem.staff[:3],
        cover=tuple(dataclasses.replace(c, required=1) for c in problem.cover),
    )
    second = dataclasses.replace(
        problem,
        staff=problem.staff[3:],
        cover=tuple(dataclasses.replace(c, required=c.required - 1) for c in problem.cover),
    )
    merged = cover_bound(merge([relaxation(first), relaxation(second)]))
    assert merged == cover_bound(relaxation(problem))


def test_fixed_tours_that_cover_nothing_use_up_duty() -> None:
    aid = dataclasses.replace(L, id="AID")
    member = StaffMember(
        "A", fixed_shifts={2: "AID"}, min_free_days_off=1, max_free_days_off=1
    )  # 7 days, one rest day, one day on aid: 5 duty days for the council
    cover = tuple(Cover(d, "D", 1, 100, 0) for d in range(7))
    problem = Problem(7, (D, aid), (member,), cover=cover)
    assert cover_bound(relaxation(problem)).most == most_cover(problem) == 5


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_one_weight_prices_every_tour_short_alike(seed: int) -> None:
    """With one shortfall weight the least shortfall cost is that weight for each tour the
    most cover falls short by (worked out by a maximum flow alone); with several, between
    the least and the greatest weight for each."""
    problem = random_problem(seed, horizon=10, people=4)
    for weight in (1, 3):
        cover = tuple(dataclasses.replace(c, under_weight=weight) for c in problem.cover)
        bound = cover_bound(relaxation(dataclasses.replace(problem, cover=cover)))
        assert bound.least_cover_cost == weight * (bound.wanted - bound.most)
    mixed = tuple(
        dataclasses.replace(c, under_weight=1 + i % 3) for i, c in enumerate(problem.cover)
    )
    bound = cover_bound(relaxation(dataclasses.replace(problem, cover=mixed)))
    short = bound.wanted - bound.most
    assert short <= bound.least_cover_cost <= 3 * short


def test_days_that_must_be_worked_above_every_ceiling_are_priced() -> None:
    # two people who must each work five of seven days, one tour wanted each day and no
    # more: three tours over the ceiling whatever the roster, 10 each
    staff = tuple(StaffMember(i, min_free_days_off=2, max_free_days_off=2) for i in "AB")
    cover = tuple(Cover(d, "D", 1, 100, 10, ceiling=1) for d in range(7))
    problem = Problem(7, (D,), staff, cover=cover)
    bound = cover_bound(relaxation(problem))
    assert (bound.wanted, bound.most, bound.least_cover_cost) == (7, 7, 30)
    best = solve(problem, time_limit=300, seed=0, workers=1, deterministic_time=5.0)
    assert best.status == "OPTIMAL"
    assert sum(cover_cost(problem, best.assignment)) == 30
    # a tour no row prices takes the days for free; their minutes bind as their days do
    late = dataclasses.replace(problem, shifts=(D, L))
    assert cover_bound(relaxation(late)).least_cover_cost == 0
    hours = tuple(StaffMember(i, min_minutes=5 * 480) for i in "AB")
    assert cover_bound(relaxation(dataclasses.replace(problem, staff=hours))).least_cover_cost == 30


def ceilinged(seed: int) -> Problem:
    """``random_problem`` (no requests) whose people must work most of their days, with
    tight ceilings and over-cover weights on the cover (some rows wanting nobody)."""
    rng = random.Random(seed)
    problem = random_problem(seed, horizon=7, people=5)
    staff = tuple(
        dataclasses.replace(m, min_minutes=480 * rng.randint(2, 3), max_free_days_off=3)
        for m in problem.staff
    )
    cover = tuple(
        dataclasses.replace(
            c,
            required=(need := rng.randint(0, 1)),
            over_weight=rng.randint(1, 20),
            ceiling=need + (rng.random() < 0.2),
        )
        for c in problem.cover
    )
    return dataclasses.replace(problem, staff=staff, cover=cover, requests=())


@pytest.mark.parametrize("seed", range(21, 29))
def test_the_cover_cost_bound_with_ceilings_is_below_the_optimum(seed: int) -> None:
    problem = ceilinged(seed)
    best = solve(problem, time_limit=300, seed=0, workers=1, deterministic_time=5.0)
    assert best.status == "OPTIMAL"
    for m in problem.staff:  # lawful, by the independent checks
        assert rule_breaks(problem, m, best.assignment[m.id]) == []
    under, over = cover_cost(problem, best.assignment)
    bound = cover_bound(relaxation(problem))
    assert bound.least_cover_cost <= under + over <= (best.objective or 0)
