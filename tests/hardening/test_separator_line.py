"""Some exports write ``sep=;`` as a CSV's first line so that Excel splits its columns
there (Excel takes it as a setting and shows no row for it). s92 read it as the header
and refused the file as missing every column; it is now left out, as Excel leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run

from scheduler.files import read_spreadsheet_csv

OFFICERS = "officer id;contract;rank;service years\r\nA1;C1;PC;5\r\nA2;C1;PS;3\r\n"
LEAVE = "officer id;start date;end date\r\nA1;01/05/2026;03/05/2026\r\n"


@pytest.mark.parametrize("line", ["sep=;", "SEP=;", '"sep=;"', "sep=; "])
def test_the_separator_line_is_no_row(line: str, tmp_path: Path) -> None:
    path = tmp_path / "officers.csv"
    path.write_text(f"{line}\r\n{OFFICERS}", encoding="cp1252")
    frame = read_spreadsheet_csv(path, "an officers CSV")
    assert list(frame.columns) == ["officer_id", "contract", "rank", "service_years"]
    assert frame["officer_id"].tolist() == ["A1", "A2"]


def test_a_cell_reading_sep_further_down_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("note,who\r\nsep=;,A1\r\n", encoding="utf-8")
    assert read_spreadsheet_csv(path, "a CSV")["note"].tolist() == ["sep=;"]


def test_an_export_with_the_line_imports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers, leave = tmp_path / "officers.csv", tmp_path / "leave.csv"
    officers.write_text("sep=;\r\n" + OFFICERS, encoding="cp1252")
    leave.write_text("sep=;\n" + LEAVE.replace("\r\n", "\n"), encoding="utf-8-sig")
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert result.code == 0, result.err
    assert "2 officers, 1 contract, 1 leave booking" in result.out
