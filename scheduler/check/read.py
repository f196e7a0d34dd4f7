"""Roster table in: read a CSV a planner may have edited in Excel, and parse any roster
table (CSV text or the engine's frame) into typed columns, naming every bad cell.

A CSV saved by Excel may differ from the one s92 wrote: dates as DD/MM/YYYY (a UK-locale
save), start/end as London clock times without the UTC offset (a clock time alone, on
the row's date), or blank; text in Windows'
code page rather than UTF-8; semicolons between cells and decimal commas in ``hours`` (a
European locale's save). A clock time the clocks skip in March is refused. The file is read by ``scheduler.files.read_spreadsheet_csv``, as
every CSV a user gives is. Clock times are read as London time (the first of the
repeated hour in October, as ``calendars.tour_interval`` reads a tour); blank start/end
of a DUTY or HDD_AID row come from its tour when the scenario is given, and the table
returned holds ISO dates and ISO start/end with offsets, as the engine writes them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from calendars import (
    day_as_iso,
    day_first_as_iso,
    day_problem,
    fraction_problem,
    month_first_problem,
    read_clock,
)
from scheduler.check.clock import LONDON, local_wall
from scheduler.check.codes import Codes
from scheduler.check.schema import HOURS_TOLERANCE
from scheduler.errors import InputError, Problem
from scheduler.files import read_spreadsheet_csv, restore_frame
from scheduler.scenario.model import Scenario
from scheduler.table import (
    AID_SHIFT,
    COLUMNS,
    DUTY_STATES,
    EXTRA_COLUMNS,
    STATES,
    said_rank,
    said_state,
)

TEXT_COLUMNS: tuple[str, ...] = ("officer_id", "contract_id", "rank", "state", "shift", "event")
FREE_TEXT_COLUMNS = ("event", "kind")  # may start "'=": s92's CSV writer marks formula text
MAX_PROBLEMS_PER_COLUMN = 20  # a whole column in the wrong format is one mistake, not 100k
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DECIMAL_COMMA = r"^([0-9]+),([0-9]+)$"
_OFFSET = r"(?:Z|[+-][0-9]{2}:?[0-9]{2})$"
_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?" + _OFFSET
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?$"
_DAY_IN = re.compile(r"[0-9][/.-][0-9]|[0-9]{4}-")  # a date in a cell, not a clock alone
_WALL_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]" + _CLOCK)  # London clock time, no offset
INSTANT_MESSAGE = (
    "not a date-time: ISO 8601 with UTC offset (2026-10-24T22:00:00+01:00) or London clock "
    "time (24/10/2026 22:00)"
)

SKIPPED_MESSAGE = (
    "a London clock time the clocks skip (they go forward an hour over it): give the time "
    "the clock showed, or the UTC offset"
)

FIRST_YEAR, LAST_YEAR = 1678, 2261  # whole years pandas holds at nanosecond resolution
OUT_OF_RANGE = f"year out of range ({FIRST_YEAR}-{LAST_YEAR})"

RowName = Callable[[int], str]


@dataclass(frozen=True)
class RosterFile:
    """A roster CSV read once: ``table`` as ``read_roster_csv`` returns it, ``parsed`` as
    ``parse_roster`` returns it (the parse that validated the file, kept for the checker),
    and ``where`` each of its rows is in the file, as a planner finds it ("row 12", "sheet
    HAV-PP, cell D5"), for a refusal of a row the reading took; ``absent``: the columns of
    a day's cause (event, kind, abstraction_id) the file does not hold (a roster.csv of the
    ten public columns, a workbook without its data sheet), empty in ``table``, which say
    nothing of its days."""

    table: pd.DataFrame
    parsed: pd.DataFrame
    where: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def places(self) -> dict[tuple[str, str], str]:
        """(officer, ISO date) -> where that officer-day's row is in the file."""
        keys = zip(
            self.table["officer_id"].astype(str), self.table["date"].astype(str), strict=True
        )
        return dict(zip(keys, self.where, strict=False))  # none for a table built in code


