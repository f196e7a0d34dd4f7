"""A clock time as people type it: the one reader of times of day given as text.

One vocabulary for the entry log (command line, CSV import, web form) and the duty record:
``HH:MM`` or ``H:MM`` (``07:00``, ``7:00``), with seconds as a spreadsheet saves a time
(``07:00:00``); the 24-hour ``HHMM`` planners write (``0700``; ``700`` once a spreadsheet
has read it as a number); and the 12-hour clock as a cell formatted ``h:mm AM/PM`` saves it
(``9:00 AM``, ``08:00:00 pm``, ``8:00p.m.``), 12 AM being midnight and 12 PM noon.
"""

from __future__ import annotations

import re
from datetime import time

CLOCK_FORMS = "HH:MM or HHMM (00:00-23:59), or h:mm AM/PM"

_24_HOUR = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")
_HHMM = re.compile(r"([01]?[0-9]|2[0-3])([0-5][0-9])")
# after a date too ('01/06/2026 8:00 PM'), so that a date-time's clock is read the same way
TWELVE_HOUR = re.compile(
    r"(?:(?<=^)|(?<=[ T]))([0-9]{1,2}):([0-5][0-9])(?::([0-5][0-9]))?\s*([ap])\.?\s*m\.?$",
    re.IGNORECASE,
)


def read_clock(text: str) -> time | None:
    """The time of day ``text`` names (surrounding spaces ignored), or None."""
    typed = text.strip()
    found = _24_HOUR.fullmatch(typed) or _HHMM.fullmatch(typed)
    if found is not None:
        hour, minute, *second = (int(part or 0) for part in found.groups())
        return time(hour, minute, second[0] if second else 0)
    twelve = TWELVE_HOUR.fullmatch(typed)
    if twelve is None or not 1 <= int(twelve[1]) <= 12:
        return None
    hour = int(twelve[1]) % 12 + (12 if twelve[4].lower() == "p" else 0)
    return time(hour, int(twelve[2]), int(twelve[3] or 0))


_FRACTION = re.compile(r"0?\.[0-9]+")


def fraction_problem(text: str) -> str | None:
    """Why ``text`` is no clock time when it is a spreadsheet's time of day as a fraction of
    a day (``0.2917``: a time column formatted General or Number, as a CSV saves it), naming
    the time it stands for; else None."""
    typed = text.strip()
    if not _FRACTION.fullmatch(typed):
        return None
    minutes = round(float(typed) * 24 * 60)
    if minutes >= 24 * 60:
        return None
    return (
        f"a spreadsheet's time of day as a fraction of a day ({typed} is "
        f"{minutes // 60:02d}:{minutes % 60:02d}): format the column as a time (hh:mm) and "
        "save it again"
    )


def twelve_as_24_hour(text: str) -> str:
    """``text`` with a 12-hour time at its end written on the 24-hour clock
    (``01/06/2026 8:00 PM`` -> ``01/06/2026 20:00``); an hour outside 1-12, or any other
    text, as it is (to be refused as typed)."""
    return TWELVE_HOUR.sub(_from_twelve, text, count=1)


def _from_twelve(found: re.Match[str]) -> str:
    hour, minute, second, half = found.groups()
    if not 1 <= int(hour) <= 12:
        return found[0]
    seconds = f":{second}" if second else ""
    return f"{int(hour) % 12 + (12 if half.lower() == 'p' else 0):02d}:{minute}{seconds}"
