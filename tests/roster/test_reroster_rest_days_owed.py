"""Leave booked over rest days of an officer who has more rest days than the rules owe (a
contract with little tasking) where no duty day is left to re-roster those rest days on:
the re-roster refused it ('leaves no lawful roster; without it one holds'), so the planner
could only void the leave. Its last resort now owes the officer the rest days the rules
require, not every one published: the leave days change and nothing else. Found by
benchmarks/scenario_generate.py (seed 1) under benchmarks/year_sim.py."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from work_alone import work_alone

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario

SCENARIO = """
[scenario]
name = "Quiet contract"
start = 2026-09-07
end = 2026-10-04

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "C1"
council = "London Borough of A"
bcu = "XX"
start = 2026-04-01
posts = {{ constable = 1 }}

[[officer]]
id = "O1"
contract = "C1"
rank = "constable"
{leave}
"""
COLUMNS = "officer_id,contract_id,rank,date,state,shift,start,end,hours,event,kind,abstraction_id"


def _published(folder: Path) -> Path:
    """O1 works Mondays to Wednesdays of the first two weeks and the last day, rests the rest."""
    lines = [COLUMNS]
    for n in range(28):
        day = date(2026, 9, 7) + timedelta(days=n)
        if (n < 14 and day.weekday() < 3) or n == 27:
            lines.append(
                f"O1,C1,constable,{day},DUTY,E,{day}T07:00:00+01:00,{day}T15:00:00+01:00,8.00,,,"
            )
        else:
            lines.append(f"O1,C1,constable,{day},REST,,,,0.00,,,")
    path = folder / "published.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_leave_over_spare_rest_days_changes_nothing(tmp_path: Path) -> None:
    """Four days of leave wholly on published rest days of an officer with rest days to
    spare take no duty day: all four stay REST and the re-roster changes nothing (annual
    leave is taken on duty days, never on rest days; README Entries). Before, two became
    LEAVE (a week's rest days kept for a part-week of leave)."""
    toml, db = tmp_path / "quiet.toml", str(tmp_path / "s92.db")
    toml.write_text(SCENARIO.format(leave=""))
    assert main(["publish", str(toml), str(_published(tmp_path)), "--db", db]) == 0
    toml.write_text(SCENARIO.format(leave='leave = ["2026-09-29/2026-10-02"]'))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-09-25", "--notified", "2026-09-25"]
    assert main([*argv, "--out", str(out), "--db", db, "--time-limit", "3"]) == 0
    assert (out / "changes.csv").read_text().splitlines()[1:] == []
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []


def test_rest_days_an_entry_takes_with_no_day_to_give_them_back_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Court on two published rest days with no duty day left to re-roster them on: the
    last resort owes the officer the rules' minimum, and says so."""
    toml, db = tmp_path / "quiet.toml", str(tmp_path / "s92.db")
    toml.write_text(SCENARIO.format(leave=""))
    assert main(["publish", str(toml), str(_published(tmp_path)), "--db", db]) == 0
    assert main([
        "abstract", "add", str(toml), "--officer", "O1", "--date", "2026-09-29", "--to",
        "2026-09-30", "--kind", "court", "--start", "09:00", "--end", "17:00", "--reason",
        "Crown court", "--authorised-by", "PS K", "--notified", "2026-09-25", "--db", db,
    ]) == 0  # fmt: skip
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-09-25", "--notified", "2026-09-25"]
    capsys.readouterr()
    assert main([*argv, "--out", str(out), "--db", db, "--time-limit", "3"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    assert (
        "note: O1: 2 rest days fewer from 2026-09-25 than published (published rest days now "
        "on duty or leave: 2026-09-29, 2026-09-30): no lawful roster gives every one back"
    ) in " ".join(capsys.readouterr().err.split())


def test_a_refused_re_roster_gives_no_note_on_the_roster_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Court on a published rest day straight after three days worked, under a rule of
    three days together, re-rostered from the court day (the three stand): no lawful
    roster, nothing written, and no 'rest day fewer' note before the refusal (the planner
    read a note about a roster that was not made)."""
    toml, db = tmp_path / "quiet.toml", str(tmp_path / "s92.db")
    rules = "[rules]\nmax_consecutive_duty_days = 3\n"
    toml.write_text(SCENARIO.format(leave="").replace("[[shift]]", f"{rules}\n[[shift]]", 1))
    assert main(["publish", str(toml), str(_published(tmp_path)), "--db", db]) == 0
    assert main([
        "abstract", "add", str(toml), "--officer", "O1", "--date", "2026-09-10", "--kind",
        "court", "--start", "09:00", "--end", "17:00", "--reason", "Crown court",
        "--authorised-by", "PS K", "--notified", "2026-09-08", "--db", db,
    ]) == 0  # fmt: skip
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-09-10", "--notified", "2026-09-08"]
    capsys.readouterr()
    assert main([*argv, "--out", str(out), "--db", db, "--time-limit", "3"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "cannot re-roster contract C1: entry 1 (O1 court" in err
    assert "note:" not in err
    assert "rest day fewer" not in err
    assert not out.exists()


def test_leave_over_three_published_rest_days_charges_none_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """O1, published exactly the 8 rest days owed, Saturday to Monday off in the second
    week: leave logged Friday to Monday takes the Friday, the one duty day in it, and the
    three rest days stay REST as published (leave is taken on duty days, never on rest
    days). Four days of leave count two of them toward the rest days owed, so the third is
    owed again: one duty day elsewhere becomes a rest day. Before, the Monday became
    LEAVE as well (a day of leave charged for a day the officer was told was a rest day,
    and one change more)."""
    toml, db = tmp_path / "quiet.toml", str(tmp_path / "s92.db")
    toml.write_text(SCENARIO.format(leave=""))
    rest = {"2026-09-12", "2026-09-13", "2026-09-19", "2026-09-20", "2026-09-21"}
    rest |= {"2026-09-27", "2026-10-03", "2026-10-04"}
    lines = [COLUMNS]
    for n in range(28):
        day = (date(2026, 9, 7) + timedelta(days=n)).isoformat()
        lines.append(
            f"O1,C1,constable,{day},REST,,,,0.00,,,"
            if day in rest
            else f"O1,C1,constable,{day},DUTY,E,{day}T07:00:00+01:00,{day}T15:00:00+01:00,8.00,,,"
        )
    published = tmp_path / "published.csv"
    published.write_text("\n".join(lines) + "\n")
    assert main(["publish", str(toml), str(published), "--db", db]) == 0
    assert main([
        "abstract", "add", str(toml), "--officer", "O1", "--date", "2026-09-18", "--to",
        "2026-09-21", "--kind", "leave", "--reason", "Long weekend", "--authorised-by", "PS K",
        "--notified", "2026-09-08", "--db", db,
    ]) == 0  # fmt: skip
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-09-09", "--notified", "2026-09-08"]
    capsys.readouterr()
    with work_alone():
        assert main([*argv, "--out", str(out), "--db", db, "--time-limit", "3"]) == 0
    assert "note:" not in capsys.readouterr().err
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    now = roster.set_index("date")["state"]
    assert [now[d] for d in ("2026-09-18", "2026-09-19", "2026-09-20", "2026-09-21")] == [
        "LEAVE", "REST", "REST", "REST",
    ]  # fmt: skip
    changes = pd.read_csv(out / "changes.csv", dtype=str)
    assert changes["date"].tolist()[0] == "2026-09-18"
    assert changes[["now", "entry_id"]].values.tolist() == [["LEAVE", "1"], ["REST", "1"]]
    assert changes["was"].tolist()[1].startswith("DUTY")
    assert (roster["state"] == "REST").sum() == 9
