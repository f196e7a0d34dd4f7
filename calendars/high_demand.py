"""High Demand Days (HDD): the days the MPS may put purchased officers on aid.

Like python-holidays, a calendar fills each year from rules (DESIGN §3), then applies
one-off overrides: ``remove`` drops dates, ``add`` adds events (Trooping the Colour, the
Marathon ...) or replaces a rule date's event. There is at most one HDD per date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from calendars._dates import as_date, check_period
from calendars.clock import clock_change, tour_hours, tour_interval

__all__ = [
    "DEFAULT_AID_TOUR",
    "HighDemandCalendar",
    "HighDemandDay",
    "aid_tour_problem",
    "high_demand_days",
]

Source = Literal["rule", "added", "imported"]
SOURCES: frozenset[str] = frozenset({"rule", "added", "imported"})

# Aid tour for an announced event given without times.
DEFAULT_AID_TOUR: tuple[dt.time, dt.time] = (dt.time(8, 0), dt.time(18, 0))


def aid_tour_problem(day: dt.date, start: dt.time, end: dt.time) -> str | None:
    """Why an HDD's aid tour on ``day`` from ``start`` to ``end`` (London wall times, an
    end at or before the start the next day's) is no tour, or None: the same times, or a
    time the clocks skip that day. One rule for a scenario's ``[high_demand]`` and an
    imported calendar, whose snippet is pasted into one."""
    if start == end:
        return (
            f"aid tour start equals end ({start:%H:%M}): an aid tour lasts more than 0 h and "
            "less than 24 h; give the time it ends (an end before the start is the next day's)"
        )
    # a time the clocks skip that day: every roster read it an hour on, and its own check
    # refused the aid tour as not the HDD's
    end_day = day + dt.timedelta(days=1) if end <= start else day
    for field, on, moment in (("start", day, start), ("end", end_day, end)):
        if clock_change(on, moment) == "skipped":
            return (
                f"aid tour {field} {moment:%H:%M} does not exist on {on} in London (the "
                "clocks go forward an hour over it): give a time outside the hour skipped"
            )
    return None


@dataclass(frozen=True)
class HighDemandDay:
    """One HDD: its date, the event, the aid tour (London wall times) and the demand.

    ``officers``: how many purchased officers the MPS wants (None = all available);
    ``share``: the fraction of available officers wanted (None = not given). How the two
    combine is the roster's business; here they are only range-checked.
    """

    date: dt.date
    name: str
    start: dt.time
    end: dt.time
    source: Source
    officers: int | None = None
    share: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise TypeError(f"HDD date must be a datetime.date, not {self.date!r}")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"HDD on {self.date.isoformat()} needs a name")
        for what, t in (("start", self.start), ("end", self.end)):
            if not isinstance(t, dt.time) or t.tzinfo is not None:
                raise TypeError(f"HDD {what} must be a local datetime.time, not {t!r}")
        if self.source not in SOURCES:
            raise ValueError(f"HDD source must be one of {sorted(SOURCES)}, not {self.source!r}")
        if self.officers is not None and not _is_count(self.officers):
            raise ValueError(f"HDD officers must be a whole number >= 0, not {self.officers!r}")
        if self.share is not None and not 0 <= self.share <= 1:
            raise ValueError(f"HDD share must be between 0 and 1, not {self.share!r}")

    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        """The aid tour as aware Europe/London datetimes (may end the next day)."""
        return tour_interval(self.date, self.start, self.end)

    @property
    def hours(self) -> float:
        """Elapsed real hours of the aid tour (DST-aware)."""
        return tour_hours(self.date, self.start, self.end)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: Source = "added") -> HighDemandDay:
        """Build from a scenario-style mapping.

        Keys: ``date`` (date or ISO text), ``name``, optional ``start``/``end`` (time or
        "HH:MM"; both or neither, default 08:00-18:00), ``officers``, ``share``, ``source``.
        """
        unknown = set(data) - {"date", "name", "start", "end", "officers", "share", "source"}
        if unknown:
            raise ValueError(f"unknown HDD field(s): {', '.join(sorted(unknown))}")
        if "date" not in data or "name" not in data:
            raise ValueError(f"an HDD needs a date and a name, got {dict(data)!r}")
        day = _parse_date(data["date"])
        if ("start" in data) != ("end" in data):
            raise ValueError(f"HDD on {day.isoformat()}: give both start and end, or neither")
        start, end = DEFAULT_AID_TOUR
        if "start" in data:
            start, end = _parse_time(data["start"]), _parse_time(data["end"])
        return cls(
            date=day,
            name=data["name"],
            start=start,
            end=end,
            source=data.get("source", source),
            officers=data.get("officers"),
            share=data.get("share"),
        )


def _is_count(value: object) -> bool:
    """A whole number >= 0 (bool is an int subclass, but True officers is a mistake)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_date(value: object) -> dt.date:
    """A date, datetime or ISO text (as TOML or a spreadsheet may give it) as a date."""
    if isinstance(value, dt.date):
        return as_date(value)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"HDD date must be a date like 2026-06-13, not {value!r}")


def _parse_time(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"HDD time must be a clock time like 08:00, not {value!r}")


# --- rule-based dates (DESIGN §3) -------------------------------------------------------


def last_weekday(year: int, month: int, last_day: int, weekday: int) -> dt.date:
    """The last ``weekday`` (Mon=0) on or before ``last_day`` of the month."""
    end = dt.date(year, month, last_day)
    return end - dt.timedelta(days=(end.weekday() - weekday) % 7)


def nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date:
    """The ``n``-th ``weekday`` (Mon=0) of the month, n >= 1."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_MONDAY, _SUNDAY = 0, 6


def _rule(day: dt.date, name: str, start: int, end: int) -> HighDemandDay:
    return HighDemandDay(day, name, dt.time(start), dt.time(end), "rule")


def new_years_eve(year: int) -> list[HighDemandDay]:
    # The operation runs past midnight into New Year's Day.
    return [_rule(dt.date(year, 12, 31), "New Year's Eve", 18, 4)]


def notting_hill_carnival(year: int) -> list[HighDemandDay]:
    # The August bank holiday Monday and the Sunday before.
    monday = last_weekday(year, 8, 31, _MONDAY)
    return [
        _rule(monday - dt.timedelta(days=1), "Notting Hill Carnival (Sunday)", 8, 18),
        _rule(monday, "Notting Hill Carnival (Monday)", 8, 18),
    ]


def remembrance_sunday(year: int) -> list[HighDemandDay]:
    return [_rule(nth_weekday(year, 11, 2, _SUNDAY), "Remembrance Sunday", 7, 17)]


def bonfire_night(year: int) -> list[HighDemandDay]:
    # Million Mask March and Bonfire Night: afternoon into the early hours.
    return [_rule(dt.date(year, 11, 5), "Million Mask March / Bonfire Night", 15, 1)]


RULES: tuple[Callable[[int], list[HighDemandDay]], ...] = (
    notting_hill_carnival,
    bonfire_night,
    remembrance_sunday,
    new_years_eve,
)


# --- the calendar ---------------------------------------------------------------------


def _as_hdd(item: HighDemandDay | Mapping[str, Any]) -> HighDemandDay:
    """An ``add`` item: an HDD as is (keeping its source), or a mapping as "added"."""
    if isinstance(item, HighDemandDay):
        return item
    if isinstance(item, Mapping):
        return HighDemandDay.from_dict(item)
    raise TypeError(f"add items must be HighDemandDay or dicts, not {item!r}")


def _index_adds(adds: Iterable[HighDemandDay]) -> dict[dt.date, HighDemandDay]:
    """Added HDDs by date; two on one date is an input error, not a silent overwrite."""
    by_date: dict[dt.date, HighDemandDay] = {}
    for hdd in adds:
        if hdd.date in by_date:
            raise ValueError(
                f"two HDDs added on {hdd.date.isoformat()}: "
                f"{by_date[hdd.date].name!r} and {hdd.name!r}"
            )
        by_date[hdd.date] = hdd
    return by_date


class HighDemandCalendar:
    """HDDs of whole calendar years: rule dates, less ``remove``, plus ``add``.

    Overrides apply only within ``years`` (others are ignored, so one scenario's lists can
    feed any calendar). An added date that is a rule date replaces the rule's event.
    Raises ValueError when a date is both added and removed, added twice, or removed
    without being an HDD (usually a typo).
    """

    def __init__(
        self,
        years: int | Iterable[int],
        add: Iterable[HighDemandDay | Mapping[str, Any]] = (),
        remove: Iterable[dt.date | str] = (),
    ) -> None:
        self.years: tuple[int, ...] = tuple(
            sorted({years} if isinstance(years, int) else set(years))
        )
        added = {d: h for d, h in _index_adds(map(_as_hdd, add)).items() if d.year in self.years}
        removed = {d for d in map(_parse_date, remove) if d.year in self.years}
        both = sorted(added.keys() & removed)
        if both:
            raise ValueError(f"dates both added and removed: {', '.join(map(str, both))}")
        self._days: dict[dt.date, HighDemandDay] = {}
        for year in self.years:
            self._populate(year)
        self._remove(removed)
        self._days.update(added)

    def _populate(self, year: int) -> None:
        for rule in RULES:
            for hdd in rule(year):
                self._days[hdd.date] = hdd

    def _remove(self, dates: set[dt.date]) -> None:
        missing = sorted(d for d in dates if d not in self._days)
        if missing:
            raise ValueError(f"cannot remove {', '.join(map(str, missing))}: not a High Demand Day")
        for d in dates:
            del self._days[d]

    def days(self) -> list[HighDemandDay]:
        """All HDDs, in date order."""
        return [self._days[d] for d in sorted(self._days)]

    def get(self, d: dt.date, default: HighDemandDay | None = None) -> HighDemandDay | None:
        return self._days.get(as_date(d), default)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, dt.date) and as_date(d) in self._days

    def __iter__(self) -> Iterator[HighDemandDay]:
        return iter(self.days())

    def __len__(self) -> int:
        return len(self._days)

    def __repr__(self) -> str:
        return f"HighDemandCalendar(years={list(self.years)!r}, days={len(self)})"


def high_demand_days(
    start: dt.date,
    end: dt.date,
    add: Iterable[HighDemandDay | Mapping[str, Any]] = (),
    remove: Iterable[dt.date | str] = (),
) -> list[HighDemandDay]:
    """HDDs in the inclusive period [start, end], in date order (see HighDemandCalendar)."""
    start, end = check_period(start, end)
    calendar = HighDemandCalendar(range(start.year, end.year + 1), add=add, remove=remove)
    return [h for h in calendar.days() if start <= h.date <= end]
