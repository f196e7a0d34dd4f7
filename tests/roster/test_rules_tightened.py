"""A ``[rules]`` limit tightened in the scenario after publication (fewer days in a row):
the published roster breaks it on days worked already as well as on days ahead. The rules
as they are now hold from the re-roster's ``--from``: ``s92 reroster`` mends the days from
it on and the days before stand as published (noted, not counted); ``s92 publish --from``
and ``s92 check --from`` agree. Before, every re-roster exited 1 with breaches on days it
could not change, and without ``--from`` every one still counts."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import staggered_roster

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.store import Store

SCENARIO = """
[scenario]
name = "Tightened"
start = 2026-09-07
end = 2026-10-18
{rules}
[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "TT"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3, sergeant = 1 }}

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "E"
  min = 2
""" + "".join(
    f'\n[[officer]]\nid = "T-0{n}"\ncontract = "TT"\nrank = "{rank}"\n'
    for n, rank in ((1, "sergeant"), (2, "constable"), (3, "constable"), (4, "constable"))
)
FIRST, LAST = date(2026, 9, 7), date(2026, 10, 18)  # British Summer Time throughout


def five_on_two_off() -> pd.DataFrame:
    """Each officer five early tours then two rest days, week after week (staggered):
    lawful with seven days in a row allowed, a breach every week with four."""
    officers = [(f"T-0{n}", "sergeant" if n == 1 else "constable", "E") for n in range(1, 5)]
    return staggered_roster("TT", officers, FIRST, LAST, {"E": ("07:00", "15:00")})


def breaches(scenario: Path, roster: pd.DataFrame) -> set[tuple[str, date, str]]:
    report = check_roster(load_scenario(scenario), roster, "roster")
    return {(b.officer_id, b.date, b.rule) for b in report.breaches}


def test_tightened_rules_hold_from_the_rerosters_first_day(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    loose, tight = tmp_path / "loose.toml", tmp_path / "tight.toml"
    loose.write_text(SCENARIO.format(rules=""))
    tight.write_text(SCENARIO.format(rules="\n[rules]\nmax_consecutive_duty_days = 4\n"))
    db = tmp_path / "s92.db"
    published = five_on_two_off()
    assert not breaches(loose, published)  # lawful when published
    with Store(db) as store:
        store.publish_roster("Tightened", published, scenario_text=loose.read_text())
    before = breaches(tight, published)
    first = date(2026, 9, 28)  # breaches before it stand, and from it on are to be mended
    assert min(d for _, d, _ in before) < first < max(d for _, d, _ in before)
    one_version = tmp_path / "v1.db"
    shutil.copy(db, one_version)
    capsys.readouterr()

    out = tmp_path / "r"
    argv = ["reroster", str(tight), "--from", first.isoformat(), "--out", str(out), "--db", str(db)]
    assert (
        main([*argv, "--notified", str(first - timedelta(1)), "--time-limit", "5", "--publish"])
        == 0
    )
    err = capsys.readouterr().err
    assert (
        f"consecutive-duty-days under the scenario's rules as they are now stand on days before {first}"
        in err
    )
    new = read_roster_csv(out / "roster.csv")
    after = breaches(tight, new)
    assert after  # the days worked under the rules then are as they were
    assert all(d < first for _, d, _ in after)
    assert after <= before
    changes = pd.read_csv(out / "changes.csv", dtype=str)
    assert (changes["date"] >= first.isoformat()).all()
    assert changes["reason"].str.contains("consecutive-duty-days under the scenario's rules").any()

    # s92 check agrees: every breach without --from, those before it set aside with it
    roster = str(out / "roster.csv")
    assert main(["check", str(tight), roster]) == 1
    capsys.readouterr()
    assert main(["check", str(tight), roster, "--from", first.isoformat(), "--db", str(db)]) == 0
    assert "no breaches" in capsys.readouterr().out
    # and s92 publish of the same roster onto the version before
    book = str(out / "roster.xlsx")
    publish = ["publish", str(tight), book, "--db", str(one_version), "--out", str(tmp_path / "p")]
    assert main(publish) == 1  # without --from every day must keep the rules as they are now
    assert (
        main([*publish, "--from", first.isoformat(), "--notified", str(first - timedelta(1))]) == 0
    )
    # a later re-roster under the same rules: the breaches before its --from still stand
    later = ["reroster", str(tight), "--from", "2026-10-05", "--out", str(tmp_path / "r2")]
    assert main([*later, "--db", str(db), "--time-limit", "5", "--publish"]) == 0
