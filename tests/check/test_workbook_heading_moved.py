"""roster.xlsx with the rows above its 'Officer' and 'Rank' heading changed (the title row
deleted, a row inserted above the heading, in Excel or LibreOffice): the sheet is refused,
naming the cell the heading is in, exit 2. Before, it was passed over as a sheet the planner
added: ``s92 check`` listed every officer of it as having no row (exit 1), and ``s92
publish`` kept the contract as published, the planner's edits on it dropped (exit 0)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from planner import AUT, TABLE, edit, published, versions

from scheduler.check import read_roster_xlsx
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.export.xlsx import write_roster_xlsx

EXPECTED = TABLE.sort_values(["contract_id", "officer_id", "date"]).reset_index(drop=True)


def _book(tmp_path: Path) -> Path:
    return write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)


def _rows_changed(book: Path, *, deleted: int = 0, inserted: int = 0) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb["TST"]
    if deleted:
        ws.unmerge_cells("A1:B1")
        ws.delete_rows(1, deleted)
    if inserted:
        ws.insert_rows(2, inserted)
    wb.save(book)
    return book


@pytest.mark.parametrize(
    ("deleted", "inserted", "cell", "row", "how"),
    [(1, 0, "A1", 1, "deleted"), (0, 1, "A3", 3, "inserted"), (0, 2, "A4", 4, "inserted")],
)
def test_a_heading_off_row_2_is_refused_naming_its_cell(
    tmp_path: Path, deleted: int, inserted: int, cell: str, row: int, how: str
) -> None:
    book = _rows_changed(_book(tmp_path), deleted=deleted, inserted=inserted)
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(book, AUT)
    assert caught.value.lines() == [
        f"{book}: sheet TST, cell {cell}: the 'Officer' and 'Rank' heading is in row {row}, "
        f"where s92 reads it in row 2 (a row {how} above it?): put it back in row 2, the "
        "title above it"
    ]


def test_a_sheet_of_the_planner_s_own_with_officer_and_rank_columns_is_passed_over(
    tmp_path: Path,
) -> None:
    """A list of officers the planner keeps in the workbook (no day in its heading) is
    not a roster sheet moved: the roster reads as written."""
    book = _book(tmp_path)
    wb = openpyxl.load_workbook(book)
    mine = wb.create_sheet("Contacts")
    mine.append(["Officer", "Rank", "Phone"])
    mine.append(["T1", "PC", "0123"])
    wb.save(book)
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), EXPECTED, check_dtype=False)


def test_publish_refuses_the_sheet_and_keeps_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = published(tmp_path)
    book = edit(_book(tmp_path), {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    _rows_changed(book, deleted=1)
    before = sorted(p.name for p in book.parent.iterdir())
    capsys.readouterr()
    argv = ["publish", str(toml), str(book), "--db", str(db), "--notified", "2026-10-18"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{book}: sheet TST, cell A1: the 'Officer' and 'Rank' heading is in row 1, where s92 "
        "reads it in row 2 (a row deleted above it?): put it back in row 2, the title above it"
    ]
    assert versions(db) == [1]
    assert sorted(p.name for p in book.parent.iterdir()) == before


def test_the_weekday_row_deleted_is_refused_naming_the_officer_in_it(tmp_path: Path) -> None:
    """The row of weekdays under the dates deleted: the first officer moves up into it.
    Before, that officer was passed over and refused as having no row at all."""
    book = _book(tmp_path)
    wb = openpyxl.load_workbook(book)
    first = wb["TST"].cell(4, 1).value
    wb["TST"].delete_rows(3)
    wb.save(book)
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(book, AUT)
    assert caught.value.lines() == [
        f"{book}: sheet TST, cell A3: officer {first} in row 3, where s92 reads the weekdays "
        "(the row under the dates deleted?): put a row back above the officers"
    ]
