"""A scenario that still lists a contract whose agreement ended before its horizon (or
starts after it): the roster of every contract holds no row of it, as it should, and
``s92 ical``, ``check`` and ``explain`` take that roster as the roster of every contract
(``ical`` refused it, 'give the roster of every contract', and ``check`` named the
contract as left out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

TOML = """
[scenario]
name = "Ended contract"
start = 2026-11-02
end = 2026-11-15

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "NOW"
council = "London Borough of A"
bcu = "XX"
start = 2026-01-05
years = 3
posts = { constable = 2 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
  shift = "E"
  min = 1

[[contract]]
id = "OLD"
council = "London Borough of B"
bcu = "YY"
start = 2022-01-03
years = 2
posts = { constable = 1 }

[[contract]]
id = "NEXT"
council = "London Borough of C"
bcu = "ZZ"
start = 2027-06-01
years = 2
posts = { constable = 1 }

[[officer]]
id = "A-01"
contract = "NOW"
rank = "constable"

[[officer]]
id = "A-02"
contract = "NOW"
rank = "constable"

[[officer]]
id = "B-01"
contract = "OLD"
rank = "constable"

[[officer]]
id = "C-01"
contract = "NEXT"
rank = "constable"
"""


@pytest.fixture(scope="module")
def rostered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("ended")
    toml = folder / "ended.toml"
    toml.write_text(TOML)
    argv = ["roster", str(toml), "--out", str(folder / "out"), "--time-limit", "5"]
    assert main([*argv, "--workers", "1", "--seed", "1", "--quiet"]) == 0
    return toml, folder / "out"


def test_the_roster_holds_only_the_contract_in_force(rostered: tuple[Path, Path]) -> None:
    lines = (rostered[1] / "roster.csv").read_text().splitlines()[1:]
    assert {line.split(",")[1] for line in lines} == {"NOW"}


def test_ical_writes_the_calendars_of_the_roster_of_every_contract(
    rostered: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, out = rostered
    db = str(tmp_path / "s92.db")
    assert (
        main(
            [
                "ical",
                str(toml),
                str(out / "roster.csv"),
                "--out",
                str(tmp_path / "ical"),
                "--db",
                db,
            ]
        )
        == 0
    )
    written = {p.name for p in (tmp_path / "ical").rglob("*.ics")}
    assert {"A-01.ics", "A-02.ics"} <= written
    assert "holds no row" not in capsys.readouterr().err


def test_check_does_not_name_the_ended_contract_as_left_out(
    rostered: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml, out = rostered
    capsys.readouterr()
    assert main(["check", str(toml), str(out / "roster.csv")]) == 0
    shown = capsys.readouterr().out
    assert "holds no row" not in shown
    assert shown.splitlines()[-1].endswith("no breaches")


def test_validate_charges_nothing_for_a_term_outside_the_horizon(
    rostered: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml, _ = rostered
    capsys.readouterr()
    assert main(["validate", str(toml)]) == 0
    shown = capsys.readouterr().out
    old = next(line for line in shown.splitlines() if "│ OLD" in line)
    assert "57,000.00" not in old
    assert old.rstrip(" │").endswith("-")
    assert (
        "note: OLD's term (2022-01-03 to 2024-01-02) does not reach the horizon "
        "(2026-11-02 to 2026-11-15)" in " ".join(shown.split())
    )
    assert "note: NEXT's term" in shown
    assert "note: NOW's term" not in shown


def test_roster_notes_the_term_outside_the_horizon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "ended.toml"
    toml.write_text(TOML)
    argv = ["roster", str(toml), "--out", str(tmp_path / "out"), "--time-limit", "3"]
    assert main([*argv, "--workers", "1", "--seed", "1", "--quiet"]) == 0
    shown = " ".join(capsys.readouterr().err.split())
    assert "note: OLD's term (2022-01-03 to 2024-01-02) does not reach the horizon" in shown
