"""The re-roster page puts its form, and why it was refused, before the entries it would
bring in: a year's import is hundreds of them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store
from scheduler.store.entries import NewAbstraction
from scheduler.web.paging import PAGE_SIZE


def test_a_refused_re_roster_says_why_above_the_waiting_entries(
    client: TestClient, db: Path
) -> None:
    # the refusal was printed under the table of every waiting entry: with 224 of them
    # the planner saw the page come back unchanged, the reason thousands of pixels below
    days = [date(2026, 10, 5) + timedelta(i) for i in range(56)]
    with Store(db) as store:
        store.add_many(
            NewAbstraction(officer, "EAST-A", d, d, "sickness", "flu", "PS Khan", d)
            for officer in ("A-S0", "A-C0", "A-C1", "A-C2")
            for d in days
        )
    csrf = login(client, "planner-ea")
    page = client.get("/contracts/EAST-A/reroster").text
    assert "224 entries not yet in the published roster" in page
    assert page.index('name="from_date"') < page.index('<table class="list entries')
    assert page.count('<td class="num">') == PAGE_SIZE  # the latest; the log has them all
    assert 'href="/entries?contract=EAST-A"' in page
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-02-30", "time_limit": "1", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "not a real date: February 2026 has 28 days" in r.text
    assert r.text.index('role="alert"') < r.text.index('<table class="list entries')
