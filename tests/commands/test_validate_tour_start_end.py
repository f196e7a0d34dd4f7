"""A tour whose end is its start (a planner's 24-hour tour, or a 0-hour one): s92 validate
refused it in a line that did not say what to do, while the scenario reference said an end
"at or before the start means the next day" (scen23). Now the line says a tour lasts more
than 0 h and less than 24 h and to give the time it ends, and the reference says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main
from scheduler.scenario.reference import FIELDS

SCENARIO = """
[scenario]
name = "whole day"
start = 2027-03-01
end = 2027-03-28

[rules]
max_tour_hours = 24

[[shift]]
code = "X"
start = "08:00"
end = "08:00"

[[contract]]
id = "C"
council = "Council C"
bcu = "EA"
start = 2027-01-04
posts = { constable = 1 }
  [[contract.cover]]
  days = ["Sat"]
  shift = "X"

[[officer]]
id = "O1"
contract = "C"
rank = "constable"
"""


def test_a_tour_ending_at_its_start_is_refused_saying_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "day.toml"
    path.write_text(SCENARIO)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{path}: shift[X]: tour start equals end (08:00): a tour lasts more than 0 h and "
        "less than 24 h; give the time it ends (an end before the start is the next day's)"
    ]


def test_the_reference_says_an_end_is_never_the_start() -> None:
    text, _ = FIELDS["Shift.end"]
    assert "at or before" not in text
    assert "never the start" in text
