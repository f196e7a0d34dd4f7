"""A cover's ceiling: staff between ``required`` and ``ceiling`` cost nothing, each one
above it ``over_weight``; without a ceiling over-cover counts from ``required``, as in a
Curtois & Qu instance. Costs recomputed from the roster (``cover_cost``), not the model."""

from __future__ import annotations

from roster_check import cover_cost

from scheduler.core import Cover, Problem, ShiftType, StaffMember, solve
from scheduler.core.rows import cost

D = ShiftType("D", 480)
E = ShiftType("E", 480)


def four_working(cover: tuple[Cover, ...]) -> Problem:
    """Four people who must each work the one day, on D or E."""
    staff = tuple(StaffMember(i, min_minutes=480) for i in "ABCD")
    return Problem(horizon=1, shifts=(D, E), staff=staff, cover=cover)


def on(assignment: dict[str, list[str | None]], shift: str) -> int:
    return sum(row[0] == shift for row in assignment.values())


def test_staff_up_to_the_ceiling_cost_nothing() -> None:
    # D wants 1 to 3, E exactly 1 (over it costs 5 each): three on D, one on E is free
    cover = (Cover(0, "D", 1, 100, 50, ceiling=3), Cover(0, "E", 1, 100, 5))
    p = four_working(cover)
    sol = solve(p, time_limit=10, seed=0, workers=1)
    assert sol.status == "OPTIMAL"
    assert (on(sol.assignment, "D"), on(sol.assignment, "E")) == (3, 1)
    assert cover_cost(p, sol.assignment) == (0, 0)
    assert sol.objective == 0


def test_each_one_above_the_ceiling_costs_over_weight() -> None:
    # both capped at 1: two of the four are over whatever the roster does
    cover = (Cover(0, "D", 1, 100, 7, ceiling=1), Cover(0, "E", 0, 100, 9, ceiling=1))
    p = four_working(cover)
    sol = solve(p, time_limit=10, seed=0, workers=1)
    assert sol.status == "OPTIMAL"
    assert (on(sol.assignment, "D"), on(sol.assignment, "E")) == (3, 1)  # D's over is cheaper
    assert cover_cost(p, sol.assignment) == (0, 14)
    assert sol.objective == 14


def test_rows_price_the_ceiling_as_the_model_does() -> None:
    cover = (Cover(0, "D", 1, 100, 10, ceiling=2),)
    p = four_working(cover)
    roster: dict[str, list[str | None]] = {"A": ["D"], "B": ["D"], "C": ["D"], "D": ["E"]}
    assert cost(p, roster)["cover_over"] == 10  # one above the ceiling of 2
    assert Cover(0, "D", 3, 1, 1, ceiling=2).most == 3  # never below required
    assert Cover(0, "D", 3, 1, 1).most == 3
