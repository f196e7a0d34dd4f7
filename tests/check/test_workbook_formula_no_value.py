"""roster.xlsx with a day's cell given a formula by a script (openpyxl saves ``=C4`` with
no value; Excel and LibreOffice save its value, which is read): refused naming the cell
and the formula, as the HR spreadsheets' reader refuses one. Before, the cell was called
empty, which it is not on screen; the workbook's own total formulas, which s92 writes
without values, are not named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from planner import AUT, TABLE, column

from scheduler.check import read_roster_xlsx
from scheduler.errors import InputError
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario.spreadsheet import UNCALCULATED


def test_a_formula_saved_without_its_value_is_named(tmp_path: Path) -> None:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    ws = wb["TST"]
    [row] = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "T1"]
    before = openpyxl.utils.get_column_letter(column("2026-10-19"))
    cell = ws.cell(row, column("2026-10-20"))
    cell.value = f"={before}{row}"  # the day before's code, E
    wb.save(book)
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(book, AUT)
    assert caught.value.lines() == [
        f"{book}: sheet TST, cell {cell.coordinate}: {UNCALCULATED} (got '={before}{row}')"
    ]
