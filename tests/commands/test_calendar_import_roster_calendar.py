"""``s92 calendar --import`` of a calendar ``s92 ical`` wrote of officers' days (an
officer's, a contract's) is refused, exit 2, naming it: each of its tours and rest days
read as a High Demand Day, and ``--scenario-snippet`` printed them all for a scenario (the
file picked from the wrong folder). The HDD calendar written beside them still imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx


@pytest.fixture(scope="module")
def calendars(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ical")
    (folder / "autumn.toml").write_text(AUTUMN_TOML)
    (folder / "roster.csv").write_text(roster_csv_text(TABLE))
    argv = ["ical", str(folder / "autumn.toml"), str(folder / "roster.csv")]
    assert main([*argv, "--out", str(folder / "ical"), "--db", str(folder / "s92.db")]) == 0
    return folder / "ical"


@pytest.mark.parametrize(
    ("file", "name"),
    [("officers/T1.ics", "T1 roster – Checker test"), ("contracts/TST.ics", "TST officers – ")],
)
def test_a_roster_calendar_is_refused(
    calendars: Path, file: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = calendars / file
    capsys.readouterr()
    assert main(["calendar", "--import", str(path), "--scenario-snippet"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.strip().splitlines()
    assert line.startswith(f"{path}: a roster calendar s92 wrote ('{name}")
    assert line.endswith(
        "not one of High Demand Days: each tour and rest day in it would be imported as one; "
        "give high-demand-days.ics (s92 ical writes it beside officers/ and contracts/) or "
        "the MPS's calendar"
    )


def test_the_hdd_calendar_beside_them_imports(
    calendars: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["calendar", "--import", str(calendars / "high-demand-days.ics")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026-11-05  high demand  Million Mask March / Bonfire Night  aid 15:00-01:00",
        "2026-11-08  high demand  Remembrance Sunday  aid 07:00-17:00",
    ]


@pytest.mark.parametrize(
    ("file", "kind"),
    [("roster.csv", ""), ("roster.xlsx", "a workbook or zip archive, ")],
)
def test_a_file_that_is_no_calendar_is_named_not_shown(
    calendars: Path, file: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster picked for the .ics: before, the line quoted its first line (a
    workbook's zip bytes) in a parser's words."""
    path = calendars.parent / file
    if file.endswith(".xlsx"):
        write_roster_xlsx(TABLE, path, AUT)
    capsys.readouterr()
    assert main(["calendar", "--import", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: {kind}not an iCalendar file: it does not start with BEGIN:VCALENDAR, as "
        "an .ics file does"
    ]
