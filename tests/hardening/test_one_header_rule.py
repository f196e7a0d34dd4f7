"""One rule for a column's name in every CSV a user gives (``scheduler.files.header_name``):
case, spaces, hyphens and underscores aside. Before, a roster.csv headed 'Officer ID' or
'DATE' was refused as missing those columns though the entry import took 'Officer ID'.
And a CSV saved with pipes between its cells is split at them, as one saved with commas,
semicolons or tabs; a header with none of them is refused in one line naming the file and
the header, not read as one column missing every other."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import Published, published_tiny, run

from scheduler.errors import InputError, Problem
from scheduler.files import header_name, read_spreadsheet_csv


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Published:
    return published_tiny(None, tmp_path_factory.mktemp("tiny"))


def _rewritten(roster: Path, out: Path, header: list[str], separator: str = ",") -> Path:
    lines = roster.read_text(encoding="utf-8").splitlines()
    body = [line.replace(",", separator) for line in lines[1:]]
    out.write_text("\r\n".join([separator.join(header), *body]) + "\r\n", encoding="utf-8")
    return out


def _as_typed(column: str) -> str:
    """'officer_id' as a planner types it into a spreadsheet: 'Officer ID'."""
    return " ".join(w.capitalize() for w in column.split("_"))


@pytest.mark.parametrize(
    "typed", [_as_typed, str.upper, lambda c: f" {c.replace('_', '-')} ", lambda c: c]
)
def test_a_roster_headed_as_typed_is_checked(
    typed, tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = tiny.roster.read_text(encoding="utf-8").splitlines()[0].split(",")
    edited = _rewritten(tiny.roster, tmp_path / "roster.csv", [typed(c) for c in header])
    result = run(capsys, "check", tiny.scenario, edited)
    assert result.code == 0, result.err
    assert "no breaches" in result.out


@pytest.mark.parametrize("separator", ["|", "\t", ";"])
def test_a_roster_saved_with_another_separator_is_checked(
    separator: str, tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = tiny.roster.read_text(encoding="utf-8").splitlines()[0].split(",")
    edited = _rewritten(tiny.roster, tmp_path / "roster.csv", header, separator)
    result = run(capsys, "check", tiny.scenario, edited)
    assert result.code == 0, result.err
    assert "no breaches" in result.out


def test_a_header_with_no_separator_is_named(
    tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = tiny.roster.read_text(encoding="utf-8").splitlines()[0].split(",")
    edited = _rewritten(tiny.roster, tmp_path / "roster.csv", header, ":")
    result = run(capsys, "check", tiny.scenario, edited)
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"{edited}: row 1: one column only")
    assert "'officer_id:contract_id:" in line


def _refused(tmp_path: Path, text: str) -> Problem:
    """The one problem the checked reader finds in a duty record holding ``text``."""
    path = tmp_path / "record.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_spreadsheet_csv(path, "a duty record CSV")
    [problem] = refused.value.problems
    assert problem.file == str(path)
    return problem


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    problem = _refused(tmp_path, "Officer ID,DATE,date\nA1,2026-10-05,2026-10-06\n")
    assert problem.field == "row 1: date"
    assert "column given twice" in problem.message


def test_the_entry_import_keeps_the_same_rule(
    tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "Officer-ID|DATE|Kind|Reason|Authorised By|Notified\n"
        "T-C0|2026-10-13|sickness|flu|Sgt A|2026-10-13\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    result = run(capsys, "abstract", "import", tiny.scenario, entries, "--db", db)
    assert result.code == 0, result.err
    assert "1 entr" in result.out


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Officer ID", "officer_id"), ("  END-date ", "end_date"), ("authorised_by", "authorised_by")],
)
def test_header_name(typed: str, name: str) -> None:
    assert header_name(typed) == name


def test_a_value_past_the_last_named_column_is_named(tmp_path: Path) -> None:
    # pandas took the first cells of a row wider than the header for an index, and every
    # value moved one column along: officer_id read the contract
    problem = _refused(tmp_path, "officer_id,date\nA1,2026-10-05,late\nA2,2026-10-06\n")
    assert (problem.field, problem.value) == ("row 2", "late")


def test_empty_cells_past_the_last_named_column_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "record.csv"
    path.write_text("officer_id,date\nA1,2026-10-05,,\n\nA2,2026-10-06\n", encoding="utf-8")
    frame = read_spreadsheet_csv(path, "a duty record CSV")
    # the blank line stays an empty row, so that A2 keeps its row number (4)
    assert frame.to_dict("records") == [
        {"officer_id": "A1", "date": "2026-10-05"},
        {"officer_id": "", "date": ""},
        {"officer_id": "A2", "date": "2026-10-06"},
    ]


def test_the_hr_import_reads_rows_with_empty_cells_past_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the HR reader had a pandas of its own: the first two cells of each row became an
    # index and every value moved along (rank read '', the officers file lost A1)
    officers, leave = tmp_path / "officers.csv", tmp_path / "leave.csv"
    officers.write_text("Officer ID,Contract,Rank,Service Years\nA1,C1,PC,5,,\nA2,C1,PS,3,,\n")
    leave.write_text("officer id,start date,end date\nA1,01/05/2026,03/05/2026\n")
    out = tmp_path / "s.toml"
    result = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert result.code == 0, result.err
    assert "2 officers, 1 contract, 1 leave booking" in result.out
