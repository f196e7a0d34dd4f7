"""``s92 calendar --import`` of an iCal file with no events printed nothing and exited 0:
a planner could not tell an empty export from a command that did nothing. As the CSV
import treats a file with a header and no rows ("0 entries added", exit 0), it now says in
one line on stderr that the file holds no events, naming it. With ``--scenario-snippet``
it printed an empty ``[high_demand] add = [ ]`` as well, which pasted adds nothing: it
prints none, as a listing of no events prints no line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run

EMPTY = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n"
ONE = EMPTY.replace(
    "END:VCALENDAR",
    "BEGIN:VEVENT\r\nUID:a@t\r\nSUMMARY:Carnival\r\nDTSTART;VALUE=DATE:20260830\r\n"
    "END:VEVENT\r\nEND:VCALENDAR",
)


@pytest.mark.parametrize("options", [(), ("--scenario-snippet",), ("2026",)])
def test_a_calendar_with_no_events_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: tuple[str, ...]
) -> None:
    empty = tmp_path / "announced.ics"
    empty.write_text(EMPTY, encoding="utf-8")
    result = run(capsys, "calendar", "--import", empty, *options)
    assert result.code == 0, result.err
    assert (
        result.err
        == f"s92: {empty}: holds no events (cancelled ones left out): 0 High Demand Days imported\n"
    )
    # nothing on stdout: an empty ``[high_demand] add = [ ]`` snippet pasted adds nothing
    assert result.out == ""


def test_no_snippet_of_events_all_in_other_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "announced.ics"
    one.write_text(ONE, encoding="utf-8")
    result = run(capsys, "calendar", "2027", "--import", one, "--scenario-snippet")
    assert result.code == 0, result.err
    assert "1 event not in 2027 left out: 2026-08-30 Carnival" in result.err
    assert result.out == ""


def test_a_snippet_of_one_event(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    one = tmp_path / "announced.ics"
    one.write_text(ONE, encoding="utf-8")
    result = run(capsys, "calendar", "2026", "--import", one, "--scenario-snippet")
    assert result.code == 0, result.err
    assert result.out.startswith("[high_demand]\nadd = [\n  { date = 2026-08-30, ")


def test_a_calendar_with_events_adds_no_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "announced.ics"
    one.write_text(ONE, encoding="utf-8")
    result = run(capsys, "calendar", "--import", one)
    assert result.code == 0, result.err
    assert result.err == ""
    assert "2026-08-30  high demand  Carnival" in result.out
