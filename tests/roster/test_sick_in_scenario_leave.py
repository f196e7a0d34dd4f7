"""Sickness logged over days of the scenario file's leave: the leave's days stay one run of
leave, whose rest days count toward the rest days owed up to the run's cap, as the checker
counts them. Before, the re-roster's model ended the run at the sick days, so the rest days
of the leave after them (the published roster had most of them there) went over the second
run's cap and were owed again elsewhere: with no other day to give them, the re-roster
refused the sickness ('leaves no lawful roster'; generated scenario 1831, found by live22)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from void_fixtures import SCENARIO, published

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.store import Store

LEAVE = SCENARIO.replace(
    'id = "V-04"\ncontract = "VV"\nrank = "constable"\n',
    'id = "V-04"\ncontract = "VV"\nrank = "constable"\nleave = ["2026-09-07/2026-10-04"]\n',
)
# V-04's 8 rest days owed over the 28 days, all in the leave's last 15 (its cap is 8)
RESTED = {date(2026, 9, 20) + timedelta(n) for n in (0, 1, 3, 6, 7, 10, 13, 14)}


def on_leave() -> pd.DataFrame:
    table = published()
    v4 = table["officer_id"] == "V-04"
    rest = table["date"].isin({d.isoformat() for d in RESTED})
    for column in ("shift", "start", "end"):
        table.loc[v4, column] = ""
    table.loc[v4, "hours"] = 0.0
    table.loc[v4, ["event", "kind"]] = ["annual leave", "leave"]
    table.loc[v4, "state"] = "LEAVE"
    table.loc[v4 & rest, "state"] = "REST"
    return table


def test_sickness_inside_scenario_leave_is_re_rostered(tmp_path: Path) -> None:
    scenario, db, out = tmp_path / "s.toml", tmp_path / "s92.db", tmp_path / "out"
    assert LEAVE != SCENARIO
    scenario.write_text(LEAVE)
    first = on_leave()
    assert check_roster(load_scenario(scenario), first).ok
    with Store(db) as store:
        store.publish_roster("Voided", first, scenario_text=LEAVE)
    logged = [
        "abstract", "add", str(scenario), "--officer", "V-04", "--date", "2026-09-14",
        "--to", "2026-09-17", "--kind", "sickness", "--reason", "flu",
        "--authorised-by", "Sgt X", "--notified", "2026-09-10", "--db", str(db),
    ]  # fmt: skip
    assert main(logged) == 0

    argv = ["reroster", str(scenario), "--from", "2026-09-11", "--db", str(db), "--out", str(out)]
    assert main([*argv, "--time-limit", "5", "--seed", "1831"]) == 0
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(scenario), table).ok
    days = table[table["officer_id"] == "V-04"].set_index("date")["state"]
    sick = [d.isoformat() for d in (date(2026, 9, 14) + timedelta(n) for n in range(4))]
    assert list(days[sick]) == ["SICK"] * 4
    assert sorted(days[days == "REST"].index) == sorted(d.isoformat() for d in RESTED)
