"""Rest: >= 11 h between tours on real clock times, <= 7 consecutive days with a tour,
>= 2 rest days a week on average, and WTR reg 11 weekly rest (24 h in each week)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from calendars import LONDON
from scheduler.core.data import RestPeriod
from scheduler.rules.tours import Tour
from scheduler.scenario.model import Rules


def forbidden_successions(
    days: Sequence[date], tours_on: Sequence[Sequence[Tour]], rules: Rules
) -> frozenset[tuple[int, str, str]]:
    """(d, a, b): tour a on day d then tour b on day d+1 leaves less than min_rest_hours."""
    minimum = timedelta(hours=rules.min_rest_hours)
    bad = set()
    for d in range(len(days) - 1):
        for a in tours_on[d]:
            a_end = a.utc_interval(days[d])[1]
            for b in tours_on[d + 1]:
                if b.utc_interval(days[d + 1])[0] - a_end < minimum:
                    bad.add((d, a.code, b.code))
    return frozenset(bad)


def rest_past_the_next_day(
    days: Sequence[date], tours_on: Sequence[Sequence[Tour]], rules: Rules
) -> str | None:
    """Why ``min_rest_hours`` is more than s92 rosters with these tours (None when it is
    not): the model forbids the successions of one day and the next
    (``forbidden_successions``), so a rest long enough that a tour two days after another
    still comes too soon (a night ending 08:00, 24 h of rest, an early at 07:00 two days on)
    is a breach it cannot see. A tour three days on is a day later still: two days decide.
    Two High Demand Days' aid tours, both settled, are not the roster's choice."""
    minimum = timedelta(hours=rules.min_rest_hours)
    # the latest any tour ends, from its day's midnight: two days after, less the hour a
    # clock change may take, the rest is at least what is left (the defaults' 11 h, always)
    latest = max(
        (t.start.hour * 60 + t.start.minute + t.nominal_minutes for ts in tours_on for t in ts),
        default=0,
    )
    if minimum <= timedelta(hours=47) - timedelta(minutes=latest):
        return None
    worst: tuple[timedelta, int, Tour, Tour] | None = None
    for d in range(len(days) - 2):
        for a in tours_on[d]:
            a_end = a.utc_interval(days[d])[1]
            for b in tours_on[d + 2]:
                if a.aid_day is not None and b.aid_day is not None:
                    continue
                gap = b.utc_interval(days[d + 2])[0] - a_end
                if gap < minimum and (worst is None or gap < worst[0]):
                    worst = (gap, d, a, b)
    if worst is None:
        return None
    gap, d, a, b = worst
    return (
        f"{rules.min_rest_hours:g} h of rest after tour {a.code} of {days[d]} ending "
        f"{a.end:%H:%M} runs past tour {b.code} of {days[d + 2]} starting {b.start:%H:%M} "
        f"({gap.total_seconds() / 3600:g} h later): s92 rosters the rest between tours of one "
        f"day and the next, so at most {gap.total_seconds() / 3600:g} h with these tours "
        "(s92 check judges a roster against any value)"
    )


# the longest weekly rest the model holds: a day off and the day after, midnight to midnight
MOST_ROSTERED_WEEKLY_REST_HOURS = 48


def weekly_rest_beyond(rules: Rules) -> str | None:
    """Why ``weekly_rest_hours`` is more than s92 can roster (None when it is not)."""
    if rules.weekly_rest_hours <= MOST_ROSTERED_WEEKLY_REST_HOURS:
        return None
    return (
        f"a weekly rest of {rules.weekly_rest_hours:g} h is more than the "
        f"{MOST_ROSTERED_WEEKLY_REST_HOURS} h s92 rosters (two whole days off in a row): "
        f"roster and reroster make rosters for at most {MOST_ROSTERED_WEEKLY_REST_HOURS} h "
        "(s92 check judges a roster against any value)"
    )


def rest_day_target(days_in_post: int, rules: Rules) -> int:
    """Rest days owed over the roster: rest_days_per_week on average, rounded down."""
    return int(rules.rest_days_per_week * days_in_post // 7)


def least_rest_days(days: Sequence[date], off: Collection[int], rules: Rules, owed: int) -> int:
    """The fewest days off, besides the days ``off`` already, that the rules leave an
    officer over ``days`` (at most ``owed``, the rest days owed, when those surely do): no
    more than ``max_consecutive_duty_days`` in a row with a tour, and a day off in each
    Monday-to-Sunday week of the roster (the model's weekly rest,
    ``weekly_rest_periods``). Rest days owed fewer than these cannot all be duty days
    between (rest_days_per_week = 0 beside the 7 days in a row: no roster at all)."""
    most = rules.max_consecutive_duty_days
    weeks = [f for f, day in enumerate(days) if day.weekday() == 0 and f + 7 <= len(days)]
    open_days = sum(1 for d in range(len(days)) if d not in off)
    # each of these alone is a way to meet both rules: more than enough
    runs = run = 0
    for d in range(len(days) + 1):
        if d == len(days) or d in off:
            runs += run // (most + 1)
            run = 0
        else:
            run += 1
    if owed >= runs + len(weeks):
        return owed  # the rest days owed are surely enough (the defaults' 2 a week)
    # the most duty days: by days in a row so far, and whether this week has had a day off
    best: dict[tuple[int, bool], int] = {(0, True): 0}
    starts, ends = set(weeks), {f + 6 for f in weeks}
    for d in range(len(days)):
        if d in starts:
            best = _merge(((r, False), v) for (r, _), v in best.items())
        steps = [((0, True), v) for (_, _), v in best.items()]
        if d not in off:
            steps += [((r + 1, seen), v + 1) for (r, seen), v in best.items() if r < most]
        best = _merge(steps)
        if d in ends:
            best = {key: v for key, v in best.items() if key[1]}
    return max(0, open_days - max(best.values(), default=0))


def _merge(steps: Iterable[tuple[tuple[int, bool], int]]) -> dict[tuple[int, bool], int]:
    merged: dict[tuple[int, bool], int] = {}
    for key, v in steps:
        if v > merged.get(key, -1):
            merged[key] = v
    return merged


@lru_cache(maxsize=1 << 12)
def midnight(day: date) -> datetime:
    """Local midnight starting ``day``, as a UTC instant (asked of each day many times
    over by ``rest_around``: worked out once)."""
    return datetime(day.year, day.month, day.day, tzinfo=LONDON).astimezone(UTC)


def weekly_rest_periods(
    days: Sequence[date], tours_on: Sequence[Sequence[Tour]], rules: Rules
) -> tuple[RestPeriod, ...]:
    """One RestPeriod per Monday-to-Sunday week wholly inside the horizon.

    A day d off is a good weekly rest if, whatever else happens, the rest around it inside
    the week lasts weekly_rest_hours (``rest_around``).
    """
    need = timedelta(hours=rules.weekly_rest_hours)
    return tuple(
        weekly_rest_period(days, tours_on, first, need)
        for first in range(len(days))
        if days[first].weekday() == 0 and first + 7 <= len(days)
    )


def weekly_rest_period(
    days: Sequence[date],
    tours_on: Sequence[Sequence[Tour]],
    first: int,
    need: timedelta,
    staff: frozenset[str] | None = None,
    length: int = 7,
) -> RestPeriod:
    """The week from day ``first`` (a Monday): a rest of ``need`` around a day off in it,
    for ``staff`` (None: everyone); with ``length`` 14, the fortnight from it."""
    # what the week's rest depends on: its days and tours and those either side (each of
    # a scenario's contracts and teams has the same, worked out once: ``_week``)
    around = range(max(0, first - 1), min(len(days), first + length + 1))
    candidates, bad = _week(
        first,
        tuple(days[d] for d in around),
        tuple(tuple(tours_on[d]) for d in around),
        need,
        length,
    )
    return RestPeriod(days=candidates, bad_neighbours=bad, staff=staff)


@lru_cache(maxsize=1 << 12)
def _week(
    first: int,
    days: tuple[date, ...],
    tours_on: tuple[tuple[Tour, ...], ...],
    need: timedelta,
    length: int,
) -> tuple[tuple[int, ...], frozenset[tuple[int, str | None, str | None]]]:
    """``weekly_rest_period``'s days and spoiling neighbours, ``days`` and ``tours_on``
    those of the ``length`` days from day ``first`` and of the day either side of them in
    the horizon."""
    at = max(0, first - 1)  # the horizon's day of days[0]
    candidates, bad = [], set()
    for d in range(first, first + length):
        i = d - at
        befores = [(None, None)] + [
            (a.code, a.utc_interval(days[i - 1])[1]) for a in (tours_on[i - 1] if d > 0 else ())
        ]
        afters = [(None, None)] + [
            (b.code, b.utc_interval(days[i + 1])[0])
            for b in (tours_on[i + 1] if i + 1 < len(days) else ())
        ]
        spoilt = {
            (d, a, b)
            for a, ended in befores
            for b, starts in afters
            if rest_around(days, first - at, i, ended, starts, length) < need
        }
        if (d, None, None) in spoilt:
            continue  # never a good rest day (e.g. the short Sunday of the spring change)
        candidates.append(d)
        bad |= spoilt
    return tuple(candidates), frozenset(bad)


def rest_around(
    days: Sequence[date],
    first: int,
    d: int,
    ended: datetime | None,
    starts: datetime | None,
    length: int = 7,
) -> timedelta:
    """The rest a day ``d`` off gives at least, inside the week from day ``first`` (the
    ``length`` days from it), the tour on the day before it ``ended`` then and the one on
    the day after ``starts`` then (None: the day is off). It starts when the tour before
    ends (or at midnight starting d: no tour can reach further) and ends when the tour
    after starts (or at midnight ending d+1), both clipped to the week."""
    week_start = midnight(days[first])
    week_end = midnight(days[first] + timedelta(length))
    rest_from = midnight(days[d]) if ended is None else ended
    rest_to = midnight(days[d] + timedelta(2)) if starts is None else starts
    return min(rest_to, week_end) - max(rest_from, week_start)
