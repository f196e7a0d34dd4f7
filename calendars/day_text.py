"""A day as people type it: the one reader of dates given as text.

``YYYY-MM-DD``, or day first as a UK-locale spreadsheet saves one: ``DD/MM/YYYY``,
``DD.MM.YYYY`` or ``DD-MM-YYYY`` (one or two digits for day and month, the same separator
twice), or with the month named (``03-Aug-26``, ``3 August 2026``), as people write one
(``Tue 12th Jan 2027``, ``January 12, 2027``: a weekday named must be the date's). Every
command line option, entry log, roster CSV and scenario spreadsheet reads its dates here,
so a form accepted in one is accepted in all. A form a person types one date into reads
``12/01/27`` too (``typed_day_as_text``): day first, as a UK planner writes it; a file's
column does not, as a US-locale spreadsheet saves month first so (``04/01/27``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

NOT_A_DATE = "not a date YYYY-MM-DD or DD/MM/YYYY"
# '01/07/25', as a spreadsheet's short date format saves one (LibreOffice's in English
# (UK)): refused in a file, where a US-locale save writes '07/01/25' the same way
TWO_DIGIT_YEAR = (
    "a two-digit year: write the year in full, day first (DD/MM/YYYY) or YYYY-MM-DD (in a "
    "spreadsheet, format the column dd/mm/yyyy and save it again)"
)
# a date cell saved with its time, which a date alone has at midnight ('01/06/2026 00:00'
# as Excel saves a cell formatted as a date and time, '01/06/2026 0:00' as its d/m/yyyy h:mm
# does, '2026-06-01 00:00:00' as pandas does, '01/06/2026 12:00:00 AM' in a 12-hour locale)
_MIDNIGHT = re.compile(r"(?<=[0-9])[ T](?:0?0:00(?::00)?|12:00(?::00)? ?(?:AM|am|a\.m\.))$")
ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# at the start of the text, so that a date-time ('05.12.2026 07:00') is read the same way
DAY_FIRST = re.compile(r"^([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})(?=$|[ T])")
# the month named, as a cell formatted d-mmm-yy or d mmmm yyyy saves it: '03-Aug-26',
# '3 August 2026' (a two-digit year this century's, as FY26/27 is read)
NAMED_MONTH_DAY = re.compile(
    r"^([0-9]{1,2})([ -])([A-Za-z]{3,9})\.?\2([0-9]{4}|[0-9]{2})(?=$|[ T])"
)
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if n}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if n}
_MONTHS["sept"] = 9
# a date cell saved from a column formatted General or Number: the day number Excel and
# LibreOffice count from 30 December 1899 (45982 is 21/11/2025), five digits for the
# years 1927-2173
_SERIAL = re.compile(r"^([0-9]{5})(?:\.0+)?$")
_SERIAL_EPOCH = date(1899, 12, 30)
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_WEEKDAYS |= {name.lower(): n for n, name in enumerate(calendar.day_abbr)}
_WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
# a date as people write one: 'Tue 12th Jan 2027', '12 January, 2027', 'January 12th, 2027'
# (a weekday before it, an ordinal after the day, a comma after the month)
_WRITTEN = re.compile(
    r"^(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?"
    r"(?:(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[A-Za-z]{3,9})\.?,?"
    r"\s+(?P<year>[0-9]{4}|[0-9]{2})"
    r"|(?P<month_first>[A-Za-z]{3,9})\.?\s+(?P<day_after>[0-9]{1,2})(?:st|nd|rd|th)?,?"
    r"\s+(?P<full_year>[0-9]{4}))(?=$|[ T])",
    re.IGNORECASE,
)
# a day and month with no year ('12 Jan', '12th of January', '12/01'): which year is a guess
_NO_YEAR = re.compile(
    r"^(?:[A-Za-z]{3,9}\.?,?\s+)?(?:[0-9]{1,2}(?:st|nd|rd|th)?\s*(?:of\s+)?[A-Za-z]{3,9}\.?"
    r"|[A-Za-z]{3,9}\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?|[0-9]{1,2}[/.-][0-9]{1,2})$",
    re.IGNORECASE,
)
# day first with a two-digit year, as a UK planner types one into a form: '12/01/27'
_SHORT_YEAR = re.compile(r"^([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{2})$")
# a file's cell so, alone or with a time after it ('31/08/28 14:00')
_SHORT_YEAR_CELL = re.compile(r"^[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{2}(?=$|[ T])")


def day_first_as_iso(text: str) -> str:
    """``text`` with a day-first date at its start written ``YYYY-MM-DD`` (``05.12.2026
    07:00`` -> ``2026-12-05 07:00``, ``03-Aug-26`` -> ``2026-08-03``); any other text as
    it is."""
    named = NAMED_MONTH_DAY.match(text)
    if named is not None and named[3].lower() in _MONTHS:
        day, _, name, year = named.groups()
        month = _MONTHS[name.lower()]
        full = int(year) + 2000 if len(year) == 2 else int(year)
        return f"{full:04d}-{month:02d}-{int(day):02d}{text[named.end() :]}"
    written = _written(text)
    if written is not None:
        found, (year, month, day), weekday = written
        if _weekday(year, month, day) not in (None, weekday) and weekday is not None:
            return text  # 'Mon 12 Jan 2027': 12 January 2027 is a Tuesday
        return f"{year:04d}-{month:02d}-{day:02d}{text[found.end() :]}"
    return DAY_FIRST.sub(_iso, text, count=1)


def _written(text: str) -> tuple[re.Match[str], tuple[int, int, int], int | None] | None:
    """A date as people write one (``_WRITTEN``) at the start of ``text``: the match, its
    year, month and day (not always a real day: 31 February), and the weekday named
    before it (None when none is); None when there is none."""
    found = _WRITTEN.match(text)
    if found is None:
        return None
    name = (found["month"] or found["month_first"]).lower()
    said = found["weekday"]
    if name not in _MONTHS or (said is not None and said.lower() not in _WEEKDAYS):
        return None
    year = found["year"] or found["full_year"]
    full = int(year) + 2000 if len(year) == 2 else int(year)
    day = int(found["day"] or found["day_after"])
    return found, (full, _MONTHS[name], day), None if said is None else _WEEKDAYS[said.lower()]


def _weekday(year: int, month: int, day: int) -> int | None:
    """The weekday of a day (Monday 0), or None when there is no such day."""
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def typed_day_as_text(text: str) -> str:
    """A date typed into a form, as ``read_day`` reads it: a two-digit year of a day-first
    date written in full (``12/01/27`` -> ``12/01/2027``, as a UK planner means it); any
    other text as it is."""
    found = _SHORT_YEAR.match(text.strip())
    if found is None:
        return text
    day, sep, month, year = found.groups()
    return f"{day}{sep}{month}{sep}20{year}"


def read_day(text: str) -> date | None:
    """The day ``text`` names (surrounding spaces ignored, and a midnight time after it),
    or None when it names none."""
    found = ISO_DAY.match(day_as_iso(text))
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:  # 31/02/2026
        return None


def day_as_iso(text: str) -> str:
    """``text`` as ``read_day`` reads it: surrounding spaces and a midnight time after the
    day dropped, a day-first date written ``YYYY-MM-DD`` (a day, where it names one; other
    text, otherwise as it is): for a reader of many cells at once (a roster's column)."""
    return _MIDNIGHT.sub("", day_first_as_iso(text.strip()), count=1)


def day_problem(text: str, usage: str = NOT_A_DATE) -> str:
    """Why ``text`` names no day, for a user's one line: a date that does not exist says so
    (``29/02/2026``: 2026 is no leap year), anything else is ``usage``."""
    written = _written(text.strip())
    if written is not None and written[2] is not None:
        (year, month, day), said = written[1], written[2]
        weekday = _weekday(year, month, day)
        if weekday is not None and weekday != said:
            return (
                f"not that day: {day} {calendar.month_name[month]} {year} is a "
                f"{calendar.day_name[weekday]}, not a {calendar.day_name[said]}"
            )
    if _NO_YEAR.match(text.strip()):
        return "no year: give the day with its year (12 Jan 2027, 12/01/2027)"
    if _SHORT_YEAR_CELL.match(text.strip()):
        return TWO_DIGIT_YEAR
    found = ISO_DAY.match(day_as_iso(text))
    if found is None:
        serial = _SERIAL.match(text.strip())
        if serial is None:
            return usage
        shown = _SERIAL_EPOCH + timedelta(days=int(serial[1]))
        return (
            f"a spreadsheet's day number, not a date ({serial[1]} is {shown:%d/%m/%Y}): format "
            "the column as a date (DD/MM/YYYY) and save it again"
        )
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


def month_first(texts: Iterable[str], run: bool = True) -> str | None:
    """The first of ``texts`` (a file's column of dates) showing the column written month
    first, as a US-locale spreadsheet saves dates (``4/25/2027``), or None. Read day first,
    such a column is misread wherever its day is 12 or less (4/5/2027, 5 April, read as 4
    May), so a reader refuses it whole (a two-digit year, ``04/25/27``, is no date at
    all). Shown by a second number over 12 when no first one is; or, every date reading
    either way, by the reading a run of days fits in fewer months (a record of 1-12 April
    written 4/1/2027 .. 4/12/2027 is twelve months read day first): only where ``run``,
    the texts being a run of days (a duty record's, a roster's); an entry log's scattered
    days (leave on 1 April, 1 May, 1 June: 01/04, 01/05, 01/06) fit one month read month
    first as well, and are no sign."""
    found = [(m, text) for text in texts if (m := DAY_FIRST.match(text.strip())) is not None]
    if not found or any(int(m[1]) > 12 for m, _ in found):
        return None
    for m, text in found:
        if int(m[3]) > 12:
            return text
    day_first = {(m[4], int(m[3])) for m, _ in found}
    months_first = {(m[4], int(m[1])) for m, _ in found}
    if run and len(months_first) < len(day_first):
        return next(text for m, text in found if m[1] != m[3])
    return None


MONTH_FIRST_ADVICE = (
    "write them day first (DD/MM/YYYY) or YYYY-MM-DD (save with an English (UK) locale, or "
    "format the column yyyy-mm-dd)"
)


def month_first_problem(texts: Iterable[str], run: bool = True) -> tuple[str, str] | None:
    """``(text, why)`` when ``texts`` (a file's dates, as ``month_first`` reads them) are
    written month first, or with a two-digit year (a spreadsheet's short date format, in
    any locale: ``01/07/25`` is 1 July in English (UK), 7 January in English (USA)): the
    first text showing it and the words refusing the file, the same in every reader of a
    user's file (duty record, entry log, roster CSV); else None."""
    texts = list(texts)
    short = next((t for t in texts if _SHORT_YEAR_CELL.match(t.strip())), None)
    if short is not None:
        return short, TWO_DIGIT_YEAR
    shown = month_first(texts, run)
    if shown is None:
        return None
    found = DAY_FIRST.match(shown.strip())
    assert found is not None  # month_first returns a text DAY_FIRST reads
    first, second, year = int(found[1]), int(found[3]), int(found[4])
    try:  # 4/1/2027, with the others: 4 January read day first, 1 April meant
        read, meant = date(year, second, first), date(year, first, second)
        why = f"read day first, {read:%-d %B %Y} and not {meant:%-d %B %Y}"
    except ValueError:  # 4/25/2027
        why = f"there is no month {second}"
    return shown, (
        f"the dates are written month first, as a US-locale spreadsheet saves them ({why}): "
        + MONTH_FIRST_ADVICE
    )
