"""London clock arithmetic for the checker, written here (not shared with the solver) so
that a clock-change mistake in the engine cannot hide in both places at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

LONDON = ZoneInfo("Europe/London")
HOUR_NS = 3_600_000_000_000  # nanoseconds in an hour of real time


def local_wall(utc: pd.Series) -> pd.Series:
    """Aware instants -> naive Europe/London wall-clock readings (NaT stays NaT)."""
    return utc.dt.tz_convert(LONDON).dt.tz_localize(None)


def midnight_ns(d: date) -> int:
    """The instant London's clocks read 00:00 on ``d`` (never ambiguous: UK clocks change
    at 01:00 UTC), as nanoseconds since the epoch."""
    return int(datetime.combine(d, time(0), tzinfo=LONDON).timestamp()) * 1_000_000_000


def midnights_ns(days: list[date]) -> np.ndarray:
    return np.array([midnight_ns(d) for d in days], dtype=np.int64)


def iso_minutes(instant: pd.Timestamp | int) -> str:
    """'2026-10-24T22:00+01:00': London local time with its UTC offset, to the minute."""
    ts = pd.Timestamp(instant, tz="UTC") if isinstance(instant, int | np.integer) else instant
    return ts.tz_convert(LONDON).to_pydatetime().isoformat(timespec="minutes")


def clock(t: time | pd.Timestamp) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def wall_reading(d: date, t: time) -> str:
    """What London's clocks read at the instant of ``t`` on ``d``: ``t`` itself, but for a
    time in the hour they skip (the last Sunday of March), which comes an hour on."""
    instant = datetime.combine(d, t, tzinfo=LONDON).astimezone(UTC)
    return clock(instant.astimezone(LONDON).time())


def hours(ns: float) -> float:
    return ns / HOUR_NS
