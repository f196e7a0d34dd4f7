"""Each hard rule binds: with it the solver's roster obeys it, without it the optimum breaks it.

Every roster is verified by the independent checks in ``roster_check``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from roster_check import inner_runs, max_run_with_history, minutes, runs, weekends_worked

from scheduler.core import (
    Cover,
    Problem,
    RestPeriod,
    ShiftType,
    StaffMember,
    WindowLimit,
    build_model,
    solve,
)
from scheduler.core.cpsat import make_solver, run

Roster = dict[str, list[str | None]]
D = ShiftType("D", 480)
N = ShiftType("N", 480, forbidden_next=frozenset({"D"}))
N_FREE = ShiftType("N", 480)  # same night, no forbidden succession


def cover_all(horizon: int, shift: str = "D", required: int = 1, under: int = 100, over: int = 1):
    return tuple(Cover(d, shift, required, under, over) for d in range(horizon))


def cover_days(wanted: dict[int, str], horizon: int, over: int = 1) -> tuple[Cover, ...]:
    """Cover 1 person on the given days' shifts, 0 (over-staffing costs) elsewhere."""
    shifts = sorted({"D", *wanted.values()})
    return tuple(
        Cover(d, s, 1 if wanted.get(d) == s else 0, 100, over)
        for d in range(horizon)
        for s in shifts
    )


def one(member: StaffMember, horizon: int, cover: tuple[Cover, ...], **kw) -> Problem:
    shifts = kw.pop("shifts", (D,))
    return Problem(horizon=horizon, shifts=shifts, staff=(member,), cover=cover, **kw)


def solved(problem: Problem) -> Roster:
    solution = solve(problem, time_limit=10, seed=0, workers=1)
    assert solution.status == "OPTIMAL", solution.status
    return solution.assignment


def row(problem: Problem) -> list[str | None]:
    return solved(problem)["A"]


def worked(r: list[str | None]) -> int:
    return sum(s is not None for s in r)


A = StaffMember("A")
H = 7
FULL = cover_all(H)


def case(rule: Problem, check: Callable[[list[str | None]], bool], relaxed: Problem):
    return (rule, check, relaxed)


