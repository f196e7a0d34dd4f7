"""A re-roster after the one that tightened the rules: version 2 was re-rostered under
``[rules]`` stricter than version 1's from a Wednesday (lawful from then on, the days
before standing as published under the rules then), and an HDD is added later, every
officer on its aid. The days before the second ``--from`` hold those that stand, and
weeks lawful by their fortnight alone (the model asks a rest of every week): the
re-roster holds no rule over them, as the first did. Before, it pinned them in its window
and held every rule over them, found no lawful roster (exit 1) and the planner had none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import read_roster_csv
from scheduler.cli import main
from scheduler.store.store import Store

FIRST = date(2026, 9, 16)  # the rules tightened from this Wednesday on


def hdd(day: str) -> str:
    return f'\n[high_demand]\nadd = [{{ date = {day}, name = "Rally", start = "09:00", end = "17:00" }}]\n'


@pytest.mark.parametrize(
    ("rules", "later", "aid_day"),
    [
        # A-02's run of 5 days to 09-14 stands; the aid day joins no run over 4
        ("max_consecutive_duty_days = 4", "2026-09-18", "2026-09-19"),
        # A-03's week from 09-07 is lawful by its fortnight alone (no 40 h rest in it)
        ("weekly_rest_hours = 40\nfortnightly_rest_hours = 100", "2026-09-17", "2026-09-25"),
    ],
    ids=["consecutive", "weekly-rest"],
)
def test_a_later_reroster_after_the_rules_were_tightened(
    tmp_path: Path, capsys: pytest.CaptureFixture, rules: str, later: str, aid_day: str
) -> None:
    loose = tmp_path / "loose.toml"
    loose.write_text(SCENARIO.format(limit="", hdd=""))
    tight, with_hdd = tmp_path / "tight.toml", tmp_path / "hdd.toml"
    tight.write_text(SCENARIO.format(limit=rules, hdd=""))
    with_hdd.write_text(SCENARIO.format(limit=rules, hdd=hdd(aid_day)))
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Average", five_on_two_off(), scenario_text=loose.read_text())
    common = ["--db", str(db), "--time-limit", "4", "--seed", "1466"]
    first = ["reroster", str(tight), "--from", str(FIRST), "--out", str(tmp_path / "v2")]
    assert main([*first, *common, "--publish"]) == 0, capsys.readouterr()
    v2 = read_roster_csv(tmp_path / "v2" / "roster.csv")

    out = tmp_path / "v3"
    second = ["reroster", str(with_hdd), "--from", later, "--out", str(out)]
    assert main([*second, *common]) == 0, capsys.readouterr()
    v3 = read_roster_csv(out / "roster.csv")
    assert set(v3[v3["date"] == aid_day]["state"]) == {"HDD_AID"}
    # the days before the second --from as version 2 has them
    assert v3[v3["date"] < later]["state"].tolist() == v2[v2["date"] < later]["state"].tolist()
    # lawful by the independent checker, the breaches before --from standing
    check = ["check", str(with_hdd), str(out / "roster.csv"), "--from", later, "--db", str(db)]
    assert main(check) == 0, capsys.readouterr()


def test_a_joiner_rostered_when_the_weekly_rest_is_lawful_by_fortnights(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """``weekly_rest_hours = 40`` with the default fortnight (48 h): the published
    five-on-two-off is lawful by its fortnights (Sunday and Monday off: 32 h inside each
    week, 63 h across two), so no breach stands and the colleagues' weeks are pinned as
    published around a joiner's days. The model asks a rest of every week: it held its
    rest over those pinned weeks, found none, and the joiner could not be rostered."""
    loose, joined = tmp_path / "loose.toml", tmp_path / "joined.toml"
    loose.write_text(SCENARIO.format(limit="", hdd="").replace("sergeant = 1", "sergeant = 2"))
    joiner = '\n[[officer]]\nid = "A-05"\ncontract = "AV"\nrank = "sergeant"\nstart = 2026-09-23\n'
    joined.write_text(
        SCENARIO.format(limit="weekly_rest_hours = 40", hdd="").replace(
            "sergeant = 1", "sergeant = 2"
        )
        + joiner
    )
    db, out = tmp_path / "s92.db", tmp_path / "out"
    published = five_on_two_off()
    with Store(db) as store:
        store.publish_roster("Average", published, scenario_text=loose.read_text())
    argv = ["reroster", str(joined), "--from", str(FIRST), "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "4", "--seed", "1469"]) == 0, capsys.readouterr()
    roster = read_roster_csv(out / "roster.csv")
    assert len(roster[roster["officer_id"] == "A-05"]) == 26  # 2026-09-23 to 2026-10-18
    check = ["check", str(joined), str(out / "roster.csv"), "--from", str(FIRST), "--db", str(db)]
    assert main(check) == 0, capsys.readouterr()
