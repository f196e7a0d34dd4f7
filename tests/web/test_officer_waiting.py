"""An officer's month says which of its days an entry logged (or voided) since the roster
will change at the next re-roster, as the contract's grid outlines them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store


def _row(page: str, day: date) -> str:
    found = re.search(rf'/{day.isoformat()}">{day:%a %d %b}</a></td>(.*?)</tr>', page, re.S)
    assert found is not None, day
    return found.group(1)


def test_leave_logged_since_the_roster_is_named_on_the_officers_days(
    client: TestClient, db: Path
) -> None:
    # the officer's month showed the tour on a day of leave logged since, with no word
    # of the leave (the contract's grid outlined the day; this page said nothing)
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    mine = roster[(roster["officer_id"] == "A-C1") & (roster["state"] == "DUTY")]
    day = date.fromisoformat(str(mine[mine["date"] >= "2026-11-02"]["date"].iloc[0]))
    other = roster[(roster["officer_id"] == "A-C2") & (roster["state"] == "DUTY")]
    theirs = date.fromisoformat(str(other[other["date"] >= "2026-11-02"]["date"].iloc[0]))
    csrf = login(client, "planner-ea")
    ids = {}
    for officer, when in (("A-C1", day), ("A-C2", theirs)):
        body = {"officer_id": officer, "date": when.isoformat(), "kind": "leave",
                "reason": "family", "authorised_by": "PS Khan", "notified": "2026-10-20"}  # fmt: skip
        r = client.post("/api/entries", json=body, headers={"x-csrf-token": csrf})
        assert r.status_code == 201, r.text
        ids[officer] = r.json()["id"]
    login(client, "council-a")  # the council reads it too
    page = client.get("/contracts/EAST-A/officers/A-C1", params={"month": "2026-11"}).text
    row = _row(page, day)
    assert "Council duty" in row or "Duty" in row  # the published roster's tour
    assert f"#{ids['A-C1']} Annual leave, not yet re-rostered" in row
    assert f"#{ids['A-C2']}" not in page.split("<h2>Entries for")[0]  # not A-C2's leave


def test_a_council_reaches_its_entry_log_from_its_pages(client: TestClient, db: Path) -> None:
    # the log reads for a council (its own contracts' entries, voided ones too), but no
    # link led there: neither the header nor the contract's tabs offered it to a council
    login(client, "council-a")
    assert 'href="/entries?contract=EAST-A"' in client.get("/").text
    page = client.get("/contracts/EAST-A").text
    assert '<a href="/entries">Entry log</a>' in page
    assert 'href="/entries?contract=EAST-A"' in page
    assert "/contracts/EAST-A/reroster" not in page  # still no planner's tabs
    log = client.get("/entries?contract=EAST-A")
    assert log.status_code == 200
    assert "for your contract" in log.text
