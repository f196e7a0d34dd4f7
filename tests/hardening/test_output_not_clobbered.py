"""A file named as --csv or --ics that is not the command's own earlier output is kept
unless --force says to replace it, and an input (the scenario) is never replaced: before,
``check S R --csv S`` wrote the findings over the scenario file, and ``calendar --ics``
over any file at all (a planner's notes, a scenario tab-completed by mistake)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run

from scheduler.cli import main

NOTES = "my own notes, not s92's\n"


def _argv(command: str, scenario: Path, roster: Path, target: Path) -> list[object]:
    if command == "calendar":
        return ["calendar", "2026", "--ics", target]
    return [command, scenario, roster, "--csv", target]


@pytest.mark.parametrize("command", ["check", "explain", "calendar"])
def test_another_file_is_kept_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    target = tmp_path / "notes.txt"
    target.write_text(NOTES, encoding="utf-8")
    result = run(capsys, *_argv(command, tiny.scenario, tiny.roster, target))
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert line.startswith(f"{target}: --")
    assert "already exists" in line
    assert "--force" in line
    assert target.read_text(encoding="utf-8") == NOTES
    forced = run(capsys, *_argv(command, tiny.scenario, tiny.roster, target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8") != NOTES


@pytest.mark.parametrize("command", ["check", "explain", "calendar"])
def test_the_commands_own_output_is_brought_up_to_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    target = tmp_path / ("out.ics" if command == "calendar" else "out.csv")
    assert run(capsys, *_argv(command, tiny.scenario, tiny.roster, target)).code == 0
    first = target.read_bytes()
    target.write_bytes(first + b"\n")  # changed since, still the command's own
    again = run(capsys, *_argv(command, tiny.scenario, tiny.roster, target))
    assert again.code == 0, again.err
    assert _stamp_aside(target.read_bytes()) == _stamp_aside(first)


def _stamp_aside(data: bytes) -> bytes:
    """A file's bytes but for an iCal event's DTSTAMP, the second it was written (RFC 5545
    asks for it): two runs a second apart, on a loaded machine, differed there alone."""
    return re.sub(rb"(?m)^DTSTAMP:\d{8}T\d{6}Z\r$", b"DTSTAMP:-\r", data)


@pytest.mark.parametrize("command", ["check", "explain"])
def test_the_scenario_is_never_the_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    before = tiny.scenario.read_bytes()
    refusal = [f"{tiny.scenario}: --csv: is the scenario ({tiny.scenario}): name another file"]
    for force in ([], ["--force"]):
        result = run(capsys, command, tiny.scenario, tiny.roster, "--csv", tiny.scenario, *force)
        assert result.code == 2
        assert result.err.splitlines() == refusal
        assert tiny.scenario.read_bytes() == before


def test_scenario_docs_keeps_a_planners_own_scenario_md_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """`scenario docs --out` replaced any scenario.md in the folder (a planner's notes), where
    every other command replaces only its own output without --force."""
    notes = tmp_path / "scenario.md"
    notes.write_text("# our scenario notes\n")
    assert main(["scenario", "docs", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "scenario.md" in err
    assert "--force" in err
    assert notes.read_text() == "# our scenario notes\n"
    assert not (tmp_path / "scenario.schema.json").exists()
    assert main(["scenario", "docs", "--out", str(tmp_path)]) == 2  # still refused
    assert main(["scenario", "docs", "--out", str(tmp_path), "--force"]) == 0
    assert "GENERATED" in notes.read_text()
    capsys.readouterr()
    assert main(["scenario", "docs", "--out", str(tmp_path)]) == 0  # its own: brought up to date
