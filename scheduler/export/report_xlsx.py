"""report.xlsx: the delivery report as a workbook a council reads without help.

Sheets: Summary (a column per contract and their total, a row per figure), Contracts (report.csv's
table), a sheet per contract month by month with its charts, Penalties (every penalty itemised), Missing rows (when the source has gaps) and
Definitions. Plain-English headers with units; dates are dates, money is currency,
percentages are percentages; panes frozen below the headers and filters on every table.
Text a spreadsheet would run as a formula is neutralised the way roster.xlsx's is (Excel's quote
prefix: it shows as typed and never runs).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.marker import Marker
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.accounting.delivery import Delivery, contracts_total
from scheduler.accounting.ledger import DAYS_SCALE, EXACT_MONEY_COLUMNS
from scheduler.accounting.money import PENNY, as_money
from scheduler.export.report_columns import MEANINGS, RULES, header
from scheduler.export.xlsx_cells import (
    A4_LANDSCAPE_INCHES,
    MARGIN_INCHES,
    kept_as_text,
    page_header_text,
    printed_points,
    sheet_title,
    storable_text,
    streamed_workbook,
)
from scheduler.files import write_saved

MONEY_FORMAT = '"£"#,##0.00'
# the council's share of a post's annual charge, with the places it has (£28,500.005)
EXACT_MONEY_FORMAT = '"£"#,##0.00####'
DATE_FORMAT = "dd/mm/yyyy"
DAYS_FORMAT = "#,##0.00"
SHARE_FORMAT = "#,##0.00##"  # a penalty's days: a share of a day shows to 4 places
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
BOLD, TITLE = Font(bold=True), Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
RESERVED = ("Summary", "Contracts", "Penalties", "Missing rows", "Definitions")

DATE_COLUMNS = frozenset({"period_start", "period_end", "date", "last_date", "first_date"})
DAY_COLUMNS = frozenset({"contracted_days", "days"})

MONTH_COLUMNS: tuple[str, ...] = (
    "period",
    "period_start",
    "period_end",
    "posts",
    "contracted_days",
    "delivered_days",
    "delivery_pct",
    "hdd_days",
    "hdd_days_year_to_date",
    "hdd_allowance",
    "hdd_allowance_year",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "vacant_post_days",
    "unrecorded_days",
    "charge_gbp",
    "penalty_gbp",
    "net_cost_gbp",
    "cost_per_delivered_day_gbp",
)
# the month sheet: the table, then the chart's allowance (hidden)
SHEET_MONTH_COLUMNS: tuple[str, ...] = (*MONTH_COLUMNS, "hdd_allowance_at_end")


@dataclass(frozen=True)
class Title:
    """The lines above the summary table."""

    heading: str
    lines: Sequence[tuple[str, str]]


def write_report_xlsx(delivery: Delivery, path: Path, title: Title) -> Path:
    """Written in openpyxl's write-only mode: rows streamed once, styles shared."""
    with streamed_workbook() as book:
        summary = _sheet(book, "Summary")
        summary.page_setup.fitToHeight = 1  # the headline on one printed page, never spilt
        lead = _title_rows(summary, title, delivery.notes)
        _transposed(summary, _with_total(delivery.summary), lead)
        # no title row: every printed page names the report in its header
        contracts = _sheet(book, "Contracts", f"{title.heading}, {delivery.period.name}")
        _table(contracts, delivery.summary, [], _contracts_total(delivery.summary))
        taken = {name.lower() for name in RESERVED}
        for contract_id, months in delivery.monthly.groupby("contract_id", sort=False):
            name = sheet_title(str(contract_id), taken)
            heading = f"{contract_id}: month by month, {delivery.period.name}"
            sheet = _sheet(book, name, heading)
            total = delivery.summary[delivery.summary["contract_id"] == contract_id].iloc[0]
            shown = months[list(MONTH_COLUMNS)].assign(
                hdd_allowance_at_end=_allowance_at_end(months, delivery.allowance_years)
            )
            # the chart's allowance, not the table's: hidden, and plotted all the same
            letter = get_column_letter(len(SHEET_MONTH_COLUMNS))
            sheet.column_dimensions[letter].hidden = True
            lead = [[_styled(sheet, heading, TITLE)], []]
            _table(sheet, shown, lead, total, CHART_PAGES, below=1 + CHART_ROWS)
            _charts(sheet, len(months), 3)
        heading = f"Every penalty, {delivery.period.name}: the total is the report's penalty"
        penalties = _sheet(book, "Penalties", heading)
        shown = _penalty_sheet(delivery.penalties)
        total = pd.Series(dict.fromkeys(shown.columns), dtype=object)
        total["penalty_gbp"] = as_money(
            sum(round(v * PENNY) for v in delivery.summary["penalty_gbp"])
        )
        # the days too (shown to 4 places, rounded so that they add up): a council adds both
        total["days"] = sum(round(float(v) * DAYS_SCALE) for v in shown["days"]) / DAYS_SCALE
        _table(penalties, shown, [[_styled(penalties, heading, TITLE)], []], total)
        if not delivery.unrecorded.empty:
            heading = "Officer-days served with no row in the source"
            missing = _sheet(book, "Missing rows", heading)
            _table(missing, delivery.unrecorded, [[_styled(missing, heading, TITLE)], []])
        _definitions(_sheet(book, "Definitions"))
        write_saved(path, book.save)  # a path staged by write_report
    return path


