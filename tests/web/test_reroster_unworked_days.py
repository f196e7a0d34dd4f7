"""A web re-roster refuses, as ``s92 reroster`` does, an entry on days before its first
day that are not worked yet: today 22 October, leave booked for A-C0's next duty day and a
re-roster from 2 November (for a sickness then) was offered for publishing with A-C0 on
duty through the leave, a note saying the days 'stand as published'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import finished, login, start_reroster

from scheduler.store import Store
from scheduler.store.entries import NewAbstraction
from scheduler.web import planner

TODAY = date(2026, 10, 22)


def _duty_day(db: Path, officer: str, after: str) -> date:
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    days = roster[(roster["officer_id"] == officer) & (roster["state"] == "DUTY")]
    return date.fromisoformat(str(min(d for d in days["date"].astype(str) if d > after)))


def _booked(client: TestClient, db: Path) -> tuple[date, str]:
    """Leave on A-C0's first duty day from 26 October and a sickness on A-C1's first from
    3 November, both logged on TODAY; the leave's day and a planner's CSRF token."""
    leave = _duty_day(db, "A-C0", "2026-10-25")
    sick = _duty_day(db, "A-C1", "2026-11-02")
    with Store(db) as store:
        for officer, day, kind in (("A-C0", leave, "leave"), ("A-C1", sick, "sickness")):
            store.add_abstraction(
                NewAbstraction(officer, "EAST-A", day, day, kind, "booked", "Insp X", TODAY)
            )
    return leave, login(client, "planner-ea")


def test_leave_on_days_not_worked_yet_before_the_first_day_is_refused(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planner, "london_today", lambda: TODAY)
    leave, csrf = _booked(client, db)
    page = finished(client, start_reroster(client, csrf, "2026-11-02", notified="2026-10-22"))
    assert "Publish as the new roster" not in page
    assert "No roster was made: nothing to publish." in page
    assert (
        f"entry 1 (A-C0 leave {leave}) falls on 1 day before --from 2026-11-02 not worked yet "
        f"(from {leave}), which would stand as published with the officer rostered through it"
    ) in page
    assert "re-roster again from the day named" in page


def test_an_entry_on_days_already_worked_still_stands_with_a_note(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the days before the first day that are past stand as worked: the preview is made
    monkeypatch.setattr(planner, "london_today", lambda: date(2026, 11, 1))
    leave, csrf = _booked(client, db)
    page = finished(client, start_reroster(client, csrf, "2026-11-02", notified="2026-10-31"))
    assert "Publish as the new roster" in page
    assert f"note: entry 1 (A-C0 leave {leave}): not applied to its 1 day before --from" in page
