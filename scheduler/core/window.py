"""Window sub-problems: a stretch of a long roster re-solved with everything else kept.

A large-neighbourhood move over a long horizon pins all but a hole of the whole model,
and CP-SAT copies and presolves the whole model for every hole (Curtois Instance20, 182
days: tenths of a second before any search). A window is a model of its own, of a few
weeks: the freed days, then a tail of days kept as they are (every rule that looks
forward from a freed day, a run or a succession, sees the days it looks at), with the
days before it as history and every total over the horizon (shift counts, minutes,
weekends, free days off) less what the days outside it take. Its cost differs from the
whole roster's by the same amount for every roster that agrees outside it, so a better
window is a better roster.

Windows start and end on the week's first day, so no weekend is split. A problem whose
goals span the horizon (fairness, a rota pattern the solver designs) or whose rest
periods or minute windows reach further than a window's tail has no windows here
(``windows_apply``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from .data import Problem, RestPeriod, RotaLines, StaffMember

Roster = Mapping[str, Sequence[str | None]]
HISTORY_DAYS = 400  # enough for any run or window a rule looks back over (17 weeks)
MAX_TAIL = 28  # a problem whose rules look further ahead than this has no windows


def tail_days(p: Problem) -> int:
    """Days kept after a window, so every rule on a freed day sees the days it spans."""
    reach = 1  # successions
    for m in p.staff:
        for limit in (m.max_consecutive_work, m.min_consecutive_work, m.min_consecutive_off):
            if limit is not None:
                reach = max(reach, limit + 1)
    for soft in p.consecutive_limits:
        reach = max(reach, soft.max_run + 1)
    for window in p.windows:
        reach = max(reach, window.length)
    for rest in p.rest_periods:
        reach = max(reach, max(rest.days) - min(rest.days) + 2)
    return reach


def windows_apply(p: Problem) -> bool:
    """Whether a window's cost tells a whole roster's apart (see the module docstring)."""
    designed_rota = p.rota is not None and p.rota.pattern is None
    return not p.fairness and not designed_rota and tail_days(p) <= MAX_TAIL


def short_tours(p: Problem, roster: Roster) -> list[int]:
    """The day of each tour the cover asks more people for than ``roster`` puts on it."""
    on: dict[tuple[int, str], int] = {}
    for row in roster.values():
        for d, shift in enumerate(row):
            if shift is not None:
                on[d, shift] = on.get((d, shift), 0) + 1
    return [c.day for c in p.cover if on.get((c.day, c.shift), 0) < c.required]


def week_start(p: Problem, day: int) -> int:
    """The first day of ``day``'s week (Monday), or 0."""
    return max(0, day - (p.first_weekday + day) % 7)


def window_span(p: Problem, first: int, days: int) -> tuple[int, int, int]:
    """(first, end of the freed days, end of the kept tail), all exclusive ends, for a
    window of about ``days`` freed days from the week of ``first``; whole weeks."""
    a = week_start(p, first)
    b = min(p.horizon, week_start(p, a + max(7, days) + 6))
    e = min(p.horizon, week_start(p, b + tail_days(p) + 6))
    return a, b, e


def window_problem(p: Problem, roster: Roster, first: int, end: int) -> Problem:
    """Days ``first`` .. ``end - 1`` of ``p`` as a problem of their own, ``roster`` outside
    them kept: the days before as history, the days after counted out of every total.
    The caller pins what it keeps inside (the tail)."""
    rest = [
        dataclasses.replace(
            r,
            days=tuple(d - first for d in r.days),
            bad_neighbours=frozenset((d - first, a, b) for d, a, b in r.bad_neighbours),
        )
        for r in p.rest_periods
        if any(first <= d < end for d in r.days) and not _rested_outside(r, roster, first, end)
    ]
    staff = tuple(_staff(p, m, roster[m.id], first, end) for m in p.staff)
    return days_between(p, first, end, staff, tuple(rest))


