"""A contract sheet's printed header names the contract, its council and BCU: with a long
council and BCU (each may be 200 characters) it ran past the 255 characters Excel takes in
a header, and Excel opened roster.xlsx only after a repair. Cut to fit, '&' still doubled."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from check_builder import roster, scenario

from scheduler.check.workbook import load_roster_xlsx
from scheduler.export.xlsx import write_roster_xlsx


def _header(book: Path) -> str:
    with zipfile.ZipFile(book) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    found = re.search(r"<oddHeader>(.*?)</oddHeader>", sheet)
    assert found is not None
    return html.unescape(found.group(1))


@pytest.mark.parametrize("word", ["Havering ", "B & D "])
def test_the_header_fits_what_excel_takes(tmp_path: Path, word: str) -> None:
    council = (word * 40)[:200].strip()
    s = scenario(contract={"council": council, "bcu": ("East Area " * 20)[:200].strip()})
    table = roster(s)
    book = write_roster_xlsx(table, tmp_path / "roster.xlsx", s)
    header = _header(book)
    assert len(header) <= 255
    assert header.startswith(f"&LTST: {council[:20].replace('&', '&&')}")
    assert header.endswith("…")
    assert "&&" in header or "&" not in word  # an '&' of the name stays a character
    assert re.search(r"(?<!&)&(?![&L])", header) is None  # no lone '&' starting a code
    assert len(load_roster_xlsx(book, s).table) == len(table)


def test_a_short_header_is_whole(tmp_path: Path) -> None:
    s = scenario(contract={"council": "Barking & Dagenham"})
    header = _header(write_roster_xlsx(roster(s), tmp_path / "roster.xlsx", s))
    assert header == "&LTST: Barking && Dagenham (XX)"
