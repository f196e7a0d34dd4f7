"""The cover lines under ``s92 roster``'s summary. A contract with no
``[[contract.cover]]`` row asks for no tour: ``s92 roster`` and ``s92 explain`` name it and
say to add the tours the council wants, where both said "every tour the council asked for
had its officers" of a scenario that asked for none (a planner who forgot the rows was told
all was well); ``s92 validate`` notes it before any roster. A contract whose every post is
vacant rosters no officer: its 0 % is explained (posts vacant), where an empty roster
printed no cause at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

TOML = """
[scenario]
name = "No tasking"
start = 2027-03-01
end = 2027-03-07

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "A-PP"
council = "Council A"
bcu = "BA"
start = 2027-01-04
posts = { constable = 1 }

[[contract]]
id = "B-PP"
council = "Council B"
bcu = "BB"
start = 2027-01-04
posts = { constable = 1 }

  [[contract.cover]]
  days = ["Mon"]
  shift = "E"
  min = 1

[[officer]]
id = "A-01"
contract = "A-PP"
rank = "constable"

[[officer]]
id = "B-01"
contract = "B-PP"
rank = "constable"
"""

SOLVE = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]


def test_a_contract_asking_no_tour_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "none.toml"
    toml.write_text(TOML)
    out = tmp_path / "out"
    assert main(["roster", str(toml), "--out", str(out), *SOLVE]) == 0
    err = capsys.readouterr().err
    named = "Cover: no tour asked for: A-PP has no [[contract.cover]] row in force"
    assert named in err
    assert "Cover: every tour the other contracts asked for had its officers." in err
    assert main(["check", str(toml), str(out / "roster.csv")]) == 0
    capsys.readouterr()
    # s92 explain of A-PP alone: nothing asked, nothing said to be delivered
    assert main(["explain", str(toml), str(out / "roster.csv"), "--contract", "A-PP"]) == 0
    said = capsys.readouterr().out
    assert named in said
    assert "had the officers" not in said
    assert "had its officers" not in said


# B-01 may work at most 1 day in a row and is on High Demand Day aid two days in a row: no
# roster of B-PP exists (a day in two at work alone has one, scen23); A-01's leave all
# week holds A's rest days
FAILS = TOML.replace(
    '[[contract]]\nid = "A-PP"',
    "[rules]\nmax_consecutive_duty_days = 1\n\n[high_demand]\nadd = ["
    '{ date = 2027-03-02, name = "Event A" }, { date = 2027-03-03, name = "Event B" }]\n\n'
    '[[contract]]\nid = "A-PP"',
).replace('id = "A-01"\n', 'id = "A-01"\nleave = ["2027-03-01/2027-03-07"]\n')


def test_a_contract_not_rostered_is_not_said_to_have_its_officers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "fails.toml"
    toml.write_text(FAILS)
    assert main(["roster", str(toml), "--out", str(tmp_path / "out"), *SOLVE]) == 1
    err = capsys.readouterr().err
    assert "Of the 1 contract rostered, A-PP:" in err
    assert "Cover: no tour asked for: A-PP has no [[contract.cover]] row in force" in err
    # B-PP, which has no roster, asked for a tour: nothing is said to have had its officers
    assert "had its officers" not in err


def test_validate_notes_a_contract_asking_no_tour(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "none.toml"
    toml.write_text(TOML)
    assert main(["validate", str(toml)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: A-PP asks for no tour in the horizon: no [[contract.cover]] row in force; add"
        " the tours the council wants officers on"
    ]


VACANT = TOML[: TOML.index("[[officer]]")]  # every post of both contracts vacant


def test_every_post_vacant_says_why_the_cover_is_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "vacant.toml"
    toml.write_text(VACANT)
    out = tmp_path / "out"
    assert main(["roster", str(toml), "--out", str(out), *SOLVE]) == 0
    err = capsys.readouterr().err
    assert "0/1 (0%)" in err
    assert "Cover shortfalls by cause: 1 officer-tours on 1 contract-days" in err
    assert "posts vacant" in err
    assert "s92 explain SCENARIO ROSTER" in err
    # the independent checker and s92 explain agree on the roster written
    assert main(["check", str(toml), str(out / "roster.csv")]) == 0
    assert main(["explain", str(toml), str(out / "roster.csv")]) == 0
    said = capsys.readouterr().out
    assert "Cover shortfalls by cause: 1 officer-tours on 1 contract-days" in said
