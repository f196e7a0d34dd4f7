"""Live abstractions overlaid on a roster table (DESIGN.md §5).

Each abstracted officer-day takes the state of its kind, the entry's reason as ``event``,
its kind and id. An entry with its own start/end works that tour (real London times,
hours recomputed); without, the officer keeps the tour rostered that day. Sickness is
SICK with no times and 0 hours, except on a rest day, which stays REST (marked with the
entry): sickness loses duty days, not rest days. Were rest days turned SICK, a long
spell would leave the rest of the year too few days to give back the rest days it took,
and re-rostering would find no lawful roster; a council would see them as absence too.

A duty kind without times of its own on a day with no tour (REST, LEAVE, PUBLIC_HOLIDAY,
SICK) has no tour to keep: that day is left unchanged and reported as a ``SkippedDay``
rather than raising, so one odd entry does not stop a whole re-roster. Days with no roster
row (outside the horizon, not in post, officer not in the scenario) are reported the same
way. ``apply_abstractions`` returns just the table; ``overlay_abstractions`` both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from calendars import tour_interval
from scheduler.scenario.model import Scenario
from scheduler.store.entries import Abstraction
from scheduler.table import AID_SHIFT, DUTY_STATES, EXTRA_COLUMNS, state_for_kind

SICKNESS = "sickness"
_CHANGED = ("state", "shift", "start", "end", "hours", "event", "kind", "abstraction_id")


@dataclass(frozen=True)
class SkippedDay:
    """An officer-day an entry covers but could not change; ``state`` is what it stays."""

    abstraction_id: int
    officer_id: str
    day: date
    state: str
    why: str


@dataclass(frozen=True)
class Overlay:
    table: pd.DataFrame
    skipped: tuple[SkippedDay, ...]


def apply_abstractions(
    roster_df: pd.DataFrame, abstractions: Iterable[Abstraction], scenario: Scenario | None
) -> pd.DataFrame:
    """The roster with live abstractions applied; skipped days are left as they were (use
    ``overlay_abstractions`` to see them)."""
    return overlay_abstractions(roster_df, abstractions, scenario).table


def overlay_abstractions(
    roster_df: pd.DataFrame, abstractions: Iterable[Abstraction], scenario: Scenario | None
) -> Overlay:
    """Apply live entries in id order (voided and voiding entries are ignored); the input
    table is not modified. ``scenario`` limits the overlay to its officers when given."""
    table = roster_df.copy()
    for column in EXTRA_COLUMNS:
        table[column] = _as_text(table[column]) if column in table else ""
    rows = _row_index(table)
    states = table["state"].tolist()
    officers = None if scenario is None else {o.id for o in scenario.officers}
    changes: dict[str, dict[int, Any]] = {c: {} for c in _CHANGED}
    skipped: list[SkippedDay] = []
    live = sorted((a for a in abstractions if a.is_live), key=lambda a: a.id)
    for a in live:
        for day in a.days():
            i = rows.get((a.officer_id, day.isoformat()))
            if officers is not None and a.officer_id not in officers:
                skipped.append(SkippedDay(a.id, a.officer_id, day, "", "officer not in scenario"))
                continue
            if i is None:
                skipped.append(SkippedDay(a.id, a.officer_id, day, "", "no roster row that day"))
                continue
            fields = _day_change(a, day, states[i])
            if isinstance(fields, str):
                skipped.append(SkippedDay(a.id, a.officer_id, day, states[i], fields))
                continue
            states[i] = fields["state"]
            for column, value in fields.items():
                changes[column][i] = value
    for column, changed in changes.items():
        if changed:
            table[column] = _rebuilt(table[column], changed)
    return Overlay(table, tuple(skipped))


def voided_rows(table: pd.DataFrame, live: Iterable[Abstraction]) -> pd.Series:
    """Rows that carry the id of an entry not among ``live``: a published roster still
    following an entry voided since."""
    if "abstraction_id" not in table.columns:
        return pd.Series(False, index=table.index)
    ids = table["abstraction_id"].fillna("").astype(str)
    return (ids != "") & ~ids.isin({str(a.id) for a in live if a.is_live})


def _day_change(a: Abstraction, day: date, state: str) -> dict[str, Any] | str:
    """The new fields of one officer-day, or why the day cannot take the entry."""
    marks = {"event": a.reason, "kind": a.kind, "abstraction_id": str(a.id)}
    if a.kind == SICKNESS:
        if state == "REST":
            return {"state": "REST", **marks}
        return {"state": "SICK", "shift": "", "start": "", "end": "", "hours": 0.0, **marks}
    new_state = state_for_kind(a.kind)
    fields: dict[str, Any] = {"state": new_state, **marks}
    if a.start is not None and a.end is not None:
        try:
            begins, ends = tour_interval(day, a.start, a.end)
        except ValueError as exc:
            return str(exc)
        fields.update(start=_iso(begins), end=_iso(ends), hours=_hours(begins, ends))
        fields["shift"] = AID_SHIFT if new_state == "HDD_AID" else ""  # a one-off tour
    elif state not in DUTY_STATES:
        return f"{a.kind} on a {state} day needs start and end times: no tour to keep"
    elif new_state == "HDD_AID":
        fields["shift"] = AID_SHIFT
    return fields


def _row_index(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    dates = table["date"]
    if pd.api.types.is_datetime64_any_dtype(dates):
        dates = dates.dt.strftime("%Y-%m-%d")
    keys = zip(table["officer_id"].astype(str), dates.astype(str).str[:10], strict=True)
    return {key: i for i, key in enumerate(keys)}


def _as_text(series: pd.Series) -> pd.Series:
    """Extension columns as text: a CSV round trip turns "" into NaN and 12 into 12.0."""
    if pd.api.types.is_numeric_dtype(series):
        return pd.Series(
            [
                "" if pd.isna(v) else str(int(v)) if float(v).is_integer() else str(v)
                for v in series
            ],
            index=series.index,
            dtype=object,
        )
    return series.fillna("")


def _rebuilt(series: pd.Series, changed: dict[int, Any]) -> pd.Series:
    values = series.tolist()
    for i, value in changed.items():
        values[i] = value
    try:
        return pd.Series(values, index=series.index, dtype=series.dtype, name=series.name)
    except (TypeError, ValueError):  # e.g. text into a column read as all-NaN floats
        return pd.Series(values, index=series.index, name=series.name)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")  # as scheduler.roster.assemble writes it


def _hours(begins: datetime, ends: datetime) -> float:
    elapsed = ends.astimezone(UTC) - begins.astimezone(UTC)  # real time, not wall time
    return round(elapsed.total_seconds() / 3600, 2)
