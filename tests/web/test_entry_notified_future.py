"""The entry form logged a sickness entry 'notified' on a day still to come without a word.
It is logged (a year planned ahead dates notices as given), and the page that names the
entry just logged says the notice is dated after today, as s92 abstract says on stderr."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store, validate


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2026, 10, 21)
    monkeypatch.setattr(validate, "london_today", lambda: day)
    return day


def _form(csrf: str, notified: str) -> dict[str, str]:
    return {"csrf_token": csrf, "officer_id": "A-C0", "date": "2026-10-20", "kind": "sickness",
            "reason": "flu", "authorised_by": "Insp X", "notified": notified}  # fmt: skip


def test_a_sickness_notified_tomorrow_is_logged_with_a_note(
    client: TestClient, db, today: date
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data=_form(csrf, "2026-10-22"))
    assert r.status_code == 200
    assert "notified 2026-10-22 is after today (2026-10-21)" in r.text
    with Store(db, create=False) as store:
        assert [e.notified for e in store.entries()] == [date(2026, 10, 22)]


def test_a_sickness_notified_today_after_its_first_day_has_no_note(
    client: TestClient, db, today: date
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data=_form(csrf, "2026-10-21"))
    assert r.status_code == 200
    assert "is after today" not in r.text
    with Store(db, create=False) as store:
        assert [e.notified for e in store.entries()] == [today]
