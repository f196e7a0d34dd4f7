"""roster.xlsx: the roster as a planner's wall chart and working copy, a sheet per contract.

Officers are rows, days are columns (month band, date, weekday), each cell the officer's
tour code or state code (``scheduler.table.STATE_CODES``), coloured by state. Under the
officers, what the council asked for on each tour against who is on it (shortfalls
highlighted), then day totals; to the right, hours, tours and rest days per officer. Totals
and hours are Excel formulas, so a planner's edit updates them, and day cells accept only
known codes (data validation). Pages print landscape, a month a page, with the officer
columns and header rows on each.

A hidden sheet (``scheduler.table.DATA_SHEET``) keeps what a cell cannot carry: the codes as
written, the rows a code alone does not rebuild (an abstraction's own times, its event,
kind and entry id), and each code's hours per day. ``scheduler.check.workbook`` reads the
workbook back: an unchanged cell keeps its row, an edited cell takes its code's meaning.
Styles and cells live in ``xlsx_cells``, the data sheet in ``xlsx_data``; this module lays
out the sheets.

Written in openpyxl's write-only mode with one named style per state, so 330 officers x
365 days take seconds.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from calendars import bank_holidays
from scheduler.check.shortfall import council_ask
from scheduler.export.xlsx_cells import (
    A4_LANDSCAPE_INCHES,
    MARGIN_INCHES,
    SHORTFALL_COLOUR,
    STATE_COLOURS,
    Sheet,
    codes_array,
    page_header_text,
    printed_points,
    register_styles,
    sheet_title,
    streamed_workbook,
)
from scheduler.export.xlsx_data import (
    DataLayout,
    TourTimes,
    data_layout,
    data_sheet,
    detail_rows,
    tour_times,
)
from scheduler.files import write_saved
from scheduler.table import (
    CODE_SEPARATOR,
    DATA_SHEET,
    EXTRA_COLUMNS,
    HEADER_ROWS,
    LABEL_COLUMNS,
    RANK_CODES,
    STATE_CODES,
    STATES,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from scheduler.scenario.model import Contract, Scenario

__all__ = ["STATE_CODES", "STATE_COLOURS", "TOTALS", "write_roster_xlsx"]

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
# Totals rows under the officers: label -> states counted (DUTY counts every tour code).
TOTALS: dict[str, frozenset[str]] = {
    "On duty": frozenset({"DUTY"}),
    "On aid": frozenset({"HDD_AID", "EMERGENCY_AID"}),
    "Other duty": frozenset({"ABSTRACTED", "TRAINING", "COURT"}),
    "Off": frozenset({"REST", "LEAVE", "PUBLIC_HOLIDAY", "SICK"}),
}
SUMMARY = ("Hours", "Tours", "Rest days")  # columns right of the last day, per officer

RANK_ORDER = {"inspector": 0, "sergeant": 1, "constable": 2}
WEEKDAY_SHORT = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_WIDTH = 4.3
LABEL_WIDTHS = (11, 5)  # officer id, rank
SUMMARY_WIDTH = 8
TITLE_HEIGHT = 40  # points, at least: the contract heading wraps in the label columns
TITLE_LINE = 13  # points a line of the heading takes (10 pt bold)
FIRST_DAY_COLUMN = LABEL_COLUMNS + 1
A4 = 9  # OOXML paper size

# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """One contract's roster as officer rows x day columns."""

    contract_id: str
    officers: list[tuple[str, str]]  # (officer id, rank)
    codes: dict[str, dict[str, tuple[str, str]]]  # officer -> ISO day -> (state, cell text)


TEXT = ("officer_id", "contract_id", "rank", "state", "shift", "start", "end", "event")


