"""The 17-week average (``max_average_weekly_hours``) lowered after publication, mid-year:
the reference periods that start before a re-roster's ``--from`` hold days that stand
(worked, or published and kept) and may be over the new limit from those alone. The rule
s92 holds, the model (``reroster``) and the independent checker (``check.standing``) alike:
such a period is held to its hours as published (it may not get worse), and every period
starting on or after ``--from`` to the limit. Before, the first re-roster after the change
passed only when it changed nothing there, and every later one (an HDD added) found no
lawful roster; and the checker, naming only each officer's worst period, let a period
from ``--from`` on over the limit through whenever a worse one started before it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import set_tour_day as set_day
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import check_roster, read_roster_csv
from scheduler.check.standing import standing
from scheduler.cli import main
from scheduler.scenario import load_scenario

TIGHT = "max_average_weekly_hours = 40"  # 80 h in 14 days; five 9-hour tours a week is 90
HDD = '\n[high_demand]\nadd = [{ date = 2026-10-07, name = "Rally", start = "09:00", end = "17:00" }]\n'


def write(path: Path, limit: str = "", hdd: str = "") -> Path:
    path.write_text(SCENARIO.format(limit=limit, hdd=hdd))
    return path


def averages(path: Path, roster: pd.DataFrame, published: pd.DataFrame, first: date) -> list:
    """The checker's average-hours breaches of ``roster`` under the rule s92 holds."""
    scenario = load_scenario(path)
    held = standing(scenario, published, first, 1).held
    report = check_roster(scenario, roster, "roster", held)
    return [b for b in report.breaches if b.rule == "average-hours"]


def test_the_checker_holds_periods_before_from_to_their_published_hours(tmp_path: Path) -> None:
    tight = write(tmp_path / "tight.toml", TIGHT)
    published = five_on_two_off()
    first = date(2026, 9, 28)
    # every period is over 80 h as published; those starting before --from stand as they are
    assert check_roster(load_scenario(write(tmp_path / "loose.toml")), published).ok
    held = standing(load_scenario(tight), published, first, 1).held
    assert set(held) == {"A-01", "A-02", "A-03", "A-04"}
    assert all(d < first and h == 90 for days in held.values() for d, h in days.items())

    # a roster whose periods from --from on keep to 80 h, the earlier ones no worse: lawful
    lawful = published.copy()
    for n in range(1, 5):
        officer_id = f"A-0{n}"
        on = lawful[(lawful["officer_id"] == officer_id) & (lawful["state"] == "DUTY")]
        tours = [date.fromisoformat(d) for d in on["date"] if d >= first.isoformat()]
        for day in tours[::5]:  # one tour a week less: 36 hours a week
            set_day(lawful, officer_id, day, duty=False)
    assert not averages(tight, lawful, published, first)

    # A-02's week from --from all tours, the week after all rest: the periods starting from
    # --from keep to 80 h (63), but those starting the week before hold 108 h, not 90
    worse = lawful.copy()
    for k in range(14):
        set_day(worse, "A-02", first + timedelta(k), duty=k < 7)
    found = averages(tight, worse, published, first)
    assert [b.officer_id for b in found] == ["A-02"]
    assert found[0].date < first
    assert "its hours as published" in found[0].detail

    # the published roster as it was from --from on: its periods starting then are over
    # 80 h, caught though a worse one starts before --from (it used to hide them)
    found = averages(tight, published, published, first)
    assert {b.officer_id for b in found} == {"A-01", "A-02", "A-03", "A-04"}
    assert all(b.date >= first for b in found)


def test_reroster_after_the_average_is_lowered_and_an_hdd_added(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    loose, tight = write(tmp_path / "loose.toml"), write(tmp_path / "tight.toml", TIGHT)
    db = tmp_path / "s92.db"
    published = five_on_two_off()
    from scheduler.store.store import Store

    with Store(db) as store:
        store.publish_roster("Average", published, scenario_text=loose.read_text())
    first = date(2026, 9, 28)
    out = tmp_path / "r1"
    argv = ["reroster", str(tight), "--from", str(first), "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--seed", "1", "--publish"]) == 0
    err = capsys.readouterr().err
    assert f"of the average weekly hours starting before {first}" in err
    v2 = read_roster_csv(out / "roster.csv")
    assert not averages(tight, v2, published, first)
    assert not check_roster(load_scenario(tight), v2).ok  # the periods that stand, as they are

    # an HDD announced since: every officer on aid on 2026-10-07, re-rostered from 10-05;
    # the periods starting before it hold days worked over the limit
    with_hdd = write(tmp_path / "hdd.toml", TIGHT, HDD)
    later = date(2026, 10, 5)
    out2 = tmp_path / "r2"
    argv = ["reroster", str(with_hdd), "--from", str(later), "--out", str(out2), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--seed", "1", "--publish"]) == 0, capsys.readouterr()
    v3 = read_roster_csv(out2 / "roster.csv")
    aid = v3[v3["date"] == "2026-10-07"]
    assert set(aid["state"]) == {"HDD_AID"}
    # lawful by the checker under the stated rule: periods before 10-05 no worse than in
    # version 2, those from it on within 80 h
    assert not averages(with_hdd, v3, v2, later)
    assert (
        main(
            [
                "check",
                str(with_hdd),
                str(out2 / "roster.csv"),
                "--from",
                str(later),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    # and the officers' calendars of it are written
    assert (
        main(
            [
                "ical",
                str(with_hdd),
                str(out2 / "roster.csv"),
                "--out",
                str(tmp_path / "ics"),
                "--db",
                str(db),
            ]
        )
        == 0
    )
