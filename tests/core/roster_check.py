"""Independent roster checks for the core tests.

Written from the data-model docstrings, reading only a roster (staff -> shift or None per
day), never the CP-SAT model, so a modelling mistake shows up as a failed check.
"""

from __future__ import annotations

from collections.abc import Sequence

from scheduler.core import Problem, StaffMember

Row = Sequence[str | None]


def runs(states: Sequence[bool]) -> list[tuple[int, int, bool]]:
    """Maximal runs as (start, length, value)."""
    out: list[tuple[int, int, bool]] = []
    for d, v in enumerate(states):
        if out and out[-1][2] == v and out[-1][0] + out[-1][1] == d:
            start, length, _ = out[-1]
            out[-1] = (start, length + 1, v)
        else:
            out.append((d, 1, v))
    return out


def minutes(problem: Problem, row: Row) -> int:
    total = 0
    for d, s in enumerate(row):
        if s is not None:
            nominal = next(t.minutes for t in problem.shifts if t.id == s)
            total += problem.minutes_by_day.get((d, s), nominal)
    return total


def weekends_worked(first_weekday: int, row: Row) -> int:
    worked: set[int] = set()
    for d, s in enumerate(row):
        weekday = (first_weekday + d) % 7
        if s is not None and weekday >= 5:
            worked.add((first_weekday + d - weekday) // 7)  # index of that week
    return len(worked)


def max_run_with_history(member: StaffMember, row: Row) -> int:
    seq = [s is not None for s in member.history] + [s is not None for s in row]
    return max((length for _, length, v in runs(seq) if v), default=0)


def inner_runs(row: Row, working: bool) -> list[int]:
    """Lengths of runs (of work or off) that touch neither end of the horizon."""
    states = [s is not None for s in row]
    return [
        length
        for start, length, v in runs(states)
        if v == working and start > 0 and start + length < len(row)
    ]


def cover_cost(problem: Problem, roster: dict[str, list[str | None]]) -> tuple[int, int]:
    under = over = 0
    for c in problem.cover:
        n = sum(1 for row in roster.values() if row[c.day] == c.shift)
        under += c.under_weight * max(0, c.required - n)
        over += c.over_weight * max(0, n - c.required)
    return under, over
