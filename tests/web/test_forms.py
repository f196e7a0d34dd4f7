"""Forms given what people type: odd dates, values kept when refused, a form sent twice."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

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


def _preview(client: TestClient, csrf: str) -> str:
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-10-19", "time_limit": "1", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    job = r.headers["location"]
    deadline = time.monotonic() + 120
    while 'http-equiv="refresh"' in client.get(job).text:
        assert time.monotonic() < deadline, "the re-roster did not finish"
        time.sleep(0.3)
    return job


def test_a_publication_landing_between_the_check_and_the_write_is_refused_on_the_preview(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = login(client, "planner-ea")
    job = _preview(client, csrf)
    with Store(db) as store:
        latest = store.latest_roster("East")
        before = len(store.roster_versions("East"))
    assert latest is not None
    publish = Store.publish_roster

    def another_planner_first(self: Store, *args: Any, **kwargs: Any) -> int:
        with Store(db) as other:  # lands after the page's own staleness check
            publish(other, "East", latest, note="the other planner")
        return publish(self, *args, **kwargs)

    monkeypatch.setattr(Store, "publish_roster", another_planner_first)
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 409
    assert "Another roster was published since this preview was made" in r.text
    assert "Publish as the new roster" not in r.text
    monkeypatch.undo()
    with Store(db) as store:
        versions = store.roster_versions("East")
    assert [v.note for v in versions[before:]] == ["the other planner"]  # not ours too
