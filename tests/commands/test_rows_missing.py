"""A roster with rows deleted or filtered out in a spreadsheet (an officer's day, a whole
officer) given to ``s92 publish`` or ``s92 check``: it exited 1 with a table of the rule
breaches that follow from the gap, as if the roster broke rules. It is bad input, refused
as ``s92 ical`` refuses it (the schema rule's missing days): exit 2, one line per officer
naming the file, the officer and the missing days as runs, nothing published."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE, published, versions

from scheduler.check import schema
from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """The scenario file and a store holding TABLE as version 1."""
    return published(tmp_path)


def without(tmp_path: Path, officer: str, days: set[str]) -> Path:
    """TABLE's roster.csv with ``officer``'s rows on ``days`` deleted."""
    gone = (TABLE["officer_id"] == officer) & TABLE["date"].isin(days)
    assert gone.sum() == len(days)
    path = tmp_path / "edited" / "roster.csv"
    path.parent.mkdir()
    path.write_text(roster_csv_text(TABLE[~gone]), encoding="utf-8")
    return path


def test_publish_of_a_csv_with_days_deleted_is_refused_in_one_line(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = setup
    csv = without(tmp_path, "T1", {"2026-10-22", "2026-10-23", "2026-11-02"})
    capsys.readouterr()
    assert main(["publish", str(toml), str(csv), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{csv}: T1 2026-10-22: no row for 2026-10-22 to 2026-10-23 (2 days), 2026-11-02; "
        "every in-post day needs one"
    ]
    assert versions(db) == [1]  # nothing published
    assert sorted(p.name for p in csv.parent.iterdir()) == ["roster.csv"]  # nor written


def test_publish_of_a_workbook_with_an_officer_deleted_is_refused(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = setup
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "T2")
    sheet.delete_rows(row)  # as Excel's Delete Row does
    wb.save(book)
    capsys.readouterr()
    assert main(["publish", str(toml), str(book), "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{book}: T2 2026-10-19: no row for 2026-10-19 to 2026-11-15 (28 days); "
        "every in-post day needs one"
    ]
    assert versions(db) == [1]
    assert sorted(p.name for p in book.parent.iterdir()) == ["roster.xlsx"]


def test_check_names_the_first_runs_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "SHOWN_RUNS", 3)
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    # every other day of T1 filtered out: 14 runs of one day
    csv = without(tmp_path, "T1", set(TABLE["date"].unique()[::2]))
    capsys.readouterr()
    assert main(["check", str(toml), str(csv)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{csv}: T1 2026-10-19: no row for 2026-10-19, 2026-10-21, 2026-10-23 and 11 more "
        "runs (14 days in all); every in-post day needs one"
    ]
