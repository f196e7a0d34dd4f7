"""report.xlsx's Contracts sheet (30-odd columns) was fitted to one A4 page's width and
printed at about a quarter size, unreadable; the month sheets at under half. Each table now
prints across as many landscape pages as keep it at 70 % or more, every page repeating the
header row and the first column, and a month sheet's charts each start a page, so none is
cut in two or drawn again under the repeated column."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

from one_post import one_post_scenario
from openpyxl.utils import get_column_letter
from report_paper import USABLE, printed_points, weekday_report

FIRST, LAST = date(2026, 4, 1), date(2026, 6, 30)


def _workbook(tmp_path: Path) -> Any:  # openpyxl's sheets, which its stubs type loosely
    return weekday_report(one_post_scenario(FIRST, LAST), FIRST, LAST, tmp_path, "prints")


def _pages(sheet: Any) -> list[list[int]]:
    """The columns printed on each page, the repeated first column on every one."""
    last = sheet.max_column
    breaks = sorted(b.id for b in sheet.col_breaks.brk)
    bounds = [1, *breaks, last]
    return [[1, *range(a + 1, b + 1)] for a, b in itertools.pairwise(bounds)]


def test_every_table_prints_readably_with_its_headings_on_each_page(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    for name in ("Contracts", "C1", "Penalties"):
        sheet = book[name]
        setup = sheet.page_setup
        assert setup.orientation == "landscape", name
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage, name  # breaks, not fitting
        assert int(setup.scale) >= 60, (name, setup.scale)
        row = int(sheet.print_title_rows.split(":")[0].strip("$"))
        assert sheet.cell(row, 1).value in ("Contract", "Period", "Date"), name
        for page in _pages(sheet):
            width = sum(
                printed_points(sheet.column_dimensions[get_column_letter(c)].width) for c in page
            )
            assert width * int(setup.scale) / 100 <= USABLE, (name, page)
    assert len(_pages(book["Contracts"])) > 1
    assert book["Contracts"].print_title_cols == "$A:$A"


def test_each_chart_of_a_month_sheet_starts_a_printed_page(tmp_path: Path) -> None:
    sheet = _workbook(tmp_path)["C1"]
    starts = {b.id + 1 for b in sheet.col_breaks.brk}
    anchors = [chart.anchor._from.col + 1 for chart in sheet._charts]
    assert len(anchors) == 3
    assert anchors[0] > 1  # right of the repeated month column
    assert all(a in starts for a in anchors[1:]), (anchors, starts)
