"""Rest: >= 11 h between tours on real clock times, <= 7 consecutive days with a tour,
>= 2 rest days a week on average, and WTR reg 11 weekly rest (24 h in each week)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

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


def rest_day_target(days_in_post: int, rules: Rules) -> int:
    """Rest days owed over the roster: rest_days_per_week on average, rounded down."""
    return int(rules.rest_days_per_week * days_in_post // 7)


def _midnight(day: date) -> datetime:
    """Local midnight starting ``day``, as a UTC instant."""
    return datetime(day.year, day.month, day.day, tzinfo=LONDON).astimezone(UTC)


def weekly_rest_periods(
    days: Sequence[date], tours_on: Sequence[Sequence[Tour]], rules: Rules
) -> tuple[RestPeriod, ...]:
    """One RestPeriod per Monday-to-Sunday week wholly inside the horizon.

    A day d off is a good weekly rest if, whatever else happens, the rest around it inside
    the week lasts weekly_rest_hours. The rest starts when the tour on d-1 ends (or at
    midnight starting d if d-1 is off: no tour can reach further) and ends when the tour on
    d+1 starts (or at midnight ending d+1 if d+1 is off), both clipped to the week.
    """
    need = timedelta(hours=rules.weekly_rest_hours)
    periods = []
    for first in range(len(days)):
        if days[first].weekday() != 0 or first + 7 > len(days):
            continue
        week = range(first, first + 7)
        week_start, week_end = _midnight(days[first]), _midnight(days[first] + timedelta(7))
        candidates, bad = [], set()
        for d in week:
            befores = [None, *tours_on[d - 1]] if d > 0 else [None]
            afters = [None, *tours_on[d + 1]] if d + 1 < len(days) else [None]
            spoilt = set()
            for a in befores:
                rest_from = _midnight(days[d]) if a is None else a.utc_interval(days[d - 1])[1]
                rest_from = max(rest_from, week_start)
                for b in afters:
                    if b is None:
                        rest_to = _midnight(days[d] + timedelta(2))
                    else:
                        rest_to = b.utc_interval(days[d + 1])[0]
                    if min(rest_to, week_end) - rest_from < need:
                        spoilt.add(
                            (d, None if a is None else a.code, None if b is None else b.code)
                        )
            if (d, None, None) in spoilt:
                continue  # never a good rest day (e.g. the short Sunday of the spring change)
            candidates.append(d)
            bad |= spoilt
        periods.append(RestPeriod(days=tuple(candidates), bad_neighbours=frozenset(bad)))
    return tuple(periods)
