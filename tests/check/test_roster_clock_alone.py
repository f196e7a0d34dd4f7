"""A planner edits roster.csv in Excel and types a tour's new times as a clock time alone
('7:00', '07:00:00' once Excel formats the cell as a time, '7:00 AM'): the row's date says
which day. Each was refused, one line per cell, as 'not a date-time'; now read on the row's
day, an end at or before its start the next day's (as a tour's times are read), by the one
reader of clock times (``calendars.read_clock``), and written back as ISO with the offset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, roster, scenario, set_day

from scheduler.check import check_roster, read_roster_csv
from scheduler.errors import InputError

AUT = scenario(AUTUMN)
A = roster(AUT)


def write(frame: pd.DataFrame, tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    frame.to_csv(path, index=False)
    return path


def typed(frame: pd.DataFrame, officer: str, day: str, start: str, end: str) -> pd.DataFrame:
    out = frame.copy()
    at = (out["officer_id"] == officer) & (out["date"] == day)
    out.loc[at, ["start", "end"]] = [start, end]
    return out


@pytest.mark.parametrize(
    ("start", "end"), [("7:00", "18:00"), ("07:00:00", "18:00:00"), ("7:00 AM", "6:00 PM")]
)
def test_a_clock_time_alone_is_on_the_row_s_day(tmp_path: Path, start: str, end: str) -> None:
    edited = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    read = read_roster_csv(write(typed(edited, "T1", "2026-10-28", start, end), tmp_path), AUT)
    pd.testing.assert_frame_equal(read[list(A.columns)], edited, check_dtype=False)
    assert check_roster(AUT, read).breaches == check_roster(AUT, edited).breaches


def test_an_end_before_the_start_is_the_next_day_s_across_the_clock_change(
    tmp_path: Path,
) -> None:
    # Sat 24 Oct 22:00 BST to Sun 25 Oct 07:00 GMT: 10 hours
    edited = set_day(A, "T1", "2026-10-24", "DUTY", "N")
    read = read_roster_csv(write(typed(edited, "T1", "2026-10-24", "22:00", "7:00"), tmp_path))
    row = read[(read["officer_id"] == "T1") & (read["date"] == "2026-10-24")].iloc[0]
    assert (row["start"], row["end"]) == ("2026-10-24T22:00:00+01:00", "2026-10-25T07:00:00+00:00")
    assert row["hours"] == 10.0


def test_a_clock_time_alone_the_clocks_skip_is_named_as_typed(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[0, ["date", "start", "end"]] = ["28/03/2027", "1:30", "9:00"]
    path = write(frame, tmp_path)
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: row 2, column start: a London clock time the clocks skip (they go forward an "
        "hour over it): give the time the clock showed, or the UTC offset (got '1:30')"
    ]


def test_a_time_saved_as_a_fraction_of_a_day_names_its_time(tmp_path: Path) -> None:
    """A time column formatted General or Number saves 07:00 as 0.2917: it was refused as
    'not a date-time' with no word of what the number is."""
    frame = A.copy()
    frame.loc[0, ["start", "end"]] = ["0.2917", "2026-10-19T15:00:00+01:00"]
    path = write(frame, tmp_path)
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: row 2, column start: a spreadsheet's time of day as a fraction of a day "
        "(0.2917 is 07:00): format the column as a time (hh:mm) and save it again "
        "(got '0.2917')"
    ]