def _allowance_at_end(months: pd.DataFrame, years: pd.DataFrame) -> list[int]:
    """Each month row's allowance of the year its last day is in: the one its HDD aid to
    date counts against (a month a contract year ends in shows both years' allowances
    added, which the chart of aid to date against the allowance must not draw)."""
    out = []
    for contract_id, end, both in zip(
        months["contract_id"], months["period_end"], months["hdd_allowance"], strict=True
    ):
        day = pd.Timestamp(end)
        mine = years[
            (years["contract_id"] == contract_id)
            & (years["first_date"] <= day)
            & (years["last_date"] >= day)
        ]
        out.append(int(mine["allowance"].iloc[0]) if len(mine) else int(both))
    return out


def _with_total(summary: pd.DataFrame) -> pd.DataFrame:
    """The Summary sheet's columns: each contract, and their total when there are two or
    more (a council with several contracts reads its whole bill there)."""
    if len(summary) < 2:
        return summary
    total = pd.DataFrame([contracts_total(summary)], columns=summary.columns)
    return pd.concat([summary.astype(object), total.astype(object)], ignore_index=True)


def _contracts_total(summary: pd.DataFrame) -> pd.Series | None:
    """The Contracts sheet's last row with two or more contracts: their total."""
    if len(summary) < 2:
        return None
    return pd.Series(contracts_total(summary), dtype=object)


def _penalty_sheet(penalties: pd.DataFrame) -> pd.DataFrame:
    """penalties.csv without what the sheet needs no column for: the council (the
    contract names it) and the allowance position when no HDD day was beyond it (a
    London year itemises thousands of penalties: each column is thousands of cells)."""
    shown = penalties.drop(columns=["council"])
    hdd = ["hdd_days_year_to_date", "hdd_allowance"]
    return shown.drop(columns=hdd) if shown[hdd].isna().all().all() else shown


Sheet = Any  # openpyxl's WriteOnlyWorksheet, which its stubs do not type
Row = list[Any]


def _sheet(book: Workbook, name: str, heading: str | None = None) -> Sheet:
    sheet = book.create_sheet(name)
    _print_setup(sheet)
    if heading is not None:
        _page_heading(sheet, heading)
    return sheet


