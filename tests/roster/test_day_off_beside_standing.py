"""A day the officer cannot work between a tour that stands before ``--from`` and an
entry's tour after it has them off, a day off more, rather than a rest day inside its
notice cancelled: A-03 works nights (22:00-07:00) and is sent on a course at 09:00 on
Thursday 8 October; the Wednesday night before it, re-rostered from the Wednesday, gives
2 h rest, and an early that day 0 h after Tuesday's night, which stands. The re-roster took
the Wednesday off and cancelled a rest day 11 days ahead to make up the count (time and a
half); the README promises a rest day inside its notice is never cancelled while a lawful
roster without that exists (as for an HDD's aid, whose neighbour alone forbids the day)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import staggered_roster
from tightened_fixtures import SCENARIO

from scheduler.cli import main
from scheduler.store.store import Store

NIGHT = '[[shift]]\ncode = "N"\nstart = "22:00"\nend = "07:00"\n\n[[contract]]'


def test_a_day_between_a_standing_night_and_a_morning_course_is_a_day_off_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db, out = tmp_path / "s.toml", tmp_path / "s92.db", tmp_path / "rr"
    path.write_text(SCENARIO.format(limit="", hdd="").replace("[[contract]]", NIGHT, 1))
    officers = [(f"A-0{n}", "sergeant" if n == 1 else "constable", "E") for n in range(1, 5)]
    officers[2] = ("A-03", "constable", "N")  # Tuesday to Saturday nights
    tours = {"E": ("07:00", "16:00"), "N": ("22:00", "07:00")}
    published = staggered_roster("AV", officers, date(2026, 9, 7), date(2026, 10, 18), tours)
    with Store(db) as store:
        store.publish_roster("Average", published, scenario_text=path.read_text())
    course = [
        "abstract", "add", str(path), "--db", str(db), "--officer", "A-03",
        "--date", "2026-10-08", "--start", "09:00", "--end", "17:00", "--kind", "training",
        "--reason", "course", "--authorised-by", "Insp P", "--notified", "2026-10-06",
        "--today", "2026-10-06",
    ]  # fmt: skip
    assert main(course) == 0
    argv = ["reroster", str(path), "--from", "2026-10-07", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1"]) == 0, capsys.readouterr()
    assert main(["check", str(path), str(out / "roster.csv")]) == 0
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert not (changes["was"] == "REST").any(), changes  # no rest day cancelled
    assert set(changes["date"]) == {"2026-10-07", "2026-10-08"}
    assert (changes["compensation"] == "").all()
