"""The roster workbook's hidden data sheet (``scheduler.table.DATA_SHEET``): what a cell
cannot carry. It keeps the codes as written, the rows a code alone does not rebuild (an
abstraction's own times, its event, kind and entry id), the codes a planner may type (the
data validation list) and each code's hours on each day (the hours formulas).
``scheduler.check.workbook`` reads it back; a code means what ``scheduler.check.codes``
says, for the writer as for the reader."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pandas as pd
from openpyxl.utils import get_column_letter

from calendars import clock_change
from scheduler.check.codes import Codes
from scheduler.export.xlsx_cells import Sheet
from scheduler.scenario.model import Scenario, Shift
from scheduler.table import (
    AFRESH_MARK,
    AID_SHIFT,
    DATA_MARK,
    DATA_SHEET,
    DATA_VERSION,
    DETAIL_COLUMNS,
    LABEL_COLUMNS,
    STATE_CODES,
)

FIRST_DAY_COLUMN = LABEL_COLUMNS + 1
_SAFE_CODE = re.compile(r"^[A-Za-z0-9_-]+$")  # a scenario's tour codes: safe in a formula


@dataclass(frozen=True)
class TourTimes:
    """The tour codes, what the legend says of each, and (with a scenario) the tour each
    code gives on each day, as the workbook reader (``check.codes``) computes it."""

    tours: list[tuple[str, str, str, str]]  # (code, clock times, name, nominal hours)
    codes: Codes | None  # None without a scenario: no tour's times are known
    # code -> (clock times, the day and what the clocks do, hours) of each day of the
    # horizon a clock change makes the tour other than its usual times and hours
    changed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    @property
    def tour_codes(self) -> list[str]:
        return [code for code, _, _, _ in self.tours]

    def hours(self, code: str, d: date) -> float:
        tour = self.codes.tour(code, d) if self.codes is not None else None
        return 0.0 if tour is None else tour.hours


def tour_times(
    scenario: Scenario | None, frame: pd.DataFrame, days: Sequence[date] = ()
) -> TourTimes:
    if scenario is None:  # the roster's own duty codes; only safe ones go into formulas
        codes = {c for c in frame.loc[frame["state"] == "DUTY", "shift"] if _SAFE_CODE.match(c)}
        return TourTimes([(code, "", "", "") for code in sorted(codes)], None)
    tours = [
        (s.code, _clock_times(s.start, s.end), s.name, f"{s.nominal_minutes / 60:g}")
        for s in scenario.shifts
    ]
    known = Codes(scenario)
    return TourTimes(tours, known, _changed(known, scenario.shifts, days))


def _changed(
    known: Codes, shifts: Sequence[Shift], days: Sequence[date]
) -> dict[str, list[tuple[str, str, str]]]:
    """Each tour's times and hours on the days of ``days`` a clock change makes them other
    than usual: a tour starting the day of a change or the day before."""
    horizon = set(days)
    changes = {d: clock_change(d, time(1, 30)) for d in days}
    changes = {d: what for d, what in changes.items() if what is not None}
    eves = sorted({e for c in changes for e in (c - timedelta(days=1), c) if e in horizon})
    out: dict[str, list[tuple[str, str, str]]] = {}
    for shift in shifts:
        usual = _clock_times(shift.start, shift.end)
        for d in eves:
            tour = known.tour(shift.code, d)
            if tour is None:
                continue
            times = f"{tour.start[11:16]}-{tour.end[11:16]}"
            if times == usual and abs(tour.hours - shift.nominal_minutes / 60) < 0.01:
                continue
            change = d if d in changes else d + timedelta(days=1)
            what = "go back" if changes[change] == "repeated" else "go forward"
            night = "" if d == change else "the night "
            note = f"{d:%a} {d.isoformat()}, {night}the clocks {what}"
            out.setdefault(shift.code, []).append((times, note, f"{tour.hours:g}"))
    return out


def _clock_times(start: time, end: time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def detail_rows(frame: pd.DataFrame, known: TourTimes, days: Sequence[date]) -> pd.DataFrame:
    """The rows whose cell code does not rebuild them exactly (as check/workbook.py reads a
    code): an abstraction's own times, events, kinds and entry ids, tours at other times.
    Without a scenario no tour is known: every row with a tour or a mark is kept."""
    tours = _tours_by_day(known, days)
    key = frame["shift"].where(frame["state"] == "DUTY", AID_SHIFT)
    want = pd.MultiIndex.from_arrays([key, frame["iso"]])
    found = tours.reindex(want)
    on_tour = (
        frame["state"].isin(("DUTY", "HDD_AID"))
        & (frame["shift"] == key)
        & (frame["start"] == found["start"].to_numpy())
        & (frame["end"] == found["end"].to_numpy())
        & ((frame["hours"] - found["hours"].to_numpy()).abs() < 0.006)
        & (frame["event"] == found["event"].to_numpy())
    )
    off = (
        frame["state"].isin(("REST", "LEAVE", "PUBLIC_HOLIDAY", "SICK"))
        & (frame["start"] == "")
        & (frame["end"] == "")
        & (frame["event"] == "")
        & (frame["hours"] == 0.0)
    )
    unmarked = (frame["kind"] == "") & (frame["abstraction_id"] == "")
    # with no tour's times known (no scenario) a row keeps only its marks: a reader needs
    # the scenario anyway
    plain = unmarked & (frame["event"] == "") if known.codes is None else (on_tour | off) & unmarked
    kept = frame[~plain]
    return kept.assign(date=kept["iso"])[list(DETAIL_COLUMNS)]


def _tours_by_day(known: TourTimes, days: Sequence[date]) -> pd.DataFrame:
    """(code, ISO day) -> start, end, hours, event of every tour a code gives."""
    rows = []
    if known.codes is not None:
        for code in [*known.tour_codes, AID_SHIFT]:
            for d in days:
                tour = known.codes.tour(code, d)
                if tour is not None:
                    rows.append((code, d.isoformat(), tour.start, tour.end, tour.hours, tour.event))
    table = pd.DataFrame(rows, columns=["code", "iso", "start", "end", "hours", "event"])
    return table.set_index(["code", "iso"])


@dataclass(frozen=True)
class DataLayout:
    """Where the data sheet keeps the codes a planner may type and each code's hours."""

    codes: tuple[int, int]  # first and last row of the 'code' block
    hours: tuple[int, int] | None  # first and last row of the 'hours' block

    def codes_range(self) -> str:
        return f"'{DATA_SHEET}'!$B${self.codes[0]}:$B${self.codes[1]}"

    def hours_ranges(self, n_days: int) -> tuple[str, str] | None:
        """(codes column, hours block) for the officers' hours formula."""
        if self.hours is None:
            return None
        a, b = self.hours
        last = get_column_letter(LABEL_COLUMNS + n_days)
        first = get_column_letter(FIRST_DAY_COLUMN)
        return f"'{DATA_SHEET}'!$B${a}:$B${b}", f"'{DATA_SHEET}'!${first}${a}:${last}${b}"


