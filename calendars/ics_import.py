"""Read announced High Demand Days from an iCalendar (.ics) file.

Each VEVENT becomes one HDD per day it covers, with source "imported":
- all-day events (DTSTART as a date) get the default aid tour 08:00-18:00, one HDD for
  each day up to the exclusive DTEND, so a two-day event gives two HDDs;
- timed events keep their start and end as Europe/London wall times (UTC or other zones
  are converted; floating times are taken as London) and may run past midnight, but not
  beyond 24 hours, since an aid tour is one tour.
Cancelled events are skipped. Recurring events (RRULE/RDATE) are refused rather than
half-read. Any problem raises ValueError naming the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from os import PathLike, fspath
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # icalendar loads when a file is read (0.07 s of every s92 start)
    from icalendar import Calendar, Event

from calendars._dates import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, each_day
from calendars.clock import LONDON
from calendars.day_text import NOT_A_DATE, day_problem
from calendars.high_demand import DEFAULT_AID_TOUR, HighDemandDay, aid_tour_problem

MAX_ICS_BYTES = 64 * 1024 * 1024  # a year of announced events is a few kB

__all__ = ["read_hdd_ics"]

_MAX_TOUR = dt.timedelta(hours=24)


def read_hdd_ics(path: str | PathLike[str]) -> list[HighDemandDay]:
    """HDDs from the VEVENTs of ``path``, in date order; one HDD per date at most."""
    where = fspath(path)
    calendar = _load(Path(where))
    hdds: dict[dt.date, HighDemandDay] = {}
    for event in calendar.events:
        try:
            for hdd in _event_hdds(event):
                if hdd.date in hdds:
                    raise ValueError(
                        f"two events on {hdd.date.isoformat()}: "
                        f"{hdds[hdd.date].name!r} and {hdd.name!r}"
                    )
                hdds[hdd.date] = hdd
        except (ValueError, TypeError, OverflowError) as err:
            raise ValueError(f"{where}: {_describe(event)}: {_unreal(event) or err}") from err
    return [hdds[d] for d in sorted(hdds)]


def _load(path: Path) -> Calendar:
    """Parse the file; every failure becomes a ValueError that names it."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # /dev/zero would be read for ever, a pipe nobody writes never answer
        raise ValueError(f"{path}: is a device, pipe or socket, not an iCalendar file")
    if path.is_file() and path.stat().st_size > MAX_ICS_BYTES:
        raise ValueError(
            f"{path}: is larger than a calendar of High Demand Days can be "
            f"({MAX_ICS_BYTES // 2**20} MB)"
        )
    from icalendar import Calendar

    try:
        parsed: Any = Calendar.from_ical(_text(path.read_bytes()))
    except FileNotFoundError as err:  # as every reader of a user's file words these two
        raise ValueError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise ValueError(f"{path}: is a directory, not an iCalendar file") from err
    except OSError as err:
        raise ValueError(f"{path}: cannot read the file ({err.strerror or err})") from err
    except (ValueError, TypeError, IndexError, KeyError) as err:
        raise ValueError(f"{path}: not a readable iCalendar file ({err})") from err
    # from_ical returns whatever top-level component it found, e.g. a bare VEVENT.
    if not isinstance(parsed, Calendar) or parsed.name != "VCALENDAR":
        raise ValueError(f"{path}: not an iCalendar file (no VCALENDAR at the top level)")
    return parsed


def _text(data: bytes) -> str:
    """The file's text: UTF-8 as iCalendar has it (a byte order mark dropped), UTF-16 with
    its mark, or else Windows-1252, as an older Outlook saves: never an event name with
    replacement characters pasted into a scenario."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _unreal(event: Event) -> str | None:
    """Why a DTSTART or DTEND names no day, when it has a date's digits for one that does
    not exist (20260229): iCalendar's own words say only 'wrong date format'."""
    for key in ("DTSTART", "DTEND"):
        raw = event.get(key)
        text = raw.to_ical().decode("ascii", "replace") if hasattr(raw, "to_ical") else ""
        found = re.match(r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:T[0-9]{6}Z?)?$", text)
        if found:
            why = day_problem("-".join(found.groups()))
            if why != NOT_A_DATE:
                return f"{key}: {why} (got {text!r})"
    return None


def _describe(event: Event) -> str:
    summary = str(event.get("SUMMARY", "")).strip()
    return f"event {summary!r}" if summary else "an event without SUMMARY"


def _event_hdds(event: Event) -> list[HighDemandDay]:
    """The HDD(s) one VEVENT stands for; [] for a cancelled event."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return []
    if "RRULE" in event or "RDATE" in event:
        raise ValueError("recurring events are not supported; list each date as its own event")
    if "DTSTART" not in event:
        raise ValueError("no DTSTART")
    name = str(event.get("SUMMARY", "")).strip()
    if not name:
        raise ValueError("no SUMMARY to name the High Demand Day")
    start = event.start
    _in_range(start)  # before any arithmetic: a day after 9999-12-31 overflows
    if isinstance(start, dt.datetime):
        return [_timed(event, name, start)]
    return _all_day(event, name, start)


def _in_range(moment: dt.date) -> None:
    if not FIRST_CALENDAR_YEAR <= moment.year <= LAST_CALENDAR_YEAR:
        years = f"{FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR}"
        raise ValueError(f"dated {moment.isoformat()}, outside the years s92 covers ({years})")


def _all_day(event: Event, name: str, first: dt.date) -> list[HighDemandDay]:
    """One HDD per day; icalendar gives DTEND exclusive (DTSTART + 1 day if absent)."""
    end = event.end
    if isinstance(end, dt.datetime):
        raise ValueError("all-day DTSTART with a timed DTEND")
    last = max(first, end - dt.timedelta(days=1))
    start_time, end_time = DEFAULT_AID_TOUR
    return [HighDemandDay(d, name, start_time, end_time, "imported") for d in each_day(first, last)]


def _timed(event: Event, name: str, start: dt.datetime) -> HighDemandDay:
    """A timed event as one aid tour in London wall-clock times."""
    if "DTEND" not in event and "DURATION" not in event:
        raise ValueError("a timed event needs DTEND or DURATION (or make it all-day)")
    begins, ends = _london(start), _london(event.end)
    length = ends.astimezone(dt.UTC) - begins.astimezone(dt.UTC)
    if not dt.timedelta(0) < length <= _MAX_TOUR:
        raise ValueError(f"aid tour {begins.isoformat()} to {ends.isoformat()} must last 0-24 h")
    day = begins.date()
    start_time = begins.time().replace(second=0, microsecond=0, fold=0)
    end_time = ends.time().replace(second=0, microsecond=0, fold=0)
    # as the scenario reads the snippet printed: a tour of 24 h on the clock, or a floating
    # time in the hour the clocks skip, would be refused only once pasted
    problem = aid_tour_problem(day, start_time, end_time)
    if problem is not None:
        raise ValueError(problem)
    return HighDemandDay(day, name, start_time, end_time, "imported")


def _london(moment: dt.date) -> dt.datetime:
    """A DTSTART/DTEND as a London wall-clock datetime (floating times are London)."""
    if not isinstance(moment, dt.datetime):
        raise ValueError("timed DTSTART with an all-day DTEND")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON)
