"""A roster.csv edited in a spreadsheet with a rank typed as it is said (``PC`` for
constable, which every reader takes) or hours a float away from those s92 wrote (``8.0000001``,
``8.01``, within the checker's tolerance) is the same roster: ``s92 publish`` stored it as a
new version with no change in it, and wrote the rank as typed into the roster.csv it
published. A tour code typed in lower case (``e``), which a workbook's cell reads as its
tour, was no tour at all: a breach, exit 1."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run, store_state

from scheduler.check import read_roster_csv
from scheduler.scenario import load_scenario


def retyped(roster: Path, saved: Path, rank: str, hours: str, lower: bool) -> Path:
    """``roster`` with every constable's rank typed as ``rank``, every tour's hours as
    ``hours`` and, if ``lower``, its code in lower case, as a spreadsheet saves it."""
    rows = list(csv.DictReader(io.StringIO(roster.read_text(encoding="utf-8"))))
    for row in rows:
        row["rank"] = rank if row["rank"] == "constable" else row["rank"]
        row["hours"] = hours if row["state"] == "DUTY" else row["hours"]
        row["shift"] = row["shift"].lower() if lower else row["shift"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    saved.write_text(out.getvalue(), encoding="utf-8")
    return saved


@pytest.mark.parametrize(
    ("rank", "hours", "lower"),
    [
        ("PC", "8.00", False),
        ("constable", "8.0000001", False),
        ("Constable", "8.01", False),
        ("constable", "8.00", True),
    ],
)
def test_the_same_roster_retyped_publishes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rank: str, hours: str, lower: bool
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    assert "DUTY" in tiny.roster.read_text(encoding="utf-8")
    saved = retyped(tiny.roster, tmp_path / "edited.csv", rank, hours, lower)
    before = store_state(tiny.db)
    result = run(capsys, "publish", tiny.scenario, saved, "--db", tiny.db, "--out", tmp_path / "o")
    assert result.code == 0, result.err
    assert (
        result.err == f"{saved}: no change from the published roster version 1: nothing published\n"
    )
    assert store_state(tiny.db) == before
    table = read_roster_csv(saved, load_scenario(tiny.scenario))
    assert table.equals(read_roster_csv(tiny.roster, load_scenario(tiny.scenario)))
