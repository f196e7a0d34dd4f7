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

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario

SCENARIO = """
[scenario]
name = "Tightened"
start = 2026-09-07
end = 2026-11-08
{rules}
[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

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

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "L"
  min = 2
""" + "".join(
    f'\n[[officer]]\nid = "T-0{n}"\ncontract = "TT"\nrank = "{rank}"\n'
    for n, rank in ((1, "sergeant"), (2, "constable"), (3, "constable"), (4, "constable"))
)


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
    solve = ["--workers", "1", "--seed", "1", "--time-limit", "10", "--quiet"]
    assert main(["roster", str(loose), "--out", str(tmp_path / "v1"), "--publish", "--db", str(db), *solve]) == 0  # fmt: skip
    published = read_roster_csv(tmp_path / "v1" / "roster.csv")
    before = breaches(tight, published)
    days = sorted({d for _, d, _ in before})
    # breaches before it stand, and from it on (weeks before the horizon's end, where rest
    # days can move) are to be mended
    first = max(d for d in days if d <= date(2026, 11, 8) - timedelta(21))
    assert days[0] < first  # runs of 5 days or more, early and later: the case in hand
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
