"""Rule 'schema': one row per scenario officer per in-post horizon day, with the
scenario's contract and rank, and start/end/hours consistent with the state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from scheduler.check.clock import iso_minutes
from scheduler.check.context import Context, day_runs, in_post_span
from scheduler.check.report import Breach
from scheduler.scenario.model import Scenario

RULE = "schema"
HOURS_TOLERANCE = 0.02  # hours are written to 2 dp


# the columns of a row that say who the officer is (a workbook has one cell of each for
# all of an officer's days): a fault of theirs is named on the first day, with a count
OFFICER_COLUMNS = ("rank", "contract_id")
SHOWN_RUNS = 20  # runs of missing days named on an officer's line; the rest counted


@dataclass(frozen=True, order=True)
class Fault:
    """One thing the rule finds wrong with the table, where a planner finds it: the
    officer and day, ``row`` (the position in the frame of the row concerned; None for
    a day with no row), ``column`` the cell of it that is wrong and ``detail`` why."""

    officer_id: str
    date: date
    detail: str
    row: int | None = field(default=None, compare=False)
    column: str = field(default="", compare=False)


def scope(scenario: Scenario, frame: pd.DataFrame) -> tuple[Context, list[Breach]]:
    """Report rows that do not belong and days that are missing or doubled; return the
    context every other rule reads (known officers, in post, one row a day). A row's
    faults are one breach, the first column's first."""
    ctx, found = _scoped(scenario, frame)
    by_row: dict[int | None, list[Fault]] = {}
    breaches = []
    for f in found:
        if f.row is None or f.column == "date":  # a day's, or a row's that is not the day's
            breaches.append(Breach(f.officer_id, f.date, RULE, f.detail))
        else:
            by_row.setdefault(f.row, []).append(f)
    for cells in by_row.values():
        detail = "; ".join(f.detail for f in cells)
        breaches.append(Breach(cells[0].officer_id, cells[0].date, RULE, detail))
    return ctx, breaches


def faults(scenario: Scenario, frame: pd.DataFrame) -> list[Fault]:
    """Every fault of the table the rule finds, one per cell (a row of an unknown officer,
    a stray or doubled date, a rank or contract not the scenario's, start, end or hours
    that do not fit the state) and one per officer with in-post days that have no row; a
    rank or contract typed over on many of an officer's days is one, on the first day."""
    found = sorted(_scoped(scenario, frame)[1])
    officers = [f for f in found if f.column in OFFICER_COLUMNS]
    runs: dict[tuple[str, str, str], list[Fault]] = {}
    for f in officers:  # the same rank or contract typed on many days: once, with a count
        runs.setdefault((f.officer_id, f.column, f.detail), []).append(f)
    firsts = [
        replace(days[0], detail=f"{days[0].detail} (the first of {len(days)} days)")
        if len(days) > 1
        else days[0]
        for days in runs.values()
    ]
    return sorted([*(f for f in found if f.column not in OFFICER_COLUMNS), *firsts])


def _scoped(scenario: Scenario, frame: pd.DataFrame) -> tuple[Context, list[Fault]]:
    ctx, found = _placed(scenario, frame)
    return ctx, [*found, *_missing(ctx), *_cells(ctx)]


def _placed(scenario: Scenario, frame: pd.DataFrame) -> tuple[Context, list[Fault]]:
    """The context (known officers' in-post rows, one a day), and the rows it left out."""
    breaches: list[Fault] = []
    known = frame["officer_id"].isin({o.id for o in scenario.officers})
    breaches += _unknown_officers(frame[~known], [o.id for o in scenario.officers])
    rows = frame[known]
    inside = _in_post(scenario, rows)
    breaches += _outside(scenario, rows[~inside])
    rows = rows[inside]
    doubled = rows.duplicated(["officer_id", "day"], keep=False)
    breaches += _duplicates(rows[doubled])
    rows = rows[~rows.duplicated(["officer_id", "day"], keep="first")]
    rows = rows.sort_values(["officer_id", "day"], kind="stable").copy()
    rows["valid"] = rows["duty"] & (rows["start"] < rows["end"])  # NaT compares False
    rows["elapsed"] = (rows["end"] - rows["start"]).dt.total_seconds() / 3600
    return Context(scenario, rows), breaches


