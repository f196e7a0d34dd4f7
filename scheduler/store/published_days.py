"""A published roster's days, officer by officer, read once for the checks of many entries.

Each check of an entry (``applicability_problems``, ``together_problems``) needs its
officer's published states and tour instants. Picking them out of the whole roster table
for every entry made an import of 5,000 rows scan the roster 10,000 times; this index
groups the table once and reads each officer's days the first time they are asked for.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from scheduler.table import DUTY_STATES

Tour = tuple[datetime, datetime]


class PublishedDays:
    """The days of one published roster table, by officer."""

    def __init__(self, published: pd.DataFrame) -> None:
        self._table = published
        self._rows = published.groupby(published["officer_id"].astype(str), sort=False).indices
        self._days: dict[str, dict[date, tuple[str, Tour | None]]] = {}

    @classmethod
    def of(cls, published: pd.DataFrame | PublishedDays | None) -> PublishedDays | None:
        """``published`` as an index (itself when it is one already)."""
        if published is None or isinstance(published, PublishedDays):
            return published
        return cls(published)

    def days(self, officer_id: str) -> dict[date, tuple[str, Tour | None]]:
        """Each of the officer's days: its published state and, on a day with a tour (duty
        time), the tour's instants."""
        if officer_id not in self._days:
            self._days[officer_id] = self._read(officer_id)
        return self._days[officer_id]

    def _read(self, officer_id: str) -> dict[date, tuple[str, Tour | None]]:
        positions = self._rows.get(officer_id)
        if positions is None:
            return {}
        rows = self._table.iloc[positions]
        out: dict[date, tuple[str, Tour | None]] = {}
        for day, state, start, end in zip(
            rows["date"].astype(str).str[:10],
            rows["state"].astype(str),
            rows["start"].astype(str),
            rows["end"].astype(str),
            strict=True,
        ):
            times = None
            if state in DUTY_STATES and start and end:
                times = (datetime.fromisoformat(start), datetime.fromisoformat(end))
            out[date.fromisoformat(day)] = (state, times)
        return out
