"""Sickness loses duty days, not days off: over Christmas and New Year an officer's bank
holidays off stay PUBLIC_HOLIDAY, as rest days stay REST. Before, they turned SICK: the
changes.csv told the officer of changes that changed nothing they would work, and the
council's report counted days it never bought as sickness (other absence). Verified by the
independent checker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from three_constables import published, three_constables
from work_alone import work_alone

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario

SCENARIO = three_constables("christmas", "2026-12-14", "2027-01-10", weekdays_min=1)
HOLIDAYS = ["2026-12-25", "2026-12-28", "2027-01-01"]


def s92(*argv: object) -> int:
    return main([str(a) for a in argv])


def test_sickness_over_christmas_keeps_the_bank_holidays_off(tmp_path: Path) -> None:
    path, db, first = published(tmp_path, SCENARIO)
    mine = first[first["officer_id"] == "O1"].set_index("date")["state"]
    mine_events = first[first["officer_id"] == "O1"].set_index("date")["event"]
    assert [mine[d] for d in HOLIDAYS] == ["PUBLIC_HOLIDAY"] * 3  # the case worth testing
    code = s92(
        "abstract", "add", path, "--officer", "O1", "--date", "2026-12-21", "--to",
        "2027-01-03", "--kind", "sickness", "--reason", "flu", "--authorised-by", "PS K",
        "--notified", "2026-12-14", "--today", "2026-12-14", "--db", db,
    )  # fmt: skip
    assert code == 0
    with work_alone():
        code = s92(
            "reroster", path, "--from", "2026-12-15", "--out", tmp_path / "v2", "--db", db,
            "--notified", "2026-12-14", "--time-limit", 4,
        )  # fmt: skip
    assert code == 0
    table = read_roster_csv(tmp_path / "v2" / "roster.csv")
    assert check_roster(load_scenario(path), table).breaches == []
    now = table[table["officer_id"] == "O1"].set_index("date")
    assert [now.at[d, "state"] for d in HOLIDAYS] == ["PUBLIC_HOLIDAY"] * 3
    assert [now.at[d, "abstraction_id"] for d in HOLIDAYS] == ["1"] * 3  # the entry's days
    # a bank holiday keeps its name, in the calendars too ("Public holiday: flu" before)
    assert [now.at[d, "event"] for d in HOLIDAYS] == [mine_events[d] for d in HOLIDAYS]
    days = [d for d in mine.index if "2026-12-21" <= d <= "2027-01-03"]
    spell, was = now.loc[days, "state"], mine.loc[days]
    on = was.isin(["DUTY", "HDD_AID"])  # New Year's Eve's aid among them
    assert set(spell[on]) == {"SICK"}
    assert (spell[~on] == was[~on]).all()  # days off stay as they were
    changes = pd.read_csv(tmp_path / "v2" / "changes.csv", dtype=str, keep_default_na=False)
    assert sorted(changes["date"]) == sorted(was[on].index)
