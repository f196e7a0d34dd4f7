"""roster.xlsx: the roster as a planner's wall chart, a sheet per contract.

Officers are rows, days are columns (month band, date, weekday), each cell the officer's
tour code or state code, coloured by state. Totals rows count who is on duty, on aid and
off each day. HDD columns carry a note with the event's name. Written in openpyxl's
write-only mode with one named style per state, so 330 officers x 365 days take seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from calendars import bank_holidays
from scheduler.files import FORMULA_STARTS, atomic_path
from scheduler.table import AID_SHIFT, STATES

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from scheduler.scenario.model import Scenario

__all__ = ["STATE_CODES", "STATE_COLOURS", "TOTALS", "write_roster_xlsx"]

# Cell text per state; DUTY shows its tour code instead.
STATE_CODES: dict[str, str] = {
    "DUTY": "",
    "REST": "R",
    "LEAVE": "AL",
    "PUBLIC_HOLIDAY": "BH",
    "HDD_AID": AID_SHIFT,
    "EMERGENCY_AID": "EM",
    "ABSTRACTED": "AB",
    "SICK": "SK",
    "TRAINING": "TR",
    "COURT": "CT",
}
STATE_MEANINGS: dict[str, str] = {
    "DUTY": "council duty (the tour code)",
    "REST": "rest day",
    "LEAVE": "annual leave",
    "PUBLIC_HOLIDAY": "bank holiday off",
    "HDD_AID": "High Demand Day aid",
    "EMERGENCY_AID": "emergency aid",
    "ABSTRACTED": "other operational abstraction (penalised)",
    "SICK": "sick",
    "TRAINING": "training",
    "COURT": "court",
}
# Paul Tol's 'light' scheme plus Okabe-Ito vermillion: distinguishable with the common
# colour-vision deficiencies; the code in every cell means colour is never the only cue.
STATE_COLOURS: dict[str, str] = {
    "DUTY": "99DDFF",
    "REST": "DDDDDD",
    "LEAVE": "EEDD88",
    "PUBLIC_HOLIDAY": "BBCC33",
    "HDD_AID": "EE8866",
    "EMERGENCY_AID": "FFAABB",
    "ABSTRACTED": "D55E00",
    "SICK": "77AADD",
    "TRAINING": "44BB99",
    "COURT": "AAAA00",
}
_WHITE_TEXT = frozenset({"ABSTRACTED"})  # dark fill

# Totals rows under the officers: label -> states counted.
TOTALS: dict[str, frozenset[str]] = {
    "On duty": frozenset({"DUTY"}),
    "On aid": frozenset({"HDD_AID", "EMERGENCY_AID"}),
    "Other duty": frozenset({"ABSTRACTED", "TRAINING", "COURT"}),
    "Off": frozenset({"REST", "LEAVE", "PUBLIC_HOLIDAY", "SICK"}),
}

RANK_SHORT = {"constable": "PC", "sergeant": "PS", "inspector": "Insp"}
RANK_ORDER = {"inspector": 0, "sergeant": 1, "constable": 2}
WEEKDAY_SHORT = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
HEADER_ROWS = 3  # month band, date, weekday
LABEL_COLUMNS = 2  # officer id, rank
DAY_WIDTH = 4.3
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """One contract's roster as officer rows x day columns."""

    contract_id: str
    officers: list[tuple[str, str]]  # (officer id, rank)
    codes: dict[str, dict[date, tuple[str, str]]]  # officer -> day -> (state, cell text)


def _as_day(value: Any) -> date:
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _cell_text(state: str, shift: Any) -> str:
    if state == "DUTY":
        return str(shift) if isinstance(shift, str) and shift else "D?"
    return STATE_CODES.get(state, state[:2])


def _grids(table: pd.DataFrame) -> list[Grid]:
    grids: list[Grid] = []
    for cid, rows in table.groupby("contract_id", sort=True):
        codes: dict[str, dict[date, tuple[str, str]]] = {}
        ranks: dict[str, str] = {}
        for oid, rank, day, state, shift in zip(
            rows["officer_id"],
            rows["rank"],
            rows["date"],
            rows["state"],
            rows["shift"],
            strict=True,
        ):
            ranks[oid] = rank
            codes.setdefault(oid, {})[_as_day(day)] = (state, _cell_text(state, shift))
        officers = sorted(ranks.items(), key=lambda o: (RANK_ORDER.get(o[1], 9), o[0]))
        grids.append(Grid(str(cid), officers, codes))
    return grids


def _horizon(table: pd.DataFrame, scenario: Scenario | None) -> list[date]:
    if scenario is not None:
        return list(scenario.days)
    days = sorted({_as_day(d) for d in table["date"].unique()})
    if not days:
        return []
    return [days[0] + timedelta(n) for n in range((days[-1] - days[0]).days + 1)]


@dataclass(frozen=True)
class DayNotes:
    """What the date header says about special days."""

    hdds: dict[date, str]  # HDD name by date
    bank_holidays: dict[date, str]

    def note(self, d: date) -> str:
        lines = [self.bank_holidays[d]] if d in self.bank_holidays else []
        if d in self.hdds:
            lines.append(f"HDD: {self.hdds[d]}")
        return "\n".join(lines)

    def style(self, d: date) -> str | None:
        if d in self.hdds:
            return "s92 hdd"
        if d in self.bank_holidays:
            return "s92 bh"
        return "s92 weekend" if d.weekday() >= 5 else None


def _day_notes(table: pd.DataFrame, scenario: Scenario | None, days: Sequence[date]) -> DayNotes:
    """HDD names from the scenario, else from the roster's aid rows; bank holidays."""
    hdds: dict[date, str] = {}
    if scenario is not None:
        hdds.update({h.date: h.name for h in scenario.high_demand_days()})
    aid = table[table["state"] == "HDD_AID"]
    for day, event in zip(aid["date"], aid["event"], strict=True):
        if isinstance(event, str) and event:
            hdds.setdefault(_as_day(day), event)
    holidays = bank_holidays(days[0], days[-1]) if days else {}
    return DayNotes(dict(sorted(hdds.items())), holidays)


# --- styles ------------------------------------------------------------------------------


def _register_styles(wb: Workbook) -> dict[str, StyleArray]:
    """One named style per state and header kind; cells copy its style array, so 120,000
    cells share a dozen style records and no per-cell style lookup is made."""
    thin = Side(style="thin", color="FFFFFF")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center")
    bold = Font(name="Calibri", size=9, bold=True)
    styles = [
        NamedStyle(
            name=f"s92 {state}",
            border=grid,
            alignment=centre,
            font=Font(name="Calibri", size=9, color="FFFFFF" if state in _WHITE_TEXT else "000000"),
            fill=PatternFill("solid", fgColor=colour),
        )
        for state, colour in STATE_COLOURS.items()
    ]
    headers = {
        "month A": "F2F2F2",
        "month B": "D9D9D9",
        "weekend": "BFBFBF",
        "hdd": STATE_COLOURS["HDD_AID"],
        "bh": STATE_COLOURS["PUBLIC_HOLIDAY"],
    }
    for name, colour in headers.items():
        styles.append(
            NamedStyle(
                name=f"s92 {name}",
                font=bold,
                alignment=centre,
                fill=PatternFill("solid", fgColor=colour),
                number_format="dd",
            )
        )
    styles += [
        NamedStyle(name="s92 label", font=Font(name="Calibri", size=9)),
        NamedStyle(name="s92 total", font=bold, alignment=centre),
        NamedStyle(name="s92 title", font=Font(name="Calibri", size=11, bold=True)),
    ]
    for style in styles:
        wb.add_named_style(style)
    return {style.name: style.as_tuple() for style in styles}


class _Sheet:
    """A write-only sheet and the workbook's styles: makes styled, injection-safe cells."""

    def __init__(self, wb: Workbook, title: str, styles: dict[str, StyleArray]) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        self.styles = styles

    def cell(self, value: Any, style: str | None = None) -> Cell:
        """Text is always stored as a string (openpyxl would write '=...' as a formula);
        text a spreadsheet could read as a formula (= + - @) also gets Excel's quote
        prefix, so it stays text even when someone edits the cell."""
        cell = Cell(
            self.ws,
            row=1,
            column=1,
            value=value,
            style_array=self.styles.get(style) if style else None,
        )
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        return cell

    def append(self, row: Iterable[Any]) -> None:
        self.ws.append(list(row))


def _sheet_title(contract_id: str, taken: set[str]) -> str:
    """Excel's rules: 31 characters, none of [ ] : * ? / \\, unique ignoring case."""
    base = _BAD_TITLE.sub("_", contract_id).strip("'")[:31] or "contract"
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        suffix = f"~{n}"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


# --- contract sheets -----------------------------------------------------------------------


def _header_rows(
    sheet: _Sheet, heading: str, days: Sequence[date], info: DayNotes
) -> list[list[Cell | None]]:
    """Month band, date (a real date shown as the day number) and weekday rows."""
    month: list[Cell | None] = [sheet.cell(heading, "s92 title"), None]
    dates: list[Cell | None] = [sheet.cell("Officer", "s92 total"), sheet.cell("Rank", "s92 total")]
    weekdays: list[Cell | None] = [None, None]
    for d in days:
        band = "s92 month A" if (d.year * 12 + d.month) % 2 else "s92 month B"
        label = d.strftime("%b %Y") if d.day == 1 or d == days[0] else None
        month.append(sheet.cell(label, band))
        style = info.style(d) or band
        cell = sheet.cell(datetime(d.year, d.month, d.day), style)
        if note := info.note(d):
            cell.comment = Comment(note, "s92", height=60, width=200)
        dates.append(cell)
        weekdays.append(sheet.cell(WEEKDAY_SHORT[d.weekday()], style))
    return [month, dates, weekdays]


