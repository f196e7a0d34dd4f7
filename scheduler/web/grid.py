"""A contract's month as the planner's wall chart: officers x days, coloured as roster.xlsx
(its state codes and colours, imported, not copied), with a row per tour of officers wanted
(the council's cover, as the model is given it) against officers on it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from calendars import bank_holidays
from scheduler.check.shortfall import council_ask
from scheduler.export.xlsx import RANK_ORDER, STATE_MEANINGS
from scheduler.export.xlsx_cells import STATE_COLOURS
from scheduler.scenario.model import Contract
from scheduler.table import DUTY_STATES, RANK_CODES, STATES, cell_code

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def text_colour(fill: str) -> str:
    """Black or white text, whichever reads on the fill (WCAG relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "000000" if lum > 0.45 else "FFFFFF"


STATE_STYLE: dict[str, tuple[str, str]] = {
    s: (STATE_COLOURS.get(s, "FFFFFF"), text_colour(STATE_COLOURS.get(s, "FFFFFF"))) for s in STATES
}


@dataclass(frozen=True)
class Cell:
    day: date
    state: str
    code: str
    title: str
    pending: bool = False

    @property
    def css(self) -> str:
        return f"s-{self.state.lower()}" + (" pending" if self.pending else "")


@dataclass(frozen=True)
class OfficerRow:
    officer_id: str
    rank: str
    cells: list[Cell | None]  # one per day of the month; None outside the horizon or post
    duty_hours: float


@dataclass(frozen=True)
class CoverRow:
    shift: str
    wanted: list[int | None]
    on: list[int]

    def short(self, i: int) -> bool:
        w = self.wanted[i]
        return w is not None and self.on[i] < w

    @property
    def shortfall_days(self) -> int:
        return sum(self.short(i) for i in range(len(self.on)))


@dataclass(frozen=True)
class MonthGrid:
    first: date
    days: list[date]
    rows: list[OfficerRow]
    cover: list[CoverRow]
    holidays: dict[date, str]
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # state, code, meaning

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.first.month]} {self.first.year}"

    @property
    def shortfalls(self) -> int:
        return sum(c.shortfall_days for c in self.cover)


def month_days(first: date) -> list[date]:
    n = calendar.monthrange(first.year, first.month)[1]
    return [first + timedelta(d) for d in range(n)]


def month_grid(
    contract: Contract,
    rows: pd.DataFrame,
    first: date,
    pending: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]  # read only
    served: tuple[date, date] | None = None,
) -> MonthGrid:
    """The month of ``first``; the council's cover is asked on the days ``served`` (the
    roster's days: none is asked of a day it does not roster) or, without, on every day."""
    days = month_days(first)
    lo, hi = days[0].isoformat(), days[-1].isoformat()
    month = rows[(rows["date"].astype(str) >= lo) & (rows["date"].astype(str) <= hi)]
    holidays = bank_holidays(days[0], days[-1])
    index = {d.isoformat(): i for i, d in enumerate(days)}
    officers: dict[str, OfficerRow] = {}
    on_tour: dict[tuple[int, str], int] = {}
    for oid, rank, day, state, shift, event, hours in zip(
        month["officer_id"],
        month["rank"],
        month["date"].astype(str),
        month["state"],
        month["shift"].fillna("").astype(str),
        month["event"].fillna("").astype(str),
        month["hours"],
        strict=True,
    ):
        row = officers.get(oid)
        if row is None:
            row = officers[oid] = OfficerRow(oid, str(rank), [None] * len(days), 0.0)
        i = index[day]
        title = f"{days[index[day]]:%a %d %b}: " + STATE_MEANINGS.get(state, state)
        title += f": {event}" if event else ""
        row.cells[i] = Cell(days[i], state, cell_code(state, shift), title, (oid, day) in pending)
        if state == "DUTY":
            on_tour[(i, shift)] = on_tour.get((i, shift), 0) + 1
        if state in DUTY_STATES:
            officers[oid] = OfficerRow(oid, row.rank, row.cells, row.duty_hours + float(hours or 0))
    ordered = sorted(officers.values(), key=lambda r: (RANK_ORDER.get(r.rank, 9), r.officer_id))
    # what the council asks of each tour, as roster.xlsx's cover rows and s92 explain read it
    wanted: dict[str, list[int | None]] = {}
    for i, day in enumerate(days):
        if served is not None and not served[0] <= day <= served[1]:
            continue  # before or after the roster: no tour to be short of officers
        for shift, n in council_ask(contract, day).items():
            wanted.setdefault(shift, [None] * len(days))[i] = n
    cover = [
        CoverRow(shift, want, [on_tour.get((i, shift), 0) for i in range(len(days))])
        for shift, want in sorted(wanted.items())
    ]
    legend = [
        (s, cell_code(s, "E") if s != "DUTY" else "E, L, N…", STATE_MEANINGS[s]) for s in STATES
    ]
    return MonthGrid(first, days, ordered, cover, holidays, legend)


def rank_short(rank: str) -> str:
    return RANK_CODES.get(rank, rank)