def _prepared(table: pd.DataFrame) -> pd.DataFrame:
    """The roster table as text (empty for missing), ``iso`` days, float hours and each
    row's cell ``code``: whole-column work, once, for a London year's 120,000 rows."""
    out = pd.DataFrame(index=table.index)
    for column in (*TEXT, *EXTRA_COLUMNS):
        out[column] = table[column].fillna("").astype(str) if column in table else ""
    out["abstraction_id"] = out["abstraction_id"].str.replace(r"\.0$", "", regex=True)
    dates = table["date"]
    if pd.api.types.is_datetime64_any_dtype(dates):
        out["iso"] = dates.dt.strftime("%Y-%m-%d")
    else:
        out["iso"] = [d.isoformat() if isinstance(d, date) else str(d)[:10] for d in dates]
    out["hours"] = pd.to_numeric(table["hours"], errors="coerce").fillna(0.0).astype(float)
    others = out["state"].map(STATE_CODES).fillna(out["state"].str[:2])
    duty = out["state"] == "DUTY"
    out["code"] = others.where(~duty, out["shift"].where(out["shift"] != "", "D?"))
    return out


def _grids(frame: pd.DataFrame) -> list[Grid]:
    grids: list[Grid] = []
    for cid, rows in frame.groupby("contract_id", sort=True):
        codes: dict[str, dict[str, tuple[str, str]]] = {}
        ranks: dict[str, str] = {}
        for oid, rank, iso, state, code in zip(
            rows["officer_id"].tolist(),
            rows["rank"].tolist(),
            rows["iso"].tolist(),
            rows["state"].tolist(),
            rows["code"].tolist(),
            strict=True,
        ):
            ranks[oid] = rank
            codes.setdefault(oid, {})[iso] = (state, code)
        officers = sorted(ranks.items(), key=lambda o: (RANK_ORDER.get(o[1], 9), o[0]))
        grids.append(Grid(str(cid), officers, codes))
    return grids


def _horizon(frame: pd.DataFrame, scenario: Scenario | None) -> list[date]:
    if scenario is not None:
        return list(scenario.days)
    days = sorted(date.fromisoformat(d) for d in frame["iso"].unique())
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


def _day_notes(frame: pd.DataFrame, scenario: Scenario | None, days: Sequence[date]) -> DayNotes:
    """HDD names from the scenario, else from the roster's aid rows; bank holidays."""
    hdds: dict[date, str] = {}
    if scenario is not None:
        hdds.update({h.date: h.name for h in scenario.high_demand_days()})
    aid = frame[(frame["state"] == "HDD_AID") & (frame["event"] != "")]
    for iso, event in zip(aid["iso"].tolist(), aid["event"].tolist(), strict=True):
        hdds.setdefault(date.fromisoformat(iso), event)
    holidays = bank_holidays(days[0], days[-1]) if days else {}
    return DayNotes(dict(sorted(hdds.items())), holidays)


def _written_codes(grid: Grid, days: Sequence[date]) -> dict[str, str]:
    return {
        oid: CODE_SEPARATOR.join(grid.codes[oid].get(d.isoformat(), ("", ""))[1] for d in days)
        for oid, _ in grid.officers
    }


# --- contract sheets -----------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPlan:
    """Where things sit on one contract sheet (1-based rows)."""

    n_officers: int
    n_days: int
    cover_codes: list[str]

    @property
    def first_officer(self) -> int:
        return HEADER_ROWS + 1

    @property
    def last_officer(self) -> int:
        return HEADER_ROWS + self.n_officers

    @property
    def last_day_column(self) -> int:
        return LABEL_COLUMNS + self.n_days

    def officer_range(self, column: str, absolute: bool = True) -> str:
        lock = "$" if absolute else ""
        return f"{column}{lock}{self.first_officer}:{column}{lock}{self.last_officer}"

    def cover_rows(self) -> list[tuple[str, int, int]]:
        """(tour code, 'wanted' row, 'on duty' row) below a blank row and a title row."""
        first = self.last_officer + 3
        return [(c, first + 2 * k, first + 2 * k + 1) for k, c in enumerate(self.cover_codes)]


