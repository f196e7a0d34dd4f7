"""roster.xlsx with a day's cell given a formula by a script (openpyxl saves ``=C4`` with
no value; Excel and LibreOffice save its value, which is read): refused naming the cell
and the formula, as the HR spreadsheets' reader refuses one. Before, the cell was called
empty, which it is not on screen; the workbook's own total formulas, which s92 writes
without values, are not named."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

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


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ('cmd|"/c calc"!A1', "#VALUE!"),  # as LibreOffice saves =cmd|... typed in a cell
        (None, "#N/A"),  # an error pasted as a value
    ],
)
def test_a_cell_showing_an_error_is_named_as_one(
    tmp_path: Path, formula: str | None, shown: str
) -> None:
    """A formula typed by mistake shows ``#VALUE!``, saved with it as the cell's value (an
    error cell, ``t="e"``): it was called empty, which it is not on screen."""
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    ws = wb["TST"]
    [row] = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "T1"]
    cell = ws.cell(row, column("2026-10-20"))
    cell.value = "=1"  # marks the cell's part: openpyxl writes <f>1</f>
    wb.save(book)
    with zipfile.ZipFile(book) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = next(n for n, d in parts.items() if b"<f>1</f>" in d)
    written = re.search(rf'<c r="{cell.coordinate}"[^>]*>.*?</c>'.encode(), parts[sheet])
    assert written is not None
    typed = "" if formula is None else f"<f>{escape(formula)}</f>"
    as_saved = f'<c r="{cell.coordinate}" t="e">{typed}<v>{escape(shown)}</v></c>'
    parts[sheet] = parts[sheet].replace(written[0], as_saved.encode())
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(book, AUT)
    got = shown if formula is None else f"={formula}"
    assert caught.value.lines() == [
        f"{book}: sheet TST, cell {cell.coordinate}: shows {shown}, an error, not a value: "
        f"type a code over it (R for a rest day) (got '{got}')"
    ]
