"""Every other day a duty day is what the council buys, within the law: an officer whose
every other day cannot be a lawful duty day has a day off more, never no roster for the
whole contract. Checked by the independent checker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from three_constables import published, rerostered, three_constables

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario

# one tour, a night; a High Demand Day's aid on the second day from 14:00; O1 on leave
# from the third day to the last, so all the rest days O1 owes are inside the leave
SCENARIO = three_constables(
    "cap", "2028-04-01", "2028-04-16", tour=("N", "22:00", "07:00"),
    o1_leave="2028-04-03/2028-04-16",
    extra='[high_demand]\nadd = [{ date = 2028-04-02, name = "Event 0", start = "14:00", '
    'end = "00:00" }]\n',
)  # fmt: skip


def test_a_duty_day_the_rules_forbid_is_a_day_off_more(tmp_path: Path) -> None:
    """O1's rest days owed are all in the leave, so the first day had to be a duty day;
    the only tour, a night to 07:00, leaves 7 hours' rest before the aid at 14:00. Before,
    `s92 roster` refused the contract ('cannot roster officer O1: ... every other day a
    duty day; High Demand Day aid ...; 11 hours' rest between tours'); generated scenario
    508 met it. Now O1 rests on the first day and is on aid on the second."""
    path = tmp_path / "cap.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["roster", str(path), "--out", str(out), "--time-limit", "5", "--workers", "1",
         "--seed", "1", "--quiet"]
    )  # fmt: skip
    assert code == 0
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(path), table).breaches == []
    mine = table[table["officer_id"] == "O1"].set_index("date")["state"]
    assert mine["2028-04-01"] == "REST"
    assert mine["2028-04-02"] == "HDD_AID"
    # the others keep every other day a duty day: 4 rest days owed in 16, no more
    for other in ("O2", "O3"):
        assert (table[table["officer_id"] == other]["state"] == "REST").sum() == 4


def test_a_re_roster_gives_the_same_day_off_more(tmp_path: Path) -> None:
    """The same rule through logged entries and a re-roster: O1's rest days owed are all in
    the leave, and court logged at 09:00 on the second day leaves the night published on
    the first (to 07:00) 2 hours before it. Before, `s92 reroster` refused it ('entry 1
    ... leaves no lawful roster'), its rest days capped at those published; now the night
    is a day off more, and the change notice names the court behind both days."""
    text = three_constables(
        "cap", "2028-04-01", "2028-04-16", tour=("N", "22:00", "07:00"),
        o1_leave="2028-04-03/2028-04-16",
    )  # fmt: skip
    path, db, table = published(tmp_path, text)
    mine = table[table["officer_id"] == "O1"].set_index("date")["state"]
    assert mine["2028-04-01"] == mine["2028-04-02"] == "DUTY"
    assert main([
        "abstract", "add", str(path), "--officer", "O1", "--date", "2028-04-02", "--kind",
        "court", "--start", "09:00", "--end", "17:00", "--reason", "Crown court",
        "--authorised-by", "PS K", "--notified", "2028-03-01", "--today", "2028-03-01",
        "--db", str(db),
    ]) == 0  # fmt: skip
    out = tmp_path / "rr"
    again = rerostered(path, db, "2028-04-01", "2028-03-01", out)
    now = again[again["officer_id"] == "O1"].set_index("date")["state"]
    assert (now["2028-04-01"], now["2028-04-02"]) == ("REST", "COURT")
    changes = pd.read_csv(out / "changes.csv", dtype=str)
    assert changes[["officer_id", "date", "now", "entry_id"]].values.tolist() == [
        ["O1", "2028-04-01", "REST", "1"],
        ["O1", "2028-04-02", "COURT 09:00-17:00", "1"],
    ]
