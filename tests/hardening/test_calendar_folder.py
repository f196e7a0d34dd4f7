"""A calendar folder that cannot take the export (a folder where an officer's .ics goes, a
file where the officers' folder goes) is refused before any work, in one line naming the
path (``s92 ical``; ``s92 roster --ical`` before the solve), where the error named a
temporary file the user never made, after the solve; and a UID secret set in another
encoding than UTF-8 is taken as the bytes it is, where it blamed the roster."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, snapshot, tiny_toml

from scheduler.files import Staged


@pytest.fixture
def solved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    result = run(capsys, "roster", scenario, "--out", tmp_path / "solved", *SOLVE)
    assert result.code == 0, result.err
    return scenario, tmp_path / "solved" / "roster.csv"


@pytest.mark.parametrize(
    ("make", "named", "says"),
    [
        ("officers/T-C0.ics/", "officers/T-C0.ics", "is a folder; a file goes here"),
        ("officers", "officers", "is a file; the command makes a folder here"),
        ("contracts/T1.ics/", "contracts/T1.ics", "is a folder; a file goes here"),
        (".s92-ical.json/", ".s92-ical.json", "is a folder; a file goes here"),
    ],
)
def test_a_calendar_folder_that_cannot_take_the_export(
    capsys: pytest.CaptureFixture[str],
    solved: tuple[Path, Path],
    tmp_path: Path,
    make: str,
    named: str,
    says: str,
) -> None:
    scenario, roster = solved
    out = tmp_path / "feeds"
    if make.endswith("/"):
        (out / make).mkdir(parents=True)
    else:
        out.mkdir()
        (out / make).write_text("not a folder")
    before = snapshot(out)
    result = run(capsys, "ical", scenario, roster, "--out", out, "--db", tmp_path / "s92.db")
    assert result.code == 2
    assert result.err.splitlines() == [f"{out / named}: --out: {says}"]
    assert snapshot(out) == before


def test_roster_ical_refuses_the_folder_before_the_solve(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    out = tmp_path / "out"
    (out / "ical" / "officers" / "T-S0.ics").mkdir(parents=True)
    argv = ["roster", scenario, "--out", out, "--ical", "--db", tmp_path / "s92.db", *SOLVE]
    result = run(capsys, *argv)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{out / 'ical' / 'officers' / 'T-S0.ics'}: --out: is a folder; a file goes here"
    ]
    assert not (out / "roster.csv").exists()
    assert "Roster:" not in result.out + result.err  # no solve was run


def test_a_secret_in_another_encoding_is_its_bytes(
    capsys: pytest.CaptureFixture[str],
    solved: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario, roster = solved
    monkeypatch.setenv("S92_ICAL_SECRET", os.fsdecode(b"s\xe9cret \xa3"))
    out = tmp_path / "feeds"
    argv = ["ical", scenario, roster, "--out", out, "--db", tmp_path / "s92.db"]
    first = run(capsys, *argv)
    assert first.code == 0, first.err
    calendar = _unstamped((out / "officers" / "T-C0.ics").read_bytes())
    again = run(capsys, *argv)  # the same secret: the same UIDs, nothing duplicated
    assert again.code == 0, again.err
    assert _unstamped((out / "officers" / "T-C0.ics").read_bytes()) == calendar


def _unstamped(calendar: bytes) -> list[bytes]:
    """The calendar's lines but DTSTAMP, each run's moment of publication (two runs a
    second apart differ there, and only there)."""
    return [line for line in calendar.splitlines() if not line.startswith(b"DTSTAMP:")]


def test_a_file_that_cannot_be_put_in_place_is_named(tmp_path: Path) -> None:
    (tmp_path / "b.csv").mkdir()  # appeared after any check: a rename cannot replace it
    out = Staged(tmp_path)
    out.text("a.csv", "x\n")
    out.text("b.csv", "y\n")
    with pytest.raises(IsADirectoryError) as failed:
        out.__exit__(None, None, None)  # as leaving the block commits it
    assert failed.value.filename == str(tmp_path / "b.csv")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
