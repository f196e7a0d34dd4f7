"""roster.xlsx's rows written by ``xlsx_cells.Sheet`` itself, not cell by cell by openpyxl:
the same workbook, read the same way, whatever the text in it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import openpyxl.cell._writer as openpyxl_cell_writer
import openpyxl.worksheet._writer as openpyxl_worksheet_writer
import pandas as pd
import pytest
from check_builder import roster, scenario
from lxml import etree

from scheduler.check.workbook import read_roster_xlsx
from scheduler.export import xlsx_cells
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario import Scenario
from scheduler.table import DATA_SHEET

# text a cell must keep as it is: markup characters, a carriage return (which an XML
# parser would read as a line feed), spaces at either end, formula-like and long text
AWKWARD = (
    "a & b <c> \"d\" 'e'",
    "line\r\nbreak\rand\nmore",
    "  spaced  ",
    '=HYPERLINK("http://x")',
    "+44 20",
    "Café – ü ✓",
    "x" * 40_000,
)


def _awkward_roster() -> tuple[pd.DataFrame, Scenario]:
    """Four weeks of two officers, some rest days made court days whose events say
    ``AWKWARD``'s texts (kept on the data sheet)."""
    s = scenario()
    table = roster(s)
    table["kind"] = ""
    table["abstraction_id"] = ""
    rest = table.index[table["state"] == "REST"][: len(AWKWARD)]
    assert len(rest) == len(AWKWARD)
    for at, text in zip(rest, AWKWARD, strict=True):
        table.loc[at, ["state", "event", "kind", "abstraction_id"]] = ["COURT", text, "court", "9"]
    return table, s


def _parts(path: Path) -> dict[str, bytes]:
    """Every part but the timestamps, canonical XML (an empty element as <v></v> or <v/>
    is the same element)."""
    with zipfile.ZipFile(path) as z:
        return {
            n: etree.tostring(etree.fromstring(z.read(n)), method="c14n")
            for n in z.namelist()
            if not n.startswith("docProps/") and n.endswith((".xml", ".rels"))
        }


def test_rows_written_as_openpyxl_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table, s = _awkward_roster()
    ours = write_roster_xlsx(table, tmp_path / "ours.xlsx", s)
    monkeypatch.setattr(xlsx_cells.Sheet, "_hook_writer", lambda self: None)
    own = write_roster_xlsx(table, tmp_path / "own.xlsx", s)
    assert _parts(ours) == _parts(own)
    # and read back as written: every awkward text kept, on the data sheet as in the grid
    data = openpyxl.load_workbook(ours)[DATA_SHEET]
    kept = {c.value for row in data.iter_rows() for c in row if isinstance(c.value, str)}
    assert {text[: xlsx_cells.MOST_CHARACTERS] for text in AWKWARD} <= kept
    assert read_roster_xlsx(ours, s).equals(read_roster_xlsx(own, s))


def test_openpyxls_cell_writer_writes_only_the_header_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl's writer made an element and a dict for each of London's 344,000 cells,
    half the workbook's time; it now writes only rows with a comment, a date or a height
    (the headers)."""
    calls = 0
    real = openpyxl_cell_writer.write_cell

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl_worksheet_writer, "write_cell", counted)
    monkeypatch.setattr(xlsx_cells, "write_cell", counted)
    table, s = _awkward_roster()
    path = write_roster_xlsx(table, tmp_path / "roster.xlsx", s)
    headers = 3 * (len(s.days) + 5)  # the three header rows of the one contract sheet
    assert 0 < calls <= headers
    with zipfile.ZipFile(path) as z:
        cells = sum(z.read(n).count(b"<c ") for n in z.namelist() if "worksheets/" in n)
    assert cells > 3 * headers  # the grid, the cover and totals rows, the data sheet