NO_ROWS = "no officer-day rows under the header: a roster has a row per officer per day"
EMPTY_ROW = (
    "an empty row among the officer-days (added between them, or left by a row cleared): "
    "delete it, as each row is one officer's day"
)
NO_DAY_ROW = (
    "no date nor state, so no officer's day (a total or a note typed under the rows?): "
    "delete it, or give the day's date and state"
)
GRID_CSV = (
    "the month grid of roster.xlsx saved as CSV, which keeps no tour times: give the "
    "roster.xlsx itself, as edited, or a roster.csv (a row per officer per day)"
)


def read_roster_csv(path: str | Path, scenario: Scenario | None = None) -> pd.DataFrame:
    """Read ``roster.csv`` as text columns (``hours`` as float, missing extension columns
    empty). Raises ``InputError`` naming file, row (as Excel numbers it: header = row 1),
    column and value for missing columns, bad dates, unknown states, bad start/end. With
    ``scenario``, a DUTY or HDD_AID row with blank start and end works its tour."""
    return load_roster_csv(path, scenario).table


def load_roster_csv(path: str | Path, scenario: Scenario | None = None) -> RosterFile:
    """``read_roster_csv``, with the typed table its validation parsed (a London year is
    120,000 rows: parsing it again would cost a quarter of a second)."""
    name = str(path)
    frame = _read_text(Path(path))
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing and _grid_saved_as_csv(frame):
        raise InputError.one(name, "", GRID_CSV)
    if len(missing) == 1:
        raise InputError.one(name, missing[0], "missing column")
    if missing:  # another CSV given (check's findings, a changes.csv): one line, not eight
        header = ", ".join(str(c) for c in frame.columns[:8])
        raise InputError.one(
            name,
            "",
            f"missing columns {', '.join(missing)}: not a roster CSV (a row per officer per "
            f"day: {', '.join(COLUMNS)})",
            header,
        )
    # a header alone (a filter saved with nothing under it) is no roster, but where the
    # scenario has no officer (every post vacant), whose roster s92 writes so
    if frame.empty and (scenario is None or scenario.officers):
        raise InputError.one(name, "", NO_ROWS)
    absent = tuple(c for c in EXTRA_COLUMNS if c not in frame.columns)
    for column in absent:
        frame[column] = ""
    rows = tuple(f"row {i + 2}" for i in range(len(frame)))  # as a spreadsheet numbers them
    # an empty row is named once, not once per column it leaves empty; so is a row with
    # neither date nor state (a total or a note typed under the officer-days), by its text
    cleared = (frame == "").all(axis=1).to_numpy()
    no_day = ((frame["date"] == "") & (frame["state"] == "")).to_numpy() & ~cleared
    empty = {rows[i] for i in (cleared | no_day).nonzero()[0]}
    blank = [
        Problem(name, rows[i], EMPTY_ROW)
        if cleared[i]
        else Problem(name, rows[i], NO_DAY_ROW, _first_text(frame.iloc[i]))
        for i in sorted((cleared | no_day).nonzero()[0])
    ]
    try:
        parsed = parse_roster(frame, name, rows.__getitem__)  # raises on bad cells
    except InputError as exc:
        others = [p for p in exc.problems if p.field.split(",")[0] not in empty]
        raise InputError(blank + others, exc.more) from None
    if blank:
        raise InputError(blank)
    if scenario is not None:
        _tour_codes(parsed, scenario)
        _tour_times(parsed, scenario)
        frame["shift"] = parsed["shift"].to_numpy()
    frame["state"] = canonical_states(frame["state"].fillna("").astype(str))
    frame["rank"] = parsed["rank"].to_numpy()  # "PC" as the scenario's "constable"
    frame["hours"] = _hours_as_written(parsed).to_numpy()
    _canonical(frame, parsed)
    return RosterFile(frame, parsed, rows, absent)


