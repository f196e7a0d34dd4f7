"""``s92 ical`` of a roster re-rostered under ``[rules]`` tightened since the first
publication: the runs of five days before ``--from`` break the new limit of four and
stand (lawful under the rules they were published with); the re-roster holding the new
limit from ``--from`` on was published. README: ``s92 ical`` of the roster so published
writes its calendars. Before, only the 17-week average's periods were set aside: every
other breach that stands refused the calendars (exit 2), so after tightening a run of
days or the rest between tours the planner could publish no calendar at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.cli import main
from scheduler.store.store import Store

RULES = "max_consecutive_duty_days = 4"


def test_ical_writes_the_calendars_of_the_roster_published_under_tightened_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    loose, tight = tmp_path / "loose.toml", tmp_path / "tight.toml"
    loose.write_text(SCENARIO.format(limit="", hdd=""))
    tight.write_text(SCENARIO.format(limit=RULES, hdd=""))
    db, out = tmp_path / "s92.db", tmp_path / "v2"
    with Store(db) as store:
        store.publish_roster("Average", five_on_two_off(), scenario_text=loose.read_text())
    argv = ["reroster", str(tight), "--from", "2026-09-16", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1470", "--publish"]) == 0
    capsys.readouterr()
    # lawful by the independent checker, the rules tightened from --from on
    check = ["check", str(tight), str(out / "roster.csv"), "--from", "2026-09-16"]
    assert main([*check, "--db", str(db)]) == 0, capsys.readouterr()
    capsys.readouterr()

    ical = ["ical", str(tight), str(out / "roster.csv"), "--db", str(db)]
    assert main([*ical, "--out", str(tmp_path / "ics")]) == 0, capsys.readouterr()
    assert (tmp_path / "ics" / "officers" / "A-01.ics").exists()

    # a run that stands made longer (A-02's five days to 2026-09-14 run on into the 15th,
    # published a rest day): a breach, no calendar
    v2 = pd.read_csv(out / "roster.csv", dtype=str, keep_default_na=False)
    at = (v2["officer_id"] == "A-02") & (v2["date"] == date(2026, 9, 15).isoformat())
    assert v2.loc[at, "state"].tolist() == ["REST"]
    cells = {
        "state": "DUTY",
        "shift": "E",
        "start": "2026-09-15T07:00:00+01:00",
        "end": "2026-09-15T16:00:00+01:00",
        "hours": "9.0",
    }
    for column, value in cells.items():
        v2.loc[at, column] = value
    longer = tmp_path / "longer.csv"
    v2.to_csv(longer, index=False)
    capsys.readouterr()
    edited = ["ical", str(tight), str(longer), "--db", str(db), "--out", str(tmp_path / "x")]
    assert main(edited) == 2
    assert "consecutive-duty-days" in capsys.readouterr().err
