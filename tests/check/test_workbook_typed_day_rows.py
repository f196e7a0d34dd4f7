"""roster.xlsx edited as planners do in Excel: a day's date cell in row 2 turned into the
spreadsheet's day number (its format cleared) or into text in another form than
DD/MM/YYYY was passed over as a notes column, so that day's column went unread (every
officer seemed to have no row that day, or the next date was named as out of order); a
total row added right under the officers was read as an officer (an unknown rank and an
unknown code on every day)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from planner import AUT, TABLE, column

from scheduler.check import check_roster, read_roster_xlsx
from scheduler.errors import InputError
from scheduler.export.xlsx import write_roster_xlsx

LAST = max(TABLE["date"])


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(path, AUT)
    return [str(p) for p in caught.value.problems]


def retyped(book: Path, day: str, value: int | str) -> str:
    """``book`` with ``day``'s date cell holding ``value`` as General; the cell's name."""
    wb = openpyxl.load_workbook(book)
    cell = wb["TST"].cell(2, column(day))
    assert cell.value == datetime.fromisoformat(day)
    cell.value = value
    cell.number_format = "General"
    wb.save(book)
    return cell.coordinate


@pytest.mark.parametrize("day", ["2026-10-28", LAST])
@pytest.mark.parametrize("as_text", [False, True])
def test_a_day_s_date_as_a_day_number_is_named_at_its_cell(
    book: Path, day: str, as_text: bool
) -> None:
    """The day number as a number, or as text (Excel's "number stored as text", the row
    formatted as Text before the date was cleared): was passed over as a notes column, the
    next day's date then named as out of order."""
    serial = (datetime.fromisoformat(day) - datetime(1899, 12, 30)).days
    cell = retyped(book, day, str(serial) if as_text else serial)
    shown = datetime.fromisoformat(day).strftime("%d/%m/%Y")
    assert problems(book) == [
        f"{book}: sheet TST, cell {cell}: a spreadsheet's day number, not a date ({serial} is "
        f"{shown}): format the column as a date (DD/MM/YYYY) and save it again (got '{serial}')"
    ]


@pytest.mark.parametrize("day", ["2026-10-28", LAST])
@pytest.mark.parametrize("form", ["%d %b %Y", "%d-%b-%y", "%Y-%m-%d"])
def test_a_day_s_date_as_text_in_any_form_is_named_at_its_cell(
    book: Path, day: str, form: str
) -> None:
    text = datetime.fromisoformat(day).strftime(form)
    cell = retyped(book, day, text)
    assert problems(book) == [
        f"{book}: sheet TST, cell {cell}: a day's date as text: make the cell a date again "
        f"(got '{text}')"
    ]


def test_a_total_row_right_under_the_officers_is_read_past(book: Path) -> None:
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    last = max(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value)
    sheet.insert_rows(last + 1)
    sheet.cell(last + 1, 1).value = "Total"
    sheet.cell(last + 1, 3).value = 2
    sheet.cell(last + 1, 4).value = "=COUNTA(D4:D5)"
    wb.save(book)
    read = read_roster_xlsx(book, AUT)
    pd.testing.assert_frame_equal(read, written)
    assert check_roster(AUT, read).breaches == []


def test_a_new_officer_typed_without_a_rank_is_still_named(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    last = max(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value)
    sheet.insert_rows(last + 1)
    sheet.cell(last + 1, 1).value = "T9"
    sheet.cell(last + 1, 3).value = "E"
    wb.save(book)
    assert problems(book)[0] == (
        f"{book}: sheet TST, cell B{last + 1}: unknown rank for T9 (use PC, PS, Insp) (got '')"
    )
