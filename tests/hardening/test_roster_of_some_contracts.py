"""``s92 ical`` and ``s92 sweep`` given a roster of some contracts only (``s92 roster
--contracts``) listed every officer of the others, one line each ("no row for ... every
in-post day needs one"), 20 lines and a count for a London roster of two boroughs; now
one line names the contracts left out and what to give instead, exit 2, nothing
written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

SECOND = """
[[contract]]
id = "T2"
council = "Council U"
bcu = "EA"
start = 2026-01-05
posts = { constable = 2 }

[[officer]]
id = "U-C0"
contract = "T2"
rank = "constable"

[[officer]]
id = "U-C1"
contract = "T2"
rank = "constable"
"""


@pytest.mark.parametrize("command", ["ical", "sweep"])
def test_a_roster_of_some_contracts_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    scenario = tmp_path / "two.toml"
    scenario.write_text(tiny_toml(extra=SECOND), encoding="utf-8")
    solved = tmp_path / "t1"
    done = run(capsys, "roster", scenario, "--contracts", "T1", "--out", solved, *SOLVE)
    assert done.code == 0, done.err
    out = tmp_path / "out"
    argv = {
        "ical": ["ical", scenario, solved / "roster.csv", "--out", out],
        "sweep": [
            "sweep",
            scenario,
            "--runs",
            "1",
            "--roster",
            solved / "roster.csv",
            "--out",
            out,
        ],
    }[command]
    result = run(capsys, *argv)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{solved / 'roster.csv'}: contract_id: holds no row of contract T2: give the roster "
        "of every contract (s92 roster without --contracts)"
    ]
    assert not out.exists()
