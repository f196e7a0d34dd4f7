"""roster.xlsx's shared cells (``xlsx_cells.Sheet.shared``): one cell object per value
and style, so a London year's repeated codes and data-sheet values are made once; equal
values of different types (0, 0.0, False) stay different cells, written as themselves."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from scheduler.export.xlsx_cells import Sheet, register_styles


def test_equal_values_of_other_types_are_other_cells(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    sheet = Sheet(wb, "s", register_styles(wb))
    sheet.append([sheet.shared(0), sheet.shared(False), sheet.shared(0.5), sheet.shared("R")])
    sheet.append([sheet.shared(False), sheet.shared(0), sheet.shared(0.5), sheet.shared("R")])
    assert sheet.shared("R") is sheet.shared("R")  # one object per value
    assert sheet.shared(1) is not sheet.shared(True)
    wb.save(tmp_path / "s.xlsx")

    rows = list(load_workbook(tmp_path / "s.xlsx")["s"].iter_rows(values_only=True))
    assert rows == [(0, False, 0.5, "R"), (False, 0, 0.5, "R")]
    assert [type(v) for v in rows[0]] == [int, bool, float, str]
