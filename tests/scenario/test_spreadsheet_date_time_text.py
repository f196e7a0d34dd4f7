"""A scenario spreadsheet's date saved as a date-time counts as its day whatever the form
of its time, as a date-time cell of a workbook does: ``01/06/2026 14:30:00`` was read as
1 June and ``01/06/2026 14:30`` (Excel's ``dd/mm/yyyy hh:mm``, saved as CSV) refused as
not a date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scheduler.scenario.spreadsheet import parse_day


@pytest.mark.parametrize(
    "text",
    ["01/06/2026 14:30:00", "01/06/2026 14:30", "2026-06-01 9:05", "2026-06-01T14:30:00"],
)
def test_a_date_time_in_text_is_its_day_as_a_date_time_cell_is(text: str) -> None:
    assert parse_day(text) == date(2026, 6, 1) == parse_day(datetime(2026, 6, 1, 14, 30))


@pytest.mark.parametrize("text", ["01/06/2026 14", "01/06/2026 x14:30", "14:30"])
def test_text_that_is_no_date_time_is_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_day(text)
