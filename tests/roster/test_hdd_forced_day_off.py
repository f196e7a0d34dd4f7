"""A High Demand Day announced since publication whose aid ends at 04:00: the day after it
no tour may be worked (11 hours' rest), so an officer on aid who was rostered a tour then
has a day off more. README: "Rest days ... inside their notice periods (15 and 8 clear
days) are never cancelled while a lawful roster without that exists". Before, the
re-roster kept each officer's count of rest days as published, so it cancelled a rest
day inside its notice (time and a half) to make up for the day off the aid forced, and
moved others further on: three rest days cancelled that the planner could have kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.store import Store

AID_DAY = "2026-09-29"  # a Tuesday: aid 18:00-04:00
HDD = f'\n[high_demand]\nadd = [{{ date = {AID_DAY}, name = "Vigil", start = "18:00", end = "04:00" }}]\n'


def test_night_aid_inside_notice_cancels_no_rest_day_beyond_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    loose, with_hdd = tmp_path / "loose.toml", tmp_path / "hdd.toml"
    loose.write_text(SCENARIO.format(limit="", hdd=""))
    with_hdd.write_text(SCENARIO.format(limit="", hdd=HDD))
    db, out = tmp_path / "s92.db", tmp_path / "out"
    with Store(db) as store:
        store.publish_roster("Average", five_on_two_off(), scenario_text=loose.read_text())
    argv = ["reroster", str(with_hdd), "--from", "2026-09-21", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1467"]) == 0, capsys.readouterr()
    roster = read_roster_csv(out / "roster.csv")
    assert set(roster[roster["date"] == AID_DAY]["state"]) == {"HDD_AID"}
    assert check_roster(load_scenario(with_hdd), roster).ok
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    cancelled = changes[changes["compensation"].str.startswith("rest day cancelled")]
    # A-02's rest day on the aid day itself, which the aid takes; no other
    assert cancelled[["officer_id", "date"]].values.tolist() == [["A-02", AID_DAY]]
    # the day after the aid: off for everyone rostered a tour on it
    after = roster[roster["date"] == "2026-09-30"]
    assert set(after["state"]) == {"REST"}
