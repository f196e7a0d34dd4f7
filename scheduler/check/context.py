"""What every rule needs: the scenario's inputs and the roster rows in scope."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

import pandas as pd

from calendars import HighDemandDay, bank_holidays
from scheduler.scenario.model import Officer, Rules, Scenario


def in_post_span(scenario: Scenario, officer: Officer) -> tuple[date, date] | None:
    """First and last day the officer is in post within the horizon and their contract's
    agreement (None if never)."""
    return scenario.service_span(officer)


def day_runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted distinct days -> maximal runs of consecutive days as (first, last)."""
    out: list[tuple[date, date]] = []
    for d in days:
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


@dataclass
class Context:
    """``rows``: the parsed roster restricted to scenario officers on their in-post horizon
    days, one row per officer-day (duplicates already reported and dropped), sorted."""

    scenario: Scenario
    rows: pd.DataFrame
    spans: dict[str, tuple[date, date]] = field(init=False)
    officers: dict[str, Officer] = field(init=False)
    # officer -> first day of a reference period -> the duty hours it is held to in place
    # of the average's limit (a period that starts before the first day a re-roster may
    # change, over a limit tightened since, as published: ``check.standing``)
    held: Mapping[str, Mapping[date, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.officers = {o.id: o for o in self.scenario.officers}
        spans = {o.id: in_post_span(self.scenario, o) for o in self.scenario.officers}
        self.spans = {k: v for k, v in spans.items() if v is not None}

    @property
    def rules(self) -> Rules:
        return self.scenario.rules

    @cached_property
    def bank_holidays(self) -> dict[date, str]:
        return bank_holidays(self.scenario.start, self.scenario.end)

    @cached_property
    def high_demand_days(self) -> list[HighDemandDay]:
        return self.scenario.high_demand_days()

    @cached_property
    def leave(self) -> dict[str, set[date]]:
        """Scenario leave days of each officer, limited to the in-post horizon."""
        out: dict[str, set[date]] = {}
        for oid, (first, last) in self.spans.items():
            out[oid] = {d for d in self.officers[oid].leave_days() if first <= d <= last}
        return out

    @cached_property
    def tours(self) -> pd.DataFrame:
        """Duty-time rows whose start and end make a real interval, by officer and start."""
        tours = self.rows[self.rows["valid"]]
        return tours.sort_values(["officer_id", "start"], kind="stable")


@dataclass(frozen=True)
class Row:
    """One parsed roster row, typed: what ``itertuples`` gives without types. ``start`` and
    the other instants are None where the cell was empty; ``label`` is the frame's index."""

    label: int
    officer_id: str
    contract_id: str
    day: date
    state: str
    shift: str
    event: str
    kind: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    local_start: pd.Timestamp | None
    local_end: pd.Timestamp | None
    elapsed: float


def dates_of(days: pd.Series) -> list[date]:
    """Each row's day (a parsed roster's ``day`` column) as a date: a year's roster has a
    few hundred distinct days over 120,000 rows, so each is converted once."""
    codes, distinct = pd.factorize(days)
    converted: list[Any] = [d.date() for d in distinct]
    converted.append(pd.NaT)  # code -1, no day: what NaT.date() gives
    return [converted[c] for c in codes]


def records(frame: pd.DataFrame) -> list[Row]:
    """The rows of a parsed roster frame (``parse_roster``, scoped by ``schema.scope``) as
    typed records; meant for the few rows a rule reports, not for whole-table loops."""
    if "elapsed" in frame:
        elapsed = [float(h) for h in frame["elapsed"].tolist()]
    else:
        elapsed = [float("nan")] * len(frame)
    columns = zip(
        frame.index.tolist(),
        frame["officer_id"].tolist(),
        frame["contract_id"].tolist(),
        dates_of(frame["day"]),
        frame["state"].tolist(),
        frame["shift"].tolist(),
        frame["event"].tolist(),
        frame["kind"].tolist(),
        strict=True,
    )
    start, end = _instants(frame["start"]), _instants(frame["end"])
    local_start, local_end = _instants(frame["local_start"]), _instants(frame["local_end"])
    return [
        Row(
            int(label),
            str(oid),
            str(cid),
            day,
            str(state),
            str(shift),
            str(event),
            str(kind),
            start[i],
            end[i],
            local_start[i],
            local_end[i],
            elapsed[i],
        )
        for i, (label, oid, cid, day, state, shift, event, kind) in enumerate(columns)
    ]


def _instants(column: pd.Series) -> list[pd.Timestamp | None]:
    return [None if pd.isna(v) else pd.Timestamp(v) for v in column.tolist()]
