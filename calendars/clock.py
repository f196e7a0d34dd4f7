"""Clock times of tours in London, as real (DST-aware) instants.

A tour is given as a calendar day plus local wall-clock start and end times, the way
rosters and shift definitions are written. Working-time rules (11 h rest, 48 h average)
need real elapsed time, so a night across the October clock change is one hour longer
and one across the March change one hour shorter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "LONDON",
    "clock_change",
    "clock_minutes",
    "clocks_go_forward",
    "london_today",
    "tour_hours",
    "tour_interval",
]

LONDON = ZoneInfo("Europe/London")


def london_today() -> date:
    """Today in London, whatever zone the machine keeps (a server on UTC is a day behind
    from midnight to 01:00 all summer, one east of London a day ahead each evening)."""
    return datetime.now(LONDON).date()


def _check_naive(t: time, what: str) -> None:
    """Tour times are London wall-clock times; an attached zone would be ambiguous."""
    if t.tzinfo is not None:
        raise ValueError(f"tour {what} time {t.isoformat()} must be a local (naive) time")


def _london(day: date, t: time) -> datetime:
    """The London instant for wall time ``t`` on ``day``, resolved with fold=0.

    fold=0 means: an ambiguous time (01:00-01:59 on the last Sunday of October) is its
    first occurrence, still on BST; a nonexistent time (01:00-01:59 on the last Sunday of
    March) is read on the clock as it was before it jumped, so 01:30 is the instant
    01:30 GMT, shown as 02:30 BST. The round trip through UTC makes the result a real
    wall-clock reading with the right offset.
    """
    local = datetime.combine(day, t.replace(fold=0), tzinfo=LONDON)
    return local.astimezone(UTC).astimezone(LONDON)


def tour_interval(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Aware start and end of a tour that begins on ``day`` (Europe/London).

    An ``end`` at or before ``start`` (as wall-clock times) finishes the next day, so
    22:00-07:00 is a night tour and 07:00-07:00 a 24-hour one. Nonexistent or ambiguous
    local times during a clock change are resolved with fold=0 (see ``_london``).

    Both datetimes carry the same ``tzinfo``; Python subtracts such datetimes as wall
    times, so use :func:`tour_hours` (or convert to UTC) for elapsed time.

    Raises ValueError if the times carry a zone, ``day`` is a datetime, or the tour has no
    positive length once resolved (only possible for a tour starting inside the March gap
    and ending less than an hour later).
    """
    if isinstance(day, datetime):
        raise ValueError(f"tour day must be a date, not a datetime ({day.isoformat()})")
    _check_naive(start, "start")
    _check_naive(end, "end")
    end_day = day + timedelta(days=1) if end <= start else day
    begins, ends = _london(day, start), _london(end_day, end)
    if ends.astimezone(UTC) <= begins.astimezone(UTC):
        raise ValueError(
            f"tour {start:%H:%M}-{end:%H:%M} on {day.isoformat()} has no length across "
            "the clock change"
        )
    return begins, ends


def clock_minutes(start: time, end: time) -> int:
    """A tour's length on the clock, in minutes: an ``end`` at or before ``start`` is the
    next day's (22:00-07:00 is 540, 07:00-07:00 a whole day)."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes % 1440 or 1440


def clock_change(day: date, t: time) -> str | None:
    """What the clocks do to the London wall time ``t`` on ``day``: "skipped" when it does
    not exist (01:00-01:59 on the last Sunday of March: the clocks go forward), "repeated"
    when it happens twice (01:00-01:59 on the last Sunday of October), else None."""
    naive = datetime.combine(day, t.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=LONDON)
    if first.utcoffset() == naive.replace(tzinfo=LONDON, fold=1).utcoffset():
        return None
    shown = first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
    return "skipped" if shown != naive else "repeated"


def clocks_go_forward(first: date, last: date) -> list[date]:
    """The days in ``first..last`` London's clocks go forward an hour (the last Sunday of
    March), as the time zone's rules have them."""
    return [
        day
        for year in range(first.year, last.year + 1)
        for day in (date(year, 3, d) for d in range(25, 32))
        if first <= day <= last and clock_change(day, time(1, 30)) == "skipped"
    ]


def tour_hours(day: date, start: time, end: time) -> float:
    """Elapsed real hours of the tour (10 h for 22:00-07:00 on Sat 24 Oct 2026)."""
    begins, ends = tour_interval(day, start, end)
    return (ends.astimezone(UTC) - begins.astimezone(UTC)).total_seconds() / 3600
