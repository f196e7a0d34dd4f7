"""CSVs as Excel's 'Unicode Text' and LibreOffice's UTF-16 save write them (UTF-16 with a
byte order mark, tabs between cells, Windows line ends) are read as every other CSV a user
gives: a roster to check, entries to import, a duty record, an HR sheet. Each was refused
as 'not a text file'."""

from __future__ import annotations

import codecs
from pathlib import Path

import openpyxl
import pytest
from hardening_helpers import published_tiny, run
from libreoffice import convert

from scheduler.store import Store

ENTRIES = [
    ["officer_id", "date", "end_date", "kind", "reason", "authorised_by", "notified"],
    ["T-C0", "13/10/2026", "", "court", "Crown Court – £ owed to café", "Insp Lane", "01/09/2026"],
]


def unicode_text(rows: list[list[str]], *, big_endian: bool = False) -> bytes:
    """What Excel's 'Unicode Text' save writes."""
    text = "".join("\t".join(row) + "\r\n" for row in rows)
    if big_endian:
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


@pytest.fixture
def solved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path, Path]:
    tiny = published_tiny(capsys, tmp_path)
    return tiny.scenario, tiny.roster, tiny.db


@pytest.mark.parametrize("big_endian", [False, True])
def test_a_roster_saved_as_unicode_text_is_checked(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path, Path], big_endian: bool
) -> None:
    scenario, roster, _ = solved
    rows = [line.split(",") for line in roster.read_text(encoding="utf-8").splitlines()]
    saved = roster.with_name("roster.txt")
    saved.write_bytes(unicode_text(rows, big_endian=big_endian))
    result = run(capsys, "check", scenario, saved)
    assert result.code == 0, result.err
    assert f"{len(rows) - 1} rows, 3 officers: no breaches" in result.out


def test_a_roster_libreoffice_saved_as_utf16_is_checked(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    scenario, roster, _ = solved
    folder = tmp_path / "libreoffice"
    folder.mkdir()
    convert(roster, "txt:Text - txt - csv (StarCalc):9,34,65535", folder)  # tab, ", UTF-16
    saved = folder / "roster.txt"
    assert saved.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    result = run(capsys, "check", scenario, saved)
    assert result.code == 0, result.err
    assert "no breaches" in result.out


def test_entries_saved_as_unicode_text_are_imported(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path, Path]
) -> None:
    scenario, roster, db = solved
    entries = roster.with_name("entries.txt")
    entries.write_bytes(unicode_text(ENTRIES))
    result = run(capsys, "abstract", "import", scenario, entries, "--db", db)
    assert result.code == 0, result.err
    with Store(db) as store:
        reasons = [r[0] for r in store.query("SELECT reason FROM abstraction")]
    assert reasons == ["Crown Court – £ owed to café"]


def test_entries_given_as_the_workbook_say_so(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path, Path]
) -> None:
    """The leave sheet given as the Excel workbook it was typed in (not saved as CSV):
    refused as 'not a text file', which a planner holding a spreadsheet cannot act on.
    One line naming it a workbook and how to save it as CSV; nothing logged."""
    scenario, roster, db = solved
    book = openpyxl.Workbook()
    sheet = book.create_sheet("Leave", 0)
    for row in ENTRIES:
        sheet.append(row)
    entries = roster.with_name("entries.xlsx")
    book.save(entries)
    result = run(capsys, "abstract", "import", scenario, entries, "--db", db)
    assert result.code == 2
    assert result.err == (
        f"{entries}: an Excel workbook (expected a CSV: UTF-8, Windows-1252 or Unicode Text; "
        "in Excel, File > Save As > CSV UTF-8)\n"
    )
    with Store(db) as store:
        assert store.query("SELECT reason FROM abstraction") == []


def test_a_duty_record_saved_as_unicode_text_is_read(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    scenario, _, db = solved
    record = [["Officer ID", "Date", "Start", "End", "Deployment", "Reason"]]
    for day in range(5, 19):
        for officer in ("T-S0", "T-C0", "T-C1"):
            record.append([officer, f"{day:02d}/10/2026", "", "", "rest", ""])
    actuals = tmp_path / "duty.txt"
    actuals.write_bytes(unicode_text(record))
    result = run(
        capsys, "report", scenario, "--period", "2026-10", "--actuals", actuals,
        "--out", tmp_path / "report", "--db", db,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert (tmp_path / "report" / "differences.csv").is_file()


def test_an_hr_sheet_saved_as_unicode_text_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.txt"
    officers.write_bytes(
        unicode_text(
            [
                ["Officer ID", "Contract", "Rank", "Service start date"],
                ["TH-01", "TOW-PP", "PS", "14/03/2014"],
                ["TH-02", "TOW-PP", "PC", "02/04/2020"],
            ]
        )
    )
    leave = tmp_path / "leave.txt"
    leave.write_bytes(
        unicode_text(
            [
                ["Officer ID", "Leave type", "Start date", "End date"],
                ["TH-01", "Annual leave", "03/08/2026", "14/08/2026"],
            ]
        )
    )
    out = tmp_path / "tower.toml"
    argv = ["scenario", "import", "--officers", officers, "--leave", leave, "--out", out]
    result = run(capsys, *argv, "--start", "2026-04-01")
    assert result.code == 0, result.err
    assert run(capsys, "validate", out).code == 0
