"""A joiner is available for a High Demand Day's aid at the re-roster that first rosters
them: A-04 leaves on 30 September, A-05 joins on 1 October, and a rally on 10 October asks
for 0.6 of the officers available, A-04 among the three published on it. The re-roster read
the joiner's day (a placeholder still to roster) as sick, counted three available and two
on aid enough, where the checker counts four and wants three, and refused its own roster
(exit 1, nothing written); a planner with a leaver replaced and an HDD ahead could not
re-roster at all."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import read_roster_csv
from scheduler.cli import main
from scheduler.store.store import Store

RALLY = (
    '\n[high_demand]\nadd = [{ date = 2026-10-10, name = "Rally", start = "09:00", '
    'end = "17:00", share = 0.6 }]\n'
)


def _on_aid(roster: pd.DataFrame) -> pd.DataFrame:
    """Three of the four on the rally's aid (0.6 of them, rounded up), A-04 among them, as
    published before A-04's leaving was known."""
    rally = (roster["date"] == "2026-10-10") & roster["officer_id"].isin(["A-02", "A-03", "A-04"])
    cells: dict[str, str | float] = {
        "state": "HDD_AID",
        "shift": "AID",
        "start": "2026-10-10T09:00:00+01:00",
        "end": "2026-10-10T17:00:00+01:00",
        "hours": 8.0,
        "event": "Rally",
    }
    for column, value in cells.items():
        roster.loc[rally, column] = value
    return roster


def test_a_joiner_goes_on_the_aid_the_officer_they_replace_would_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db, out = tmp_path / "s.toml", tmp_path / "s92.db", tmp_path / "rr"
    published = SCENARIO.format(limit="", hdd=RALLY)
    with Store(db) as store:
        store.publish_roster("Average", _on_aid(five_on_two_off()), scenario_text=published)
    now = SCENARIO.format(limit="", hdd=RALLY).replace(
        'id = "A-04"\ncontract = "AV"\nrank = "constable"\n',
        'id = "A-04"\ncontract = "AV"\nrank = "constable"\nend = 2026-09-30\n',
    )
    now += '\n[[officer]]\nid = "A-05"\ncontract = "AV"\nrank = "constable"\nstart = 2026-10-01\n'
    path.write_text(now)
    argv = ["reroster", str(path), "--from", "2026-09-28", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1"]) == 0, capsys.readouterr()
    assert main(["check", str(path), str(out / "roster.csv")]) == 0
    roster = read_roster_csv(out / "roster.csv")
    rally = roster[(roster["date"] == "2026-10-10") & (roster["state"] == "HDD_AID")]
    assert len(rally) == 3  # 0.6 of the four available, the joiner among them
