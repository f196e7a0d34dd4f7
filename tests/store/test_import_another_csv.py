"""``s92 abstract import`` given another CSV (the roster.csv, check's findings): one line
saying it is no CSV of entries, the columns missing and those unknown, exit 2, nothing
logged. Before: a line per unknown column and per missing one (nine for a roster.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import TABLE

from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text


def test_a_roster_csv_given_for_entries_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, roster, db = tmp_path / "a.toml", tmp_path / "roster.csv", tmp_path / "s92.db"
    toml.write_text(AUTUMN_TOML)
    roster.write_text(roster_csv_text(TABLE))
    capsys.readouterr()
    assert main(["abstract", "import", str(toml), str(roster), "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{roster}: row 1: not a CSV of entries: columns reason, authorised_by, notified "
        "missing, rank, state, shift, hours, event, abstraction_id unknown (expected "
        "officer_id, date, kind, reason, authorised_by, notified, end_date, start, end, or "
        "the columns s92 abstract list --csv writes)"
    ]
    assert not db.exists()
