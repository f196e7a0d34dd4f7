"""Small date helpers shared by the calendar modules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

# The years the calendars answer for: the commands and scenario files refuse others (a
# horizon in 9999 overflowed date arithmetic; roster times need pandas, which ends in 2262).
FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR = 1901, 2199


def as_date(d: date) -> date:
    """The calendar day of ``d``.

    datetime is a subclass of date but hashes and compares differently, so a datetime
    would silently miss every dict lookup keyed by dates.
    """
    return d.date() if isinstance(d, datetime) else d


def check_period(start: date, end: date) -> tuple[date, date]:
    """Validate an inclusive period and return it as plain dates."""
    start, end = as_date(start), as_date(end)
    if end < start:
        raise ValueError(f"period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    return start, end


def days_in(start: date, end: date) -> int:
    """Number of days in the inclusive period [start, end]."""
    return (end - start).days + 1


def each_day(start: date, end: date) -> Iterator[date]:
    """Every day of the inclusive period, in order."""
    for i in range(days_in(start, end)):
        yield start + timedelta(days=i)
