"""roster.xlsx with its contract sheet renamed (in Excel, or two sheets' names swapped):
the hidden data sheet's record of each officer's days (an entry's id and kind, a tour's
own times) is still read, so the roster reads back as written; before, every such day lost
its record, and the web's upload refused the unedited workbook as leaving out the logged
entries (or read it as another contract's when the heading was edited too)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from planner import AUT, TABLE

from scheduler.check import read_roster_xlsx
from scheduler.export.xlsx import write_roster_xlsx

EXPECTED = TABLE.sort_values(["contract_id", "officer_id", "date"]).reset_index(drop=True)


def _renamed(tmp_path: Path, title: str, heading: str | None = None) -> Path:
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    [sheet] = [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != "Legend"]
    sheet.title = title
    if heading is not None:
        sheet["A1"] = heading
    wb.save(book)
    return book


def test_a_renamed_sheet_reads_back_as_written(tmp_path: Path) -> None:
    read = read_roster_xlsx(_renamed(tmp_path, "October roster"), AUT)
    assert set(read["abstraction_id"]) == {"", "12"}  # the training day's entry, kept
    pd.testing.assert_frame_equal(read, EXPECTED, check_dtype=False)


def test_a_renamed_sheet_with_its_heading_retyped_keeps_its_contract(tmp_path: Path) -> None:
    read = read_roster_xlsx(_renamed(tmp_path, "Mine", heading="My roster"), AUT)
    pd.testing.assert_frame_equal(read, EXPECTED, check_dtype=False)
