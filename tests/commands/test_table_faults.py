"""A roster edited by hand with a table fault (a day doubled, a rank typed over, a row
of an officer the scenario does not know) given to ``s92 publish`` or ``s92 check``: it
exited 1 with the schema rule's breach, as if the roster broke a rule, where ``s92
ical`` and ``s92 explain`` refused the same file as bad input. Now every command
refuses it so (``scheduler.check.source.refuse_faults``): exit 2, one line per fault
naming the file, the row (or sheet and cell), the column, the officer and day, the
value; nothing published or written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from planner import AUT, TABLE, published, versions

from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """The scenario file and a store holding TABLE as version 1."""
    return published(tmp_path)


def written(tmp_path: Path, table: pd.DataFrame) -> Path:
    path = tmp_path / "edited" / "roster.csv"
    path.parent.mkdir()
    path.write_text(roster_csv_text(table), encoding="utf-8")
    return path


def t1_typed_over(tmp_path: Path, column: int, value: str) -> tuple[Path, int]:
    """TABLE's roster.xlsx with ``value`` typed into ``column`` of T1's line, and its row."""
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "T1")
    sheet.cell(row, column).value = value
    wb.save(book)
    return book, row


@pytest.mark.parametrize("command", ["publish", "check"])
def test_a_doubled_day_is_bad_input(
    setup: tuple[Path, Path], tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = setup
    at = TABLE.index[(TABLE["officer_id"] == "T1") & (TABLE["date"] == "2026-10-22")][0]
    csv = written(tmp_path, pd.concat([TABLE, TABLE.loc[[at]]], ignore_index=True))
    capsys.readouterr()
    assert main([command, str(toml), str(csv), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{csv}: row {len(TABLE) + 2}, column date: T1 2026-10-22: 2 rows for one day "
        "(states REST, REST): an officer-day has one"
    ]
    assert versions(db) == [1]  # nothing published
    assert sorted(p.name for p in csv.parent.iterdir()) == ["roster.csv"]  # nor written


@pytest.mark.parametrize("command", ["publish", "check"])
def test_a_rank_and_a_stranger_are_bad_input_each_on_its_line(
    setup: tuple[Path, Path], tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = setup
    table = TABLE.copy()
    rank = table.index[(table["officer_id"] == "T2") & (table["date"] == "2026-10-26")][0]
    table.loc[rank, "rank"] = "inspector"
    stranger = table.index[(table["officer_id"] == "T1") & (table["date"] == "2026-10-19")][0]
    copy = table.loc[[stranger]].assign(officer_id="T9")
    csv = written(tmp_path, pd.concat([table, copy], ignore_index=True))
    capsys.readouterr()
    assert main([command, str(toml), str(csv), "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{csv}: row {rank + 2}, column rank: T2 2026-10-26: rank 'inspector'; the scenario "
        "says 'sergeant'",
        f"{csv}: row {len(table) + 2}, column officer_id: T9 2026-10-19: officer 'T9' is not "
        "in the scenario (1 row)",
    ]
    assert versions(db) == [1]


def test_publish_of_a_workbook_names_the_sheet_and_cell(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = setup
    book, row = t1_typed_over(tmp_path, 2, "Insp")  # the rank column of T1's line
    capsys.readouterr()
    assert main(["publish", str(toml), str(book), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [  # one cell, one line: not one for each of T1's 28 days
        f"{book}: sheet TST, cell B{row}, column rank: T1 2026-10-19: rank 'inspector'; the "
        "scenario says 'constable' (the first of 28 days)"
    ]
    assert versions(db) == [1]
    assert sorted(p.name for p in book.parent.iterdir()) == ["roster.xlsx"]


def test_an_id_typed_over_in_a_workbook_names_its_cell(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, _ = setup
    book, row = t1_typed_over(tmp_path, 1, "T11")
    capsys.readouterr()
    assert main(["check", str(toml), str(book)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{book}: T1 2026-10-19: no row for 2026-10-19 to 2026-11-15 (28 days); every in-post "
        "day needs one",
        f"{book}: sheet TST, cell A{row}, column officer_id: T11 2026-10-19: officer 'T11' is "
        "not in the scenario (28 rows)",
    ]
