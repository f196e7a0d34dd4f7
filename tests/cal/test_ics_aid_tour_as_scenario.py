"""An imported calendar's aid tour is held to the scenario's rule for one (one function,
``calendars.aid_tour_problem``): ``s92 calendar --import`` printed a snippet for an event
of 24 hours (09:00 to 09:00 the next day) or one at a floating time in the hour the clocks
skip, which the scenario then refused once pasted, far from the calendar that caused it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar, Event
from pydantic import ValidationError

from calendars import LONDON, read_hdd_ics
from scheduler.scenario.model import HighDemandEvent

SKIPPED = "does not exist on 2027-03-28 in London (the clocks go forward an hour over it)"


def imported(path: Path, start: datetime, end: datetime) -> Path:
    event = Event.new(summary="Announced", start=start, end=end)
    path.write_bytes(Calendar.new(prodid="-//s92 tests//EN", subcomponents=[event]).to_ical())
    return path


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            datetime(2027, 6, 12, 9, tzinfo=LONDON),
            datetime(2027, 6, 13, 9, tzinfo=LONDON),
            "aid tour start equals end (09:00)",
        ),
        (datetime(2027, 3, 28, 1, 30), datetime(2027, 3, 28, 9), f"aid tour start 01:30 {SKIPPED}"),
        (datetime(2027, 3, 27, 22), datetime(2027, 3, 28, 1, 15), f"aid tour end 01:15 {SKIPPED}"),
    ],
)
def test_an_event_the_scenario_would_refuse_is_refused_at_import(
    tmp_path: Path, start: datetime, end: datetime, message: str
) -> None:
    with pytest.raises(ValueError, match=r"cal\.ics: event 'Announced': ") as caught:
        read_hdd_ics(imported(tmp_path / "cal.ics", start, end))
    assert message in str(caught.value)
    # the scenario's own words for the tour the snippet would have given
    with pytest.raises(ValidationError, match=re.escape(message)):
        HighDemandEvent(date=start.date(), name="Announced", start=start.time(), end=end.time())


def test_a_day_long_event_over_the_october_change_is_a_tour(tmp_path: Path) -> None:
    """24 hours elapsed, 09:00 to 08:00 on the clock: a tour the scenario takes."""
    start = datetime(2027, 10, 30, 9, tzinfo=LONDON)
    (hdd,) = read_hdd_ics(imported(tmp_path / "cal.ics", start, start.replace(day=31, hour=8)))
    assert (hdd.start.hour, hdd.end.hour) == (9, 8)
    HighDemandEvent(date=hdd.date, name=hdd.name, start=hdd.start, end=hdd.end)
