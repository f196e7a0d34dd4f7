"""A contract whose every post is vacant rosters no officer: the summary's cover column
reads 0/N, and the line under it says why (every officer-tour short, posts vacant) and
points to ``s92 explain``, as it does for any other shortfall. Before, an empty roster
printed no cause at all under its 0 %."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

TOML = """
[scenario]
name = "Nobody in post"
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
posts = { constable = 2 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed"]
  shift = "E"
  min = 2
"""


def test_every_post_vacant_says_why_the_cover_is_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "vacant.toml"
    toml.write_text(TOML)
    out = tmp_path / "out"
    solve = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]
    assert main(["roster", str(toml), "--out", str(out), *solve]) == 0
    err = capsys.readouterr().err
    assert "0/6 (0%)" in err
    assert "Cover shortfalls by cause: 6 officer-tours on 3 contract-days" in err
    assert "posts vacant" in err
    assert "s92 explain SCENARIO ROSTER" in err
    # the independent checker and s92 explain agree on the roster written
    assert main(["check", str(toml), str(out / "roster.csv")]) == 0
    assert main(["explain", str(toml), str(out / "roster.csv")]) == 0
    assert (
        "Cover shortfalls by cause: 6 officer-tours on 3 contract-days" in capsys.readouterr().out
    )
