"""A rest between tours so long that a tour two days after another still comes too soon:
`min_rest_hours = 24` with a night 22:00-08:00 and an early 07:00-15:00 (the night, a day
off, the early: 23 h). The model forbids the successions of one day and the next only, so
s92 roster made rosters breaking the rule, its own check refused them, and nothing was
written (exit 1, a table of breaches) for a scenario s92 validate had passed. Such a rest
is now refused before the solve, in one line naming the file, the field and the value,
and s92 validate notes it; the longest rest these tours allow (23 h) rosters lawfully."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

SCENARIO = """
[scenario]
name = "Long rest"
start = 2026-06-01
end = 2026-06-14

[rules]
min_rest_hours = {rest}
rest_days_per_week = 3

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "N"
start = "22:00"
end = "08:00"

[[contract]]
id = "T"
council = "Council T"
bcu = "EA"
start = 2026-01-05
posts = {{ constable = 2 }}
cover = [{{ days = "daily", shift = "E", min = 1 }}, {{ days = "daily", shift = "N", min = 1 }}]

[[officer]]
id = "T-1"
contract = "T"
rank = "constable"

[[officer]]
id = "T-2"
contract = "T"
rank = "constable"
"""
SOLVE = ["--time-limit", "3", "--workers", "1", "--seed", "1", "--quiet"]


def test_a_rest_past_the_next_day_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "rest.toml"
    toml.write_text(SCENARIO.format(rest=24))
    assert main(["validate", str(toml)]) == 0  # s92 check judges a roster against it
    assert "note: min_rest_hours: 24 h" in capsys.readouterr().out
    assert main(["roster", str(toml), "--out", str(tmp_path / "out"), *SOLVE]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{toml}: rules.min_rest_hours: ")
    assert "at most 23 h with these tours" in err[0]
    assert err[0].endswith("(got 24)")
    assert not (tmp_path / "out").exists()


def test_the_longest_rest_the_tours_allow_is_rostered_lawfully(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "rest.toml"
    toml.write_text(SCENARIO.format(rest=23))
    assert main(["validate", str(toml)]) == 0
    assert "min_rest_hours" not in capsys.readouterr().out
    assert main(["roster", str(toml), "--out", str(tmp_path / "out"), *SOLVE]) == 0
    assert main(["check", str(toml), str(tmp_path / "out" / "roster.csv")]) == 0