def _header_rows(
    sheet: Sheet, heading: str, days: Sequence[date], info: DayNotes
) -> list[list[Cell | None]]:
    """Month band, date (a real date shown as the day number) and weekday rows, and the
    headings of the per-officer summary columns."""
    month: list[Cell | None] = [sheet.cell(heading, "s92 heading"), None]
    dates: list[Cell | None] = [sheet.cell("Officer", "s92 total"), sheet.cell("Rank", "s92 total")]
    weekdays: list[Cell | None] = [None, None]
    for d in days:
        band = "s92 month A" if (d.year * 12 + d.month) % 2 else "s92 month B"
        label = d.strftime("%b %Y") if d.day == 1 or d == days[0] else None
        month.append(sheet.shared(label, f"{band} label"))
        style = info.style(d) or band
        cell = sheet.cell(datetime(d.year, d.month, d.day), style)
        if note := info.note(d):
            cell.comment = Comment(note, "s92", height=60, width=200)
        dates.append(cell)
        weekdays.append(sheet.shared(WEEKDAY_SHORT[d.weekday()], style))
    dates += [sheet.cell(title, "s92 total") for title in SUMMARY]
    return [month, dates, weekdays]


def _officer_row(
    sheet: Sheet,
    oid: str,
    rank: str,
    row: dict[str, tuple[str, str]],
    isos: Sequence[str],
    summary: list[Cell],
) -> list[Cell | None]:
    cells: list[Cell | None] = [
        sheet.cell(oid, "s92 label"),
        sheet.cell(RANK_CODES.get(rank, rank), "s92 label"),
    ]
    for iso in isos:
        entry = row.get(iso)  # no row: not in post that day, left blank
        cells.append(None if entry is None else sheet.shared(entry[1], f"s92 {entry[0]}"))
    return cells + summary


def _summary_cells(
    sheet: Sheet, r: int, plan: SheetPlan, known: TourTimes, layout: DataLayout
) -> list[Cell]:
    """Hours (each code's elapsed hours that day, from the data sheet), tours, rest days."""
    first, last = get_column_letter(FIRST_DAY_COLUMN), get_column_letter(plan.last_day_column)
    cells = f"{first}{r}:{last}{r}"
    out = []
    ranges = layout.hours_ranges(plan.n_days)
    if ranges is None:
        out.append(sheet.cell(None))
    else:
        codes, hours = ranges
        out.append(sheet.formula(f"=SUMPRODUCT(({cells}={codes})*{hours})", "s92 hours"))
    tours = codes_array(known.tour_codes) if known.tour_codes else '{""}'
    out.append(sheet.formula(f"=SUM(COUNTIF({cells},{tours}))", "s92 count"))
    out.append(sheet.formula(f'=COUNTIF({cells},"{STATE_CODES["REST"]}")', "s92 count"))
    return out


def _cover_rows(
    sheet: Sheet,
    plan: SheetPlan,
    contract: Contract | None,
    days: Sequence[date],
) -> list[list[Any]]:
    """What the council asked for on each tour, against who is on it (a COUNTIF of the
    officers' cells) on the days it asked; the highlight is conditional formatting, so it
    follows edits. Days with no ask stay blank (a London year is 60,000 fewer cells)."""
    if contract is None or not plan.cover_codes:
        return []
    asks = [council_ask(contract, d) for d in days]
    rows: list[list[Any]] = [[], [sheet.cell("Council asked for", "s92 title")]]
    for code, _, _ in plan.cover_rows():
        wanted: list[Cell | None] = []
        on: list[Cell | None] = []
        for i, ask in enumerate(asks):
            n = ask.get(code, 0)
            if not n:
                wanted.append(None)
                on.append(None)
                continue
            column = get_column_letter(FIRST_DAY_COLUMN + i)
            wanted.append(sheet.shared(n, "s92 count"))
            on.append(
                sheet.formula(f'=COUNTIF({plan.officer_range(column)},"{code}")', "s92 count")
            )
        rows.append([sheet.cell(f"{code} wanted", "s92 label"), None, *wanted])
        rows.append([sheet.cell(f"{code} on duty", "s92 total"), None, *on])
    return rows


def _totals_rows(sheet: Sheet, plan: SheetPlan, known: TourTimes, n_days: int) -> list[list[Any]]:
    """A formula per day, so a planner's edit updates them."""
    rows: list[list[Any]] = [[]]
    for label, states in TOTALS.items():
        codes = (
            known.tour_codes
            if states == TOTALS["On duty"]
            else [STATE_CODES[s] for s in STATES if s in states]
        )
        array = codes_array(codes) if codes else '{""}'
        cells = [
            sheet.formula(
                f"=SUM(COUNTIF({plan.officer_range(get_column_letter(FIRST_DAY_COLUMN + i))},{array}))",
                "s92 total",
            )
            for i in range(n_days)
        ]
        rows.append([sheet.cell(label, "s92 total"), None, *cells])
    return rows


