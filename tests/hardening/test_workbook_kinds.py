"""A workbook of a kind a reader cannot take (old Excel's .xls, a password-protected
workbook, LibreOffice's .ods where only .xlsx is read, any workbook where a CSV is read)
is one line saying what to save it as, exit 2, nothing written: the .xls roster was "not a
text file ... save it as CSV", the .xls or .ods HR export a codec's complaint, an .xlsx
export named .csv a traceback from openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import Run, published_tiny, run, store_state
from libreoffice import convert

OFFICERS = "officer id,contract,rank,service years\nA1,C1,PC,5\nA2,C1,PC,3\nA3,C1,PS,10\n"
LEAVE = "officer id,start date,end date\nA1,2026-05-01,2026-05-03\n"


def _one_line(result: Run, name: Path, *words: str) -> None:
    assert result.code == 2, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"{name}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", ["check", "explain", "publish", "ical"])
def test_an_old_excel_roster_says_save_it_as_xlsx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    xls = convert(tiny.roster, "xls", tmp_path / "saved")
    before = store_state(tiny.db)
    out = tmp_path / "out"
    extra = {"publish": ["--db", tiny.db, "--out", out], "ical": ["--out", out]}
    result = run(capsys, command, tiny.scenario, xls, *extra.get(command, []))
    _one_line(result, xls, "an Excel 97-2003 workbook (.xls)", "save it as Excel Workbook (.xlsx)")
    assert store_state(tiny.db) == before
    assert not out.exists()


def test_a_password_protected_workbook_is_named_as_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Excel saves a workbook with a password as a compound file, as it saves .xls, with
    the streams of MS-OFFCRYPTO in it: it was called an .xls, "save it as .xlsx", which it
    already was. A compound file without them is the .xls it looks like."""
    tiny = published_tiny(capsys, tmp_path)
    locked = tmp_path / "roster.xlsx"
    streams = "".join(f"{name}\0" for name in ("EncryptionInfo", "EncryptedPackage"))
    locked.write_bytes(
        bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + streams.encode("utf-16-le") + bytes(512)
    )
    for command in ("check", "explain", "ical"):
        result = run(
            capsys,
            command,
            tiny.scenario,
            locked,
            *(["--out", tmp_path / "o"] * (command == "ical")),
        )
        _one_line(result, locked, "a password-protected workbook", "clear the password")
    officers = tmp_path / "officers.csv"
    officers.write_text(OFFICERS, encoding="utf-8")
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", locked, "--out", out
    )
    _one_line(result, locked, "a password-protected workbook")
    assert not out.exists()
    result = run(capsys, "abstract", "import", tiny.scenario, locked, "--db", tiny.db)
    _one_line(result, locked, "a password-protected workbook")
    plain = tmp_path / "old.xlsx"
    plain.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    result = run(capsys, "check", tiny.scenario, plain)
    _one_line(result, plain, "an Excel 97-2003 workbook (.xls)")


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_an_hr_export_workbook_import_says_what_to_save(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text(OFFICERS, encoding="utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text(LEAVE, encoding="utf-8")
    saved = convert(officers, kind, tmp_path / "saved")
    out = tmp_path / "s.toml"
    result = run(capsys, "scenario", "import", "--officers", saved, "--leave", leave, "--out", out)
    _one_line(result, saved, ".xlsx")
    assert not out.exists()


def test_an_xlsx_export_named_csv_is_read_as_the_workbook_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text(OFFICERS, encoding="utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text(LEAVE, encoding="utf-8")
    book = convert(officers, "xlsx", tmp_path / "saved")
    named_csv = tmp_path / "export.csv"
    named_csv.write_bytes(book.read_bytes())
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", named_csv, "--leave", leave, "--out", out
    )
    assert result.code == 0, result.err
    assert "3 officers" in result.out
    assert out.exists()


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_an_entry_log_saved_as_a_workbook_says_save_it_as_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        "T-C0,2026-10-13,court,trial,Insp Lane,2026-09-01\n",
        encoding="utf-8",
    )
    saved = convert(entries, kind, tmp_path / "saved")
    before = store_state(tiny.db)
    result = run(capsys, "abstract", "import", tiny.scenario, saved, "--db", tiny.db)
    if kind == "ods":  # named as LibreOffice saved it, with LibreOffice's menu
        _one_line(result, saved, "a LibreOffice spreadsheet (.ods) (expected a CSV", "Text CSV")
    else:
        _one_line(result, saved, "an Excel workbook (expected a CSV", "CSV UTF-8")
    assert store_state(tiny.db) == before
