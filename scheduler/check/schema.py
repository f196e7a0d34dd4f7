"""Rule 'schema': one row per scenario officer per in-post horizon day, with the
scenario's contract and rank, and start/end/hours consistent with the state."""

from __future__ import annotations

from collections.abc import Callable
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


SHOWN_RUNS = 20  # runs of missing days named on an officer's line; the rest counted


def scope(scenario: Scenario, frame: pd.DataFrame) -> tuple[Context, list[Breach]]:
    """Report rows that do not belong and days that are missing or doubled; return the
    context every other rule reads (known officers, in post, one row a day)."""
    ctx, breaches = _placed(scenario, frame)
    breaches += _missing(ctx)
    breaches += _cells(ctx)
    return ctx, breaches


def missing_days(scenario: Scenario, frame: pd.DataFrame) -> list[Breach]:
    """The rule's missing days alone: one breach per officer with in-post days that have
    no row (rows deleted, or filtered out in a spreadsheet), on the first of them."""
    return _missing(_placed(scenario, frame)[0])


def _placed(scenario: Scenario, frame: pd.DataFrame) -> tuple[Context, list[Breach]]:
    """The context (known officers' in-post rows, one a day), and the rows it left out."""
    breaches: list[Breach] = []
    known = frame["officer_id"].isin({o.id for o in scenario.officers})
    breaches += _unknown_officers(frame[~known])
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


def _unknown_officers(rows: pd.DataFrame) -> list[Breach]:
    out = []
    for oid, group in rows.groupby("officer_id", sort=True):
        count = f"{len(group)} row{'s' * (len(group) != 1)}"
        detail = f"officer {oid!r} is not in the scenario ({count})"
        out.append(Breach(str(oid), _day(group["day"].min()), RULE, detail))
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


def _outside(scenario: Scenario, rows: pd.DataFrame) -> list[Breach]:
    out = []
    for oid, group in rows.groupby("officer_id", sort=True):
        officer = scenario.officer(str(oid))
        days = sorted({_day(d) for d in group["day"]})
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
            out.append(Breach(str(oid), first, RULE, f"rows dated {span} are {why}"))
    return out


def _duplicates(rows: pd.DataFrame) -> list[Breach]:
    out = []
    for (oid, day), group in rows.groupby(["officer_id", "day"], sort=True):
        states = ", ".join(group["state"])
        detail = f"{len(group)} rows for one day (states {states}); the first is checked"
        out.append(Breach(str(oid), _day(pd.Timestamp(str(day))), RULE, detail))
    return out


def _missing(ctx: Context) -> list[Breach]:
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
        out.append(Breach(oid, runs[0][0], RULE, detail))
    return out


def _cells(ctx: Context) -> list[Breach]:
    """Row by row: rank, contract (off-duty rows; DUTY rows are the ring-fence's), and
    start/end/hours against the state."""
    rows = ctx.rows
    problems = [(mask.to_numpy(), describe) for mask, describe in _cell_problems(ctx, rows)]
    bad = np.zeros(len(rows), dtype=bool)
    for mask, _ in problems:
        bad |= mask
    positions = bad.nonzero()[0]
    out = []
    chosen: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in rows.iloc[positions].to_dict("records")
    ]
    for i, r in zip(positions, chosen, strict=True):
        detail = "; ".join(describe(r) for mask, describe in problems if mask[i])
        out.append(Breach(str(r["officer_id"]), _day(r["day"]), RULE, detail))
    return out


Describe = Callable[[dict[str, Any]], str]


def _cell_problems(ctx: Context, rows: pd.DataFrame) -> list[tuple[pd.Series, Describe]]:
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
            lambda r: (
                f"rank {r['rank']!r}; the scenario says {ctx.officers[r['officer_id']].rank!r}"
            ),
        ),
        (
            (contract != rows["contract_id"]) & (rows["state"] != "DUTY"),
            lambda r: (
                f"contract_id {r['contract_id']!r}; the scenario says "
                f"{ctx.officers[r['officer_id']].contract!r}"
            ),
        ),
        (
            duty & (start.isna() | end.isna()),
            lambda r: f"{r['state']} is duty time and needs both start and end",
        ),
        (
            duty & start.notna() & end.notna() & (start >= end),
            lambda r: f"{times(r)} does not end after it starts",
        ),
        (
            duty & start.notna() & (local_day != rows["day"]),
            lambda r: f"tour starts on {r['local_start'].date()} (London), not on the row's date",
        ),
        (
            rows["valid"] & ~((rows["hours"] - elapsed).abs() <= HOURS_TOLERANCE + 1e-9),
            lambda r: f"hours {_shown(r['hours'])} but {times(r)} is {r['elapsed']:.2f} h elapsed",
        ),
        (
            off & (start.notna() | end.notna()),
            lambda r: f"{r['state']} is not duty time; start and end must be empty",
        ),
    ]


def _shown(hours: float) -> str:
    return "empty" if pd.isna(hours) else f"{hours:g}"
