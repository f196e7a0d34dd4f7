"""The entry form logged a sickness entry 'notified' on a day still to come (sickness may be
notified after its first day, so nothing refused it): now refused in the page, naming the
field and today's date, and nothing is logged."""

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


def test_a_sickness_notified_tomorrow_is_refused(client: TestClient, db, today: date) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data=_form(csrf, "2026-10-22"), follow_redirects=False)
    assert r.status_code == 422
    assert "notified: in the future (today is 2026-10-21)" in r.text
    with Store(db, create=False) as store:
        assert store.entries() == []


def test_a_sickness_notified_today_after_its_first_day_is_logged(
    client: TestClient, db, today: date
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data=_form(csrf, "2026-10-21"), follow_redirects=False)
    assert r.status_code == 303
    with Store(db, create=False) as store:
        assert [e.notified for e in store.entries()] == [today]


def test_the_api_refuses_it_too(client: TestClient, today: date) -> None:
    csrf = login(client, "planner-ea")
    body = {k: v for k, v in _form(csrf, "2026-10-23").items() if k != "csrf_token"}
    r = client.post("/api/entries", json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 422
    assert any(d["field"] == "notified" for d in r.json()["detail"]), r.json()


def test_a_void_notified_tomorrow_is_refused(client: TestClient, db, today: date) -> None:
    csrf = login(client, "planner-ea")
    assert client.post("/entries", data=_form(csrf, "2026-10-21")).status_code == 200
    void = {"csrf_token": csrf, "reason": "typed twice", "notified": "22/10/2026"}
    r = client.post("/entries/1/void", data=void, follow_redirects=False)
    assert r.status_code == 422
    assert "notified: in the future (today is 2026-10-21)" in r.text
    with Store(db, create=False) as store:
        assert [e.voided_by for e in store.entries()] == [None]
