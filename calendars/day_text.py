"""A day as people type it: the one reader of dates given as text.

``YYYY-MM-DD``, or day first as a UK-locale spreadsheet saves one: ``DD/MM/YYYY``,
``DD.MM.YYYY`` or ``DD-MM-YYYY`` (one or two digits for day and month, the same separator
twice). Every command line option, entry log, roster CSV and scenario spreadsheet reads its
dates here, so a form accepted in one is accepted in all.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

NOT_A_DATE = "not a date YYYY-MM-DD or DD/MM/YYYY"
# a date cell saved with its time, which a date alone has at midnight ('01/06/2026 00:00'
# as Excel saves a cell formatted as a date and time, '2026-06-01 00:00:00' as pandas does)
# the digits 0-9 only (re.ASCII): int() reads Arabic-Indic "٢٠٢٦" as 2026, so a date typed
# in other digits was logged as a date while a time in them was refused
_MIDNIGHT = re.compile(r"(?<=\d)[ T]00:00(?::00)?$", re.ASCII)
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
# at the start of the text, so that a date-time ('05.12.2026 07:00') is read the same way
DAY_FIRST = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?=$|[ T])", re.ASCII)


def day_first_as_iso(text: str) -> str:
    """``text`` with a day-first date at its start written ``YYYY-MM-DD`` (``05.12.2026
    07:00`` -> ``2026-12-05 07:00``); any other text as it is."""
    return DAY_FIRST.sub(_iso, text, count=1)


def read_day(text: str) -> date | None:
    """The day ``text`` names (surrounding spaces ignored, and a midnight time after it),
    or None when it names none."""
    found = ISO_DAY.match(_day_part(text))
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:  # 31/02/2026
        return None


def _day_part(text: str) -> str:
    return _MIDNIGHT.sub("", day_first_as_iso(text.strip()), count=1)


def day_problem(text: str, usage: str = NOT_A_DATE) -> str:
    """Why ``text`` names no day, for a user's one line: a date that does not exist says so
    (``29/02/2026``: 2026 is no leap year), anything else is ``usage``."""
    found = ISO_DAY.match(_day_part(text))
    if found is None:
        return usage
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        day_first = "" if text.strip()[:4].isdigit() else " (dates are day first)"
        return f"not a real date: there is no month {month}{day_first}"
    last = calendar.monthrange(year, month)[1]
    if 1 <= day <= last:
        return usage  # a real day: the text's form was the problem
    name = calendar.month_name[month]
    if month == 2 and day == 29:
        return f"not a real date: {year} is not a leap year, so February has 28 days"
    if day == 0:
        return f"not a real date: there is no day 0 of {name}"
    return f"not a real date: {name} {year} has {last} days"


def _iso(found: re.Match[str]) -> str:
    day, _, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"
