"""A contract of more officers than a team (``run.TEAM_MAX``) is solved team by team; when
one team has no lawful roster the contract has none, and nothing is written. The summary
still gave it the cover of the teams that had one (generated seed 2333, a hundred
officers: "986/2254 (44%)" and HDD aid 186/252 for status UNKNOWN) and then explained the
shortfalls of that half roster as "Of the 1 contract rostered, C0-MPP", beside "cannot
roster contract C0-MPP". A contract with no roster now delivers nothing in the summary,
and is not called rostered."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

HEAD = """
[scenario]
name = "Half a contract"
start = 2026-11-02
end = 2026-11-08

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

# a run of duty days at most a day long, and everyone not on leave on High Demand Day aid
# two days in a row: no roster holds them
[rules]
max_consecutive_duty_days = 1

[high_demand]
add = [{ date = 2026-11-03, name = "Event A" }, { date = 2026-11-04, name = "Event B" }]

[[contract]]
id = "BIG"
council = "London Borough of A"
bcu = "XX"
start = 2026-01-05
posts = { constable = 26, sergeant = 1 }
cover = [{ days = ["Mon", "Thu", "Fri"], shift = "E", min = 2 }]

[[officer]]
id = "S01"
contract = "BIG"
rank = "sergeant"
"""


def _toml() -> str:
    # teams deal the officers out in turn, the sergeant first: C01, C03 ... C25 make one
    # team, on leave on the High Demand Days (a lawful roster, its part of the cover on
    # the other days); the other team is on aid both days
    officers = []
    for n in range(1, 27):
        leave = '\nleave = ["2026-11-03/2026-11-04"]' if n % 2 else ""
        officers.append(
            f'[[officer]]\nid = "C{n:02d}"\ncontract = "BIG"\nrank = "constable"{leave}\n'
        )
    return HEAD + "\n" + "\n".join(officers)


def test_a_contract_one_of_whose_teams_has_no_roster_shows_no_cover(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "half.toml"
    toml.write_text(_toml())
    solve = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]
    assert main(["roster", str(toml), "--out", str(tmp_path / "out"), *solve]) == 1
    assert not (tmp_path / "out" / "roster.csv").exists()
    err = capsys.readouterr().err
    [row] = [line for line in err.splitlines() if line.startswith("│ BIG")]
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert cells[0] == "BIG"
    # cover: no roster delivers nothing, not the part one team's roster would (3 of 6)
    assert cells[2] == "0/6 (0%)"
    # HDD aid likewise: 14 officers on 4 HDDs (Bonfire Night and Remembrance Sunday too),
    # 13 on 2 (not the days of their leave)
    assert cells[5] == "0/82"
    assert "rostered, BIG" not in err
    assert "cannot roster" in err