def _day(value: object) -> date:
    """A parsed ``day`` cell (a midnight Timestamp; pandas types group keys loosely)."""
    if not isinstance(value, pd.Timestamp):
        raise TypeError(f"not a parsed roster day: {value!r}")
    return value.date()


def _unknown_officers(rows: pd.DataFrame, ids: list[str]) -> list[Fault]:
    """A fault for each officer id the scenario has not; one it has in another case
    (``o001`` for ``O001``) says so: a roster keeps the scenario's spelling, which its
    calendars and the published versions are keyed by."""
    folded = {i.casefold(): i for i in ids}
    out = []
    for oid, group in rows.groupby("officer_id", sort=True):
        count = f"{len(group)} row{'s' * (len(group) != 1)}"
        spelt = folded.get(str(oid).strip().casefold())
        hint = "" if spelt is None else f"; {spelt} is: type the id as the scenario has it"
        detail = f"officer {oid!r} is not in the scenario ({count}{hint})"
        first = group.sort_values("day", kind="stable").index[0]
        out.append(Fault(str(oid), _day(group["day"].min()), detail, first, "officer_id"))
    return out


def _in_post(scenario: Scenario, rows: pd.DataFrame) -> pd.Series:
    spans = {o.id: in_post_span(scenario, o) for o in scenario.officers}
    never = (pd.Timestamp("2200-01-01"), pd.Timestamp("1900-01-01"))  # an empty span
    bounds = {o: tuple(map(pd.Timestamp, span)) if span else never for o, span in spans.items()}
    if rows.empty:  # no officer's row (a scenario of vacant posts): nothing to compare
        return pd.Series(False, index=rows.index, dtype=bool)
    first = rows["officer_id"].map({o: b[0] for o, b in bounds.items()})
    last = rows["officer_id"].map({o: b[1] for o, b in bounds.items()})
    return (rows["day"] >= first) & (rows["day"] <= last)


def _outside(scenario: Scenario, rows: pd.DataFrame) -> list[Fault]:
    out = []
    for oid, group in rows.groupby("officer_id", sort=True):
        officer = scenario.officer(str(oid))
        days = sorted({_day(d) for d in group["day"]})
        at = {_day(d): i for i, d in zip(group.index[::-1], group["day"][::-1], strict=True)}
        for first, last in day_runs(days):
            if last < scenario.start or first > scenario.end:
                why = f"outside the horizon {scenario.start} to {scenario.end}"
            else:  # in post and within their contract's agreement
                served = in_post_span(scenario, officer)
                why = (
                    f"outside the officer's time in post (from {served[0]} until {served[1]})"
                    if served
                    else "outside the officer's time in post (never in post in the horizon)"
                )
            span = f"{first}" if first == last else f"{first} to {last}"
            out.append(Fault(str(oid), first, f"rows dated {span} are {why}", at[first], "date"))
    return out


def _duplicates(rows: pd.DataFrame) -> list[Fault]:
    """One per doubled officer-day, at its second row: the day has a row already."""
    out = []
    for (oid, day), group in rows.groupby(["officer_id", "day"], sort=True):
        states = ", ".join(group["state"])
        detail = f"{len(group)} rows for one day (states {states}): an officer-day has one"
        second = group.index[1]
        out.append(Fault(str(oid), _day(pd.Timestamp(str(day))), detail, second, "date"))
    return out


