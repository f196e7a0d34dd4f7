"""report.xlsx: the delivery report as a workbook a council reads without help.

Sheets: Summary (a column per contract, a row per figure), Contracts (report.csv's
table), a sheet per contract month by month with its charts, Penalties (every penalty itemised), Missing rows (when the source has gaps) and
Definitions. Plain-English headers with units; dates are dates, money is currency,
percentages are percentages; panes frozen below the headers and filters on every table.
Text a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.accounting.delivery import Delivery
from scheduler.export.report_columns import MEANINGS, RULES, header
from scheduler.files import safe_cell

MONEY_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "dd/mm/yyyy"
DAYS_FORMAT = "#,##0.00"
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


@dataclass(frozen=True)
class Title:
    """The lines above the summary table."""

    heading: str
    lines: Sequence[tuple[str, str]]


def write_report_xlsx(delivery: Delivery, path: Path, title: Title) -> Path:
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook has one sheet
    summary.title = "Summary"
    top = _title(summary, title, delivery.notes)
    _transposed(summary, delivery.summary, top)
    _table(book.create_sheet("Contracts"), delivery.summary, 1)
    taken = list(RESERVED)
    for contract_id, months in delivery.monthly.groupby("contract_id", sort=False):
        name = _sheet_name(str(contract_id), taken)
        taken.append(name)
        sheet = book.create_sheet(name)
        sheet["A1"] = str(safe_cell(f"{contract_id}: month by month, {delivery.period.label}"))
        sheet["A1"].font = TITLE
        _table(sheet, months[list(MONTH_COLUMNS)].reset_index(drop=True), 3)
        _charts(sheet, len(months), 3)
    penalties = book.create_sheet("Penalties")
    penalties["A1"] = f"Every penalty, {delivery.period.label}: the total is the report's penalty"
    penalties["A1"].font = TITLE
    _table(penalties, delivery.penalties, 3)
    if not delivery.unrecorded.empty:
        missing = book.create_sheet("Missing rows")
        missing["A1"] = "Officer-days served with no row in the source"
        missing["A1"].font = TITLE
        _table(missing, delivery.unrecorded, 3)
    _definitions(book.create_sheet("Definitions"))
    for sheet in book.worksheets:
        _print_setup(sheet)
    book.save(path)  # a path staged by write_report
    return path


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, each sheet as wide as the page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    props = sheet.sheet_properties.pageSetUpPr
    if props is None:
        props = sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    props.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.gridLines = False


def _title(sheet: Worksheet, title: Title, notes: Sequence[str]) -> int:
    """Title lines; the row the table's header goes on."""
    sheet["A1"] = str(safe_cell(title.heading))
    sheet["A1"].font = TITLE
    row = 2
    for label, value in [*title.lines, *(("Note", n) for n in notes)]:
        sheet.cell(row, 1, label).font = BOLD
        sheet.cell(row, 2, str(safe_cell(value)))
        row += 1
    return row + 1


def _table(sheet: Worksheet, frame: pd.DataFrame, top: int) -> None:
    """A table with its header on row ``top``: typed cells, frozen panes, a filter."""
    columns = [str(c) for c in frame.columns]
    for j, column in enumerate(columns, 1):
        cell = sheet.cell(top, j, header(column))
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = 28 if column in ("council", "reason", "note") else 14
        sheet.column_dimensions[get_column_letter(j)].width = width
    sheet.row_dimensions[top].height = 45
    for i, record in enumerate(frame.itertuples(index=False, name=None), top + 1):
        for j, (column, value) in enumerate(zip(columns, record, strict=True), 1):
            cell = sheet.cell(i, j, _value(column, value))
            cell.number_format = _format(column, cell.value)
    sheet.freeze_panes = f"B{top + 1}"
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{top}:{last}{max(top, top + len(frame))}"


