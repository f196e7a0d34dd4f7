"""A joiner whose only day in post is the horizon's last day is held to the weekly average
over that one day (``check.average_hours``, pro rata): ``s92 abstract add`` took an entry
whose own tour alone goes over it (8 h of emergency aid: 56 h a week), and every re-roster
after it refused ("leaves no lawful roster"). The entry is refused when it is typed, naming
the most it may be; one within it is taken, and the re-roster around it is lawful."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario

SCENARIO = """
[scenario]
name = "Joiner"
start = 2026-09-07
end = 2026-10-04

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "JJ"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
posts = { constable = 3 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "E"
  min = 1

[[officer]]
id = "J-01"
contract = "JJ"
rank = "constable"

[[officer]]
id = "J-02"
contract = "JJ"
rank = "constable"

[[officer]]
id = "J-03"
contract = "JJ"
rank = "constable"
start = 2026-10-04
"""


def add(scenario: Path, db: Path, start: str, end: str) -> int:
    return main(
        [
            "abstract", "add", str(scenario), "--officer", "J-03", "--date", "2026-10-04",
            "--kind", "emergency_aid", "--start", start, "--end", end, "--reason", "disorder",
            "--authorised-by", "Insp X", "--notified", "2026-09-30", "--db", str(db),
        ]
    )  # fmt: skip


def test_aid_over_the_average_of_a_one_day_joiner_is_refused_when_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    scenario, db = tmp_path / "s.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO)
    roster = ["roster", str(scenario), "--out", str(tmp_path / "r0"), "--db", str(db)]
    assert main([*roster, "--time-limit", "5", "--publish"]) == 0
    capsys.readouterr()

    assert add(scenario, db, "10:00", "18:00") == 2
    err = capsys.readouterr().err
    assert "--end" in err
    assert "J-03 is in post 1 day of the horizon (2026-10-04 to 2026-10-04)" in err
    assert "8 h of duty in them averages 56.0 h a week, over max_average_weekly_hours 48" in err
    assert "log at most 6.8 h" in err
    assert main(["abstract", "list", "--db", str(db)]) == 0
    assert "disorder" not in capsys.readouterr().out  # nothing logged

    # within the average: taken, and the re-roster around it is lawful by the checker
    assert add(scenario, db, "10:00", "16:00") == 0
    out = tmp_path / "r1"
    argv = ["reroster", str(scenario), "--from", "2026-09-28", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5"]) == 0
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(scenario), table).ok
    day = table[(table["officer_id"] == "J-03") & (table["date"] == "2026-10-04")]
    assert list(day["state"]) == ["EMERGENCY_AID"]
