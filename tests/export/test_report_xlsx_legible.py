"""report.xlsx as LibreOffice draws it: a contract's charts started their axis near the
smallest bar (55 delivered against 53.8 contracted looked like a gulf), and the month
table's header row, fixed at three lines, cut "HDD aid in the allowance year to date
(officer-days)" short."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, write_report
from scheduler.scenario import scenario_from_dict


def written(tmp_path: Path) -> Path:
    first, last = date(2026, 4, 1), date(2026, 6, 30)
    s = scenario_from_dict(
        {
            "scenario": {"name": "legible", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1},
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    days = pd.date_range(first, last).date
    table = pd.DataFrame(
        {
            "officer_id": "O1",
            "date": days,
            "state": ["REST" if d.weekday() > 4 else "DUTY" for d in days],
        }
    )
    report = delivery_report(table, s, parse_period("FY2026"))
    write_report(report, tmp_path / "out", ReportInfo("legible", "hand"))
    return tmp_path / "out" / "report.xlsx"


def test_every_chart_counts_from_zero(tmp_path: Path) -> None:
    with zipfile.ZipFile(written(tmp_path)) as book:
        charts = [n for n in book.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == 3
        for name in charts:
            xml = book.read(name).decode()
            (value_axis,) = re.findall(r"<(?:c:)?valAx>.*?</(?:c:)?valAx>", xml)
            assert re.search(r'<(?:c:)?min val="0(?:\.0)?"', value_axis), name


def test_the_month_tables_headers_have_room_for_their_longest(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(written(tmp_path))["C1"]
    header = next(
        row[0].row
        for row in sheet.iter_rows()
        if row[0].value == "Period" and row[1].value == "From"
    )
    # "HDD aid in the / allowance year / to date / (officer-days)": four lines of 15 points
    assert sheet.row_dimensions[header].height >= 60


def test_a_penaltys_kind_is_not_cut(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(written(tmp_path))["Penalties"]
    (kind,) = [c.column_letter for c in sheet[3] if c.value == "Kind"]
    assert sheet.column_dimensions[kind].width >= len("hdd_beyond_allowance")


def test_every_figure_stands_at_the_top_of_its_row(tmp_path: Path) -> None:
    # a row made tall by its wrapped note printed the MPS share (a number with no format)
    # at the foot of its cell, beside the next contract's row or the total
    book = openpyxl.load_workbook(written(tmp_path))
    for name in ("Contracts", "C1"):
        sheet = book[name]
        first = int(str(sheet.freeze_panes)[1:])  # the first row under the header
        rows = list(sheet.iter_rows(min_row=first))
        cells = [c for row in rows for c in row if c.value is not None]
        assert any(c.column_letter and isinstance(c.value, float) for c in cells)
        low = [c.coordinate for c in cells if c.alignment.vertical != "top"]
        assert not low, (name, low)