def _contract_sheet(
    sheet: Sheet,
    grid: Grid,
    days: Sequence[date],
    info: DayNotes,
    heading: str,
    contract: Contract | None,
    known: TourTimes,
    layout: DataLayout,
) -> None:
    cover_codes = sorted(contract.tasked_tours, key=_tour_order(known)) if contract else []
    plan = SheetPlan(len(grid.officers), len(days), cover_codes)
    _sheet_format(sheet.ws, days, heading)
    for row in _header_rows(sheet, heading, days, info):
        sheet.append(row)
    isos = [d.isoformat() for d in days]
    for k, (oid, rank) in enumerate(grid.officers):
        summary = _summary_cells(sheet, plan.first_officer + k, plan, known, layout)
        sheet.append(_officer_row(sheet, oid, rank, grid.codes[oid], isos, summary))
    for row in _cover_rows(sheet, plan, contract, days):
        sheet.append(row)
    for row in _totals_rows(sheet, plan, known, len(days)):
        sheet.append(row)
    _validate_codes(sheet.ws, plan, layout)
    _highlight_shortfalls(sheet.ws, plan)


def _tour_order(known: TourTimes) -> Any:
    order = {code: i for i, code in enumerate(known.tour_codes)}
    return lambda code: (order.get(code, len(order)), code)


def _validate_codes(ws: Worksheet, plan: SheetPlan, layout: DataLayout) -> None:
    """Day cells take only a tour code or a state code (the list on the data sheet)."""
    if not plan.n_officers or not plan.n_days:
        return
    last = get_column_letter(plan.last_day_column)
    rule = DataValidation(
        type="list",
        formula1=layout.codes_range(),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a roster code",
        error="Type a tour code or R, AL, BH, AID, EM, AB, SK, TR, CT (see the Legend sheet).",
    )
    rule.add(f"{get_column_letter(FIRST_DAY_COLUMN)}{plan.first_officer}:{last}{plan.last_officer}")
    ws.data_validations.append(rule)


def _highlight_shortfalls(ws: Worksheet, plan: SheetPlan) -> None:
    fill = PatternFill("solid", fgColor=SHORTFALL_COLOUR, bgColor=SHORTFALL_COLOUR)
    font = Font(color="FFFFFF", bold=True)
    first, last = get_column_letter(FIRST_DAY_COLUMN), get_column_letter(plan.last_day_column)
    for _, wanted, on in plan.cover_rows():
        rule = FormulaRule(formula=[f"{first}{on}<{first}{wanted}"], fill=fill, font=font)
        ws.conditional_formatting.add(f"{first}{on}:{last}{on}", rule)


def _sheet_format(ws: Worksheet, days: Sequence[date], heading: str) -> None:
    """Frozen labels, column widths, and the print layout: A4 landscape, a month a page
    scaled to fit the page width, officer columns and header rows repeated on every page."""
    ws.freeze_panes = f"{get_column_letter(FIRST_DAY_COLUMN)}{HEADER_ROWS + 1}"
    for column, width in zip("AB", LABEL_WIDTHS, strict=True):
        ws.column_dimensions[column].width = width
    for i in range(len(days)):
        ws.column_dimensions[get_column_letter(FIRST_DAY_COLUMN + i)].width = DAY_WIDTH
    for i in range(len(SUMMARY)):
        ws.column_dimensions[
            get_column_letter(FIRST_DAY_COLUMN + len(days) + i)
        ].width = SUMMARY_WIDTH
    ws.merged_cells.add(f"A1:{get_column_letter(LABEL_COLUMNS)}1")  # the heading wraps in both
    ws.row_dimensions[1].height = _title_height(heading)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    pages = _month_pages(days)
    for first in pages[1:]:  # a break left of each month's first column
        ws.col_breaks.append(Break(id=LABEL_COLUMNS + first))
    if len(pages) > 1:  # the hours, tours and rest days on a page of their own
        ws.col_breaks.append(Break(id=LABEL_COLUMNS + len(days)))
    ws.page_setup.scale = _print_scale(days, pages)
    ws.print_title_rows = f"1:{HEADER_ROWS}"
    ws.print_title_cols = f"A:{get_column_letter(LABEL_COLUMNS)}"
    ws.page_margins = PageMargins(
        left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.6, bottom=0.6, header=0.3, footer=0.3
    )
    header, footer = ws.oddHeader, ws.oddFooter
    if header is not None and footer is not None:  # openpyxl always makes both
        header.left.text = page_header_text(heading)
        footer.left.text = "s92 roster, printed &D"
        footer.right.text = "Page &P of &N"