def days_between(
    p: Problem,
    first: int,
    end: int,
    staff: tuple[StaffMember, ...],
    rest_periods: tuple[RestPeriod, ...],
) -> Problem:
    """Days ``first`` .. ``end - 1`` of ``p`` as a problem of their own, numbered from 0,
    with ``staff`` and ``rest_periods`` (the caller's, numbered so): the cover, requests,
    days' lengths, successions, rota and changes of those days. A spread over the whole
    horizon (fairness) is left out: inside a stretch it is weak in the LP and says little."""

    def inside(d: int) -> bool:
        return first <= d < end

    return dataclasses.replace(
        p,
        horizon=end - first,
        staff=staff,
        cover=tuple(dataclasses.replace(c, day=c.day - first) for c in p.cover if inside(c.day)),
        requests=tuple(
            dataclasses.replace(r, day=r.day - first) for r in p.requests if inside(r.day)
        ),
        first_weekday=(p.first_weekday + first) % 7,
        # days before ``first`` too (negative: the history's), which windows of hours count
        minutes_by_day={(d - first, s): v for (d, s), v in p.minutes_by_day.items() if d < end},
        forbidden_by_day=frozenset(
            (d - first, a, b) for d, a, b in p.forbidden_by_day if first - 1 <= d < end - 1
        ),
        shift_days={
            s: frozenset(d - first for d in days if inside(d)) for s, days in p.shift_days.items()
        },
        rest_periods=rest_periods,
        fairness=(),
        rota=_moved_rota(p, first),
        baseline={(s, d - first): v for (s, d), v in p.baseline.items() if inside(d)},
        change_weights={(s, d - first): v for (s, d), v in p.change_weights.items() if inside(d)},
    )


def _moved_rota(p: Problem, first: int) -> RotaLines | None:
    if p.rota is None:
        return None
    moved = {
        s: (line, (offset + first) % p.rota.cycle)
        for s, (line, offset) in p.rota.assignment.items()
    }
    return dataclasses.replace(p.rota, assignment=moved)


def _staff(
    p: Problem, m: StaffMember, row: Sequence[str | None], first: int, end: int
) -> StaffMember:
    """``m`` over the window: history from ``row``, totals less the days outside."""
    outside = [d for d in range(p.horizon) if not first <= d < end]
    worked = [(d, shift) for d in outside if (shift := row[d]) is not None]
    counts: dict[str, int] = {}
    for _, shift in worked:
        counts[shift] = counts.get(shift, 0) + 1
    minutes = sum(p.minutes(d, shift) for d, shift in worked)
    free = [d for d in outside if d not in m.days_off and d not in m.unfree_days]
    free_off = sum(1 for d in free if row[d] is None)

    def less(total: int | None, taken: int) -> int | None:
        return None if total is None else total - taken

    def at_least(total: int | None, taken: int) -> int | None:
        return None if total is None else max(0, total - taken)

    return dataclasses.replace(
        m,
        max_shifts={s: v - counts.get(s, 0) for s, v in m.max_shifts.items()},
        min_shifts={s: max(0, v - counts.get(s, 0)) for s, v in m.min_shifts.items()},
        max_minutes=less(m.max_minutes, minutes),
        min_minutes=at_least(m.min_minutes, minutes),
        max_weekends=less(m.max_weekends, _weekends(p, row, outside)),
        min_free_days_off=at_least(m.min_free_days_off, free_off),
        max_free_days_off=less(m.max_free_days_off, free_off),
        days_off=frozenset(d - first for d in m.days_off if first <= d < end),
        unfree_days=frozenset(d - first for d in m.unfree_days if first <= d < end),
        fixed_shifts={d - first: s for d, s in m.fixed_shifts.items() if first <= d < end},
        history=(tuple(m.history) + tuple(row[:first]))[-HISTORY_DAYS:],
    )


def _weekends(p: Problem, row: Sequence[str | None], days: Sequence[int]) -> int:
    """Weekends worked among ``days`` (whole weeks), as the model counts them."""
    weeks = {
        (p.first_weekday + d) // 7
        for d in days
        if (p.first_weekday + d) % 7 >= 5 and row[d] is not None
    }
    return len(weeks)


def _rested_outside(rest: RestPeriod, roster: Roster, first: int, end: int) -> bool:
    """Whether everyone's rest in ``rest`` is a day outside the window whose neighbours
    are outside it too (else the window keeps the period: its days inside must give the
    rest, which the model asks of a period's days within its horizon)."""
    spoilers: dict[int, list[tuple[str | None, str | None]]] = {}
    for d, a, b in rest.bad_neighbours:
        spoilers.setdefault(d, []).append((a, b))
    days = [d for d in rest.days if 0 < d < first - 1 or d > end]  # neighbours known too

    def good(row: Sequence[str | None], d: int) -> bool:
        before = row[d - 1] if d > 0 else None
        after = row[d + 1] if d + 1 < len(row) else None
        return row[d] is None and not any(
            (a is None or a == before) and (b is None or b == after) for a, b in spoilers.get(d, ())
        )

    return all(any(good(row, d) for d in days) for row in roster.values())