def _page_heading(sheet: Sheet, heading: str) -> None:
    """Each printed page of a table names it in its header and itself in its footer (a
    long Penalties sheet's later pages said neither what nor which)."""
    sheet.oddHeader.left.text = page_header_text(heading)
    sheet.oddFooter.right.text = "Page &P of &N"


def _print_setup(sheet: Sheet) -> None:
    """A4 landscape, each sheet as wide as the page."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    props = sheet.sheet_properties.pageSetUpPr
    if props is None:
        props = sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    props.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins = PageMargins(
        left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.6, bottom=0.6, header=0.3, footer=0.3
    )


READABLE_SCALE = 70  # % the smallest print scale of a table: 11 pt prints as 7.7


def _print_table(sheet: Sheet, widths: Sequence[float], top: int, starts: Sequence[int]) -> None:
    """A table wider than a page prints across pages (the Contracts sheet's 30 columns
    fitted to one page printed at a quarter size): a page starts at each of ``starts``
    (1-based columns: where a chart is anchored, so none is cut) and wherever the next
    column would not fit at ``READABLE_SCALE``; every page repeats the header row and the
    first column (the contract, month or date), at the largest scale the widest fits."""
    usable = (A4_LANDSCAPE_INCHES - 2 * MARGIN_INCHES) * 72
    points = [printed_points(w) for w in widths]
    room = usable * 100 / READABLE_SCALE
    pages, width = [points[0]], points[0]
    for column, wide in enumerate(points[1:], 2):
        if column in starts or width + wide > room:
            sheet.col_breaks.append(Break(id=column - 1))
            pages.append(points[0])
            width = points[0]
        width += wide
        pages[-1] = width
    sheet.sheet_properties.pageSetUpPr.fitToPage = False  # Excel ignores breaks when fitting
    # a tenth to spare: LibreOffice draws a column a little wider than planned, and a
    # page's last column spilt onto a page of its own
    sheet.page_setup.scale = max(10, min(100, int(90 * usable / max(pages))))
    sheet.print_title_rows = f"{top}:{top}"
    if len(pages) > 1:
        sheet.print_title_cols = "A:A"


def _styled(
    sheet: Sheet,
    value: CellValue,
    font: Font | None = None,
    number_format: str = "",
    alignment: Alignment | None = None,
    fill: PatternFill | None = None,
) -> Cell:
    cell = kept_as_text(WriteOnlyCell(sheet, value=_storable(value)))
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    return cell


def _title_rows(sheet: Sheet, title: Title, notes: Sequence[str]) -> list[Row]:
    rows: list[Row] = [[_styled(sheet, title.heading, TITLE)]]
    for label, value in [*title.lines, *(("Note", n) for n in notes)]:
        rows.append([_styled(sheet, label, BOLD), _styled(sheet, value)])
    return [*rows, []]


HEAD = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # a label beside a value that wraps stays beside its start
# text in a table is indented: left-aligned against a right-aligned number before it, it
# ran into it ("34FY2026", "14/04/2026SM-PP")
TEXT = Alignment(horizontal="left", vertical="top", indent=1)


# columns of text wider than a figure's 14 characters ("hdd_beyond_allowance" was cut)
WIDTHS = {"council": 28, "reason": 28, "note": 28, "kind": 21}
# text that can be longer than its column, wrapped: a note printed cut at the next column
# ("FY2027 clipped to 2027-04-01 to")
WRAPPED = frozenset({"council", "reason", "note"})
WRAPPED_TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)


def _table(
    sheet: Sheet,
    frame: pd.DataFrame,
    lead: list[Row],
    total: pd.Series | None = None,
    pages: Sequence[int] = (),
    below: int = 0,
) -> None:
    """``lead`` rows, then a table: a header row, typed cells, frozen panes, a filter; and
    ``total`` (the table's columns) in bold under it, outside the filter so that sorting
    leaves it last. Printed from its header row down to ``below`` rows under it (charts):
    each page's header names the sheet, where ``lead``'s title printed cut to the first
    column on every page after the first."""
    columns = [str(c) for c in frame.columns]
    widths = [_width(column, frame, total) for column in columns]
    for j, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    top = len(lead) + 1
    _print_table(sheet, widths, top, pages)
    # wrapped headers: as many lines as the longest needs (neither Excel nor LibreOffice
    # grows the row on opening; "HDD aid in the allowance year to date (officer-days)"
    # lost its last line at a fixed three)
    lines = max((_lines(header(c), w + 1) for c, w in zip(columns, widths, strict=True)), default=3)
    sheet.row_dimensions[top].height = LINE_HEIGHT * max(3, lines)
    sheet.freeze_panes = f"B{top + 1}"
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{top}:{last}{max(top, top + len(frame))}"
        if lead:
            bottom = top + len(frame) + (total is not None) + below
            sheet.print_area = f"A{top}:{last}{bottom}"
    for row in lead:
        sheet.append(row)
    sheet.append([_styled(sheet, header(c), BOLD, alignment=HEAD, fill=HEAD_FILL) for c in columns])
    formats = [_column_format(c) for c in columns]
    for number, record in enumerate(frame.itertuples(index=False, name=None), top + 1):
        cells: Row = []
        lines = 1
        for column, fmt, raw, width in zip(columns, formats, record, widths, strict=True):
            value = _value(column, raw)
            shown = fmt or _count(value)
            if isinstance(value, str) and value and column in WRAPPED:
                lines = max(lines, _lines(value, width - 2))
                cells.append(_styled(sheet, value, number_format=shown, alignment=WRAPPED_TEXT))
            elif isinstance(value, str) and value:
                cells.append(_styled(sheet, value, number_format=shown, alignment=TEXT))
            elif value is not None:  # at the top of a row a wrapped note makes tall (the
                # MPS share, with no number format, stood at its foot, beside the next row)
                cells.append(_styled(sheet, value, number_format=shown, alignment=TOP))
            else:
                cells.append(None)
        if lines > 1:  # neither Excel nor LibreOffice grows a row to its text on opening
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
        sheet.append(cells)
    if total is not None:
        cells = [_styled(sheet, "Total", BOLD, alignment=TOP)]
        for column, fmt in zip(columns[1:], formats[1:], strict=True):
            value = _value(column, total.get(column))
            text = TEXT if isinstance(value, str) and value else TOP
            cells.append(_styled(sheet, value, BOLD, fmt or _count(value), alignment=text))
        sheet.append(cells)


def _count(value: CellValue) -> str:
    return COUNT_FORMAT if isinstance(value, int) else ""


def _transposed(sheet: Sheet, frame: pd.DataFrame, lead: list[Row]) -> None:
    """A column per contract, a row per figure: what one council reads down a page."""
    sheet.column_dimensions["A"].width = 48
    for j in range(len(frame)):
        sheet.column_dimensions[get_column_letter(j + 2)].width = 24
    sheet.freeze_panes = f"B{len(lead) + 2}"
    for row in lead:
        sheet.append(row)
    ids = [str(c) for c in frame["contract_id"]]
    sheet.append([_styled(sheet, t, BOLD, fill=HEAD_FILL) for t in ["Figure", *ids]])
    number = len(lead) + 1  # the sheet row each figure is written to
    for column in (c for c in frame.columns if c != "contract_id"):
        number += 1
        fmt = _column_format(column)
        wrapped = column in ("council", "note")
        wrap = Alignment(wrap_text=wrapped, vertical="top")
        if wrapped:  # neither Excel nor LibreOffice grows a row to its text on opening
            lines = max((_lines(str(v), LINE) for v in frame[column]), default=1)
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
        cells: Row = [_styled(sheet, header(column), BOLD, alignment=TOP)]
        for raw in frame[column]:
            value = _value(column, raw)
            cells.append(_styled(sheet, value, number_format=fmt or _count(value), alignment=wrap))
        sheet.append(cells)


LINE = 22  # characters a line of a contract's column (width 24) holds
LINE_HEIGHT = 15  # points a line of 11-point text takes


def _lines(text: str, width: int) -> int:
    """Lines ``text`` wraps to at ``width`` characters."""
    return max(1, len(textwrap.wrap(text, width)))


CellValue = str | int | float | date | None


def _storable(value: CellValue) -> str | float | datetime | None:
    """A day as midnight of it: the workbook stores both as a date serial number; text
    without the control characters no workbook holds."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value


def _value(column: str, value: object) -> CellValue:
    """A table value as the cell should hold it: dates as dates, % as a fraction, text as
    text (``_styled`` neutralises it)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        value = value.item()
    if column in DATE_COLUMNS and isinstance(value, str) and value:
        return date.fromisoformat(value)
    if column == "delivery_pct" and isinstance(value, int | float):
        return value / 100
    if column == "entry_id" and isinstance(value, str) and _whole(value) < EXACT_IN_A_CELL:
        return int(value)  # a number, as the log's ids are, not text a spreadsheet flags
    if isinstance(value, int | float | date):
        return value
    return str(value)


def _width(column: str, frame: pd.DataFrame, total: pd.Series | None) -> int:
    """A column's width: its usual, or wider, so that its widest figure or word in bold (the
    total: "£1,314,196.72" filled a column of 14 and touched the total before it) keeps a
    gap of two characters; long text wraps instead (``WRAPPED``)."""
    values = [*frame[column]] if column in frame.columns else []
    if total is not None:
        values.append(total.get(column))
    fmt = _column_format(column)
    shown = [_shown(fmt, v) for v in values if isinstance(v, int | float) and pd.notna(v)]
    if column not in WRAPPED and column not in DATE_COLUMNS:  # "partnership-plus" was cut
        shown += [len(v) + 1 for v in values if isinstance(v, str)]  # + the indent
    return max(WIDTHS.get(column, 14), math.ceil(max(shown, default=0) * BOLD_WIDER) + 2)


BOLD_WIDER = 1.1  # a bold digit is about a tenth wider than a plain one


def _shown(fmt: str, value: float) -> int:
    """Characters ``value`` shows in a cell of number format ``fmt``."""
    if fmt == MONEY_FORMAT:
        return len(f"£{value:,.2f}")
    if fmt == EXACT_MONEY_FORMAT:  # 2 places, up to 6 when it has them
        whole, places = f"£{value:,.6f}".split(".")
        return len(whole) + 1 + max(2, len(places.rstrip("0")))
    if fmt == PERCENT_FORMAT:
        return len(f"{value * 100:.1f}%")
    if fmt == SHARE_FORMAT:
        return len(f"{value:,.4f}")
    if fmt == DAYS_FORMAT:
        return len(f"{value:,.2f}")
    return len(f"{value:,}")


EXACT_IN_A_CELL = 10**15  # a spreadsheet keeps 15 significant digits of a number


def _whole(text: str) -> int | float:
    """``text`` as a whole number, or infinity when it is not one."""
    return int(text) if text.isascii() and text.isdigit() else float("inf")


def _column_format(column: str) -> str:
    if column == "entry_id":
        return "0"  # an id: no thousands separator
    if column in EXACT_MONEY_COLUMNS:
        return EXACT_MONEY_FORMAT
    if column.endswith("_gbp"):
        return MONEY_FORMAT
    if column in DATE_COLUMNS:
        return DATE_FORMAT
    if column == "delivery_pct":
        return PERCENT_FORMAT
    if column == "days":
        return SHARE_FORMAT
    if column in DAY_COLUMNS:
        return DAYS_FORMAT
    return ""


def _charts(sheet: Sheet, months: int, top: int) -> None:
    """Three charts under a contract's month table, side by side."""
    if months == 0:
        return
    row = top + months + 3  # a row under the total
    for anchor, chart, columns, unit in (
        (CHART_AT[0], BarChart(), ("contracted_days", "delivered_days"), "officer-days"),
        (
            CHART_AT[1],
            LineChart(),
            ("hdd_days_year_to_date", "hdd_allowance_at_end"),
            "officer-days",
        ),
        (CHART_AT[2], BarChart(), ("penalty_gbp",), "£"),
    ):
        _month_series(chart, sheet, top, months, columns)
        chart.title = CHART_TITLES[columns[0]]
        chart.y_axis.title = unit
        # from zero: LibreOffice starts a bar chart's axis near the smallest bar, so 54
        # delivered against 53.8 contracted looked like twice as many
        chart.y_axis.scaling.min = 0
        if len(columns) == 1:
            chart.legend = None
        _size(chart)
        chart.visible_cells_only = False  # the allowance's column is hidden
        sheet.add_chart(chart, f"{anchor}{row}")


