"""A date that does not exist (29 February of a common year, 31 April, month 13) was
refused in words that said only what form a date takes, so a planner staring at
``2026-02-29`` could not see what was wrong with it; a TOML date of that kind was "Invalid
date or datetime" with neither the key nor the value. Every reader now says why, naming the
file, the field and the value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run, tiny_toml

from calendars import day_problem

LEAP = "2026 is not a leap year, so February has 28 days"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-02-29", f"not a real date: {LEAP}"),
        ("29/02/2026", f"not a real date: {LEAP}"),
        ("31.04.2027", "not a real date: April 2027 has 30 days"),
        ("2026-13-01", "not a real date: there is no month 13"),
        ("02/29/2028", "not a real date: there is no month 29 (dates are day first)"),
        ("00/05/2026", "not a real date: there is no day 0 of May"),
    ],
)
def test_the_reason_a_day_does_not_exist(text: str, why: str) -> None:
    assert why in day_problem(text)


@pytest.mark.parametrize("text", ["2028-02-29", "29/02/2028", "soon", "2026-1-1x", ""])
def test_a_real_day_or_no_date_at_all_keeps_the_usage(text: str) -> None:
    assert day_problem(text) == day_problem("soon")
    assert "real" not in day_problem(text)


def _entry(scenario: Path, db: Path, day: str) -> list[str]:
    return [
        "abstract",
        "add",
        str(scenario),
        "--officer",
        "T-C0",
        "--date",
        day,
        "--kind",
        "sickness",
        "--reason",
        "flu",
        "--authorised-by",
        "PS Khan",
        "--notified",
        "2026-10-06",
        "--db",
        str(db),
    ]


def test_command_line_entry_csv_roster_and_actuals_say_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)

    added = run(capsys, *_entry(tiny.scenario, tiny.db, "2026-02-29"))
    assert added.code == 2
    assert added.err.strip().splitlines() == [
        f"<command line>: --date: not a real date: {LEAP} (got '2026-02-29')"
    ]
    rerostered = run(capsys, "reroster", tiny.scenario, "--from", "31/09/2026", "--out", tmp_path)
    assert rerostered.code == 2
    assert "--from: not a real date: September 2026 has 30 days" in rerostered.err

    log = tmp_path / "log.csv"
    log.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        "T-C0,30/02/2026,sickness,flu,PS K,2026-10-06\n",
        encoding="utf-8",
    )
    imported = run(capsys, "abstract", "import", tiny.scenario, log, "--db", tiny.db)
    assert imported.code == 2
    assert "log.csv: row 2: date: not a real date: February 2026 has 28 days" in imported.err

    edited = tmp_path / "edited.csv"
    text = tiny.roster.read_text(encoding="utf-8")
    edited.write_text(text.replace(",2026-10-06,", ",2026-02-29,", 1), encoding="utf-8")
    checked = run(capsys, "check", tiny.scenario, edited)
    assert checked.code == 2
    assert f"column date: not a real date: {LEAP} (got '2026-02-29')" in checked.err

    actuals = tmp_path / "duty.csv"
    actuals.write_text(
        "officer_id,date,start,end,deployment,reason\nT-C0,31/11/2026 00:00,07:00,15:00,council,\n",
        encoding="utf-8",
    )
    report = run(
        capsys,
        *("report", tiny.scenario, "--period", "2026-10", "--actuals", actuals),
        *("--out", tmp_path / "report", "--db", tiny.db),
    )
    assert report.code == 2
    assert "row 2, column date: not a real date: November 2026 has 30 days" in report.err
    assert not (tmp_path / "report").exists() or not any((tmp_path / "report").iterdir())


def test_scenario_dates_in_text_and_as_toml_dates_say_where_and_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    literal = tmp_path / "literal.toml"
    literal.write_text(tiny_toml().replace("end = 2026-10-18", "end = 2027-02-29"), "utf-8")
    found = run(capsys, "validate", literal)
    assert found.code == 2
    line = tiny_toml().splitlines().index("end = 2026-10-18") + 1
    assert found.err.strip() == (
        f"{literal}: line {line}, scenario.end: not a real date: 2027 is not a leap year, "
        "so February has 28 days (got '2027-02-29')"
    )

    leave = tmp_path / "leave.toml"
    leave.write_text(
        tiny_toml().replace(
            'leave = ["2026-10-07"]', 'leave = ["2026-10-07", "2026-04-31/2026-05-02"]'
        ),
        "utf-8",
    )
    found = run(capsys, "validate", leave)
    assert found.code == 2
    assert found.err.strip() == (
        f"{leave}: officer[T-C1].leave[2]: not a real date: April 2026 has 30 days "
        "(got '2026-04-31/2026-05-02')"
    )


def test_spreadsheet_import_and_calendar_import_say_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text("officer id,contract,rank,service start\nA-1,C1,PC,29/02/2019\n", "utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text("officer id,start date,end date\nA-1,2026-05-01,\n", "utf-8")
    out = tmp_path / "imported.toml"
    found = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert found.code == 2
    assert "column service start: not a real date: 2019 is not a leap year" in found.err
    assert not out.exists()

    ics = tmp_path / "announced.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        b"DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260229\r\nSUMMARY:Parade\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    found = run(capsys, "calendar", "2026", "--import", ics)
    assert found.code == 2
    assert found.err.strip() == (
        f"{ics}: event 'Parade': DTSTART: not a real date: {LEAP} (got '20260229')"
    )
