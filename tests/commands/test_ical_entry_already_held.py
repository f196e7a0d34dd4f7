"""``s92 ical`` (and ``s92 publish``) refuse a roster that does not hold an entry logged
for days still to come: its calendars would show the officer on duty through it. An entry
whose days the roster already holds as it makes them (leave logged over the scenario
file's own leave) waits for nothing: the calendars are right, and a re-roster from a later
day leaves those days as published (unmarked), so there was nothing to do but re-roster
from the leave's first day for a roster that changes nothing. Every roster is verified by
the independent checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from three_constables import published, three_constables

from scheduler.cli import main

SCENARIO = three_constables("held", "2027-03-01", "2027-03-28", o1_leave="2027-03-10/2027-03-12")


def s92(*argv: object) -> int:
    return main([str(a) for a in argv])


def leave(path: Path, db: Path, officer: str, first: str, last: str) -> None:
    code = s92(
        "abstract", "add", path, "--officer", officer, "--date", first, "--to", last,
        "--kind", "leave", "--reason", "annual leave", "--authorised-by", "PS K",
        "--notified", "2027-02-01", "--today", "2027-02-01", "--db", db,
    )  # fmt: skip
    assert code == 0


def test_leave_logged_over_the_scenario_leave_needs_no_re_roster_for_the_calendars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db, table = published(tmp_path, SCENARIO)
    roster = tmp_path / "v1" / "roster.csv"
    leave(path, db, "O1", "2027-03-10", "2027-03-12")  # the scenario file's days
    capsys.readouterr()
    assert s92("ical", path, roster, "--out", tmp_path / "feeds", "--db", db) == 0
    calendar = Calendar.from_ical((tmp_path / "feeds" / "officers" / "O1.ics").read_bytes())
    days = {
        str(e.decoded("DTSTART")): str(e["SUMMARY"])
        for e in calendar.walk("VEVENT")
        if str(e.decoded("DTSTART")).startswith("2027-03-1")
    }
    assert [days[f"2027-03-1{d}"] for d in (0, 1, 2)] == ["Annual leave"] * 3
    # leave on days the roster has O2 on duty still waits for a re-roster: refused
    duty = table[(table["officer_id"] == "O2") & (table["state"] == "DUTY")]
    day = str(duty["date"].iloc[-1])
    leave(path, db, "O2", day, day)
    capsys.readouterr()
    assert s92("ical", path, roster, "--out", tmp_path / "feeds2", "--db", db) == 2
    assert "entry 2 (O2 leave" in capsys.readouterr().err
