"""An officer's feed shows the entries logged since the roster was published, by the rule
``s92 ical`` refuses such a roster with (an entry with a day from today on that the
roster does not hold): no phone shows a tour its officer is on leave for."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.cli import main
from scheduler.commands import ical as ical_command
from scheduler.export.roster_csv import write_roster_csv
from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token
from scheduler.web import feeds

TODAY = date(2026, 10, 20)


def _event_on(calendar: str, day: date) -> str:
    """The SUMMARY of the officer's event on ``day`` (timed or all-day)."""
    stamp = day.strftime("%Y%m%d")
    for block in calendar.split("BEGIN:VEVENT")[1:]:
        start = re.search(r"^DTSTART[^:]*:(\d{8})", block, re.M)
        if start and start.group(1) == stamp:
            summary = re.search(r"^SUMMARY:(.*)$", block, re.M)
            assert summary is not None
            return summary.group(1).strip()
    raise AssertionError(f"no event on {day}")


def _duty_days(db: Path, officer: str, after: date) -> list[date]:
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    mine = roster[(roster["officer_id"] == officer) & (roster["state"] == "DUTY")]
    return [date.fromisoformat(str(d)) for d in mine["date"] if str(d) > after.isoformat()]


def test_leave_logged_since_publication_replaces_the_tours_on_the_officers_feed(
    client: TestClient,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the feed served the published roster as it was: an officer who booked leave saw
    # their tours on the leave days until a planner re-rostered (s92 ical refused it)
    monkeypatch.setattr(feeds, "london_today", lambda: TODAY)
    monkeypatch.setattr(ical_command, "today", lambda: TODAY)
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    duty = _duty_days(db, "A-C0", TODAY)
    first, last = duty[0], duty[1]
    past = _duty_days(db, "A-C0", date(2026, 10, 5))[0]
    assert past < TODAY
    before = client.get(f"/feeds/{token}.ics")
    tour = _event_on(before.text, first)
    assert "tour" in tour

    csrf = login(client, "planner-ea")
    leave = {"officer_id": "A-C0", "date": first.isoformat(), "end_date": last.isoformat(),
             "kind": "leave", "reason": "family", "authorised_by": "PS Khan",
             "notified": TODAY.isoformat()}  # fmt: skip
    late = {"officer_id": "A-C0", "date": past.isoformat(), "kind": "sickness",
            "reason": "flu", "authorised_by": "PS Khan", "notified": past.isoformat()}  # fmt: skip
    ids = []
    for body in (leave, late):
        r = client.post("/api/entries", json=body, headers={"x-csrf-token": csrf})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])

    # the command line refuses this roster for the leave, not for the sickness already past
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    toml = tmp_path / "east.toml"
    toml.write_text(EAST)
    csv = write_roster_csv(roster, tmp_path / "r" / "roster.csv")
    capsys.readouterr()
    argv = ["ical", str(toml), str(csv), "--out", str(tmp_path / "ics"), "--db", str(db)]
    assert main(argv) == 2
    refused = capsys.readouterr().err
    assert f"entry {ids[0]} " in refused
    assert f"entry {ids[1]} " not in refused

    after = client.get(f"/feeds/{token}.ics", headers={"if-none-match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    for day in (first, last):
        assert _event_on(after.text, day) == "Annual leave"
    assert _event_on(after.text, past) == _event_on(before.text, past)  # stands as worked
    since = client.get(
        f"/feeds/{token}.ics", headers={"if-modified-since": before.headers["last-modified"]}
    )
    assert since.status_code == 200  # a client asking by date gets the leave too

    # voided: the tours are back, and a client holding the leave version is told so
    time.sleep(1.1)  # Last-Modified counts whole seconds
    r = client.post(
        f"/api/entries/{ids[0]}/void",
        json={"reason": "leave cancelled"},
        headers={"x-csrf-token": csrf},
    )
    assert r.status_code in (200, 201), r.text
    again = client.get(
        f"/feeds/{token}.ics", headers={"if-modified-since": after.headers["last-modified"]}
    )
    assert again.status_code == 200
    assert _event_on(again.text, first) == tour
