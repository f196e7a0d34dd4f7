"""An HR workbook a planner put a sheet of notes in front of is read from the first sheet
that has the columns, not refused as missing them all; a workbook showing several sheets
names the sheet read in its problems (a cell's row and column alone could be on any)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from scheduler.cli import main

OFFICERS = [("Officer ID", "Contract", "Rank", "Service Years"), ("A1", "C1", "PC", 5)]
LEAVE = "officer id,start date,end date\nA1,2026-05-01,2026-05-03\n"


def imported(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    officers: Sequence[Sequence[object]],
    notes_first: bool = True,
) -> tuple[int, list[str], Path]:
    """``s92 scenario import`` of a workbook of ``officers`` (a Notes sheet in front of
    them if ``notes_first``): its exit code, its stderr's lines and the workbook."""
    book = tmp_path / "officers.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Officers"
    for row in officers:
        sheet.append(list(row))
    if notes_first:
        wb.create_sheet("Notes", 0)["A1"] = "exported by HR on 1 April"
    wb.save(book)
    leave = tmp_path / "leave.csv"
    leave.write_text(LEAVE, encoding="utf-8")
    out = tmp_path / "s.toml"
    capsys.readouterr()
    code = main(
        ["scenario", "import", "--officers", str(book), "--leave", str(leave), "--out", str(out)]
    )
    return code, capsys.readouterr().err.splitlines(), book


def test_a_notes_sheet_in_front_is_passed_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err, _ = imported(capsys, tmp_path, OFFICERS)
    assert code == 0, err
    assert 'id = "A1"' in (tmp_path / "s.toml").read_text(encoding="utf-8")


def test_a_problem_names_the_sheet_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err, book = imported(capsys, tmp_path, [*OFFICERS, ("A2", "C1", "Chief", 3)])
    assert code == 2
    assert err[0].startswith(f"{book}: sheet Officers, row 3, column Rank: "), err


def test_no_sheet_with_the_columns_names_the_one_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err, book = imported(capsys, tmp_path, [("Name", "Grade"), ("x", "PC")])
    assert code == 2
    assert err == [
        f"{book}: sheet Notes: missing column(s): officer_id (or officer, id), contract (or "
        "contractid, contractref), rank (or grade) (got 'exported by HR on 1 April')"
    ]


def test_a_workbook_of_one_sheet_names_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err, book = imported(capsys, tmp_path, [*OFFICERS, ("A2", "C1", "Chief", 3)], False)
    assert code == 2
    assert err[0].startswith(f"{book}: row 3, column Rank: "), err
