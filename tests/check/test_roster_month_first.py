"""A roster.csv a planner edited and saved with a US-locale spreadsheet has its dates
month first (4/13/2026). It was refused one line per date past the 12th ("there is no
month 13"), a thousand lines; a roster of days 1-12 only was misread, silently. Now it
is refused in one line naming the first row, the column and the date, as the duty record
and the entry log are (``calendars.month_first_problem``, the one rule)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from scheduler.check.read import parse_roster
from scheduler.errors import InputError
from scheduler.table import COLUMNS

FIRST = date(2026, 4, 1)


def roster(days: int, written: str) -> pd.DataFrame:
    rows = []
    for n in range(days):
        day = FIRST + timedelta(n)
        # as Excel saves a date: no leading zeros (4/1/2026, 1/4/2026)
        shown = format(day, written).replace("/0", "/").lstrip("0")
        row = dict.fromkeys(COLUMNS, "")
        row |= {"officer_id": "A-01", "contract_id": "C", "rank": "constable"}
        row |= {"date": shown, "state": "REST", "hours": "0"}
        rows.append(row)
    return pd.DataFrame(rows, dtype=str)


@pytest.mark.parametrize(
    ("days", "row", "shown", "why"),
    [
        (30, "row 14", "4/13/2026", "there is no month 13"),
        (12, "row 2", "4/1/2026", "read day first, 4 January 2026 and not 1 April 2026"),
    ],
)
def test_a_roster_written_month_first_is_refused_in_one_line(
    days: int, row: str, shown: str, why: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_roster(roster(days, "%m/%d/%Y"), "roster.csv", lambda i: f"row {i + 2}")
    (problem,) = caught.value.problems
    assert problem.field == f"{row}, column date"
    assert problem.value == shown
    assert "month first" in str(problem)
    assert why in str(problem)


@pytest.mark.parametrize("days", [30, 12, 1])
def test_a_roster_written_day_first_reads_as_before(days: int) -> None:
    parsed = parse_roster(roster(days, "%d/%m/%Y"), "roster.csv")
    assert [d.date() for d in parsed["day"]] == [FIRST + timedelta(n) for n in range(days)]
