"""roster.xlsx with an officer's id cleared (or a script's formula in its place, saved
without a value) is refused naming that cell: the row was passed over as an empty one,
and the officer was named as having no row at all, with no cell to find it by. A row
with neither id nor rank (a planner's spacer) is still passed over."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from planner import AUT, TABLE

from scheduler.check import read_roster_xlsx
from scheduler.errors import InputError
from scheduler.export.xlsx import write_roster_xlsx


@pytest.mark.parametrize("typed", [None, '=HYPERLINK("https://hr.example/T2","T2")'])
@pytest.mark.parametrize("officer", ["T1", "T2"])  # the first row and the last
def test_an_officer_row_without_its_id_is_named_at_the_cell(
    tmp_path: Path, typed: str | None, officer: str
) -> None:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    [row] = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == officer]
    rank = sheet.cell(row, 2).value
    sheet.cell(row, 1).value = typed
    wb.save(book)
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(book, AUT)
    assert caught.value.lines() == [
        f"{book}: sheet TST, cell A{row}: no officer id on a row with a rank ({rank}): type "
        "the officer's id"
    ]


def test_a_spacer_row_between_officers_is_still_passed_over(tmp_path: Path) -> None:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    sheet.insert_rows(5)
    wb.save(book)
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), written)