def _title_height(heading: str) -> float:
    """Row 1's height: every line of the heading as it wraps in the label columns (a long
    council name runs to four or five), ``TITLE_HEIGHT`` at least."""
    lines = textwrap.wrap(heading, width=sum(LABEL_WIDTHS)) or [""]
    return max(TITLE_HEIGHT, TITLE_LINE * len(lines) + 2)


def _month_pages(days: Sequence[date]) -> list[int]:
    """Index of the first day on each printed page: the horizon's first day, then each 1st."""
    return [i for i, d in enumerate(days) if i == 0 or d.day == 1]


def _print_scale(days: Sequence[date], pages: list[int]) -> int:
    """The largest print scale (%) at which the widest page (labels and a month's days, or
    the labels and the summary columns) fits the page width."""
    bounds = [*pages, len(days)]
    widest = max((b - a for a, b in itertools.pairwise(bounds)), default=0)
    days_width = widest * printed_points(DAY_WIDTH)
    summary_width = len(SUMMARY) * printed_points(SUMMARY_WIDTH)
    if len(pages) <= 1:  # one page: the summary columns beside the days
        days_width += summary_width
    width = sum(printed_points(w) for w in LABEL_WIDTHS) + max(days_width, summary_width)
    usable = (A4_LANDSCAPE_INCHES - 2 * MARGIN_INCHES) * 72
    return max(10, min(100, int(100 * usable / width)))


def _legend_sheet(sheet: Sheet, hdds: dict[date, str], known: TourTimes) -> None:
    """What each code and colour means, the tours (when known), the HDDs, and how to edit;
    printed on one page."""
    ws = sheet.ws
    for column, width in (("A", 12), ("B", 16), ("C", 44), ("D", 8)):
        ws.column_dimensions[column].width = width
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    sheet.append(sheet.cell(h, "s92 total") for h in ("Code", "State", "Meaning"))
    tours = known.tours
    duty_codes = ", ".join(code for code, _, _, _ in tours) or "tour code"
    for state in STATES:
        code = STATE_CODES[state] or duty_codes
        sheet.append(
            [sheet.cell(code, f"s92 {state}"), sheet.cell(state), sheet.cell(STATE_MEANINGS[state])]
        )
    sheet.append([])
    if tours:
        sheet.append(
            [sheet.cell("Tours", "s92 title"), None, None, sheet.cell("hours", "s92 total")]
        )
        for code, times, name, hours in tours:
            sheet.append([sheet.cell(code), sheet.cell(times), sheet.cell(name), sheet.cell(hours)])
            for on, note, hours_on in known.changed.get(code, []):  # the clock changes
                sheet.append([None, sheet.cell(on), sheet.cell(note), sheet.cell(hours_on)])
        sheet.append([])
    sheet.append([sheet.cell("High Demand Days", "s92 title")])
    for d, name in hdds.items():
        sheet.append(
            [sheet.cell(d.isoformat()), sheet.cell(WEEKDAY_SHORT[d.weekday()]), sheet.cell(name)]
        )
    sheet.append([])
    sheet.append([sheet.cell("Editing this workbook", "s92 title")])
    for line in EDITING:
        sheet.append([sheet.cell(line, "s92 note")])


