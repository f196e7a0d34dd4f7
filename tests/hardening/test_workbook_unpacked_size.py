"""A workbook that unpacks to far more than it weighs (a zip bomb: a few MB of archive,
gigabytes of sheet) was inflated whole by the reader, every byte of memory the command
or web worker had; now its declared size is looked at first, and past the input limit it
is refused, one line, exit 2. The limit is lowered here to keep the test small; London's
year of roster.xlsx unpacks to about 25 MB, against 512 MB."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run

LIMIT = 2 * 2**20


def _padded(book: Path, to: Path, size: int) -> Path:
    """``book`` with a member of ``size`` zero bytes more (a few KB once packed)."""
    shutil.copy(book, to)
    with zipfile.ZipFile(to, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(size))
    return to


@pytest.fixture
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scheduler.files.MAX_INPUT_BYTES", LIMIT)


@pytest.mark.usefixtures("low_limit")
def test_a_roster_workbook_past_the_limit_unpacked_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    book = tmp_path / "solved" / "roster.xlsx"
    assert run(capsys, "check", tiny.scenario, book).code == 0  # as written: read
    bomb = _padded(book, tmp_path / "bomb.xlsx", LIMIT + 1)
    assert bomb.stat().st_size < LIMIT // 4
    result = run(capsys, "check", tiny.scenario, bomb)
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert line.startswith(f"{bomb}: unpacks to 2 MB, more than a roster workbook can be")


@pytest.mark.usefixtures("low_limit")
def test_an_hr_workbook_past_the_limit_unpacked_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl

    officers = tmp_path / "officers.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["officer id", "contract", "rank", "service years"])
    sheet.append(["A1", "C1", "PC", 5])
    book.save(officers)
    leave = tmp_path / "leave.csv"
    leave.write_text("officer id,start date,end date\nA1,2026-05-01,\n", encoding="utf-8")
    bomb = _padded(officers, tmp_path / "bomb.xlsx", LIMIT + 1)
    out = tmp_path / "s.toml"
    result = run(capsys, "scenario", "import", "--officers", bomb, "--leave", leave, "--out", out)
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert "unpacks to 2 MB, more than a spreadsheet can be" in line
    assert not out.exists()
