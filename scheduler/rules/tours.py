"""Tour types and their real lengths: clock times in Europe/London, DST-aware."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache

from calendars import clock_minutes, tour_interval
from scheduler.core.data import ShiftType
from scheduler.scenario.model import Scenario

NIGHT_START, NIGHT_END = 23 * 60, 6 * 60  # WTR 'night time' 23:00-06:00
NIGHT_MINUTES = 180  # a night tour has >= 3 h of night time (WTR reg 2)


@dataclass(frozen=True)
class Tour:
    """A tour type the roster can use: a council tour or a High Demand Day aid tour."""

    code: str
    start: time
    end: time
    aid_day: date | None = None  # set for an HDD aid tour, which exists on that day only
    event: str = ""

    @property
    def nominal_minutes(self) -> int:
        return clock_minutes(self.start, self.end)

    def interval(self, day: date) -> tuple[datetime, datetime]:
        """Local (Europe/London) start and end, for display."""
        return tour_interval(day, self.start, self.end)

    def utc_interval(self, day: date) -> tuple[datetime, datetime]:
        """The same instants in UTC: subtract these, never the local ones (Python subtracts
        datetimes sharing a tzinfo as wall-clock times, ignoring the clock change)."""
        return _utc_interval(self.start, self.end, day)

    def elapsed_minutes(self, day: date) -> int:
        a, b = self.utc_interval(day)
        return round((b - a).total_seconds() / 60)

    @property
    def is_night(self) -> bool:
        s = self.start.hour * 60 + self.start.minute
        minutes = self.nominal_minutes
        night = sum(1 for m in range(s, s + minutes) if _is_night_minute(m % 1440))
        return night >= NIGHT_MINUTES

    @property
    def is_late(self) -> bool:
        return not self.is_night and self.start.hour >= 12

    def shift_type(self) -> ShiftType:
        return ShiftType(
            id=self.code,
            minutes=self.nominal_minutes,
            start_minute=self.start.hour * 60 + self.start.minute,
        )


@lru_cache(maxsize=1 << 16)
def _utc_interval(start: time, end: time, day: date) -> tuple[datetime, datetime]:
    # every contract's rest rules ask for the same tours on the same days: once a process
    a, b = tour_interval(day, start, end)
    return a.astimezone(UTC), b.astimezone(UTC)


def _is_night_minute(m: int) -> bool:
    return m >= NIGHT_START or m < NIGHT_END


def council_tours(scenario: Scenario) -> list[Tour]:
    return [Tour(code=s.code, start=s.start, end=s.end) for s in scenario.shifts]


def aid_tour_code(day: date) -> str:
    return f"AID-{day.isoformat()}"