def _officer_row(
    sheet: _Sheet, oid: str, rank: str, row: dict[date, tuple[str, str]], days: Sequence[date]
) -> list[Cell | None]:
    cells: list[Cell | None] = [
        sheet.cell(oid, "s92 label"),
        sheet.cell(RANK_SHORT.get(rank, rank), "s92 label"),
    ]
    for d in days:
        entry = row.get(d)  # no row: not in post that day, left blank
        cells.append(None if entry is None else sheet.cell(entry[1], f"s92 {entry[0]}"))
    return cells


def _totals_rows(sheet: _Sheet, grid: Grid, days: Sequence[date]) -> list[list[Any]]:
    """Plain numbers rather than COUNTIF formulas: readers without a calc engine see them."""
    rows = []
    for label, states in TOTALS.items():
        counts = [
            sum(1 for oid, _ in grid.officers if grid.codes[oid].get(d, ("",))[0] in states)
            for d in days
        ]
        rows.append([sheet.cell(label, "s92 total"), None, *counts])
    return rows


def _contract_sheet(
    sheet: _Sheet, grid: Grid, days: Sequence[date], info: DayNotes, heading: str
) -> None:
    ws = sheet.ws
    ws.freeze_panes = f"{get_column_letter(LABEL_COLUMNS + 1)}{HEADER_ROWS + 1}"
    ws.column_dimensions["A"].width = 11
    ws.column_dimensions["B"].width = 5
    for i in range(len(days)):
        ws.column_dimensions[get_column_letter(LABEL_COLUMNS + 1 + i)].width = DAY_WIDTH
    for row in _header_rows(sheet, heading, days, info):
        sheet.append(row)
    for oid, rank in grid.officers:
        sheet.append(_officer_row(sheet, oid, rank, grid.codes[oid], days))
    for row in _totals_rows(sheet, grid, days):
        sheet.append(row)


def _legend_sheet(
    sheet: _Sheet, hdds: dict[date, str], tours: Sequence[tuple[str, str, str]]
) -> None:
    """What each code and colour means, the tours (when known) and the HDDs."""
    ws = sheet.ws
    for column, width in (("A", 12), ("B", 16), ("C", 44)):
        ws.column_dimensions[column].width = width
    sheet.append(sheet.cell(h, "s92 total") for h in ("Code", "State", "Meaning"))
    duty_codes = ", ".join(code for code, _, _ in tours) or "tour code"
    for state in STATES:
        code = STATE_CODES[state] or duty_codes
        sheet.append(
            [sheet.cell(code, f"s92 {state}"), sheet.cell(state), sheet.cell(STATE_MEANINGS[state])]
        )
    sheet.append([])
    if tours:
        sheet.append([sheet.cell("Tours", "s92 title")])
        for row in tours:
            sheet.append(sheet.cell(text) for text in row)
        sheet.append([])
    sheet.append([sheet.cell("High Demand Days", "s92 title")])
    for d, name in hdds.items():
        sheet.append(
            [sheet.cell(d.isoformat()), sheet.cell(WEEKDAY_SHORT[d.weekday()]), sheet.cell(name)]
        )


def _tours(table: pd.DataFrame, scenario: Scenario | None) -> list[tuple[str, str, str]]:
    """(code, clock times, name) of the scenario's tours, else the roster's duty codes."""
    if scenario is not None:
        return [(t.code, f"{t.start:%H:%M}-{t.end:%H:%M}", t.name) for t in scenario.shifts]
    codes = table.loc[table["state"] == "DUTY", "shift"].dropna().astype(str).unique()
    return [(code, "", "") for code in sorted(c for c in codes if c)]


def _heading(contract_id: str, scenario: Scenario | None) -> str:
    if scenario is not None:
        for c in scenario.contracts:
            if c.id == contract_id:
                return f"{c.id}: {c.council} ({c.bcu})"
    return contract_id


# --- entry point ---------------------------------------------------------------------------


def write_roster_xlsx(
    roster_df: pd.DataFrame, path: str | Path, scenario: Scenario | None = None
) -> Path:
    """Write the roster table as a workbook: a sheet per contract, then a legend sheet.

    ``scenario`` (optional) fixes the horizon, names each council and supplies the HDD
    names; without it the days and HDDs come from the roster itself. Written atomically.
    """
    path = Path(path)
    days = _horizon(roster_df, scenario)
    info = _day_notes(roster_df, scenario, days)
    wb = Workbook(write_only=True)
    styles = _register_styles(wb)
    taken: set[str] = set()
    for grid in _grids(roster_df):
        sheet = _Sheet(wb, _sheet_title(grid.contract_id, taken), styles)
        _contract_sheet(sheet, grid, days, info, _heading(grid.contract_id, scenario))
    legend = _Sheet(wb, _sheet_title("Legend", taken), styles)
    _legend_sheet(legend, info.hdds, _tours(roster_df, scenario))
    _save(wb, path)
    return path


def _save(wb: Workbook, path: Path) -> None:
    """Never leave a half-written workbook where a council expects the real one."""
    with atomic_path(path) as tmp:
        wb.save(tmp)
