"""The duty record the MPS returns (what officers actually did), read into a roster table,
and compared with the published plan.

CSV columns: ``officer_id, date, start, end, deployment`` and, optionally, ``reason``, read as a spreadsheet
saves them (UTF-8 or Windows-1252, commas or semicolons, or UTF-16 with tabs; dates as
``calendars.read_day`` reads every date: ``DD/MM/YYYY``, ``DD.MM.YYYY`` and ``DD-MM-YYYY``
too).
``start``/``end`` are London clock times (``07:00``; an end at or before the start is the
next day) or date-times (ISO 8601, or ``DD/MM/YYYY HH:MM`` London time, any day-first date); both may be empty
when the day was not worked. Row numbers in error messages
are line numbers of the file (the header is line 1). A row is refused when its date is
outside the years s92 covers, or when an ISO start or end is not on its date or the day
before or after (a tour written against the wrong day).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from calendars import (
    CLOCK_FORMS,
    FIRST_CALENDAR_YEAR,
    LAST_CALENDAR_YEAR,
    LONDON,
    clock_change,
    day_first_as_iso,
    day_problem,
    month_first_problem,
    read_clock,
    read_day,
    tour_interval,
    twelve_as_24_hour,
)
from scheduler.errors import InputError, Problem
from scheduler.files import header_name, read_spreadsheet_csv
from scheduler.scenario.model import Officer, Scenario
from scheduler.store.validate import rostered_id
from scheduler.table import COLUMNS, DUTY_STATES, KIND_STATE, OFF_STATES, said_state

ACTUALS_COLUMNS: tuple[str, ...] = ("officer_id", "date", "start", "end", "deployment", "reason")
# free text, only shown again (the roster table's event, differences.csv): a record without
# the column has none to give, which an empty column says too
OPTIONAL_COLUMN = "reason"
# the duty record's deployments: council tasking, every abstraction kind, leave and rest
DEPLOYMENT_STATE: dict[str, str] = {
    "council": "DUTY",
    **KIND_STATE,
    "leave": "LEAVE",
    "rest": "REST",
}
# a state's deployment, for the words naming it; council tasking only as "council"
_STATE_DEPLOYMENT = {state: name for name, state in DEPLOYMENT_STATE.items() if state != "DUTY"}
NOT_ABSTRACTIONS = frozenset({"council", "leave", "rest"})
DIFFERENCE_COLUMNS: tuple[str, ...] = (
    "officer_id",
    "date",
    "planned_state",
    "planned_start",
    "planned_end",
    "actual_deployment",
    "actual_start",
    "actual_end",
    "reason",
    "logged_abstraction",
)
# HH:MM, and H:MM or HH:MM:SS as a spreadsheet saves a time
_CLOCK = re.compile(r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?")
# a date and time as a UK-locale spreadsheet saves one (03/09/2026 22:00), once its day
# is written ISO by ``calendars.day_first_as_iso``
_DATE_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)")
_MIDNIGHT = r"(?<=[0-9])[ T]00:00(?::00)?$"  # a date saved with its (midnight) time


def read_actuals(path: str | Path, scenario: Scenario) -> pd.DataFrame:
    """Read a duty-record CSV into a roster table; ``InputError`` lists what is wrong. The
    file is read as every CSV a user gives is (``read_spreadsheet_csv``): as Excel saves it,
    UTF-8 or Windows-1252, commas or semicolons."""
    record = read_spreadsheet_csv(path, "a duty record CSV")
    return actuals_to_roster(record, scenario, str(path))


def actuals_to_roster(record: pd.DataFrame, scenario: Scenario, file: str) -> pd.DataFrame:
    """Convert duty-record rows (text columns) into roster-table rows."""
    # as typed into a spreadsheet: 'Officer ID' names officer_id, as in the other imports
    record = record.rename(columns=header_name)
    if OPTIONAL_COLUMN not in record.columns:  # a record without reasons gives none
        record = record.assign(**{OPTIONAL_COLUMN: ""})
    missing = [c for c in ACTUALS_COLUMNS if c not in record.columns]
    if missing:
        needed = ", ".join(c for c in ACTUALS_COLUMNS if c != OPTIONAL_COLUMN)
        raise InputError.one(
            file,
            ", ".join(missing),
            f"missing column(s) in the duty record: add them to the header ({needed}; "
            f"{OPTIONAL_COLUMN} optional)",
        )
    # the line of each row in the file (the header is line 1), kept past the blank rows
    line = pd.Series(np.arange(len(record)) + 2, index=record.index)
    cells = record.astype(str).apply(lambda column: column.str.strip())
    filled = (cells != "").any(axis=1)  # a spreadsheet's blank rows are no officer-days
    # a row holding text but no officer, day, time or deployment (a note under the table,
    # 'checked by J Smith', typed in its first column as often as in its last): one line
    # saying so, not one per empty column
    recorded = [c for c in ACTUALS_COLUMNS if c not in (OPTIONAL_COLUMN, "officer_id")]
    noted = filled & (cells[recorded] == "").all(axis=1)
    if noted.any():  # an officer's id alone is an officer-day left unfilled, not a note
        ids = {o.id for o in scenario.officers}
        typed = cells.loc[noted, "officer_id"].unique()
        named = [t for t in typed if rostered_id(scenario.officers, t) in ids]
        noted &= ~cells["officer_id"].isin(named)
    notes = [
        (int(n), _problem(file, n, "officer_id, date, deployment", _NOTE_ONLY, _text_of(row)))
        for n, (_, row) in zip(line[noted], cells[noted].iterrows(), strict=True)
    ]
    record, line = record[filled & ~noted], line[filled & ~noted]
    if record.empty and not notes:
        raise InputError.one(file, "", "the duty record has no rows")
    text = {c: record[c].astype(str).str.strip() for c in ACTUALS_COLUMNS}
    officers = {o.id: o for o in scenario.officers}
    text["officer_id"] = _officer_ids(text["officer_id"], officers)
    _not_month_first(text["date"], line, file)
    days = _days(text["date"])
    # as typed into a spreadsheet: 'HDD aid' or 'Emergency-Aid' names hdd_aid, emergency_aid
    deployment = text["deployment"].map(_deployment_name)
    starts, ends, problems = _times(text, days, line, file)
    problems += notes
    problems += _bad(
        file,
        line,
        "officer_id",
        text["officer_id"],
        ~text["officer_id"].isin(officers),
        "officer not in the scenario",
    )
    problems += _bad(file, line, "date", text["date"], days.isna(), _no_day)
    problems += _bad(
        file,
        line,
        "date",
        text["date"],
        days.notna() & ~days.dt.year.between(FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR),
        f"outside the years s92 covers ({FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR})",
    )
    problems += _bad(
        file,
        line,
        "deployment",
        text["deployment"],
        ~deployment.isin(DEPLOYMENT_STATE),
        f"unknown deployment (use {', '.join(DEPLOYMENT_STATE)})",
    )
    # aid on a day that is no High Demand Day would use the council's HDD allowance, never
    # penalised: refused, as the entry log refuses it, on any day of the record (the
    # calendar is known for any year, beyond the horizon too)
    readable = days.notna() & days.dt.year.between(FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR)
    aid = (deployment == "hdd_aid") & readable
    hdds = _high_demand_days(scenario, days[aid])
    problems += _bad(
        file,
        line,
        "date",
        text["date"],
        aid & ~days.isin(hdds),
        "HDD aid on a day that is not one of the scenario's High Demand Days (add it to "
        "[high_demand] add, or record the deployment the officer was on)",
    )
    problems += _not_in_post(file, line, text, days, deployment, officers)
    problems += _duplicates(file, line, text, days)
    if problems:
        problems.sort(key=lambda numbered: numbered[0])
        raise InputError([problem for _, problem in problems])
    off = deployment.map(DEPLOYMENT_STATE).isin(OFF_STATES)
    return _roster(text, days, deployment, starts.mask(off, ""), ends.mask(off, ""), officers)


def _high_demand_days(scenario: Scenario, days: pd.Series) -> pd.DatetimeIndex:
    """The scenario's High Demand Days from the first of ``days`` to the last (its horizon's
    by its own additions and removals, any other year's by the calendar's rules)."""
    if days.empty:
        return pd.DatetimeIndex([])
    span = scenario.high_demand_days(days.min().date(), days.max().date())
    return pd.DatetimeIndex(sorted({h.date for h in span}))


_NOTE_ONLY = (
    "empty: the row holds only text (a note under the table?); delete it, or fill in the "
    "officer-day"
)


def _text_of(row: pd.Series) -> str:
    """The text a row holds, its cells joined."""
    return " ".join(str(v) for v in row if v)


def _officer_ids(typed: pd.Series, officers: Mapping[str, Officer]) -> pd.Series:
    """Each row's officer id as the entry log reads one (``rostered_id``: ``hav-01`` for
    HAV-01), each distinct value once."""
    return typed.map({value: rostered_id(officers.values(), value) for value in typed.unique()})


def _deployment_name(text: str) -> str:
    """A deployment as a person types it, in its machine name: case, spaces and hyphens
    aside, and the words the entry log reads for its kind ("Annual Leave", "Sick", "Rest
    Day": ``table.said_state``); any other text as typed, to be refused."""
    name = "_".join(text.lower().replace("-", " ").split())
    if name in DEPLOYMENT_STATE:
        return name
    return _STATE_DEPLOYMENT.get(said_state(text) or "", name)


def _no_day(text: str) -> str:
    """Why a row's date is none (midnight aside, as ``_days`` reads it)."""
    return day_problem(re.sub(_MIDNIGHT, "", text))


def _days(dates: pd.Series) -> pd.Series:
    """Each row's day (NaT where the text is no date), read by ``calendars.read_day`` as
    every date s92 reads: ``YYYY-MM-DD``, or day first as a UK-locale spreadsheet saves one
    (``DD/MM/YYYY``, ``DD.MM.YYYY``, ``DD-MM-YYYY``); either may carry midnight, as a
    spreadsheet saves a date cell formatted with its time (``01/10/2026 00:00``)."""
    text = dates.str.replace(_MIDNIGHT, "", regex=True)
    found = {value: read_day(value) for value in text.unique()}
    return pd.to_datetime(text.map(found), errors="coerce")


def _not_month_first(dates: pd.Series, line: pd.Series, file: str) -> None:
    """Refuse, in one line, a record whose dates are written month first (a US-locale
    save, ``4/25/2027``): read day first, every one with its day 12 or less would be
    another day, silently (``calendars.month_first_problem``, as every file's dates)."""
    found = month_first_problem(dates.unique())
    if found is not None:
        shown, why = found
        row = int(line[dates == shown].iloc[0])
        raise InputError.one(file, f"row {row}, column date", why, shown)


Numbered = tuple[int, Problem]  # (line of the file, problem), to report in file order


def _bad(
    file: str,
    line: pd.Series,
    column: str,
    values: pd.Series,
    mask: pd.Series,
    message: str | Callable[[str], str],
) -> list[Numbered]:
    """A problem for each row ``mask`` picks; ``message`` may say why of each value."""
    return [
        (int(n), _problem(file, n, column, message if isinstance(message, str) else message(v), v))
        for n, v in zip(line[mask], values[mask], strict=True)
    ]


def _problem(file: str, line: int, column: str, message: str, value: object) -> Problem:
    return Problem(file, f"row {line}, column {column}", message, value)


def _not_in_post(
    file: str,
    line: pd.Series,
    text: dict[str, pd.Series],
    days: pd.Series,
    deployment: pd.Series,
    officers: Mapping[str, Officer],
) -> list[Numbered]:
    """Work recorded on a day the scenario has the officer out of post: the report would
    drop it unseen and charge the post as vacant; which of the two is wrong is for a
    person to say."""
    ids = text["officer_id"]
    first = pd.to_datetime(ids.map({o.id: o.start for o in officers.values()}))
    last = pd.to_datetime(ids.map({o.id: o.end for o in officers.values()}))
    working = ~deployment.map(DEPLOYMENT_STATE).isin(OFF_STATES) & deployment.isin(DEPLOYMENT_STATE)
    out = working & days.notna() & ((days < first) | (days > last))
    problems = []
    rows = zip(line[out], ids[out], days[out], text["date"][out], strict=True)
    for n, officer_id, day, written in rows:
        o = officers[officer_id]
        post = f"from {o.start}" if o.start and day.date() < o.start else f"until {o.end}"
        message = (
            f"{officer_id} is in post {post} in the scenario, not on this day: correct the "
            "record, or the officer's start or end in the scenario"
        )
        problems.append((int(n), _problem(file, n, "date", message, written)))
    return problems


def _duplicates(
    file: str, line: pd.Series, text: dict[str, pd.Series], days: pd.Series
) -> list[Numbered]:
    key = pd.DataFrame({"officer_id": text["officer_id"], "date": days})
    dup = key.duplicated(keep="first") & days.notna()
    return _bad(file, line, "date", text["date"], dup, "a second row for the same officer and day")


def _times(
    text: dict[str, pd.Series], days: pd.Series, line: pd.Series, file: str
) -> tuple[pd.Series, pd.Series, list[Numbered]]:
    """ISO start/end of each row (empty when not given); unique combinations are resolved
    once because a year's record repeats a few tours on every day."""
    problems: list[Numbered] = []
    text = {**text, "start": _hh_mm(text["start"]), "end": _hh_mm(text["end"])}
    starts = pd.Series("", index=text["start"].index, dtype=object)
    ends = starts.copy()
    combos = pd.DataFrame({"day": days, "start": text["start"], "end": text["end"]})
    given = (combos["start"] != "") | (combos["end"] != "")
    covered = days.notna() & days.dt.year.between(FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR)
    groups = combos[given & covered].groupby(["day", "start", "end"], sort=False).groups
    for (day, start, end), rows in groups.items():
        try:
            begins, finishes = tour_times(day.date(), start, end)
        except TourTimeError as exc:
            value = start if exc.column == "start" else end
            problems += [
                (int(line[i]), _problem(file, line[i], exc.column, str(exc), value)) for i in rows
            ]
            continue
        starts[rows] = begins
        ends[rows] = finishes
    return starts, ends, problems


def _hh_mm(values: pd.Series) -> pd.Series:
    """Clock times as ``HH:MM``, read by the one reader of clock times
    (``calendars.read_clock``: ``0700``, ``7:00``, ``8:00 PM``), and date-times with a
    12-hour time at their end on the 24-hour clock; each distinct text read once."""
    return values.map({typed: _as_24_hour(typed) for typed in values.unique()})


def _as_24_hour(typed: str) -> str:
    read = read_clock(typed)
    if _CLOCK.fullmatch(typed):  # as it is, to be named as typed in a problem
        return typed
    if read is None:
        return twelve_as_24_hour(typed)
    return f"{read:%H:%M:%S}" if read.second else f"{read:%H:%M}"


class TourTimeError(ValueError):
    """A start or end time that cannot be read; ``column`` says which."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def tour_times(day: date, start: str, end: str) -> tuple[str, str]:
    """ISO 8601 start and end with UTC offset, from London clock times (an end at or
    before the start is the next day) or from ISO datetimes (naive ones are London)."""
    for column, value in (("start", start), ("end", end)):
        if value and not _CLOCK.fullmatch(value):
            _instant(value, column)  # raises when it is not a datetime either
    if not start or not end:
        column = "start" if not start else "end"
        raise TourTimeError(column, f"{column} is empty; give both start and end, or neither")
    if _CLOCK.fullmatch(start) and _CLOCK.fullmatch(end):
        begin, finish = _clock(start), _clock(end)
        _exists(day, begin, "start")
        _exists(day + timedelta(days=1) if finish <= begin else day, finish, "end")
        try:
            begins, finishes = tour_interval(day, begin, finish)
        except ValueError as exc:  # a tour with no length across the clock change
            raise TourTimeError("end", str(exc)) from None
        return begins.isoformat(), finishes.isoformat()
    begins, finishes = _at(day, start, "start"), _at(day, end, "end")
    for column, moment in (("start", begins), ("end", finishes)):
        if abs((moment.astimezone(LONDON).date() - day).days) > 1:
            raise TourTimeError(
                column, f"{column} is not on the row's date {day} or the day before or after"
            )
    if finishes <= begins:
        raise TourTimeError("end", "end is not after start")
    return begins.isoformat(), finishes.isoformat()


def _clock(value: str) -> time:
    """``HH:MM``, ``H:MM`` or ``HH:MM:SS`` (as ``_CLOCK`` matches) as a time of day."""
    hour, minute, second = (int(part) for part in (*value.split(":"), "0")[:3])
    return time(hour, minute, second)


def _exists(day: date, moment: time, column: str) -> None:
    """A London clock time on a day the clocks skip it is refused, not read an hour on."""
    if clock_change(day, moment) == "skipped":
        raise TourTimeError(
            column,
            f"{column} {moment:%H:%M} does not exist on {day} in London (the clocks go "
            "forward an hour over it)",
        )


def _at(day: date, value: str, column: str) -> datetime:
    if _CLOCK.fullmatch(value):
        _exists(day, _clock(value), column)
        return datetime.combine(day, _clock(value), tzinfo=LONDON)
    return _instant(value, column)


def _instant(value: str, column: str) -> datetime:
    try:
        iso = day_first_as_iso(value)
        saved = _DATE_TIME.fullmatch(iso) if iso != value else None
        if saved is None:
            moment = datetime.fromisoformat(value)
        else:  # a UK-locale save of a date-time: London clock time
            year, month, day, clock = saved.groups()
            moment = datetime.combine(date(int(year), int(month), int(day)), _clock(clock))
    except ValueError:
        raise TourTimeError(
            column,
            f"{column} is not a clock time {CLOCK_FORMS}, an ISO 8601 datetime or DD/MM/YYYY HH:MM",
        ) from None
    if moment.tzinfo is not None:
        return moment
    _exists(moment.date(), moment.time(), column)
    return moment.replace(tzinfo=LONDON)


def _roster(
    text: dict[str, pd.Series],
    days: pd.Series,
    deployment: pd.Series,
    starts: pd.Series,
    ends: pd.Series,
    officers: dict,
) -> pd.DataFrame:
    state = deployment.map(DEPLOYMENT_STATE)
    hours = (
        pd.to_datetime(ends.replace("", None), utc=True, format="ISO8601")
        - pd.to_datetime(starts.replace("", None), utc=True, format="ISO8601")
    ).dt.total_seconds() / 3600
    table = pd.DataFrame(
        {
            "officer_id": text["officer_id"],
            "contract_id": text["officer_id"].map({k: o.contract for k, o in officers.items()}),
            "rank": text["officer_id"].map({k: o.rank for k, o in officers.items()}),
            "date": days.dt.date,
            "state": state,
            "shift": "",
            "start": starts,
            "end": ends,
            "hours": hours.round(2),
            "event": text["reason"],
            "kind": deployment.where(~deployment.isin(NOT_ABSTRACTIONS), ""),
        }
    )
    return table[[*COLUMNS, "kind"]].sort_values(["officer_id", "date"], ignore_index=True)


# --- plan versus actuals -----------------------------------------------------------------

# the duty record has no bank-holiday deployment: a bank holiday off (or leave on one, which
# the roster also writes PUBLIC_HOLIDAY) is recorded as rest or as leave
_BANK_HOLIDAY_OFF = frozenset({"REST", "LEAVE"})


def differences(
    published: pd.DataFrame, actual: pd.DataFrame, logged: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every officer-day, within the days the duty record covers, where it differs from the
    published roster: another state, other tour times, or a day missing from either side.

    ``logged`` (the published roster with the live abstractions applied) fills
    ``logged_abstraction`` with the kind and log id of an entry covering that day, so the
    council can tell changes the MPS logged from those it did not.
    """
    actual = actual.assign(date=pd.to_datetime(actual["date"]))
    first, last = actual["date"].min(), actual["date"].max()
    plan = published.assign(date=pd.to_datetime(published["date"]))
    plan = plan[(plan["date"] >= first) & (plan["date"] <= last)]
    kind = plan["kind"].fillna("").astype(str) if "kind" in plan else ""
    # a rest day a week or more of leave holds (README: Entries), which a duty record may
    # keep as leave with the rest of the booking
    plan = plan.assign(rest_of_leave=(plan["state"] == "REST") & (kind == "leave"))
    both = plan[["officer_id", "date", "state", "start", "end", "rest_of_leave"]].merge(
        actual[["officer_id", "date", "state", "start", "end", "kind", "event"]],
        on=["officer_id", "date"],
        how="outer",
        suffixes=("_plan", "_actual"),
        indicator=True,
    )
    out = both[_differs(both)]
    deployment = out["state_actual"].map({v: k for k, v in DEPLOYMENT_STATE.items()})
    table = pd.DataFrame(
        {
            "officer_id": out["officer_id"],
            "date": out["date"].dt.date.astype(str),
            "planned_state": out["state_plan"].fillna(""),
            "planned_start": out["start_plan"].fillna(""),
            "planned_end": out["end_plan"].fillna(""),
            "actual_deployment": deployment.where(out["_merge"] != "left_only", "(missing)"),
            "actual_start": out["start_actual"].fillna(""),
            "actual_end": out["end_actual"].fillna(""),
            "reason": out["event"].fillna(""),
        },
    )
    table["logged_abstraction"] = _logged(table, logged)
    return table[list(DIFFERENCE_COLUMNS)].sort_values(["date", "officer_id"], ignore_index=True)


def _logged(table: pd.DataFrame, logged: pd.DataFrame | None) -> pd.Series:
    """'<kind> #<id>' of the live abstraction on each officer-day, else ''."""
    if logged is None or "abstraction_id" not in logged.columns or table.empty:
        return pd.Series("", index=table.index, dtype=object)
    ids = logged["abstraction_id"].fillna("").astype(str)
    marked = logged[ids != ""]
    label = marked["kind"].fillna("").astype(str) + " #" + ids[ids != ""]
    day = pd.to_datetime(marked["date"]).dt.strftime("%Y-%m-%d")
    lookup = dict(zip(zip(marked["officer_id"].astype(str), day, strict=True), label, strict=True))
    keys = zip(table["officer_id"].astype(str), table["date"], strict=True)
    return pd.Series([lookup.get(k, "") for k in keys], index=table.index, dtype=object)


def _differs(both: pd.DataFrame) -> np.ndarray:
    one_sided = (both["_merge"] != "both").to_numpy()
    holiday_off = (both["state_plan"] == "PUBLIC_HOLIDAY") & both["state_actual"].isin(
        _BANK_HOLIDAY_OFF
    )
    leave_rest = both["rest_of_leave"].eq(True) & both["state_actual"].eq("LEAVE")
    state = ((both["state_plan"] != both["state_actual"]) & ~holiday_off & ~leave_rest).to_numpy()
    times = np.zeros(len(both), dtype=bool)
    for column in ("start", "end"):
        planned = _instants(both[f"{column}_plan"])
        actual = _instants(both[f"{column}_actual"])
        # a record without times says nothing about them; only compare when both are given
        times |= (planned.notna() & actual.notna() & (planned != actual)).to_numpy()
    worked = both["state_actual"].isin(DUTY_STATES).to_numpy()
    return one_sided | state | (times & worked)


def _instants(values: pd.Series) -> pd.Series:
    text = values.fillna("").astype(str).replace("", None)
    return pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
