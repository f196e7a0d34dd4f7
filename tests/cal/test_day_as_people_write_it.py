"""A date as a UK planner writes one: '12th Jan 2027', 'Tue 12 Jan 2027', 'January 12,
2027' were refused as 'not a date' by every date field; now one reader (calendars.read_day)
reads them, a weekday that is not the date's is refused saying which it is, and a day with
no year is refused saying so. A form's '12/01/27' (a two-digit year, day first) is read
as the planner means it; a file's column still is not (a US-locale spreadsheet saves
04/01/27 for 1 April)."""

from __future__ import annotations

from datetime import date

import pytest

from calendars import day_problem, read_day, typed_day_as_text


@pytest.mark.parametrize(
    "text",
    [
        "12th Jan 2027",
        "12 January 2027",
        "Tue 12 Jan 2027",
        "Tuesday 12th January 2027",
        "tue, 12 jan 2027",
        "12th of January 2027",
        "12 Jan, 2027",
        "January 12, 2027",
        "Jan 12th 2027",
    ],
)
def test_a_date_written_out_is_read(text: str) -> None:
    assert read_day(text) == date(2027, 1, 12)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Mon 12 Jan 2027", "12 January 2027 is a Tuesday, not a Monday"),
        ("12 Jan", "no year"),
        ("12th of January", "no year"),
        ("12/01", "no year"),
        ("31st Feb 2027", "February 2027 has 28 days"),
        ("Fri 31 Feb 2027", "February 2027 has 28 days"),
        ("Foo 12 Jan 2027", "not a date"),
    ],
)
def test_a_written_date_naming_no_one_day_is_refused_saying_why(text: str, why: str) -> None:
    assert read_day(text) is None
    assert why in day_problem(text)


@pytest.mark.parametrize("text", ["12/01/27", "12.01.27", "12-1-27"])
def test_a_typed_two_digit_year_is_read_day_first(text: str) -> None:
    assert read_day(typed_day_as_text(text)) == date(2027, 1, 12)
    assert read_day(text) is None  # a file's column: a US spreadsheet's 04/01/27 is 1 April


def test_a_typed_impossible_day_with_a_two_digit_year_says_why() -> None:
    assert "February 2027 has 28 days" in day_problem(typed_day_as_text("31/02/27"))
