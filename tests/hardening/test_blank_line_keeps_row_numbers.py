"""A blank line in a CSV a user gives (a hand-edited roster.csv, a duty record typed in a
text editor) is an empty row in the spreadsheet the user looks at: every row after it is
named by the number the spreadsheet shows. The checked reader passed blank lines over, so
a mistake below one was named a row too high; the entry import, which read the file with
a reader of its own, numbered it right, and now reads it with the checked reader too."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

from scheduler.files import read_spreadsheet_csv

HEADER = "officer_id,contract_id,rank,date,state,shift,start,end,hours,event\n"


def test_check_names_the_row_below_a_blank_line_as_a_spreadsheet_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        HEADER + "T-S0,T1,sergeant,2026-10-05,REST,,,,,\n\nT-S0,T1,sergeant,2026-10-06,NAP,,,,,\n",
        encoding="utf-8",
    )
    result = run(capsys, "check", scenario, roster)
    assert result.code == 2
    assert f"{roster}: row 4, column state:" in result.err
    assert "'NAP'" in result.err
    # the blank row itself is named as a row of separators (,,,) there is: an empty row
    # among officer-days, once (it was a line per column it left empty: date, state)
    assert f"{roster}: row 3: an empty row among the officer-days" in result.err
    assert len(result.err.strip().splitlines()) == 2


def test_the_checked_reader_keeps_a_blank_line_as_an_empty_row(tmp_path: Path) -> None:
    path = tmp_path / "record.csv"
    path.write_text("\n\nofficer_id;date\r\nA1;2026-10-05\r\n\r\nA2;2026-10-06\r\n", "utf-8")
    frame = read_spreadsheet_csv(path, "a duty record CSV")
    # blank lines above the header are passed over, and the header decides the separator
    assert frame["officer_id"].tolist() == ["A1", "", "A2"]


def _import_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str) -> str:
    """The one line ``s92 abstract import`` refuses an entry file holding ``rows`` with,
    after its header; the file's name is left out."""
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    entries = tmp_path / "entries.csv"
    header = "officer_id,date,kind,reason,authorised_by,notified\n"
    entries.write_text(header + rows, encoding="utf-8")
    result = run(capsys, "abstract", "import", scenario, entries, "--db", tmp_path / "s.db")
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"{entries}: ")
    return line.removeprefix(f"{entries}: ")


def test_the_entry_import_reads_with_the_checked_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a value past the header's last column: refused as every CSV reader refuses it
    line = _import_refused(
        tmp_path, capsys, "\nT-C0,2026-10-13,sickness,flu,Sgt A,2026-10-13,late\n"
    )
    assert line.startswith("row 3: a value past the last column the header names")


def test_a_quote_never_closed_is_named_by_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was pandas' "Error tokenizing data. C error: EOF inside string starting at row 3",
    # counted from 0, and named no row: a spreadsheet shows the header, a row of two lines,
    # a blank row, and the quote in row 4
    line = _import_refused(
        tmp_path,
        capsys,
        'T-C0,2026-10-12,sickness,"flu,\nstill",Sgt A,2026-10-12\n\n'
        'T-C0,2026-10-13,sickness,"flu,Sgt A,2026-10-13\n'
        "T-C0,2026-10-14,sickness,flu,Sgt A,2026-10-14\n",
    )
    assert line.startswith('row 4: not a readable CSV: a quote (") opened in this row')
