"""``s92 calendar --import`` of a file that is not there said ``missing.ics: cannot read
the file (No such file or directory)``, and of a folder ``... (Is a directory)``, where
every other reader of a user's file (scenario, spreadsheet, roster, CSV) says ``no such
file`` and ``is a directory, not ...``: one wording for one fault. One line, exit 2.
And a YEAR left out beside ``--import`` and ``--ics`` now says ``--ics`` wants it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run


@pytest.mark.parametrize("options", [("2026",), ("--scenario-snippet",)])
def test_an_ics_that_is_not_there_is_no_such_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: tuple[str, ...]
) -> None:
    missing = tmp_path / "announced.ics"
    result = run(capsys, "calendar", "--import", missing, *options)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"{missing}: no such file\n"
    # the wording of a scenario that is not there
    scenario = run(capsys, "validate", tmp_path / "s.toml")
    assert scenario.err == f"{tmp_path / 's.toml'}: no such file\n"


def test_a_folder_given_for_the_ics_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run(capsys, "calendar", "--import", tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"{tmp_path}: is a directory, not an iCalendar file\n"


def test_no_year_with_import_and_ics_says_ics_wants_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # --import alone takes no YEAR, so "give a calendar year" left the user asking why
    ics = tmp_path / "announced.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    result = run(capsys, "calendar", "--import", ics, "--ics", tmp_path / "out.ics")
    assert result.code == 2
    assert result.err == "<command line>: year: give a calendar year 1901-2199 for --ics\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["announced.ics"]
