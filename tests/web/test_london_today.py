"""The web's 'today' is London's, as the commands' is, whatever the server's time zone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from web_fixtures import ReadOnlyClient, login

from calendars import LONDON

# at any instant one of these is on another day than London (UTC+14 and UTC-11)
ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")


@pytest.fixture
def elsewhere() -> Iterator[str]:
    """The process's local time zone set to one whose date is not London's now."""
    now = datetime.now(UTC)
    zone = next(
        z for z in ZONES if now.astimezone(ZoneInfo(z)).date() != now.astimezone(LONDON).date()
    )
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_the_forms_default_day_is_londons_not_the_servers(
    reader: ReadOnlyClient, elsewhere: str
) -> None:
    # the entry form's 'notified' said the server's date (a cloud machine's UTC is a day
    # behind London's an hour each summer night): an entry logged then was notified a day
    # before the planner told the officer, where s92 abstract add takes London's day
    london = datetime.now(LONDON).date()
    assert datetime.now().date() != london  # the server's clock is on another day
    login(reader, "planner-ea")
    page = reader.get("/entries").text
    assert f'name="notified" value="{london.isoformat()}"' in page