def _first_text(row: pd.Series) -> str:
    """The first cell of ``row`` holding anything: what a planner typed on it."""
    return next((str(v) for v in row.tolist() if str(v).strip()), "")


def _tour_codes(parsed: pd.DataFrame, scenario: Scenario) -> None:
    """Each ``shift`` typed in another case than the scenario's tour code (``e`` for
    ``E``, ``aid``), where that names one code, as the scenario has it, as a workbook's
    cell reads it (``Codes.code``); in place. Read as typed it was no tour: a breach."""
    codes = Codes(scenario)
    known = {*codes.shifts, AID_SHIFT}
    typed = [t for t in parsed["shift"].unique().tolist() if t and t not in known]
    said = {t: code for t in typed if (code := codes.code(t)) in known}
    if said:
        parsed["shift"] = parsed["shift"].replace(said)


def _tour_times(parsed: pd.DataFrame, scenario: Scenario) -> None:
    """Blank start and end of a DUTY row from its tour code, of an HDD_AID row from the
    day's HDD tour; blank hours of any tour from its times (in place)."""
    blank = parsed["start"].isna() & parsed["end"].isna()
    todo = blank & parsed["state"].isin(("DUTY", "HDD_AID"))
    if todo.any():
        codes = Codes(scenario)
        rows = parsed[todo]
        keys = zip(
            np.where(rows["state"] == "DUTY", rows["shift"], AID_SHIFT).tolist(),
            [d.date() for d in rows["day"].tolist()],
            strict=True,
        )
        tours = [codes.tour(code, day) for code, day in keys]
        found = [t is not None for t in tours]
        labels = rows.index[found]
        parsed.loc[labels, "start"] = pd.to_datetime([t.start for t in tours if t], utc=True)
        parsed.loc[labels, "end"] = pd.to_datetime([t.end for t in tours if t], utc=True)
        parsed["local_start"] = local_wall(parsed["start"])
        parsed["local_end"] = local_wall(parsed["end"])
    tour = parsed["duty"] & (parsed["start"] < parsed["end"]) & parsed["hours"].isna()
    elapsed = (parsed["end"] - parsed["start"]).dt.total_seconds() / 3600
    parsed.loc[tour, "hours"] = elapsed[tour].round(2)


def _hours_as_written(parsed: pd.DataFrame) -> pd.Series:
    """Each row's hours as s92 writes them, its elapsed time to 2 dp (0 for a day off),
    where the file's are within the checker's tolerance of it (``6.5000001``, ``6.51``, a
    spreadsheet's float): stored as typed, the same roster published again was a new
    version with no change in it. Hours beyond the tolerance stay, for the checker."""
    timed = parsed["start"].notna() & parsed["end"].notna()
    elapsed = ((parsed["end"] - parsed["start"]).dt.total_seconds() / 3600).where(timed, 0.0)
    near = (parsed["hours"] - elapsed).abs() <= HOURS_TOLERANCE + 1e-9
    return elapsed.round(2).where(near, parsed["hours"])


def _canonical(frame: pd.DataFrame, parsed: pd.DataFrame) -> None:
    """Dates as ISO text and start/end as ISO with the London offset, where the file had
    them another way (DD/MM/YYYY, clock time, blank and filled from the tour); in place."""
    other = ~frame["date"].str.match(_DATE)
    if other.any():
        frame.loc[other, "date"] = parsed.loc[other, "day"].dt.strftime("%Y-%m-%d")
    for column in ("start", "end"):
        instants = parsed[column]
        redo = instants.notna() & ~frame[column].str.match(_ISO)
        if redo.any():
            local = instants[redo].dt.tz_convert(LONDON)
            frame.loc[redo, column] = [t.isoformat() for t in local.tolist()]