def _transposed(sheet: Worksheet, frame: pd.DataFrame, top: int) -> None:
    """A column per contract, a row per figure: what one council reads down a page."""
    sheet.column_dimensions["A"].width = 48
    head = sheet.cell(top, 1, "Figure")
    head.font, head.fill = BOLD, HEAD_FILL
    for j, contract_id in enumerate(frame["contract_id"], 2):
        cell = sheet.cell(top, j, str(safe_cell(str(contract_id))))
        cell.font, cell.fill = BOLD, HEAD_FILL
        sheet.column_dimensions[get_column_letter(j)].width = 24
    rows = [c for c in frame.columns if c != "contract_id"]
    for i, column in enumerate(rows, top + 1):
        sheet.cell(i, 1, header(column)).font = BOLD
        for j, value in enumerate(frame[column], 2):
            cell = sheet.cell(i, j, _value(column, value))
            cell.number_format = _format(column, cell.value)
            cell.alignment = Alignment(wrap_text=column in ("council", "note"), vertical="top")
    sheet.freeze_panes = f"B{top + 1}"


CellValue = str | int | float | date | None


def _value(column: str, value: object) -> CellValue:
    """A table value as the cell should hold it: dates as dates, % as a fraction, text made
    safe."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        value = value.item()
    if column in DATE_COLUMNS and isinstance(value, str) and value:
        return date.fromisoformat(value)
    if column == "delivery_pct" and isinstance(value, int | float):
        return value / 100
    if isinstance(value, int | float | date):
        return value
    return str(safe_cell(str(value)))


def _format(column: str, value: object) -> str:
    if column.endswith("_gbp"):
        return MONEY_FORMAT
    if column in DATE_COLUMNS:
        return DATE_FORMAT
    if column == "delivery_pct":
        return PERCENT_FORMAT
    if column in DAY_COLUMNS:
        return DAYS_FORMAT
    return COUNT_FORMAT if isinstance(value, int) else "General"


def _charts(sheet: Worksheet, months: int, top: int) -> None:
    """Three charts under a contract's month table, side by side."""
    if months == 0:
        return
    first, last = top + 1, top + months
    col = {c: i for i, c in enumerate(MONTH_COLUMNS, 1)}
    labels = Reference(sheet, min_col=col["period"], min_row=first, max_row=last)
    row = last + 3

    delivery = BarChart()
    delivery.title = "Contracted and delivered officer-days by month"
    delivery.y_axis.title = "officer-days"
    for name in ("contracted_days", "delivered_days"):
        data = Reference(sheet, min_col=col[name], min_row=top, max_row=last)
        delivery.add_data(data, titles_from_data=True)
    delivery.set_categories(labels)
    _size(delivery)
    sheet.add_chart(delivery, f"A{row}")

    hdd = LineChart()
    hdd.title = "HDD aid in the allowance year to date, against the allowance"
    hdd.y_axis.title = "officer-days"
    for name in ("hdd_days_year_to_date", "hdd_allowance"):
        data = Reference(sheet, min_col=col[name], min_row=top, max_row=last)
        hdd.add_data(data, titles_from_data=True)
    hdd.set_categories(labels)
    _size(hdd)
    sheet.add_chart(hdd, f"H{row}")

    penalty = BarChart()
    penalty.title = "Penalty due to the council by month (£)"
    penalty.y_axis.title = "£"
    penalty.add_data(
        Reference(sheet, min_col=col["penalty_gbp"], min_row=top, max_row=last),
        titles_from_data=True,
    )
    penalty.set_categories(labels)
    penalty.legend = None
    _size(penalty)
    sheet.add_chart(penalty, f"O{row}")


def _size(chart: BarChart | LineChart) -> None:
    chart.width, chart.height = 16, 8  # cm: three side by side under the table
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _definitions(sheet: Worksheet) -> None:
    sheet["A1"] = "What the figures mean"
    sheet["A1"].font = TITLE
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 110
    row = 3
    for name, text in RULES:
        sheet.cell(row, 1, name).font = BOLD
        sheet.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    sheet.cell(row, 1, "Column").font = BOLD
    sheet.cell(row, 2, "Meaning (the CSV files use the name in brackets)").font = BOLD
    for column, text in MEANINGS.items():
        row += 1
        sheet.cell(row, 1, f"{header(column)} ({column})")
        sheet.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_name(name: str, taken: list[str]) -> str:
    """Excel sheet names: at most 31 characters, unique, none of ``[]:*?/\\``."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"~{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate
