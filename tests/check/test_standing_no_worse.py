"""A ``[rules]`` limit tightened after publication: a breach of it that starts before a
re-roster's first day (``--from``) stands as published, and was set aside by its identity
(officer, day, rule) alone. A run of duty days (its day the first over the limit) run on
past --from, or a week straddling --from (its day the Monday) left with a shorter longest
rest, was set aside as the same breach, so ``s92 check --from`` and the web's preview
passed days the rules now hold on. A breach that stands may be no worse than published."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import set_tour_day, staggered_roster

from scheduler.check.standing import check_standing, standing
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.store import Store

SCENARIO = """
[scenario]
name = "Runs"
start = 2026-09-07
end = 2026-10-04

{rules}
[[shift]]
code = "E"
start = "07:00"
end = "16:00"

[[contract]]
id = "RN"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 2, sergeant = 1 }}
cover = [{{ days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], shift = "E", min = 1 }}]
""" + "".join(
    f'\n[[officer]]\nid = "R-0{n}"\ncontract = "RN"\nrank = "{rank}"\n'
    for n, rank in ((1, "sergeant"), (2, "constable"), (3, "constable"))
)
TIGHT = "[rules]\nmax_consecutive_duty_days = 3\n"
RUNS, WEEKLY = "consecutive-duty-days", "weekly-rest"
WEEK_TIGHT = "[rules]\nweekly_rest_hours = 70\nfortnightly_rest_hours = 140\n"
FIRST = date(2026, 9, 16)  # R-01 works 12 to 16 September as published: 15th is the 4th day


def published() -> pd.DataFrame:
    officers = [("R-01", "sergeant", "E"), ("R-02", "constable", "E"), ("R-03", "constable", "E")]
    return staggered_roster(
        "RN", officers, date(2026, 9, 7), date(2026, 10, 4), {"E": ("07:00", "16:00")}
    )


def on_duty(roster: pd.DataFrame, officer_id: str, day: date, duty: bool) -> pd.DataFrame:
    out = roster.copy()
    set_tour_day(out, officer_id, day, duty)
    return out


def before_of_r01(path: Path, roster: pd.DataFrame, rule: str) -> list[str]:
    scenario = load_scenario(path)
    stands = standing(scenario, published(), FIRST, 1)
    report = check_standing(scenario, roster, "roster", stands)
    return [
        b.detail
        for b in report.breaches
        if b.officer_id == "R-01" and b.rule == rule and b.date < FIRST
    ]


def test_a_run_that_stands_may_not_run_on_past_from(tmp_path: Path) -> None:
    tight = tmp_path / "tight.toml"
    tight.write_text(SCENARIO.format(rules=TIGHT))
    roster = published()
    assert not before_of_r01(tight, roster, RUNS)  # as published: it stands
    # a rest day put on 16 September: 4 days, still over 3, but no longer: it stands
    assert not before_of_r01(tight, on_duty(roster, "R-01", FIRST, duty=False), RUNS)
    # run on over the rest days of 17 and 18 September, days the rules now hold on
    longer = roster
    for k in (1, 2):
        longer = on_duty(longer, "R-01", FIRST + timedelta(k), duty=True)
    found = before_of_r01(tight, longer, RUNS)
    assert len(found) == 1
    assert found[0].endswith("2026-09-12 to 2026-09-23; maximum 3")


def test_s92_check_from_names_the_run_made_longer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loose, tight = tmp_path / "loose.toml", tmp_path / "tight.toml"
    loose.write_text(SCENARIO.format(rules=""))
    tight.write_text(SCENARIO.format(rules=TIGHT))
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Runs", published(), scenario_text=loose.read_text())
    longer = on_duty(published(), "R-01", FIRST + timedelta(1), duty=True)
    path = tmp_path / "roster.csv"
    longer.to_csv(path, index=False)
    argv = ["check", str(tight), str(path), "--from", str(FIRST), "--db", str(db)]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert re.search(r"R-01 +│ 2026-09-15 +│ consecutive-duty-days", out), out


def test_a_week_that_stands_may_not_lose_rest_past_from(tmp_path: Path) -> None:
    tight = tmp_path / "tight.toml"
    tight.write_text(SCENARIO.format(rules=WEEK_TIGHT))
    roster = published()
    # the week from 14 September: R-01's longest rest 63 h (16th 16:00 to 19th 07:00)
    assert not before_of_r01(tight, roster, WEEKLY)
    shorter = on_duty(roster, "R-01", FIRST + timedelta(2), duty=True)  # the 18th
    found = before_of_r01(tight, shorter, WEEKLY)
    assert len(found) == 1
    assert found[0].startswith("longest rest in the week from 2026-09-14 is 39.0 h")
