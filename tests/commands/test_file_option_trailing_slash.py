"""A file option given as a folder's name with its '/' (``--csv results/``, ``--ics
calendars/``) is refused, exit 2, one line, nothing written: before, the '/' was dropped
and a file named ``results`` written where the planner meant a folder (its findings then
sought in vain, a later ``--csv results/x.csv`` failing on a file in the way)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import TABLE

from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text

SAID = "ends in '/', a folder, not the file to write: name the file in it"


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["check", "{toml}", "{roster}", "--csv"], "--csv"),
        (["explain", "{toml}", "{roster}", "--csv"], "--csv"),
        (["calendar", "2026", "--ics"], "--ics"),
    ],
)
def test_a_folder_s_name_for_a_file_is_refused(
    argv: list[str],
    option: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "autumn.toml").write_text(AUTUMN_TOML)
    (tmp_path / "roster.csv").write_text(roster_csv_text(TABLE))
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    given = [a.format(toml="autumn.toml", roster="roster.csv") for a in argv]
    capsys.readouterr()
    assert main([*given, "results/"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == [f"results/: {option}: {SAID}"]
    assert sorted(tmp_path.iterdir()) == before