def _missing(ctx: Context) -> list[Fault]:
    out = []
    counts = ctx.rows.groupby("officer_id").size()
    for oid, (first, last) in sorted(ctx.spans.items()):
        if counts.get(oid, 0) == (last - first).days + 1:
            continue  # rows are distinct in-post days already, so none is missing
        expected = pd.date_range(first, last, freq="D").date
        have = set(ctx.rows.loc[ctx.rows["officer_id"] == oid, "day"].dt.date)
        absent = [d for d in expected if d not in have]
        runs = day_runs(absent)
        spans = [f"{a}" if a == b else f"{a} to {b} ({(b - a).days + 1} days)" for a, b in runs]
        listed = ", ".join(spans[:SHOWN_RUNS])
        if len(runs) > SHOWN_RUNS:
            listed += f" and {len(runs) - SHOWN_RUNS} more runs ({len(absent)} days in all)"
        detail = f"no row for {listed}; every in-post day needs one"
        out.append(Fault(oid, runs[0][0], detail, None, "date"))
    return out


def _cells(ctx: Context) -> list[Fault]:
    """Row by row: rank, contract (off-duty rows; DUTY rows are the ring-fence's), and
    start/end/hours against the state; one fault per cell, in the order of the columns."""
    rows = ctx.rows
    problems = [(m.to_numpy(), c, describe) for m, c, describe in _cell_problems(ctx, rows)]
    bad = np.zeros(len(rows), dtype=bool)
    for mask, _, _ in problems:
        bad |= mask
    positions = bad.nonzero()[0]
    out = []
    chosen: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in rows.iloc[positions].to_dict("records")
    ]
    for i, r in zip(positions, chosen, strict=True):
        at = int(rows.index[int(i)])
        for mask, column, describe in problems:
            if mask[i]:
                cell = (
                    column
                    if column != "start" or pd.notna(r["start"]) or pd.isna(r["end"])
                    else "end"
                )
                out.append(Fault(str(r["officer_id"]), _day(r["day"]), describe(r), at, cell))
    return out


Describe = Callable[[dict[str, Any]], str]


def _cell_problems(ctx: Context, rows: pd.DataFrame) -> list[tuple[pd.Series, str, Describe]]:
    """(rows at fault, the column at fault, why); "start" is "end" where only end is
    wrong (filled on a rest day, or the one empty)."""
    rank = rows["officer_id"].map({o.id: o.rank for o in ctx.officers.values()})
    contract = rows["officer_id"].map({o.id: o.contract for o in ctx.officers.values()})
    duty, off = rows["duty"], ~rows["duty"]
    start, end = rows["start"], rows["end"]
    elapsed = rows["elapsed"]
    local_day = rows["local_start"].dt.normalize()

    def times(r: dict[str, Any]) -> str:
        return f"tour {iso_minutes(r['start'])} to {iso_minutes(r['end'])}"

    return [
        (
            rank != rows["rank"],
            "rank",
            lambda r: (
                f"rank {r['rank']!r}; the scenario says {ctx.officers[r['officer_id']].rank!r}"
            ),
        ),
        (
            (contract != rows["contract_id"]) & (rows["state"] != "DUTY"),
            "contract_id",
            lambda r: (
                f"contract_id {r['contract_id']!r}; the scenario says "
                f"{ctx.officers[r['officer_id']].contract!r}"
            ),
        ),
        (
            duty & (start.isna() | end.isna()),
            "start",
            lambda r: f"{r['state']} is duty time and needs both start and end",
        ),
        (
            duty & start.notna() & end.notna() & (start >= end),
            "end",
            lambda r: f"{times(r)} does not end after it starts",
        ),
        (
            duty & start.notna() & (local_day != rows["day"]),
            "start",
            lambda r: f"tour starts on {r['local_start'].date()} (London), not on the row's date",
        ),
        (
            rows["valid"] & ~((rows["hours"] - elapsed).abs() <= HOURS_TOLERANCE + 1e-9),
            "hours",
            lambda r: f"hours {_shown(r['hours'])} but {times(r)} is {r['elapsed']:.2f} h elapsed",
        ),
        (
            off & (start.notna() | end.notna()),
            "start",
            lambda r: f"{r['state']} is not duty time; start and end must be empty",
        ),
    ]


def _shown(hours: float) -> str:
    return "empty" if pd.isna(hours) else f"{hours:g}"
