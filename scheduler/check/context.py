"""What every rule needs: the scenario's inputs and the roster rows in scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

import pandas as pd

from calendars import bank_holidays
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
    def high_demand_days(self) -> list[Any]:
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
