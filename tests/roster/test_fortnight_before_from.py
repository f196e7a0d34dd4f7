"""A week wholly before ``--from`` lawful by its fortnight alone (WTR reg 11: 24 h in each
7 days, or 48 h in each 14): a planner's edited roster, published, has A-03 work the seven
days from Monday 21 September and rest Monday and Tuesday after (63 h, in the fortnight
from the 21st). An operation logged on that Tuesday (10:00-18:00) cuts the rest to 42 h;
the re-roster from the Monday held only each week's own rest, gave the rest day back weeks
later, and its guard found the week that stands without the weekly rest or its fortnight:
exit 1, nothing written. The re-roster now keeps the fortnight's long rest, and the
independent checker passes what it writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import set_tour_day
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import read_roster_csv
from scheduler.cli import main
from scheduler.store.store import Store

FROM = "2026-09-28"  # the fortnight from 2026-09-21 (paired from the first full week)


def edited() -> pd.DataFrame:
    """Five on, two off, but A-03 (rests Sunday and Monday) works 21 to 27 September and
    rests on the Monday and Tuesday after; two rest days later make up the count."""
    roster = five_on_two_off()
    for day, duty in (
        (date(2026, 9, 21), True),
        (date(2026, 9, 27), True),
        (date(2026, 9, 29), False),
        (date(2026, 10, 4), True),
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), False),
    ):
        set_tour_day(roster, "A-03", day, duty)
    return roster


def test_a_week_before_from_keeps_its_fortnight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(SCENARIO.format(limit="", hdd="").replace("reference_weeks = 2\n", ""))
    db, hand = tmp_path / "s92.db", tmp_path / "hand.csv"
    edited().to_csv(hand, index=False)
    assert main(["check", str(path), str(hand)]) == 0  # lawful: by the fortnight
    with Store(db) as store:
        store.publish_roster("Average", edited(), scenario_text=path.read_text())
    logged = [
        "abstract", "add", str(path), "--db", str(db), "--officer", "A-03",
        "--date", "2026-09-29", "--start", "10:00", "--end", "18:00",
        "--kind", "operational", "--reason", "Op Dawn", "--authorised-by", "Insp P",
        "--notified", "2026-09-21", "--today", "2026-09-21",
    ]  # fmt: skip
    assert main(logged) == 0
    out = tmp_path / "rr"
    argv = ["reroster", str(path), "--from", FROM, "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1691"]) == 0, capsys.readouterr()
    check = ["check", str(path), str(out / "roster.csv"), "--from", FROM, "--db", str(db)]
    assert main(check) == 0, capsys.readouterr().out
    roster = read_roster_csv(out / "roster.csv")
    a03 = roster[roster["officer_id"] == "A-03"].set_index("date")["state"]
    assert a03["2026-09-29"] == "ABSTRACTED"
    # only A-03's days change: the entry's and the rest days moved around it
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert set(changes["officer_id"]) == {"A-03"}
    assert (changes["entry_id"].astype(str) == "1").all()