EDITING = (
    "Type a tour code or a state code in a day cell; the totals, the cover rows and each "
    "officer's hours update.",
    "Times come from the tour (the clock changes included); an abstraction typed over a tour "
    "keeps that tour's times.",
    "Red under 'Council asked for': fewer officers on that tour than the council asked for "
    "(s92 explain says why).",
    "s92 check SCENARIO roster.xlsx re-checks every rule; s92 publish SCENARIO roster.xlsx "
    "stores it and writes changes.csv.",
    "Officers' rows may be sorted and sheets renamed; keep the dates in row 2 and the hidden "
    "s92-data sheet.",
)


def _heading(contract_id: str, scenario: Scenario | None) -> str:
    contract = _contract(contract_id, scenario)
    if contract is not None:
        return f"{contract.id}: {contract.council} ({contract.bcu})"
    return contract_id


def _contract(contract_id: str, scenario: Scenario | None) -> Contract | None:
    if scenario is not None:
        for c in scenario.contracts:
            if c.id == contract_id:
                return c
    return None


# --- entry point ---------------------------------------------------------------------------


def write_roster_xlsx(
    roster_df: pd.DataFrame,
    path: str | Path,
    scenario: Scenario | None = None,
    *,
    made_from: int | None = None,
    afresh: bool = False,
    name_scenario: bool = True,
) -> Path:
    """Write the roster table as a workbook: a sheet per contract, the legend, and the
    hidden data sheet ``s92 check``/``s92 publish`` read back.

    ``made_from``: the published version a roster not itself published was made from (a
    re-roster's without ``--publish``), which ``s92 publish`` holds it to; with ``afresh``,
    a roster built from the scenario alone (``s92 roster`` without ``--publish``) and the
    version latest when it was built (0: none), so that publishing it reads no earlier one.

    ``scenario`` (optional) fixes the horizon, names each council, supplies the HDD names,
    the tours' times and the council's cover; without it the days, tours and HDDs come from
    the roster itself (and there are no cover rows or hours). ``name_scenario=False``
    leaves the scenario's name off the data sheet (a council's copy: the planners' name for
    a scenario may name the other councils in it; nothing reads it back). Written
    atomically.
    """
    path = Path(path)
    frame = _prepared(roster_df)
    days = _horizon(frame, scenario)
    info = _day_notes(frame, scenario, days)
    known = tour_times(scenario, frame, days)
    layout = data_layout(known)
    with streamed_workbook() as wb:
        styles = register_styles(wb)
        taken = {DATA_SHEET.lower()}
        officers: list[tuple[str, str, str, str, str]] = []
        for grid in _grids(frame):
            title = sheet_title(grid.contract_id, taken)
            sheet = Sheet(wb, title, styles)
            contract = _contract(grid.contract_id, scenario)
            heading = _heading(grid.contract_id, scenario)
            _contract_sheet(sheet, grid, days, info, heading, contract, known, layout)
            written = _written_codes(grid, days)
            officers += [
                (title, oid, grid.contract_id, rank, written[oid]) for oid, rank in grid.officers
            ]
        legend = Sheet(wb, sheet_title("Legend", taken), styles)
        _legend_sheet(legend, info.hdds, known)
        details = detail_rows(frame, known, days)
        data_sheet(
            Sheet(wb, DATA_SHEET, styles),
            scenario.name if scenario is not None and name_scenario else "",
            known,
            days,
            officers,
            details,
            made_from,
            afresh,
        )
        _save(wb, path)
    return path


def written_codes_of(
    roster_df: pd.DataFrame, scenario: Scenario | None = None
) -> dict[tuple[str, str], list[str]]:
    """The day codes ``write_roster_xlsx`` would record on the hidden data sheet for this
    roster, by (sheet, officer), without writing the workbook: what
    ``scheduler.check.workbook.written_codes`` reads back from one."""
    frame = _prepared(roster_df)
    days = _horizon(frame, scenario)
    taken = {DATA_SHEET.lower()}
    out: dict[tuple[str, str], list[str]] = {}
    for grid in _grids(frame):
        title = sheet_title(grid.contract_id, taken)
        for oid, codes in _written_codes(grid, days).items():
            out[title, oid] = codes.split(CODE_SEPARATOR)
    return out


def _save(wb: Workbook, path: Path) -> None:
    """Never leave a half-written workbook where a council expects the real one."""
    write_saved(path, wb.save)
