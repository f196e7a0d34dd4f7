"""A shift starting in the hour the clocks skip (01:30 on the last Sunday of March: the
instant London's clocks call 02:30) was written by s92 roster as starting 02:30, and then
refused by its own checker ('tour 02:30-09:30 is not shift X 01:30-09:30'): nothing
written, exit 1, for a valid scenario; and a re-roster refused the published roster as a
shift changed since."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run

SCENARIO = """
[scenario]
name = "Spring forward"
start = 2027-03-22
end = 2027-04-04

[[shift]]
code = "X"
start = "01:30"
end = "09:30"

[[shift]]
code = "Y"
start = "17:30"
end = "01:30"

[[contract]]
id = "SF"
council = "Council S"
bcu = "EA"
start = 2026-01-05
posts = { constable = 2, sergeant = 1 }
cover = [{ days = ["Sun"], shift = "X", min = 2 }, { days = ["Sat"], shift = "Y", min = 1 }]

[[officer]]
id = "S-S0"
contract = "SF"
rank = "sergeant"

[[officer]]
id = "S-C0"
contract = "SF"
rank = "constable"

[[officer]]
id = "S-C1"
contract = "SF"
rank = "constable"
"""


def _rows(roster: Path, day: str, shift: str) -> list[dict[str, str]]:
    with roster.open(newline="", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["date"] == day and r["shift"] == shift]


def test_a_shift_in_the_skipped_hour_is_rostered_checked_and_rerostered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario, db, out = tmp_path / "sf.toml", tmp_path / "s92.db", tmp_path / "out"
    scenario.write_text(SCENARIO, encoding="utf-8")
    result = run(capsys, "roster", scenario, "--out", out, "--publish", "--db", db, *SOLVE)
    assert result.code == 0, result.err
    # the same instants as 01:30 GMT: the clocks read 02:30, and the tour is 7 hours
    sunday = _rows(out / "roster.csv", "2027-03-28", "X")
    assert len(sunday) == 2
    assert {(r["start"], r["end"], r["hours"]) for r in sunday} == {
        ("2027-03-28T02:30:00+01:00", "2027-03-28T09:30:00+01:00", "7.00")
    }
    saturday = _rows(out / "roster.csv", "2027-03-27", "Y")
    assert {(r["start"], r["end"]) for r in saturday} == {
        ("2027-03-27T17:30:00+00:00", "2027-03-28T02:30:00+01:00")
    }
    for roster in ("roster.csv", "roster.xlsx"):
        checked = run(capsys, "check", scenario, out / roster)
        assert checked.code == 0, checked.out + checked.err
    again = run(
        capsys, "reroster", scenario, "--from", "2027-03-24", "--out", tmp_path / "re",
        "--db", db, "--publish", "--time-limit", "10",
    )  # fmt: skip
    assert again.code == 0, again.err


def test_a_tour_at_other_times_that_day_is_still_a_breach(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario, out = tmp_path / "sf.toml", tmp_path / "out"
    scenario.write_text(SCENARIO, encoding="utf-8")
    assert run(capsys, "roster", scenario, "--out", out, *SOLVE).code == 0
    roster = out / "roster.csv"
    text = roster.read_text(encoding="utf-8")
    first = _rows(roster, "2027-03-28", "X")[0]["officer_id"]
    # an hour later, its hours with it (7 h elapsed before: hours that do not fit the
    # times are a table fault, refused before any rule is checked)
    late = text
    for rank in ("constable", "sergeant"):
        late = late.replace(
            f"{first},SF,{rank},2027-03-28,DUTY,X,2027-03-28T02:30:00+01:00,"
            "2027-03-28T09:30:00+01:00,7.00",
            f"{first},SF,{rank},2027-03-28,DUTY,X,2027-03-28T03:30:00+01:00,"
            "2027-03-28T09:30:00+01:00,6.00",
        )
    assert late != text
    edited = tmp_path / "edited.csv"
    edited.write_text(late, encoding="utf-8")
    checked = run(capsys, "check", scenario, edited)
    assert checked.code == 1
    assert "ring-fence 1)" in checked.out
