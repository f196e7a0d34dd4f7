"""``s92 check --contracts`` and ``s92 explain --contract`` on the roster of every contract,
as s92 roster wrote it: the other contracts' rows were named as officers not in the
scenario (check: a schema breach per officer, exit 1; explain: exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

TOML = """
[scenario]
name = "Two contracts"
start = 2026-11-02
end = 2026-11-22

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "14:00"
end = "22:00"

[[contract]]
id = "AAA"
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
id = "BBB"
council = "London Borough of B"
bcu = "YY"
start = 2026-06-01
years = 3
posts = { constable = 2 }

  [[contract.cover]]
  days = ["Sat", "Sun"]
  shift = "L"
  min = 2

[[officer]]
id = "A-01"
contract = "AAA"
rank = "constable"

[[officer]]
id = "A-02"
contract = "AAA"
rank = "constable"

[[officer]]
id = "B-01"
contract = "BBB"
rank = "constable"

[[officer]]
id = "B-02"
contract = "BBB"
rank = "constable"
"""


@pytest.fixture(scope="module")
def rostered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("two")
    toml = folder / "two.toml"
    toml.write_text(TOML)
    argv = ["roster", str(toml), "--out", str(folder / "out"), "--time-limit", "5"]
    assert main([*argv, "--workers", "1", "--seed", "1", "--quiet"]) == 0
    return toml, folder / "out"


@pytest.mark.parametrize("name", ["roster.csv", "roster.xlsx"])
def test_check_of_some_contracts_reads_the_roster_of_all(
    rostered: tuple[Path, Path], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, out = rostered
    capsys.readouterr()
    assert main(["check", str(toml), str(out / name), "--contracts", "BBB"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{out / name}: 42 rows, 2 officers: no breaches"
    )


def test_a_missing_day_of_the_contract_checked_is_still_refused(
    rostered: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as bad input (a row deleted), not the breaches that follow from it
    toml, out = rostered
    lines = (out / "roster.csv").read_text().splitlines(keepends=True)
    edited = tmp_path / "roster.csv"
    edited.write_text(
        "".join(x for x in lines if not x.startswith("B-02,BBB,constable,2026-11-10"))
    )
    assert main(["check", str(toml), str(edited), "--contracts", "BBB"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{edited}: B-02 2026-11-10: no row for 2026-11-10; every in-post day needs one"
    ]


@pytest.mark.parametrize("name", ["roster.csv", "roster.xlsx"])
def test_explain_of_one_contract_reads_the_roster_of_all(
    rostered: tuple[Path, Path], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, out = rostered
    capsys.readouterr()
    assert main(["explain", str(toml), str(out / name), "--contract", "BBB"]) == 0
    shown = capsys.readouterr().out
    assert "AAA" not in shown
