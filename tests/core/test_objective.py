"""Soft terms: each is priced as documented, checked by recomputing costs from the roster."""

from __future__ import annotations

import dataclasses

from roster_check import cover_cost

from scheduler.core import (
    CompanionRule,
    ConsecutiveShiftLimit,
    Cover,
    FairnessRule,
    Problem,
    RotaLines,
    ShiftRequest,
    ShiftType,
    StaffMember,
    solve,
)

D = ShiftType("D", 480)
N = ShiftType("N", 480)


def optimal(problem: Problem):
    solution = solve(problem, time_limit=10, seed=0, workers=1)
    assert solution.status == "OPTIMAL"
    assert sum(solution.breakdown.values()) == solution.objective
    assert solution.gap == 0
    return solution


def test_cover_under_and_over() -> None:
    staff = tuple(
        StaffMember(i, days_off=frozenset({0}) if i == "A" else frozenset()) for i in "AB"
    )
    cover = (Cover(0, "D", 2, 100, 1), Cover(1, "D", 0, 100, 3))
    sol = optimal(Problem(horizon=2, shifts=(D,), staff=staff, cover=cover))
    assert sol.assignment == {"A": [None, None], "B": ["D", None]}
    assert cover_cost(Problem(2, (D,), staff, cover), sol.assignment) == (100, 0)
    assert sol.breakdown["cover_under"] == 100
    assert sol.breakdown["cover_over"] == 0


def test_requests_on_and_off() -> None:
    reqs = (
        ShiftRequest("A", 0, "D", 5, on=True),
        ShiftRequest("A", 1, None, 7, on=False),  # whole day off
        ShiftRequest("A", 2, "N", 2, on=True),
    )
    cover = (Cover(1, "D", 1, 100, 1), Cover(2, "D", 1, 100, 1))
    sol = optimal(Problem(3, (D, N), (StaffMember("A"),), cover=cover, requests=reqs))
    # day 1: cover (100) beats the off request (7); day 2: cover D beats the N request
    assert sol.assignment["A"] == ["D", "D", "D"]
    assert sol.breakdown == {"cover_under": 0, "cover_over": 0, "requests_on": 2, "requests_off": 7}


def test_consecutive_shift_limit_counts_excess_days() -> None:
    limit = ConsecutiveShiftLimit(frozenset({"N"}), max_run=2, weight=3)
    member = StaffMember("A", history=("N",))
    cover = tuple(Cover(d, "N", 1, 100, 1) for d in range(5))
    sol = optimal(Problem(5, (N,), (member,), cover=cover, consecutive_limits=(limit,)))
    assert sol.assignment["A"] == ["N"] * 5
    # the run is 6 long counting history: days 1..4 exceed 2
    assert sol.breakdown["consecutive[N>2]"] == 3 * 4


def test_consecutive_shift_limit_changes_roster() -> None:
    limit = ConsecutiveShiftLimit(frozenset({"N"}), max_run=1, weight=10)
    cover = (
        *(Cover(d, s, 1, 100, 1) for d in range(2) for s in ("N",)),
        Cover(1, "D", 0, 100, 1),
    )
    staff = (StaffMember("A"), StaffMember("B"))
    sol = optimal(Problem(2, (D, N), staff, cover=cover, consecutive_limits=(limit,)))
    nights = [tuple(row) for row in sol.assignment.values()]
    assert ("N", "N") not in nights  # two people share the nights instead


def test_companion_rule() -> None:
    pc = StaffMember("PC", group="constable", fixed_shifts={0: "D"})
    ps = StaffMember("PS", group="sergeant")
    rule = CompanionRule("constable", "sergeant", frozenset({"D"}), weight=10)
    cover = (Cover(0, "D", 1, 100, 5), Cover(1, "D", 1, 100, 5))
    with_rule = optimal(Problem(2, (D,), (pc, ps), cover=cover, companions=(rule,)))
    assert with_rule.assignment["PS"][0] == "D"  # over-cover (5) is cheaper than alone (10)
    without = optimal(Problem(2, (D,), (pc, ps), cover=cover))
    assert without.assignment["PS"][0] is None
    alone = [
        d
        for d in range(2)
        if with_rule.assignment["PC"][d] == "D" and with_rule.assignment["PS"][d] != "D"
    ]
    assert with_rule.breakdown["companion[constable>sergeant]"] == 10 * len(alone)


def test_fairness_rule() -> None:
    staff = (StaffMember("A"), StaffMember("B"))
    cover = tuple(Cover(d, "N", 1, 100, 1) for d in range(4))
    reqs = tuple(ShiftRequest("B", d, "N", 1, on=False) for d in range(4))
    fair = FairnessRule("nights", frozenset(range(4)), frozenset({"N"}), weight=5)
    unfair = optimal(Problem(4, (N,), staff, cover=cover, requests=reqs))
    assert unfair.assignment["A"] == ["N"] * 4
    sol = optimal(Problem(4, (N,), staff, cover=cover, requests=reqs, fairness=(fair,)))
    counts = sorted(row.count("N") for row in sol.assignment.values())
    assert counts == [2, 2]
    assert sol.breakdown["fairness[nights]"] == 0


def test_rota_fixed_pattern_with_offsets() -> None:
    rota = RotaLines(
        cycle=2, lines=1, assignment={"A": (0, 0), "B": (0, 1)}, weight=5, pattern={0: ("D", None)}
    )
    staff = (StaffMember("A"), StaffMember("B"))
    sol = optimal(Problem(4, (D,), staff, rota=rota))
    assert sol.assignment == {"A": ["D", None, "D", None], "B": [None, "D", None, "D"]}
    assert sol.breakdown["rota"] == 0


def test_rota_designed_pattern() -> None:
    rota = RotaLines(cycle=2, lines=2, assignment={"A": (0, 0), "B": (1, 0)}, weight=1)
    staff = (
        StaffMember("A", days_off=frozenset({1})),
        StaffMember("B", days_off=frozenset({0})),
    )
    cover = tuple(Cover(d, "D", 1, 100, 1) for d in range(4))
    sol = optimal(Problem(4, (D,), staff, cover=cover, rota=rota))
    assert sol.rota_pattern == {0: ("D", None), 1: (None, "D")}
    assert sol.assignment == {"A": ["D", None, "D", None], "B": [None, "D", None, "D"]}
    assert sol.breakdown["rota"] == 0


def test_baseline_change_cost_keeps_roster() -> None:
    member = StaffMember("A")
    cover = tuple(Cover(d, "D", 0, 100, 1) for d in range(3))
    baseline = {("A", 0): "D", ("A", 1): "D", ("A", 2): None}
    base = Problem(3, (D,), (member,), cover=cover, baseline=baseline, change_weight=50)
    assert optimal(base).assignment["A"] == ["D", "D", None]
    cheap = dataclasses.replace(base, change_weights={("A", 1): 0})
    sol = optimal(cheap)
    assert sol.assignment["A"] == ["D", None, None]
    assert sol.breakdown == {"cover_over": 1, "changes": 0}
