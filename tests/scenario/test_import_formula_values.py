"""A workbook a script wrote (openpyxl: the formula saved, its value not): read for the
values a spreadsheet saves, each such cell was blank, and the import went on without a
word: a leave booking whose last day was ``=B2+13`` became a one-day booking. Now each
such cell is named, exit 2, nothing written. A workbook Excel or LibreOffice saved holds
every formula's value, an empty text as an empty ``<v>`` in a text cell: read as before."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from scheduler.cli import main
from scheduler.scenario import load_scenario

OFFICERS = "officer_id,contract,rank,service_years\nA-01,HAV,sergeant,12\nA-02,HAV,constable,5\n"


def _leave_book(path: Path, last_day: object) -> None:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Leave"
    sheet.append(["officer_id", "first_day", "last_day", "type"])
    sheet.append(["A-01", date(2026, 6, 1), last_day, "annual leave"])
    sheet.append(["A-02", date(2026, 7, 1), date(2026, 7, 3), "annual leave"])
    book.save(path)


def _argv(tmp_path: Path, leave: Path) -> list[str]:
    (tmp_path / "officers.csv").write_text(OFFICERS)
    return ["scenario", "import", "--officers", str(tmp_path / "officers.csv"), "--leave",
            str(leave), "--out", str(tmp_path / "s.toml"), "--start", "2026-04-01",
            "--end", "2027-03-31"]  # fmt: skip


def test_a_formula_saved_without_its_value_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leave = tmp_path / "leave.xlsx"
    _leave_book(leave, "=B2+13")
    assert main(_argv(tmp_path, leave)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"{leave}: sheet Leave, cell C2: a formula with no value saved")
    assert err[0].endswith("(got '=B2+13')")
    assert not (tmp_path / "s.toml").exists()


def test_a_formula_saved_with_its_value_reads_as_the_value(tmp_path: Path) -> None:
    """As Excel and LibreOffice save: the day, and a formula's empty text (t="str")."""
    leave = tmp_path / "leave.xlsx"
    _leave_book(leave, '=IF(1=1,"","x")')
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(leave) as old, zipfile.ZipFile(saved, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<c r="C2"><f>' in data  # openpyxl's: no type, an empty <v>
                data = data.replace(b'<c r="C2"><f>', b'<c r="C2" t="str"><f>')
            new.writestr(item, data)
    assert main(_argv(tmp_path, saved)) == 0
    leave_of = {o.id: o.leave for o in load_scenario(tmp_path / "s.toml").officers}
    assert [(s.first, s.last) for s in leave_of["A-01"]] == [(date(2026, 6, 1), date(2026, 6, 1))]
