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


def london_instant(d: date, t: time) -> pd.Timestamp:
    """The instant of London wall time ``t`` on ``d`` as a tour type means it: in the hour
    the clocks repeat (the last Sunday of October) the first reading, on BST; in the hour
    they skip (the last Sunday of March) the instant the clocks then read an hour on."""
    return pd.Timestamp(datetime.combine(d, t.replace(fold=0), tzinfo=LONDON).astimezone(UTC))


def second_reading_words(starts_right: bool, times: tuple[str, str]) -> str:
    """How a tour at its clock times but an hour off is: one of its ends is the second
    reading of the hour the clocks repeat."""
    which, at = ("ends", times[1]) if starts_right else ("starts", times[0])
    return f"{which} at the second {at} of the night the clocks go back (GMT), not the first (BST)"


def second_reading(utc: pd.Series) -> pd.Series:
    """Which instants London's clocks read a second time (01:00-01:59 GMT on the last
    Sunday of October): an hour before, they read the same."""
    return local_wall(utc - pd.Timedelta(hours=1)) == local_wall(utc)


def hours(ns: float) -> float:
    return ns / HOUR_NS
