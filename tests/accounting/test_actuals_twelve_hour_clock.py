"""A duty record whose time cells were formatted on the 12-hour clock (h:mm AM/PM) saves
them as ``8:00 PM`` or ``08:00:00 PM`` (LibreOffice and Excel alike): every such row was
refused as 'not a clock time', so a whole month's record could not be reported. Now they
are read as the 24-hour times they are."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.actuals import actuals_to_roster
from scheduler.errors import InputError


def scenario():
    return one_post_scenario(date(2026, 8, 1), date(2026, 8, 31))


def times(starts: list[str], ends: list[str]) -> pd.DataFrame:
    record = pd.DataFrame(
        {
            "officer_id": "O1",
            "date": [f"{3 + i:02d}/08/2026" for i in range(len(starts))],
            "start": starts,
            "end": ends,
            "deployment": "council",
            "reason": "",
        }
    )
    return actuals_to_roster(record, scenario(), "duty.csv")[["start", "end"]]


def test_the_twelve_hour_clock_reads_as_the_twenty_four_hour() -> None:
    twelve = times(
        ["8:00 PM", "07:00:00 AM", "12:30 pm", "11:00 p.m.", "07/08/2026 10:00 PM"],
        ["4:00 AM", "03:00:00 PM", "8:30 PM", "7:00 a.m.", "08/08/2026 6:00 AM"],
    )
    twenty_four = times(
        ["20:00", "07:00", "12:30", "23:00", "07/08/2026 22:00"],
        ["04:00", "15:00", "20:30", "07:00", "08/08/2026 06:00"],
    )
    pd.testing.assert_frame_equal(twelve, twenty_four)


def test_an_hour_past_twelve_with_pm_is_still_refused() -> None:
    with pytest.raises(InputError) as caught:
        times(["13:00 PM"], ["17:00"])
    assert "row 2, column start" in str(caught.value)
