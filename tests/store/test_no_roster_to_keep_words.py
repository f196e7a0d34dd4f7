"""An entry that keeps the officer's rostered tour, logged before any roster is published,
is refused in the words of where it was typed: a CSV row (or the web form) was told to
"give --start and --end", options it does not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_csv_row_is_not_told_of_command_line_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "entries.csv"
    rows.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        "HAV-01,2026-06-02,court,trial,Insp X,2026-05-01\n",
        encoding="utf-8",
    )
    scenario = str(ROOT / "scenarios" / "havering.toml")
    code = main(["abstract", "import", "--db", str(tmp_path / "s.db"), scenario, str(rows)])
    err = capsys.readouterr().err
    assert code == 2
    assert "row 2: start: no published roster" in err
    assert "give the entry's own start and end, or publish a roster first" in err
    assert "--start" not in err