def _read_text(path: Path) -> pd.DataFrame:
    frame = read_spreadsheet_csv(path, "a roster CSV")
    frame = frame.apply(lambda col: col.str.strip())
    return restore_frame(_without_trailing_empty_rows(frame), FREE_TEXT_COLUMNS)


def _grid_saved_as_csv(frame: pd.DataFrame) -> bool:
    """Whether the file is a sheet of the roster.xlsx s92 writes, saved as CSV: its title
    in row 1, 'Officer' and 'Rank' heading row 2 (a planner's Save As from the workbook)."""
    if frame.empty or len(frame.columns) < 2:
        return False
    first = [str(v).strip().lower() for v in frame.iloc[0, :2]]
    return first == ["officer", "rank"]


def _without_trailing_empty_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel's CSV save writes cells cleared below a table (still in its used range) as
    rows of commas: they hold no officer-day. Only the trailing ones go, so the rows left
    keep the numbers a spreadsheet shows; an empty row among them is named as a mistake."""
    filled = (frame != "").any(axis=1).to_numpy()
    last = int(filled.nonzero()[0][-1]) + 1 if filled.any() else 0
    return frame if last == len(frame) else frame.iloc[:last]


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
    out["state"] = canonical_states(out["state"])
    ranks = {r: said_rank(r) or r for r in out["rank"].unique()}  # "PS", "Sgt" as typed
    out["rank"] = out["rank"].map(ranks)
    _not_month_first(roster, source, row_name)
    out["day"] = _days(roster["date"], source, row_name, problems)
    _states(out["state"], source, row_name, problems)
    out["start"] = _instants(roster["start"], "start", source, row_name, problems, out["day"])
    out["end"] = _instants(
        roster["end"], "end", source, row_name, problems, out["day"], out["start"]
    )
    out["hours"] = _numbers(roster["hours"], source, row_name, problems)
    if problems:
        raise InputError(problems)
    out["duty"] = out["state"].isin(DUTY_STATES)
    out["local_start"] = local_wall(out["start"])
    out["local_end"] = local_wall(out["end"])
    return out


def _not_month_first(roster: pd.DataFrame, source: str, row_name: RowName) -> None:
    """Refuse, in one line, a roster whose dates are written month first (a US-locale
    save of a hand-edited roster.csv, ``4/25/2027``; ``4/2/2026 20:00`` in start or end):
    read day first, each with its day 12 or less would be another day, silently
    (``calendars.month_first_problem``, as every file's dates). Each distinct text read
    once: a London year repeats 365 dates over 120,000 rows."""
    columns = [
        c
        for c in ("date", "start", "end")
        if not pd.api.types.is_datetime64_any_dtype(roster[c])  # a typed frame's: none
    ]
    # in the file's order, so the first row showing it is named
    distinct = [_text(pd.Series(pd.unique(roster[c].to_numpy(dtype=object)))) for c in columns]
    found = month_first_problem(pd.concat(distinct).unique()) if distinct else None
    if found is None:
        return
    shown, why = found
    for column in columns:
        at = (_text(roster[column]) == shown).to_numpy().nonzero()[0]
        if len(at):
            raise InputError.one(source, f"{row_name(int(at[0]))}, column {column}", why, shown)


def _text(column: pd.Series) -> pd.Series:
    """Stripped text, '' for missing; a plain loop beats pandas' string methods here. Each
    distinct text is stripped once (a London year: 120,000 rows, a few hundred officers,
    dates and times); a column holding anything but text and missing cells (a number
    equal to another of another type) has each cell read in turn."""
    values = column.to_numpy(dtype=object)
    codes, distinct = pd.factorize(values)  # missing cells: code -1
    if all(isinstance(v, str) for v in distinct):
        stripped = np.array([*(v.strip() for v in distinct), ""], dtype=object)
        return pd.Series(stripped[codes], dtype=object)
    text = [v.strip() if isinstance(v, str) else _cell(v) for v in values]
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
    message: str | Callable[[str], str],
    source: str,
    row_name: RowName,
    problems: list[Problem],
) -> None:
    """A problem for each ``bad`` row; ``message`` may say why of each value."""
    positions = [int(i) for i in bad.to_numpy().nonzero()[0]]
    for i in positions[:MAX_PROBLEMS_PER_COLUMN]:
        value = text.iloc[i]
        why = message if isinstance(message, str) else message(str(value))
        problems.append(Problem(source, f"{row_name(i)}, column {column}", why, value))
    if len(positions) > MAX_PROBLEMS_PER_COLUMN:
        more = len(positions) - MAX_PROBLEMS_PER_COLUMN
        problems.append(Problem(source, f"column {column}", f"{more:,} more rows like these"))


def _days(column: pd.Series, source: str, row_name: RowName, problems: list[Problem]) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    text = _iso_text(column)
    # each distinct text read once: a year's roster repeats 365 dates over all its rows
    codes, distinct = pd.factorize(text)
    # read as every date s92 reads (calendars.read_day): day first, or with the month
    # named, and a cell saved with its midnight time ('01/06/2026 00:00', a typed frame's
    # '2026-06-01 00:00:00') as its day
    iso_text = pd.Series(distinct, dtype=object).map(day_as_iso)
    iso = iso_text.str.match(_DATE)
    parsed = pd.to_datetime(iso_text.where(iso), format="%Y-%m-%d", errors="coerce")
    days = pd.Series(parsed.to_numpy()[codes], index=text.index)
    bad = pd.Series((parsed.isna() | ~iso).to_numpy()[codes], index=text.index)
    _report(bad, text, "date", day_problem, source, row_name, problems)
    days, outside = _nanoseconds(days)
    _report(outside & ~bad, text, "date", OUT_OF_RANGE, source, row_name, problems)
    return days


def canonical_states(states: pd.Series) -> pd.Series:
    """States in upper case, a planner's word for one ("Annual Leave", "AL", "Sick") as
    the state it names; anything else as it is (and refused as unknown)."""
    upper = _each_distinct(states, lambda distinct: distinct.str.upper())
    said = {v: said_state(v) for v in upper[~upper.isin(STATES)].unique()}
    known = {v: s for v, s in said.items() if s is not None}
    return upper.replace(known) if known else upper


def _states(states: pd.Series, source: str, row_name: RowName, problems: list[Problem]) -> None:
    bad = ~states.isin(STATES)
    message = "unknown state (use " + ", ".join(STATES) + ")"
    _report(bad, states, "state", message, source, row_name, problems)


def _instants(
    column: pd.Series,
    name: str,
    source: str,
    row_name: RowName,
    problems: list[Problem],
    days: pd.Series,
    after: pd.Series | None = None,
) -> pd.Series:
    if isinstance(column.dtype, pd.DatetimeTZDtype):  # already instants: nothing to parse
        return column.dt.tz_convert("UTC").dt.as_unit("ns").reset_index(drop=True)
    typed = _iso_text(column)
    text, alone = _on_their_day(typed, days)
    if after is not None and alone.any():
        # an end at or before its start is the next day's, as a tour's times are read
        first = _clock_times(text.where(alone, ""))[0]
        text, _ = _on_their_day(
            typed, days + pd.to_timedelta((first <= after).astype(int), unit="D")
        )
    given = text != ""
    iso = given & _each_distinct(text, lambda distinct: distinct.str.match(_ISO))
    instants = pd.to_datetime(text.where(iso, None), format="ISO8601", utc=True, errors="coerce")
    wall = given & ~iso
    skipped = pd.Series(False, index=text.index)
    if wall.any():
        local, skipped = _clock_times(text.where(wall, ""))
        instants = instants.where(~wall, local)
    bad = given & instants.isna()
    _report(bad & ~skipped, typed, name, _instant_problem, source, row_name, problems)
    _report(skipped, typed, name, SKIPPED_MESSAGE, source, row_name, problems)
    instants, outside = _nanoseconds(instants)
    _report(outside & ~bad, typed, name, OUT_OF_RANGE, source, row_name, problems)
    return instants


def _instant_problem(text: str) -> str:
    """Why a start or end cell names no moment: a time of day saved as a fraction of a day
    says so, with the time it stands for (``calendars.fraction_problem``)."""
    return fraction_problem(text) or INSTANT_MESSAGE


def _on_their_day(text: pd.Series, days: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``text`` with each clock time alone ('7:00', '07:00:00', '7:00 AM': a tour's times
    typed by hand, or a column a spreadsheet formats as time) written as that clock time
    on the row's day ('2026-10-24 07:00:00'), read by ``calendars.read_clock`` as every
    clock time s92 reads; and which cells those were. Other cells as they are."""
    distinct = pd.unique(text.to_numpy(dtype=object))
    clocks = {t: read_clock(t) for t in distinct if ":" in t and not _DAY_IN.search(t)}
    found = {t: c for t, c in clocks.items() if c is not None}
    alone = text.isin(list(found)) & days.notna()
    if not alone.any():
        return text, alone
    out = text.copy()
    when = zip(days[alone].dt.strftime("%Y-%m-%d"), text[alone].map(found), strict=True)
    out[alone] = [f"{day} {clock:%H:%M:%S}" for day, clock in when]
    return out, alone


def _clock_times(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """London clock times ('2026-10-24 22:00', '24/10/2026 22:00:00') as UTC instants (NaT
    where not one), and which are times the clocks skip (01:30 on 29 March: NaT, rather
    than a tour an hour later than the one typed). An hour the clocks repeat is read as
    its first (BST), as tour_interval does."""
    text = _day_first_as_iso(text)
    seconds = text.str.replace(r"( [0-9]{1,2}:[0-9]{2})$", r"\1:00", regex=True).str.replace(
        "T", " ", n=1
    )
    naive = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    match = text.str.match(_WALL_ISO)
    if match.any():
        parsed = pd.to_datetime(seconds.where(match), format="%Y-%m-%d %H:%M:%S", errors="coerce")
        naive = naive.where(~match, parsed.dt.as_unit("ns"))
    ok = naive.notna() & (naive.dt.year >= FIRST_YEAR) & (naive.dt.year <= LAST_YEAR)
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    skipped = pd.Series(False, index=text.index)
    if ok.any():
        local = naive[ok].dt.tz_localize(
            LONDON, ambiguous=np.ones(int(ok.sum()), dtype=bool), nonexistent="NaT"
        )
        out[ok] = local.dt.tz_convert("UTC")
        skipped[ok] = local.isna()
    return out, skipped


def _day_first_as_iso(text: pd.Series) -> pd.Series:
    """Day-first dates (a UK-locale save) written ISO, each distinct text read once."""
    if not text.str.contains(r"^[0-9]{1,2}[/.-]", regex=True).any():
        return text
    return text.map({t: day_first_as_iso(t) for t in text.unique()})


def _each_distinct(text: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` (pandas' string methods) of ``text``, each distinct value worked out once:
    a roster repeats a few thousand times and states over its 120,000 rows."""
    codes, distinct = pd.factorize(text.to_numpy(dtype=object))
    if (codes < 0).any():  # a missing cell (code -1): every value in turn, as pandas does
        return fn(text)
    done = fn(pd.Series(distinct, dtype=text.dtype))  # pandas' string dtype kept, if given
    return pd.Series(done.to_numpy()[codes], index=text.index, dtype=done.dtype)


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
    # a European locale's spreadsheet writes 8.5 hours as 8,5
    point = text.str.replace(_DECIMAL_COMMA, r"\1.\2", regex=True)
    numbers = pd.to_numeric(point.where(text != "", None), errors="coerce")
    bad = (text != "") & numbers.isna()
    _report(bad, text, "hours", "not a number of hours", source, row_name, problems)
    return numbers.astype(float)
