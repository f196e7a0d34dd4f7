"""An entry logged on the web with a time in the hour the clocks repeat (01:00-01:59 on
the last Sunday of October) is told how it was read, as ``s92 abstract add`` tells it:
the first 01:30, BST. The web said nothing, the entry listed as 01:30-03:00 either way."""

from __future__ import annotations

from datetime import time

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store

NIGHT = {
    "officer_id": "A-C0",
    "contract_id": "EAST-A",
    "kind": "training",
    "date": "25/10/2026",
    "start": "01:30",
    "end": "03:00",
    "reason": "night exercise",
    "authorised_by": "Insp X",
    "notified": "2026-10-20",
}
NOTE = (
    "A-C0 2026-10-25: start 01:30 happens twice as the clocks go back; read as the first, "
    "01:30 BST (an hour before 01:30 GMT)"
)


def test_a_time_the_clocks_repeat_is_said_to_be_read_as_bst(client: TestClient, db) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data={**NIGHT, "csrf_token": csrf})
    assert r.status_code == 200, r.text[-1500:]
    with Store(db) as store:
        [entry] = store.entries()
    assert (entry.start, entry.end) == (time(1, 30), time(3))
    assert f'<p class="notice">{NOTE}</p>' in r.text
    # a time outside that hour is logged with nothing more said
    r = client.post(
        "/entries",
        data={**NIGHT, "date": "2026-10-26", "notified": "2026-10-21", "csrf_token": csrf},
    )
    assert r.status_code == 200, r.text[-1500:]
    assert "happens twice" not in r.text


def test_an_entry_logged_from_an_officer_days_page_is_said_there(client: TestClient, db) -> None:
    # the officer-day's form came back to the day's page saying nothing: neither that it
    # was logged, nor where it takes effect, nor how the repeated hour was read
    csrf = login(client, "planner-ea")
    back = "/contracts/EAST-A/officers/A-C0/2026-10-25"
    r = client.post(
        "/entries", data={**NIGHT, "back": back, "csrf_token": csrf}, follow_redirects=False
    )
    assert r.status_code == 303, r.text[-1500:]
    with Store(db) as store:
        [entry] = store.entries()
    assert r.headers["location"] == f"{back}?added={entry.id}"
    page = client.get(r.headers["location"]).text
    assert f"Logged entry #{entry.id}: A-C0, Training" in page
    assert '<a href="/contracts/EAST-A/reroster">re-roster EAST-A</a>' in page
    assert f'<p class="notice">{NOTE}</p>' in page
    # a council reading the same address is told nothing of it
    login(client, "council-a")
    assert "Logged entry" not in client.get(r.headers["location"]).text
