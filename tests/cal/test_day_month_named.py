"""A date with its month named, as a spreadsheet saves a cell formatted d-mmm-yy (a UK
default) or d mmmm yyyy: '03-Aug-26', '3 August 2026'. The duty record (--actuals), the
entry log and every date s92 reads refused them as 'not a date', so a council's record
saved from such a sheet was refused row by row; now one reader (calendars.read_day) reads
them, a day that does not exist is still refused saying why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from calendars import day_problem, read_day
from scheduler.accounting.actuals import read_actuals
from scheduler.accounting.periods import parse_period
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("03-Aug-26", date(2026, 8, 3)),
        ("3-aug-2026", date(2026, 8, 3)),
        ("3 Aug 2026", date(2026, 8, 3)),
        ("03 August 2026", date(2026, 8, 3)),
        ("1 Sept 2026", date(2026, 9, 1)),
        ("29-Feb-28", date(2028, 2, 29)),
        ("03-Aug-26 00:00", date(2026, 8, 3)),
    ],
)
def test_a_date_with_its_month_named_is_read(text: str, day: date) -> None:
    assert read_day(text) == day


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("29-Feb-26", "2026 is not a leap year"),
        ("31 April 2026", "April 2026 has 30 days"),
        ("03-Foo-26", "not a date"),
        ("03 Aug-26", "not a date"),  # two separators that differ
        ("03/08/26", "a two-digit year"),  # read only with the month named, and said so
    ],
)
def test_what_is_no_day_is_still_refused(text: str, why: str) -> None:
    assert read_day(text) is None
    assert why in day_problem(text)


def test_a_duty_record_saved_so_reads_as_its_iso_twin(tmp_path: Path) -> None:
    scenario = load_scenario(HAVERING)
    named, iso = tmp_path / "named.csv", tmp_path / "iso.csv"
    header = "Officer ID,Date,Start,End,Deployment\n"
    named.write_text(
        header + "HAV-01,03-Aug-26,07:00,15:00,Council\n"
        "HAV-02,4 August 2026,03-Aug-26 23:00,04-Aug-26 07:00,Council\n"
    )
    iso.write_text(
        header + "HAV-01,2026-08-03,07:00,15:00,Council\n"
        "HAV-02,2026-08-04,2026-08-03 23:00,2026-08-04 07:00,Council\n"
    )
    assert read_actuals(named, scenario).equals(read_actuals(iso, scenario))


def test_a_report_period_given_so_is_a_day() -> None:
    with pytest.raises(ValueError, match="'3 Aug 2026' is a day"):
        parse_period("3 Aug 2026")
