"""report.xlsx printed: a month sheet wider than a page printed its title ("C1: month by
month, FY2026") in its first row, cut to the first column on every page after the first
(the column each page repeats: "C1: mont"), and a long Penalties sheet's later pages named
neither the sheet nor the page. Each table now prints from its header row, every page's
header naming the table and its footer the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from one_post import one_post_scenario
from openpyxl.utils.cell import range_boundaries
from report_paper import weekday_report

FIRST, LAST = date(2026, 4, 1), date(2026, 6, 30)


def test_every_printed_page_of_a_table_names_it_in_full(tmp_path: Path) -> None:
    book = weekday_report(one_post_scenario(FIRST, LAST), FIRST, LAST, tmp_path, "headings")
    for name, heading in (
        ("C1", "C1: month by month, Financial year 2026/27"),
        ("Penalties", "Every penalty, Financial year 2026/27: the total is the report's penalty"),
        ("Contracts", "Contract delivery report: headings, Financial year 2026/27"),
    ):
        sheet = book[name]
        assert sheet.oddHeader.left.text == heading, name
        assert sheet.oddFooter.right.text == "Page &P of &N", name
        assert not sheet.HeaderFooter.differentFirst, name  # the header on the first too
        top = int(sheet.print_title_rows.split(":")[0].strip("$"))
        if name == "Contracts":  # no title row: nothing left out
            assert top == 1
            assert not sheet.print_area
            continue
        assert sheet.cell(1, 1).value == heading
        # printed from the header row: the title row, cut on later pages, is not
        area = sheet.print_area.split("!")[-1].replace("$", "")
        low_col, low_row, high_col, high_row = range_boundaries(area)
        assert (low_col, low_row) == (1, top), name
        assert high_col == sheet.max_column, name
        assert high_row >= sheet.max_row, name
        for chart in sheet._charts:  # every chart printed whole
            assert chart.anchor._from.row + 1 > top
            assert chart.anchor._from.row + 1 + chart.height / 0.53 <= high_row, name
