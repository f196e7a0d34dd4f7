"""An entry log saved by a spreadsheet whose used range runs past the data (a cleared
column, a stray format) has columns with no name and nothing in them: ';;' at each
line's end, as European Excel saves. They were "column given twice" and "(blank): unknown
column", so the import refused a file with nothing wrong in it; now they are passed over,
and a value in a column with no name is still refused, naming row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import make_scenario

from scheduler.errors import InputError
from scheduler.store.csv_import import read_abstractions_csv

HEADER = "officer_id;date;kind;reason;authorised_by;notified"
ROW = "A-01;04/05/2026;court;Snaresbrook;Insp Okafor;20/04/2026"


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "entries.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_empty_columns_with_no_name_are_passed_over(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER + ";;", ROW + ";;", ";;;;;;;;"])
    rows = read_abstractions_csv(path, make_scenario())
    assert [(e.officer_id, e.first_date.isoformat(), e.kind) for e in rows.entries] == [
        ("A-01", "2026-05-04", "court")
    ]


def test_the_same_entries_as_without_them(tmp_path: Path) -> None:
    plain = read_abstractions_csv(_write(tmp_path, [HEADER, ROW]), make_scenario())
    padded = read_abstractions_csv(_write(tmp_path, [HEADER + ";;", ROW + ";"]), make_scenario())
    assert [e.source_key for e in padded.entries] == [e.source_key for e in plain.entries]


def test_a_value_under_no_name_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER + ";", ROW + ";Crown Court"])
    with pytest.raises(InputError) as caught:
        read_abstractions_csv(path, make_scenario())
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.field == "row 2, column 7"
    assert "no name" in problem.message
