"""Forms given what people type: odd dates, values kept when refused, a form sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store


@pytest.mark.parametrize(
    ("notified", "message"),
    [
        ("0001-01-01", "notified: outside the years the calendars cover (1901-2199)"),
        ("2026-02-30", "notified: not a date YYYY-MM-DD"),
    ],
)
def test_a_refused_re_roster_says_why_as_the_command_line_and_keeps_what_was_typed(
    client: TestClient, db: Path, notified: str, message: str
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={
            "from_date": "2026-10-21",
            "notified": notified,
            "time_limit": "7",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert message in r.text
    assert 'name="from_date" value="2026-10-21"' in r.text
    assert f'name="notified" value="{notified}"' in r.text
    assert 'name="time_limit" value="7"' in r.text
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM web_preview")[0][0] == 0