CASES = {
    "max_shifts": case(
        one(dataclasses.replace(A, max_shifts={"D": 2}), H, FULL),
        lambda r: r.count("D") <= 2,
        one(A, H, FULL),
    ),
    "max_shifts_zero_forbids": case(
        one(dataclasses.replace(A, max_shifts={"N": 0}), H, cover_all(H, "N"), shifts=(D, N_FREE)),
        lambda r: "N" not in r,
        one(A, H, cover_all(H, "N"), shifts=(D, N_FREE)),
    ),
    "min_shifts": case(
        one(dataclasses.replace(A, min_shifts={"D": 3}), H, cover_all(H, required=0)),
        lambda r: r.count("D") >= 3,
        one(A, H, cover_all(H, required=0)),
    ),
    "max_minutes_by_day": case(
        # day 0 lasts 600 min: any pair including it exceeds 1000
        one(
            dataclasses.replace(A, max_minutes=1000),
            3,
            cover_all(3),
            minutes_by_day={(0, "D"): 600},
        ),
        lambda r: r == [None, "D", "D"],
        one(A, 3, cover_all(3), minutes_by_day={(0, "D"): 600}),
    ),
    "min_minutes": case(
        one(dataclasses.replace(A, min_minutes=960), H, cover_all(H, required=0)),
        lambda r: worked(r) * 480 >= 960,
        one(A, H, cover_all(H, required=0)),
    ),
    "max_consecutive_work": case(
        one(dataclasses.replace(A, max_consecutive_work=3), H, FULL),
        lambda r: max_run_with_history(A, r) <= 3,
        one(A, H, FULL),
    ),
    "min_consecutive_work": case(
        one(dataclasses.replace(A, min_consecutive_work=3), H, cover_days({3: "D"}, H)),
        lambda r: all(n >= 3 for n in inner_runs(r, True)) and r[3] == "D",
        one(A, H, cover_days({3: "D"}, H)),
    ),
    "min_consecutive_off": case(
        one(
            dataclasses.replace(A, min_consecutive_off=2),
            H,
            cover_days(dict.fromkeys({0, 1, 2, 4, 5, 6}, "D"), H),
        ),
        lambda r: all(n >= 2 for n in inner_runs(r, False)),
        one(A, H, cover_days(dict.fromkeys({0, 1, 2, 4, 5, 6}, "D"), H)),
    ),
    "max_weekends": case(
        one(dataclasses.replace(A, max_weekends=1), 14, cover_all(14)),
        lambda r: weekends_worked(0, r) <= 1,
        one(A, 14, cover_all(14)),
    ),
    "max_weekends_first_weekday": case(
        # day 0 is a Saturday: weekends are days 0-1 and 7-8
        one(dataclasses.replace(A, max_weekends=1), 9, cover_all(9), first_weekday=5),
        lambda r: weekends_worked(5, r) <= 1 and r[2:7] == ["D"] * 5,
        one(A, 9, cover_all(9), first_weekday=5),
    ),
    "min_free_days_off": case(
        one(dataclasses.replace(A, days_off=frozenset({0}), min_free_days_off=2), 5, cover_all(5)),
        lambda r: sum(s is None for s in r[1:]) >= 2,
        one(dataclasses.replace(A, days_off=frozenset({0})), 5, cover_all(5)),
    ),
    "max_free_days_off": case(
        # day 3 is unfree: being off then does not count, so it is the day to take off
        one(
            dataclasses.replace(A, max_free_days_off=0, unfree_days=frozenset({3})),
            H,
            cover_all(H, required=0, over=1),
        ),
        lambda r: [d for d, s in enumerate(r) if s is None] == [3],
        one(A, H, cover_all(H, required=0, over=1)),
    ),
    "days_off": case(
        one(dataclasses.replace(A, days_off=frozenset({2})), H, FULL),
        lambda r: r[2] is None,
        one(A, H, FULL),
    ),
    "fixed_shifts": case(
        one(dataclasses.replace(A, fixed_shifts={1: "N"}), H, FULL, shifts=(D, N_FREE)),
        lambda r: r[1] == "N",
        one(A, H, FULL, shifts=(D, N_FREE)),
    ),
    "forbidden_next": case(
        one(A, 2, cover_days({0: "N", 1: "D"}, 2), shifts=(D, N)),
        lambda r: r != ["N", "D"],
        one(A, 2, cover_days({0: "N", 1: "D"}, 2), shifts=(D, N_FREE)),
    ),
    "forbidden_by_day": case(
        one(
            A,
            2,
            cover_days({0: "N", 1: "D"}, 2),
            shifts=(D, N_FREE),
            forbidden_by_day=frozenset({(0, "N", "D")}),
        ),
        lambda r: r != ["N", "D"],
        one(A, 2, cover_days({0: "N", 1: "D"}, 2), shifts=(D, N_FREE)),
    ),
    "shift_days": case(
        one(A, 3, cover_all(3, "N"), shifts=(D, N_FREE), shift_days={"N": frozenset({0})}),
        lambda r: r[1] != "N" and r[2] != "N",
        one(A, 3, cover_all(3, "N"), shifts=(D, N_FREE)),
    ),
    "window": case(
        one(A, 6, cover_all(6), windows=(WindowLimit(3, 960),)),
        lambda r: all(worked(r[i : i + 3]) <= 2 for i in range(4)),
        one(A, 6, cover_all(6)),
    ),
    "window_past_the_last_day": case(
        # two 8-hour days worked just after the horizon: its last day must be off
        one(
            dataclasses.replace(A, future_minutes=(480, 480)),
            4,
            cover_all(4),
            windows=(WindowLimit(3, 960),),
        ),
        lambda r: r[3] is None and worked(r[2:4]) <= 1,
        one(A, 4, cover_all(4), windows=(WindowLimit(3, 960),)),
    ),
    "rest_period": case(
        # N on day 0 and D on day 2 spoil day 1 as a rest day: another day must be off
        one(
            A,
            4,
            cover_days({0: "N", 2: "D", 3: "D"}, 4, over=1),
            shifts=(D, N_FREE),
            rest_periods=(RestPeriod((0, 1, 2, 3), frozenset({(1, "N", "D")})),),
        ),
        lambda r: any(
            r[d] is None and not (d == 1 and r[0] == "N" and r[2] == "D") for d in range(4)
        ),
        one(A, 4, cover_days({0: "N", 2: "D", 3: "D"}, 4, over=1), shifts=(D, N_FREE)),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hard_rule_binds(name: str) -> None:
    with_rule, check, without_rule = CASES[name]
    assert check(row(with_rule)), "solver roster breaks the rule"
    assert not check(row(without_rule)), "instance does not exercise the rule"


# ------------------------------------------------------------------ horizon edges
def test_min_consecutive_work_exempt_at_horizon_edges() -> None:
    member = dataclasses.replace(A, min_consecutive_work=3)
    r = row(one(member, H, cover_days({0: "D", 6: "D"}, H)))
    assert r == ["D", None, None, None, None, None, "D"]


def test_min_consecutive_off_exempt_at_horizon_edges() -> None:
    member = dataclasses.replace(A, min_consecutive_off=3)
    r = row(one(member, H, cover_days(dict.fromkeys(range(1, 6), "D"), H)))
    assert r == [None, "D", "D", "D", "D", "D", None]


# ------------------------------------------------------------------ history carry-in
def test_history_extends_max_consecutive_work() -> None:
    member = dataclasses.replace(A, max_consecutive_work=4, history=("D", "D", "D"))
    r = row(one(member, H, FULL))
    assert max_run_with_history(member, r) <= 4
    assert r[0] == "D"
    assert r[1] is None  # one more day, then a break


def test_history_applies_forbidden_succession() -> None:
    member = dataclasses.replace(A, history=("N",))
    assert row(one(member, 1, cover_all(1), shifts=(D, N)))[0] is None


def test_history_closes_short_off_block() -> None:
    # one day off at the end of history (after work) must be followed by another
    member = dataclasses.replace(A, min_consecutive_off=2, history=("D", None))
    assert row(one(member, 3, cover_all(3)))[0] is None


def test_history_requires_work_block_to_continue() -> None:
    member = dataclasses.replace(A, min_consecutive_work=3, history=(None, "D"))
    r = row(one(member, 4, cover_all(4, required=0)))
    assert r[:2] == ["D", "D"]


def test_history_block_unknown_start_is_exempt() -> None:
    member = dataclasses.replace(A, min_consecutive_work=3, history=("D",))
    assert row(one(member, 4, cover_all(4, required=0))) == [None] * 4


def test_history_counts_in_windows() -> None:
    member = dataclasses.replace(A, history=("D", "D"))
    r = row(one(member, 4, cover_all(4), windows=(WindowLimit(3, 960),)))
    full = ["D", "D", *r]
    assert all(worked(full[i : i + 3]) <= 2 for i in range(len(full) - 2))
    assert r[0] is None


def test_history_spoils_rest_day() -> None:
    rest = RestPeriod((0, 1), frozenset({(0, "N", None)}))
    member = dataclasses.replace(A, history=("N",))
    problem = one(member, 2, cover_all(2, "N"), shifts=(N_FREE,), rest_periods=(rest,))
    assert row(problem) == ["N", None]


# ------------------------------------------------------------------------- model
def test_minutes_helper_agrees_with_problem() -> None:
    problem = one(A, 2, FULL[:2], minutes_by_day={(1, "D"): 540})
    assert minutes(problem, ["D", "D"]) == problem.minutes(0, "D") + problem.minutes(1, "D")


def test_explain_adds_one_assumption_per_family() -> None:
    member = dataclasses.replace(
        A, max_shifts={"D": 3}, max_consecutive_work=2, days_off=frozenset({1, 4})
    )
    built = build_model(one(member, H, FULL), explain=True)
    rules = sorted((c.rule, c.days) for c in built.assumptions.values())
    assert rules == [
        ("days_off", (1, 1)),
        ("days_off", (4, 4)),
        ("max_consecutive_work", (0, 6)),
        ("max_shifts[D]", (0, 6)),
    ]
    # assumptions guard only: the explained model solves like the plain one
    solution = run(built, make_solver(10, 0, 1))
    assert solution.objective == solve(one(member, H, FULL), time_limit=10).objective


def test_runs_helper() -> None:
    assert runs([True, True, False, True]) == [(0, 2, True), (2, 1, False), (3, 1, True)]