# a month sheet's charts, each on a printed page of its own, right of the month column
# that every page repeats (a chart anchored in it would be drawn again on each page)
CHART_AT = ("B", "H", "O")
CHART_ROWS = 17  # rows of 15 points a chart 8 cm high covers, and one to spare
CHART_PAGES = tuple(column_index_from_string(c) for c in CHART_AT[1:])
CHART_TITLES = {
    "contracted_days": "Contracted and delivered officer-days by month",
    "hdd_days_year_to_date": "HDD aid in the allowance year to date, against the allowance",
    "penalty_gbp": "Penalty due to the council by month (£)",
}


def _month_series(
    chart: BarChart | LineChart, sheet: Sheet, top: int, months: int, columns: Sequence[str]
) -> None:
    """The month table's ``columns`` as series (named by their headers), months as labels."""
    col = {c: i for i, c in enumerate(SHEET_MONTH_COLUMNS, 1)}
    for name in columns:
        data = Reference(sheet, min_col=col[name], min_row=top, max_row=top + months)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(
        Reference(sheet, min_col=col["period"], min_row=top + 1, max_row=top + months)
    )
    if isinstance(chart, LineChart):
        for series in chart.series:
            # straight between months: LibreOffice curves a line whose series does not
            # say, and a curved running total dips where the allowance used never falls
            series.smooth = False
            # a point on each month: a month reported alone is a line of one point,
            # which a line without markers leaves out, an empty chart
            series.marker = Marker(symbol="circle", size=6)


