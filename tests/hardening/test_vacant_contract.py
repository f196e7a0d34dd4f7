"""A contract whose every post is vacant (bought, nobody recruited yet): its scenario has no
officer of it. ``s92 roster`` writes the roster of the officers there are (none at all,
here: a header alone, and a workbook of no contract sheet), the independent checker passes
both, and ``s92 explain`` names every tour the council asked for as short for its vacant
posts, where the roster was a traceback (the checker compared no rows), explain said every
tour had its officers, and the workbook was refused as 'no roster sheet'."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

VACANT = """
[[contract]]
id = "T2"
council = "Council U"
bcu = "EA"
start = 2026-01-05
posts = { constable = 2 }
cover = [{ days = "daily", shift = "L", min = 1 }]
"""


def _without_officers(text: str) -> str:
    return text[: text.index("[[officer]]")]


def test_a_scenario_of_vacant_posts_rosters_and_explains(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "vacant.toml"
    scenario.write_text(_without_officers(tiny_toml()), encoding="utf-8")
    out = tmp_path / "out"
    solved = run(capsys, "roster", scenario, "--out", out, *SOLVE)
    assert solved.code == 0, solved.err
    roster = out / "roster.csv"
    assert roster.read_text(encoding="utf-8").splitlines()[0].startswith("officer_id,")
    checked = run(capsys, "check", scenario, roster)
    assert checked.code == 0, checked.err + checked.out
    # the workbook s92 wrote (a legend and its data sheet: no contract has an officer)
    workbook = run(capsys, "check", scenario, out / "roster.xlsx")
    assert workbook.code == 0, workbook.err + workbook.out
    explained = run(capsys, "explain", scenario, roster)
    assert explained.code == 0, explained.err
    assert "No shortfalls" not in explained.out
    assert "posts vacant" in explained.out
    assert "6 officer-tours" in explained.out  # Mon-Wed early tours, two weeks


def test_a_contract_without_officers_beside_one_with_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "two.toml"
    scenario.write_text(tiny_toml(extra=VACANT), encoding="utf-8")
    out = tmp_path / "out"
    solved = run(capsys, "roster", scenario, "--out", out, *SOLVE)
    assert solved.code == 0, solved.err
    checked = run(capsys, "check", scenario, out / "roster.csv")
    assert checked.code == 0, checked.err + checked.out
    explained = run(capsys, "explain", scenario, out / "roster.csv", "--contract", "T2")
    assert explained.code == 0, explained.err
    assert "No shortfalls" not in explained.out
    assert "14 officer-tours" in explained.out  # a late tour every day, nobody to work it
