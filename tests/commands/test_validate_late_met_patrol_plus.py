"""A Met Patrol Plus contract starting after the scheme closed (Partnership Plus replaced
it from 1 April 2019; legacy agreements were honoured until they expired, DESIGN.md §1)
was accepted without a word, and its council charged half: s92 validate now notes it in
one line, naming the contract, its start and what a new agreement is."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

SCENARIO = """
[scenario]
name = "legacy"
start = 2019-01-07
end = 2019-02-03

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "{id}"
council = "LB Legacy"
bcu = "XX"
scheme = "{scheme}"
start = {start}
posts = {{ constable = 1 }}

[[officer]]
id = "O-1"
contract = "{id}"
rank = "constable"
"""


def validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheme: str, start: str
) -> list[str]:
    toml = tmp_path / "s.toml"
    toml.write_text(SCENARIO.format(id="LEG-1", scheme=scheme, start=start), encoding="utf-8")
    assert main(["validate", str(toml)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "met-patrol-plus" in line]


def test_met_patrol_plus_signed_after_the_scheme_closed_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (note,) = validate(tmp_path, capsys, "met-patrol-plus", "2019-04-01")
    assert note.startswith("note: LEG-1 is met-patrol-plus but starts 2019-04-01")
    assert "31 March 2019" in note
    assert "partnership-plus" in note.split("met-patrol-plus", 1)[1]


@pytest.mark.parametrize(
    ("scheme", "start"), [("met-patrol-plus", "2018-04-01"), ("partnership-plus", "2019-04-01")]
)
def test_a_legacy_agreement_or_partnership_plus_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheme: str, start: str
) -> None:
    assert validate(tmp_path, capsys, scheme, start) == []