def _size(chart: BarChart | LineChart) -> None:
    chart.width, chart.height = 16, 8  # cm: three side by side under the table
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _definitions(sheet: Sheet) -> None:
    """Two wrapped columns as wide as a landscape page at full size (at 42 + 110 characters
    it printed at 56 %), each row as tall as its longer cell: neither Excel nor LibreOffice
    grows a row to its text on opening, so a long meaning printed over the rows under it."""
    for letter, width in zip("AB", DEFINITION_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_styled(sheet, "What the figures mean", TITLE)])
    sheet.append([])
    rows = [
        *((name, text, BOLD, None) for name, text in RULES),
        None,
        ("Column", "Meaning (the CSV files use the name in brackets)", BOLD, BOLD),
        *((f"{header(column)} ({column})", text, None, None) for column, text in MEANINGS.items()),
    ]
    for number, row in enumerate(rows, 3):
        if row is None:
            sheet.append([])
            continue
        name, text, name_font, text_font = row
        lines = max(_lines(name, DEFINITION_WIDTHS[0] - 2), _lines(text, DEFINITION_WIDTHS[1]))
        sheet.row_dimensions[number].height = LINE_HEIGHT * lines
        sheet.append(
            [
                _styled(sheet, name, name_font, alignment=WRAP),
                _styled(sheet, text, text_font, alignment=WRAP),
            ]
        )


DEFINITION_WIDTHS = (30, 82)  # characters: 715 printed points of the page's 784
WRAP = Alignment(wrap_text=True, vertical="top")
