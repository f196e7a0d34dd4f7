"""Roster table in: read a CSV a planner may have edited in Excel, and parse any roster
table (CSV text or the engine's frame) into typed columns, naming every bad cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from scheduler.check.clock import local_wall
from scheduler.errors import InputError, Problem
from scheduler.files import restore_frame
from scheduler.table import COLUMNS, DUTY_STATES, EXTRA_COLUMNS, STATES

TEXT_COLUMNS: tuple[str, ...] = ("officer_id", "contract_id", "rank", "state", "shift", "event")
FREE_TEXT_COLUMNS = ("event", "kind")  # may start "'=": s92's CSV writer marks formula text
MAX_PROBLEMS_PER_COLUMN = 20  # a whole column in the wrong format is one mistake, not 100k
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"  # ISO 8601 needs a UTC offset: wall time alone is ambiguous
_ISO = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?" + _OFFSET

FIRST_YEAR, LAST_YEAR = 1678, 2261  # whole years pandas holds at nanosecond resolution
OUT_OF_RANGE = f"year out of range ({FIRST_YEAR}-{LAST_YEAR})"

RowName = Callable[[int], str]


@dataclass(frozen=True)
class RosterFile:
    """A roster CSV read once: ``table`` as ``read_roster_csv`` returns it, ``parsed`` as
    ``parse_roster`` returns it (the parse that validated the file, kept for the checker)."""

    table: pd.DataFrame
    parsed: pd.DataFrame


def read_roster_csv(path: str | Path) -> pd.DataFrame:
    """Read ``roster.csv`` as text columns (``hours`` as float, missing extension columns
    empty). Raises ``InputError`` naming file, row (as Excel numbers it: header = row 1),
    column and value for missing columns, bad dates, unknown states, bad start/end."""
    return load_roster_csv(path).table


def load_roster_csv(path: str | Path) -> RosterFile:
    """``read_roster_csv``, with the typed table its validation parsed (a London year is
    120,000 rows: parsing it again would cost a quarter of a second)."""
    name = str(path)
    frame = _read_text(Path(path), name)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError([Problem(name, c, "missing column", None) for c in missing])
    for column in EXTRA_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    parsed = parse_roster(frame, name, lambda i: f"row {i + 2}")  # raises on bad cells
    frame["state"] = frame["state"].str.upper()
    frame["hours"] = pd.to_numeric(frame["hours"].replace("", None), errors="coerce")
    return RosterFile(frame, parsed)


def _read_text(path: Path, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", "is a directory, not a roster CSV") from None
    except UnicodeDecodeError:
        raise InputError.one(
            name, "", "not a UTF-8 text file (save from Excel as CSV UTF-8)"
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError.one(name, "", "file is empty") from None
    except pd.errors.ParserError as exc:
        raise InputError.one(name, "", f"not a readable CSV: {exc}".strip()) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return restore_frame(frame.apply(lambda col: col.str.strip()), FREE_TEXT_COLUMNS)


def parse_roster(
    roster: pd.DataFrame, source: str = "<roster>", row_name: RowName | None = None
) -> pd.DataFrame:
    """Typed copy of a roster table: text columns, ``day`` (midnight), ``start``/``end``
    (UTC, ns), ``hours`` (NaN when empty), ``duty``, ``local_start``/``local_end`` (London
    wall clock). Raises ``InputError`` listing bad cells, at most 20 per column."""
    row_name = row_name or (lambda i: f"row {roster.index[i]}")
    missing = [c for c in COLUMNS if c not in roster.columns]
    if missing:
        raise InputError([Problem(source, c, "missing column", None) for c in missing])
    out = pd.DataFrame(index=pd.RangeIndex(len(roster)))
    problems: list[Problem] = []
    for column in (*TEXT_COLUMNS, "kind", "abstraction_id"):
        out[column] = _text(roster[column]) if column in roster.columns else ""
    out["state"] = out["state"].str.upper()
    out["day"] = _days(roster["date"], source, row_name, problems)
    _states(out["state"], source, row_name, problems)
    out["start"] = _instants(roster["start"], "start", source, row_name, problems)
    out["end"] = _instants(roster["end"], "end", source, row_name, problems)
    out["hours"] = _numbers(roster["hours"], source, row_name, problems)
    if problems:
        raise InputError(problems)
    out["duty"] = out["state"].isin(DUTY_STATES)
    out["local_start"] = local_wall(out["start"])
    out["local_end"] = local_wall(out["end"])
    return out


def _text(column: pd.Series) -> pd.Series:
    """Stripped text, '' for missing; a plain loop beats pandas' string methods here."""
    text = [v.strip() if isinstance(v, str) else _cell(v) for v in column.to_numpy(dtype=object)]
    return pd.Series(text, dtype=object)


