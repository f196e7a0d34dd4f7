"""The workbook's Legend said "Do not rename the sheets or move officer rows", where s92
reads a sheet renamed and its officers' rows sorted (README, roster.xlsx): planners were
told not to do what works. It now says what may be done, and doing it reads the same."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from planner import AUT, TABLE

from scheduler.check import read_roster_xlsx
from scheduler.export.xlsx import write_roster_xlsx


def test_the_legend_allows_what_s92_reads(tmp_path: Path) -> None:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    legend = " ".join(str(c) for row in wb["Legend"].iter_rows(values_only=True) for c in row if c)
    assert "Do not rename" not in legend
    assert "rows may be sorted and sheets renamed" in legend
    sheet = wb["TST"]
    officers = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value]
    lines = [[c.value for c in sheet[r]] for r in officers]
    for r, line in zip(officers, reversed(lines), strict=True):
        for c, value in enumerate(line, start=1):
            sheet.cell(r, c).value = value
    sheet.title = "Autumn team"
    wb.save(book)
    assert [sheet.cell(r, 1).value for r in officers] != [line[0] for line in lines]
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), written)
