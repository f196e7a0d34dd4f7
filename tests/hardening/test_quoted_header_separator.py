"""A semicolon CSV (a European locale's save) whose header has a quoted cell holding a
comma ("Notes, free text" in an HR export) was split at commas: every column name ran
together and the import said the officer id, contract and rank columns were missing. A
separator inside quotes no longer counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run

from scheduler.files import csv_delimiter


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ('"officer id";"rank";"Notes, free text"', ";"),
        ('"officer id","rank","Notes; free text"', ","),
        ('officer id\trank\t"Notes, free text"', "\t"),
        ("officer id,rank", ","),
    ],
)
def test_the_separator_outside_quotes(header: str, separator: str) -> None:
    assert csv_delimiter(header + "\nA1;PC;x\n") == separator


def test_an_hr_export_with_a_comma_in_a_quoted_header_imports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text(
        '"officer id";"contract";"rank";"service years";"Notes, free text"\r\n'
        'A1;C1;PC;5;"on a course, back in May"\r\nA2;C1;PS;3;\r\n',
        encoding="cp1252",
    )
    leave = tmp_path / "leave.csv"
    leave.write_text("officer id;start date;end date\r\nA1;01/05/2026;03/05/2026\r\n")
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert result.code == 0, result.err
    assert "2 officers, 1 contract, 1 leave booking" in result.out