def _cell(value: Any) -> str:  # a cell of an object column: text, a number, NaN, NA, NaT
    return "" if value is None or pd.isna(value) else str(value).strip()


def _as_text(value: object) -> object:
    """Dates and timestamps from a typed frame -> ISO text, so one parser serves both."""
    if isinstance(value, pd.Timestamp | datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _iso_text(column: pd.Series) -> pd.Series:
    if column.dtype == object:
        column = column.map(_as_text, na_action="ignore")
    return _text(column)


def _report(
    bad: pd.Series,
    text: pd.Series,
    column: str,
    message: str,
    source: str,
    row_name: RowName,
    problems: list[Problem],
) -> None:
    positions = [int(i) for i in bad.to_numpy().nonzero()[0]]
    for i in positions[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(Problem(source, f"{row_name(i)}, column {column}", message, text.iloc[i]))
    if len(positions) > MAX_PROBLEMS_PER_COLUMN:
        more = len(positions) - MAX_PROBLEMS_PER_COLUMN
        problems.append(Problem(source, f"column {column}", f"{more:,} more rows like these"))


def _days(column: pd.Series, source: str, row_name: RowName, problems: list[Problem]) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    text = _iso_text(column)
    # a datetime at midnight from a typed frame counts as its day
    text = text.str.replace(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00$", r"\1", regex=True)
    days = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    bad = days.isna() | ~text.str.match(_DATE)
    _report(bad, text, "date", "not a date YYYY-MM-DD", source, row_name, problems)
    days, outside = _nanoseconds(days)
    _report(outside & ~bad, text, "date", OUT_OF_RANGE, source, row_name, problems)
    return days


def _states(states: pd.Series, source: str, row_name: RowName, problems: list[Problem]) -> None:
    bad = ~states.isin(STATES)
    message = "unknown state (use " + ", ".join(STATES) + ")"
    _report(bad, states, "state", message, source, row_name, problems)


def _instants(
    column: pd.Series, name: str, source: str, row_name: RowName, problems: list[Problem]
) -> pd.Series:
    if isinstance(column.dtype, pd.DatetimeTZDtype):  # already instants: nothing to parse
        return column.dt.tz_convert("UTC").dt.as_unit("ns").reset_index(drop=True)
    text = _iso_text(column)
    given = text != ""
    instants = pd.to_datetime(text.where(given, None), format="ISO8601", utc=True, errors="coerce")
    bad = given & (instants.isna() | ~text.str.match(_ISO))
    message = "not an ISO 8601 date-time with UTC offset, e.g. 2026-10-24T22:00:00+01:00"
    _report(bad, text, name, message, source, row_name, problems)
    instants, outside = _nanoseconds(instants)
    _report(outside & ~bad, text, name, OUT_OF_RANGE, source, row_name, problems)
    return instants


def _nanoseconds(parsed: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``parsed`` at nanosecond resolution, and which values do not fit it (made NaT).
    pandas parses a year such as -1 or 0001 at coarser resolution; the checker's time
    arithmetic needs nanoseconds, which only cover the years 1678-2261."""
    years = parsed.dt.year
    outside = parsed.notna() & ((years < FIRST_YEAR) | (years > LAST_YEAR))
    return parsed.where(~outside).dt.as_unit("ns"), outside


def _numbers(
    column: pd.Series, source: str, row_name: RowName, problems: list[Problem]
) -> pd.Series:
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float).reset_index(drop=True)
    text = _text(column)
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
    bad = (text != "") & numbers.isna()
    _report(bad, text, "hours", "not a number of hours", source, row_name, problems)
    return numbers.astype(float)
