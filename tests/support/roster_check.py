"""Independent roster checks for the core tests.

Written from the data-model docstrings, reading only a roster (staff -> shift or None per
day), never the CP-SAT model, so a modelling mistake shows up as a failed check.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Sequence

from scheduler.core import Cover, Problem, ShiftRequest, ShiftType, StaffMember

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
        ceiling = c.required if c.ceiling is None else max(c.ceiling, c.required)
        over += c.over_weight * max(0, n - ceiling)
    return under, over


D = ShiftType("D", 480, start_minute=7 * 60)
L = ShiftType("L", 480, start_minute=14 * 60)
N = ShiftType("N", 600, start_minute=22 * 60, forbidden_next=frozenset({"D", "L"}))


def request_cost(problem: Problem, roster: dict[str, list[str | None]]) -> int:
    """Cost of the shift requests a roster does not honour (shift None: any shift)."""
    cost = 0
    for r in problem.requests:
        worked = roster[r.staff][r.day]
        hit = worked is not None and (r.shift is None or worked == r.shift)
        cost += r.weight * (hit != r.on)
    return cost


def true_cost(problem: Problem, roster: dict[str, list[str | None]]) -> int:
    """Objective of a random_problem roster, computed from its shifts alone."""
    return sum(cover_cost(problem, roster)) + request_cost(problem, roster)


def random_problem(seed: int, horizon: int = 14, people: int = 6) -> Problem:
    """A small but not trivial instance with several rules interacting."""
    rng = random.Random(seed)
    staff = tuple(
        StaffMember(
            f"S{i}",
            max_shifts={"N": 4},
            max_minutes=horizon * 480 * 5 // 7,
            max_consecutive_work=5,
            min_consecutive_work=2,
            min_consecutive_off=2,
            max_weekends=1,
            days_off=frozenset(rng.sample(range(horizon), 2)),
        )
        for i in range(people)
    )
    cover = tuple(Cover(d, s, rng.randint(1, 2), 100, 1) for d in range(horizon) for s in "DLN")
    requests = tuple(
        ShiftRequest(
            m.id, rng.randrange(horizon), rng.choice("DLN"), rng.randint(1, 3), rng.random() < 0.5
        )
        for m in staff
        for _ in range(3)
    )
    return Problem(horizon, (D, L, N), staff, cover=cover, requests=requests)


def check_roster(problem: Problem, roster: dict[str, list[str | None]]) -> None:
    """Independent check of the rules used by random_problem."""
    for m in problem.staff:
        row = roster[m.id]
        assert row.count("N") <= 4
        assert m.max_minutes is not None, "random_problem caps everyone's minutes"
        assert sum(problem.minutes(d, s) for d, s in enumerate(row) if s) <= m.max_minutes
        assert max_run_with_history(m, row) <= 5
        assert all(n >= 2 for n in inner_runs(row, True))
        assert all(n >= 2 for n in inner_runs(row, False))
        assert weekends_worked(0, row) <= 1
        assert all(row[d] is None for d in m.days_off)
        assert all(not (a == "N" and b in ("D", "L")) for a, b in itertools.pairwise(row))


def _runs_checked(member: StaffMember, row: Row, working: bool) -> list[int]:
    """Lengths of the runs of work (or rest) that a minimum run length applies to: a run
    touching the last day is exempt, and so is one reaching back to the first known day
    (day 0 with no history, or the start of the history); runs wholly in the history are
    not checked unless they end on its last day."""
    past = list(member.history)
    seq = [s is not None for s in past] + [s is not None for s in row]
    out = []
    for start, length, v in runs(seq):
        end = start + length  # first index after the run
        if v != working or start == 0 or end == len(seq) or end < len(past):
            continue
        out.append(length)
    return out


def rule_breaks(problem: Problem, member: StaffMember, row: Row) -> list[str]:
    """Names of the hard per-person rules ``row`` breaks, from the data-model docstrings
    (shift counts, minutes, runs, weekends, days off, fixed shifts, successions)."""
    out = []
    for s, hi in member.max_shifts.items():
        if row.count(s) > hi:
            out.append(f"max_shifts[{s}]")
    for s, lo in member.min_shifts.items():
        if row.count(s) < lo:
            out.append(f"min_shifts[{s}]")
    total = minutes(problem, row)
    if member.max_minutes is not None and total > member.max_minutes:
        out.append("max_minutes")
    if member.min_minutes is not None and total < member.min_minutes:
        out.append("min_minutes")
    past = len(member.history)
    seq = [s is not None for s in member.history] + [s is not None for s in row]
    longest = max(
        (n for start, n, v in runs(seq) if v and start + n > past), default=0
    )  # runs reaching into the horizon
    if member.max_consecutive_work is not None and longest > member.max_consecutive_work:
        out.append("max_consecutive_work")
    if any(n < (member.min_consecutive_work or 0) for n in _runs_checked(member, row, True)):
        out.append("min_consecutive_work")
    if any(n < (member.min_consecutive_off or 0) for n in _runs_checked(member, row, False)):
        out.append("min_consecutive_off")
    weekends = weekends_worked(problem.first_weekday, row)
    if member.max_weekends is not None and weekends > member.max_weekends:
        out.append("max_weekends")
    if any(row[d] is not None for d in member.days_off if 0 <= d < len(row)):
        out.append("days_off")
    if any(row[d] != s for d, s in member.fixed_shifts.items() if 0 <= d < len(row)):
        out.append("fixed_shift")
    banned = {(t.id, b) for t in problem.shifts for b in t.forbidden_next}
    pairs = zip([member.history[-1] if member.history else None, *row], row, strict=False)
    if any((a, b) in banned for a, b in pairs):
        out.append("forbidden_next")
    return out


def graph_variants() -> list[Problem]:
    """One-person problems of 7 days that exercise each rule family the graph models."""
    base = random_problem(2, horizon=7, people=1)
    m = base.staff[0]
    requests = tuple(
        ShiftRequest(m.id, d, s, w, on)
        for d, s, w, on in [(1, "D", 3, True), (2, None, 2, False), (4, "N", 1, False)]
    )
    base = dataclasses.replace(base, cover=(), requests=requests)
    tight = dataclasses.replace(
        m,
        max_shifts={"N": 2, "L": 3},
        min_shifts={"D": 1},
        min_minutes=3 * 480,
        max_minutes=5 * 480 + 120,
        max_consecutive_work=3,
        min_consecutive_work=2,
        min_consecutive_off=2,
        max_weekends=1,
        days_off=frozenset({6}),
        fixed_shifts={1: "L"},
    )
    history = dataclasses.replace(tight, history=("N", None, "D"), fixed_shifts={})
    open_ended = dataclasses.replace(tight, history=("D", "D"), fixed_shifts={})
    return [
        base,
        dataclasses.replace(base, staff=(tight,)),
        dataclasses.replace(base, staff=(tight,), first_weekday=6),  # starts on a Sunday
        dataclasses.replace(base, staff=(history,)),
        dataclasses.replace(base, staff=(open_ended,), first_weekday=5),
    ]


def lawful_rows(problem: Problem) -> dict[tuple[str | None, ...], int]:
    """Every lawful row of ``problem``'s one person and its own (request) cost."""
    member = problem.staff[0]
    states: list[str | None] = [None, *(s.id for s in problem.shifts)]
    out: dict[tuple[str | None, ...], int] = {}
    for row in itertools.product(states, repeat=problem.horizon):
        if not rule_breaks(problem, member, row):
            out[row] = request_cost(problem, {member.id: list(row)})
    return out


def random_duals(problem: Problem, seed: int) -> dict[tuple[int, str], float]:
    rng = random.Random(seed)
    return {(d, s.id): rng.uniform(0, 3) for d in range(problem.horizon) for s in problem.shifts}
