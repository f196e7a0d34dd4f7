"""One contract that cannot be rostered holds up the others: nothing is written (no roster
that breaks a rule), and the last line says which contract failed and how to roster the
others without it (before, only the officer's problem was named)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

TOML = """
[scenario]
name = "One impossible"
start = 2026-11-02
end = 2026-11-08

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

# a run of duty days at most a day long, and B-01 on High Demand Day aid two days in a
# row: no roster holds them (a day in two at work alone has one, scen23); GOOD's officers
# are on leave all week, which holds their rest days
[rules]
max_consecutive_duty_days = 1

[high_demand]
add = [{ date = 2026-11-03, name = "Event A" }, { date = 2026-11-04, name = "Event B" }]

[[contract]]
id = "GOOD"
council = "London Borough of A"
bcu = "XX"
start = 2026-01-05
posts = { constable = 2 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed"]
  shift = "E"
  min = 1

[[contract]]
id = "BAD"
council = "London Borough of B"
bcu = "YY"
start = 2026-01-05
posts = { constable = 1 }

[[officer]]
id = "A-01"
contract = "GOOD"
rank = "constable"
leave = ["2026-11-02/2026-11-08"]

[[officer]]
id = "A-02"
contract = "GOOD"
rank = "constable"
leave = ["2026-11-02/2026-11-08"]

[[officer]]
id = "B-01"
contract = "BAD"
rank = "constable"
"""


def test_the_others_are_named_and_can_be_rostered_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "one.toml"
    toml.write_text(TOML)
    solve = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]
    assert main(["roster", str(toml), "--out", str(tmp_path / "all"), *solve]) == 1
    assert not (tmp_path / "all" / "roster.csv").exists()
    err = capsys.readouterr().err
    # the cover under the summary is of the contract rostered, not said of BAD too
    assert "Of the 1 contract rostered, GOOD:" in err
    last = err.strip().splitlines()[-1]
    assert last == (
        "nothing written: contract BAD cannot be rostered; the other contract can be "
        "rostered without it: --contracts GOOD"
    )
    argv = ["roster", str(toml), "--out", str(tmp_path / "good"), "--contracts", "GOOD"]
    assert main([*argv, *solve]) == 0
    assert (
        main(["check", str(toml), str(tmp_path / "good" / "roster.csv"), "--contracts", "GOOD"])
        == 0
    )


def test_a_contract_with_no_roster_is_no_share_of_its_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BAD asks no tour and has no roster: its row read 100.0 % of a cover bound of 0, as
    if its roster delivered all any could (scen23: generated seed 2042's C1-PP)."""
    toml = tmp_path / "one.toml"
    toml.write_text(TOML)
    solve = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]
    assert main(["roster", str(toml), "--out", str(tmp_path / "all"), *solve]) == 1
    rows = [line.split("│") for line in capsys.readouterr().err.splitlines()]
    bad = [[cell.strip() for cell in row] for row in rows if len(row) > 2 and "BAD" in row[1]]
    assert len(bad) == 1
    # contract, officers, cover, cover bound, of bound, HDD aid, objective, gap, status
    assert bad[0][1:10] == ["BAD", "1", "0/0", "0", "-", "0/4", "-", "-", "INFEASIBLE"]
