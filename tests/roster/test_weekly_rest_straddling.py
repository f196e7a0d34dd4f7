"""The weekly rest tightened after publication (``weekly_rest_hours = 40``), and an HDD
added, re-rostered from a Wednesday: the week from the Monday before ``--from`` holds days
that stand and days still to roster. The rule s92 holds, in the model and in the checker
alike: that week keeps the weekly rest the rules now ask (its days before ``--from`` as
they stand), or, short of it as published (a breach that stands), a longest rest no
shorter than published. Before, the model held no rest in that week: moving a rest day
for the HDD aid left an officer's week without it, the guard refused the roster (exit 1,
nothing written) and the planner had none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from roster_fixtures import set_tour_day as set_day
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import read_roster_csv
from scheduler.check.report import CheckReport
from scheduler.check.standing import check_standing, standing
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.store import Store

TIGHT = "weekly_rest_hours = 40\nfortnightly_rest_hours = 100"
# every officer on aid on the Thursday after --from: A-01's published rest day
HDD = '\n[high_demand]\nadd = [{ date = 2026-09-17, name = "Rally", start = "09:00", end = "17:00" }]\n'
FROM = date(2026, 9, 16)  # a Wednesday: the week from 2026-09-14 straddles it
MONDAY = "2026-09-14"


def straddling(report: CheckReport) -> list[tuple[str, str]]:
    """The officers whose week from the Monday before --from breaks the weekly rest."""
    return [
        (b.officer_id, b.date.isoformat())
        for b in report.breaches
        if b.rule == "weekly-rest" and b.date.isoformat() == MONDAY
    ]


def test_the_checker_holds_the_week_straddling_from(tmp_path: Path) -> None:
    tight = tmp_path / "tight.toml"
    tight.write_text(SCENARIO.format(limit=TIGHT, hdd=""))
    scenario, published = load_scenario(tight), five_on_two_off()
    stands = standing(scenario, published, FROM, 1)
    # A-03's week from the Monday is 32 h as published (short of 40 h): it stands
    assert ("A-03", date(2026, 9, 14), "weekly-rest") in {
        (b.officer_id, b.date, b.rule) for b in stands.before
    }
    assert not straddling(check_standing(scenario, published, "p", stands))
    # A-01's week, 63 h as published, left 39 h by a tour on its Friday rest day: a breach
    shorter = published.copy()
    set_day(shorter, "A-01", date(2026, 9, 18), duty=True)
    assert straddling(check_standing(scenario, shorter, "r", stands)) == [("A-01", MONDAY)]
    # A-03's week made shorter still (its Sunday worked: 31 h): a breach too
    worse = published.copy()
    set_day(worse, "A-03", date(2026, 9, 20), duty=True)
    assert straddling(check_standing(scenario, worse, "r", stands)) == [("A-03", MONDAY)]


@pytest.mark.parametrize("hdd", [HDD, ""], ids=["hdd", "rules"])
def test_reroster_keeps_the_weekly_rest_of_the_week_straddling_from(
    tmp_path: Path, capsys: pytest.CaptureFixture, hdd: str
) -> None:
    loose, tight = tmp_path / "loose.toml", tmp_path / "tight.toml"
    loose.write_text(SCENARIO.format(limit="", hdd=""))
    tight.write_text(SCENARIO.format(limit=TIGHT, hdd=hdd))
    db, out = tmp_path / "s92.db", tmp_path / "out"
    published = five_on_two_off()
    with Store(db) as store:
        store.publish_roster("Average", published, scenario_text=loose.read_text())
    argv = ["reroster", str(tight), "--from", str(FROM), "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--seed", "1461"]) == 0, capsys.readouterr()
    roster = read_roster_csv(out / "roster.csv")
    if hdd:
        assert set(roster[roster["date"] == "2026-09-17"]["state"]) == {"HDD_AID"}
    # lawful by the independent checker: the straddling week kept (A-03's no shorter)
    scenario = load_scenario(tight)
    report = check_standing(scenario, roster, "roster", standing(scenario, published, FROM, 1))
    assert report.ok, report.breaches
    check = ["check", str(tight), str(out / "roster.csv"), "--from", str(FROM), "--db", str(db)]
    assert main(check) == 0
    # the days before --from stand as published
    before = roster["date"] < FROM.isoformat()
    assert (
        roster[before]["state"].tolist()
        == published[published["date"] < FROM.isoformat()]["state"].tolist()
    )
