"""Where a re-roster's search starts: the published roster, with only the officers whose
days cannot stand as published changed, each as little as their own rules allow.

Every hard rule is one officer's (cover, supervision and fairness are goals), so an
officer whose published days still fit around the days settled for them (an entry's days,
the rest days owed) keeps every one, and an officer whose days do not is solved alone for
the fewest changes: a model of one officer over the window, solved at once. The window's
search starts from these rows joined, so the least-change roster is there from its first
moment and is only improved on (cover restored) after. Without it, a search that could not
keep the published roster as it stood started from a lawful roster unrelated to it, and a
short ``--time-limit`` or a busy machine stopped it hundreds of officer-days away.

Each row is budgeted by solver work alone (the wall clock only a safety net against a
stalled machine, ``wall_for_work``), so the start is the same on an idle machine and a
busy one: a wall-clock share cut it short under load, and the re-roster's size swung with
the machine (Redbridge, two entries: 196, 53 and 35 officer-days in three runs).
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.core.colgen import person_problem
from scheduler.core.config import wall_for_work
from scheduler.core.data import Problem, StaffMember
from scheduler.core.solve import solve

Hint = dict[tuple[str, int], str | None]

# each change costs this many times its notice cost alone, so that no goal of the officer's
# own (nights in a row, weekends) is worth a change more than published
CHANGES_FIRST = 1000


def published_hint(problem: Problem) -> Hint:
    """The published roster (``problem.baseline``) on the days not settled."""
    settled = {(m.id, d) for m in problem.staff for d in (*m.days_off, *m.fixed_shifts)}
    return {key: code for key, code in problem.baseline.items() if key not in settled}


def least_change_start(problem: Problem, seed: int, work: float) -> Hint:
    """``published_hint`` with the row of each officer it leaves unlawful replaced by their
    least-change lawful row (``work``: solver work units for each). An officer whose row
    is not found keeps the published one: the search then completes the roster."""
    hint = published_hint(problem)
    for member in problem.staff:
        if not _unsettled(problem, member, hint):
            continue
        row = _least_change_row(problem, member, hint, seed, work)
        if row is None:
            continue
        settled = {*member.days_off, *member.fixed_shifts}
        for d, code in enumerate(row):
            if d not in settled:
                hint[(member.id, d)] = code
    return hint


def _unsettled(problem: Problem, member: StaffMember, hint: Hint) -> bool:
    """Whether the published row may break the officer's rules around what is settled: a
    settled day that differs from it, a day with no published tour to keep (given back),
    or a count of days off outside what the officer owes."""
    baseline = problem.baseline
    for d in member.days_off:
        if baseline.get((member.id, d)) is not None:
            return True
    for d, code in member.fixed_shifts.items():
        if (member.id, d) in baseline and baseline[(member.id, d)] != code:
            return True
    settled = {*member.days_off, *member.fixed_shifts}
    free = [d for d in range(problem.horizon) if d not in settled]
    if any((member.id, d) not in hint for d in free):
        return True
    off = sum(1 for d in free if d not in member.unfree_days and hint[(member.id, d)] is None)
    low, high = member.min_free_days_off, member.max_free_days_off
    return (low is not None and off < low) or (high is not None and off > high)


def start_roster(problem: Problem, hint: Hint) -> dict[str, list[str | None]] | None:
    """The whole roster of ``problem`` the start gives (its settled days and the hint's),
    or None if the hint leaves a day open."""
    roster: dict[str, list[str | None]] = {}
    for member in problem.staff:
        row: list[str | None] = []
        for d in range(problem.horizon):
            if d in member.days_off:
                row.append(None)
            elif d in member.fixed_shifts:
                row.append(member.fixed_shifts[d])
            elif (member.id, d) in hint:
                row.append(hint[(member.id, d)])
            else:
                return None
        roster[member.id] = row
    return roster


def _least_change_row(
    problem: Problem, member: StaffMember, hint: Hint, seed: int, work: float
) -> list[str | None] | None:
    alone = person_problem(problem, member)
    alone = replace(
        alone,
        requests=(),
        rota=None,
        change_weights={k: v * CHANGES_FIRST for k, v in alone.change_weights.items()},
        change_weight=problem.change_weight * CHANGES_FIRST,
    )
    own = {k: v for k, v in hint.items() if k[0] == member.id}
    solved = solve(
        alone,
        hint=own,
        time_limit=wall_for_work(work),
        seed=seed,
        workers=1,
        deterministic_time=work,
    )
    if not solved.feasible:
        return None
    return list(solved.assignment[member.id])
