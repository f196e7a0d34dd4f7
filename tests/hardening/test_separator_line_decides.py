"""A CSV whose first line is ``sep=|`` (Excel takes any single character there as the
column separator) had that line left out but was then split at commas: every row one
column, and the file refused as missing every column. The ``sep=`` line now decides the
separator in every CSV s92 reads: the checked reader, the scenario import's, the entry
import's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

from scheduler.files import read_spreadsheet_csv

OFFICERS = "officer id|contract|rank|service years\r\nA1|C1|PC|5\r\nA2|C1|PS|3\r\n"


@pytest.mark.parametrize("separator", ["|", ":", "#", "~", "\t", ";", ","])
def test_the_separator_line_decides(separator: str, tmp_path: Path) -> None:
    path = tmp_path / "officers.csv"
    body = OFFICERS.replace("|", separator)
    path.write_text(f"sep={separator}\r\n{body}", encoding="utf-8")
    frame = read_spreadsheet_csv(path, "an officers CSV")
    assert list(frame.columns) == ["officer_id", "contract", "rank", "service_years"]
    assert frame["rank"].tolist() == ["PC", "PS"]


def test_a_comma_in_a_cell_is_text_under_another_separator(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('"sep=|"\nname|note\nA1|late, then sick\n', encoding="utf-8")
    frame = read_spreadsheet_csv(path, "a CSV")
    assert frame.to_dict("records") == [{"name": "A1", "note": "late, then sick"}]


def test_the_imports_take_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text("sep=|\r\n" + OFFICERS, encoding="cp1252")
    leave = tmp_path / "leave.csv"
    leave.write_text("sep=|\nofficer id|start date|end date\nA1|01/05/2026|03/05/2026\n")
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert result.code == 0, result.err
    assert "2 officers, 1 contract, 1 leave booking" in result.out

    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "sep=|\nofficer_id|date|kind|reason|authorised_by|notified\n", encoding="utf-8"
    )
    done = run(capsys, "abstract", "import", scenario, entries, "--db", tmp_path / "s.db")
    assert done.code == 0, done.err
    assert "0 entries added" in done.out
