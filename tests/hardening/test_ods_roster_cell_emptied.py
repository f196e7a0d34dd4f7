"""A roster saved by LibreOffice as .ods (which every roster reader takes) with a day's
cell emptied is refused naming the cell, exit 2, as the .xlsx is: the check for a formula
saved without its value opened the file with openpyxl, which reads no .ods, and s92 ended
in a traceback (KeyError: no '[Content_Types].xml')."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from hardening_helpers import Published, published_tiny, run, store_state
from libreoffice import convert


@dataclass
class Saved:
    tiny: Published
    ods: Path
    officer: str


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Saved:
    """The tiny roster.xlsx with its first officer's first day emptied, saved as .ods by
    LibreOffice (once for the module)."""
    folder = tmp_path_factory.mktemp("ods")
    tiny = published_tiny(None, folder)
    edited = folder / "edited" / "roster.xlsx"
    edited.parent.mkdir()
    book = openpyxl.load_workbook(tiny.roster.with_name("roster.xlsx"))
    sheet = book["T1"]
    assert sheet["C4"].value  # the first officer's first day
    sheet["C4"].value = None
    book.save(edited)
    return Saved(tiny, convert(edited, "ods", folder / "saved"), str(sheet["A4"].value))


@pytest.mark.parametrize("command", ["check", "publish"])
def test_an_ods_roster_with_a_cell_emptied_is_named_at_the_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, saved: Saved, command: str
) -> None:
    before = store_state(saved.tiny.db)
    out = tmp_path / "out"
    extra = ["--db", saved.tiny.db, "--out", out] if command == "publish" else []
    result = run(capsys, command, saved.tiny.scenario, saved.ods, *extra)
    assert result.code == 2, result.err
    assert result.err.splitlines() == [
        f"{saved.ods}: sheet T1, cell C4: empty, but {saved.officer} is in post on "
        "2026-10-05: type a code (R for a rest day)"
    ]
    assert store_state(saved.tiny.db) == before
    assert not out.exists()