def valid_codes(known: TourTimes) -> list[str]:
    return [*known.tour_codes, *(c for c in STATE_CODES.values() if c)]


def data_layout(known: TourTimes) -> DataLayout:
    n_codes = len(valid_codes(known))
    codes = (2, 1 + n_codes)
    if known.codes is None:
        return DataLayout(codes, None)
    n_hours = len(known.tour_codes) + 1  # and AID
    return DataLayout(codes, (codes[1] + 1, codes[1] + n_hours))


def data_sheet(
    sheet: Sheet,
    scenario_name: str,
    known: TourTimes,
    days: list[date],
    officers: list[tuple[str, str, str, str, str]],
    details: pd.DataFrame,
    made_from: int | None = None,
    afresh: bool = False,
) -> None:
    """The hidden sheet's blocks in the order ``data_layout`` places them; the first row
    names the scenario and, for a roster not itself published, the version it was made
    from (the latest when it was built ``afresh``, marked so: ``write_roster_xlsx``)."""
    sheet.ws.sheet_state = "hidden"
    first = [sheet.cell(DATA_MARK), DATA_VERSION, sheet.cell(scenario_name)]
    if made_from is not None:
        first.append(made_from)
        if afresh:
            first.append(sheet.cell(AFRESH_MARK))
    sheet.append(first)
    for code in valid_codes(known):
        sheet.append([sheet.cell("code"), sheet.cell(code)])
    if known.codes is not None:
        for code in [*known.tour_codes, AID_SHIFT]:
            sheet.append(
                [sheet.cell("hours"), sheet.cell(code), *(known.hours(code, d) for d in days)]
            )
    for title, oid, cid, rank, codes in officers:
        sheet.append([sheet.cell(v) for v in ("officer", title, oid, cid, rank, codes)])
    # a London year's 8,000 rows of 12 cells repeat a few hundred values: one cell each
    for row in details.itertuples(index=False):
        sheet.append([sheet.shared("detail"), *(sheet.shared(v) for v in row)])
