"""roster.xlsx with a planner's merged cells: read as the sheet shows them, the first
cell's code on every day the merge spans (as the HR spreadsheets' reader reads a merge).
Before, the other days read empty and the workbook was refused ("empty, but T2 is in post"),
though the sheet showed AL across them; a merge over days of other codes read them as
their hidden values, not as shown."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from check_builder import set_day
from planner import AUT, TABLE, column

from scheduler.check import read_roster_xlsx
from scheduler.export.xlsx import write_roster_xlsx

ORDER = ["contract_id", "officer_id", "date"]


def _merged(tmp_path: Path, officer: str, first: str, last: str) -> Path:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    ws = wb["TST"]
    [row] = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == officer]
    ws.merge_cells(start_row=row, start_column=column(first), end_row=row, end_column=column(last))
    wb.save(book)
    return book


def test_leave_merged_across_its_days_reads_as_written(tmp_path: Path) -> None:
    book = _merged(tmp_path, "T2", "2026-11-09", "2026-11-10")  # AL, AL
    expected = TABLE.sort_values(ORDER).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), expected, check_dtype=False)


def test_a_merge_over_other_codes_reads_its_first_code_on_each_day(tmp_path: Path) -> None:
    """T1's tour on Wed 21 Oct (E) merged over the rest day after it: E on both."""
    book = _merged(tmp_path, "T1", "2026-10-21", "2026-10-22")
    shown = set_day(TABLE, "T1", "2026-10-22", "DUTY", "E")
    expected = shown.sort_values(ORDER).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), expected, check_dtype=False)
