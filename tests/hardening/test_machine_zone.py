"""The web app took 'today' from the machine's own zone: a server kept on UTC is a day
behind London from midnight to 01:00 all summer (an entry logged then was told the day
before, a day more of notice than the officer had), one east of London a day ahead each
evening. Today is London's, whatever zone the machine keeps."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calendars import LONDON, london_today
from scheduler.web.planner import told_by_default

# far east and far west of London: at any instant one of them is on another date
ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]


@pytest.fixture
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.parametrize("machine_zone", ZONES, indirect=True)
def test_today_is_londons_in_any_machine_zone(machine_zone: str) -> None:
    london = datetime.now(LONDON).date()
    assert london_today() == london
    # a re-roster told by default: today, for one starting well ahead
    assert told_by_default(london + timedelta(days=30)) == london


def test_the_zones_tried_do_disagree_with_london() -> None:
    # the test above would prove nothing if neither machine zone were on another date
    london = datetime.now(LONDON).date()
    others = {datetime.now(ZoneInfo(z)).date() for z in ZONES}
    assert others - {london}
    assert all(isinstance(d, date) for d in others)
