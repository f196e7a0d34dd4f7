"""An officer-day's address that names no day of the roster says why, in the words of a
month's page: how to write a day, or the days the roster runs (it said "No such day")."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, heading, login


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("21-10-2026", "No such day: give a day as YYYY-MM-DD, as 2026-10-21 (got '21-10-2026')"),
        ("2026-02-30", "No such day: give a day as YYYY-MM-DD, as 2026-10-21 (got '2026-02-30')"),
        (
            "2031-01-01",
            "No such day in the roster: EAST-A's roster runs from 5 October 2026 to "
            "29 November 2026 (got 1 January 2031)",
        ),
    ],
)
def test_a_day_the_roster_has_not_is_refused_saying_why(
    reader: ReadOnlyClient, day: str, said: str
) -> None:
    login(reader, "council-a")
    r = reader.get(f"/contracts/EAST-A/officers/A-C0/{day}")
    assert r.status_code == 404
    assert heading(r.text) == said
