"""s92 validate notes a contract whose tasking asks more officer-tours than its officers
could give at the most (generated seeds' "overask" shape: an early of every post every
day): before, nothing said so until the roster fell short. Four constables over two weeks
give at most 4 x (14 - 4 rest days owed) = 40 officer-tours; every post every day is 56."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

SCENARIO = """
[scenario]
name = "Asked"
start = 2026-06-01
end = 2026-06-14

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "ASK"
council = "Council A"
bcu = "EA"
start = 2026-01-05
posts = {{ constable = 4 }}
cover = [{{ days = "daily", shift = "E", min = {floor} }}]
{officers}
"""
OFFICERS = "".join(
    f'\n[[officer]]\nid = "A-{n}"\ncontract = "ASK"\nrank = "constable"\n' for n in range(4)
)


@pytest.mark.parametrize(("floor", "note"), [(4, True), (2, False)])
def test_a_tasking_beyond_the_officers_is_noted(
    floor: int, note: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "asked.toml"
    toml.write_text(SCENARIO.format(floor=floor, officers=OFFICERS))
    assert main(["validate", str(toml)]) == 0
    said = "note: ASK asks 56 officer-tours over the horizon; its 4 officers can give at most 40"
    assert (said in capsys.readouterr().out) is note
