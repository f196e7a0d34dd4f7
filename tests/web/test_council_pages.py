"""What a council meets reading its contract: periods typed by hand, its downloads."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, login

from scheduler.accounting.periods import EXAMPLES


@pytest.mark.parametrize(("period", "told"), [("bogus", "not a report period"), ("Y9", "runs 3")])
def test_a_period_not_understood_is_said_once_with_what_to_give(
    reader: ReadOnlyClient, period: str, told: str
) -> None:
    # the page printed the periods it takes twice: in the message and again below it
    login(reader, "council-a")
    r = reader.get("/contracts/EAST-A/report", params={"period": period})
    assert r.status_code == 422
    assert told in r.text
    assert r.text.count(EXAMPLES) == 1


def test_a_council_reading_the_entry_log_is_offered_no_form_it_may_not_send(
    reader: ReadOnlyClient,
) -> None:
    # the log form was there to fill in, and refused ("Only planners change ...") once sent
    login(reader, "council-a")
    page = reader.get("/entries")
    assert page.status_code == 200
    assert 'action="/entries"' not in page.text
    assert "Log an entry" not in page.text
    reader.cookies.clear()
    login(reader, "planner-ea")
    assert 'action="/entries"' in reader.get("/entries").text
