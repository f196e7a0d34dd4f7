"""A form sent once the planner's session had ended (an hour on the phone mid-form) was
not saved, rightly, and the login page said "send it again", but the form came back
empty: a sickness's reason and authoriser, a void's reason, a re-roster's days, typed
again from memory. Now what was typed is back in the page's form once the same account
has logged in again (and nothing is saved until it is sent); another account logging in
on that browser sees none of it."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, login

from scheduler.store import Store

DAY_PAGE = "/contracts/EAST-A/officers/A-C0/2026-10-20"
TYPED = {**SICK_A_C0, "reason": "flu & a fever, back <Monday>", "authorised_by": "Insp Ó Briain"}


def _session_ends(db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute("UPDATE web_session SET last_seen = '2020-01-01T00:00:00.000+00:00'")


def _field(page: str, name: str) -> str:
    return html.unescape(page.split(f'name="{name}" value="')[1].split('"')[0])


def test_an_entry_typed_on_a_day_page_is_back_in_its_form_after_logging_in(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    _session_ends(db)
    sent = {**TYPED, "contract_id": "EAST-A", "back": DAY_PAGE, "csrf_token": csrf}
    r = client.post("/entries", data=sent, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/login?next={DAY_PAGE}")
    said = client.get(r.headers["location"]).text
    assert "what you typed is back in its form" in said
    with Store(db) as store:
        assert store.entries() == []  # not saved: kept only to be sent again
    login(client, "planner-ea")
    page = client.get(DAY_PAGE).text
    assert "what you typed is in it again below" in page
    for name in ("date", "reason", "authorised_by", "notified"):
        assert _field(page, name) == TYPED[name], name
    assert 'value="sickness" selected' in page
    again = client.get(DAY_PAGE).text  # once: a reload shows the form as it was
    assert _field(again, "reason") == ""
    assert "in it again below" not in again


@pytest.mark.parametrize("who", ["planner-ea", "admin"])
def test_a_void_and_a_re_roster_typed_come_back_to_the_same_account_only(
    client: TestClient, db: Path, who: str
) -> None:
    csrf = login(client, "planner-ea")
    added = client.post("/api/entries", json=SICK_A_C0, headers={"x-csrf-token": csrf})
    entry = added.json()["id"]
    _session_ends(db)
    void = {"reason": "logged on the wrong officer", "notified": "2026-10-19"}
    r = client.post(f"/entries/{entry}/void", data={**void, "back": "/entries", "csrf_token": csrf})
    assert r.url.path == "/login"
    login(client, who)  # the planner again, or someone else at the same browser
    page = client.get("/entries").text
    if who == "admin":
        assert void["reason"] not in page
        return
    form = page.split(f'action="/entries/{entry}/void"')[1].split("</form>")[0]
    assert "<details open>" in page
    assert _field(form, "reason") == void["reason"]
    assert _field(form, "notified") == void["notified"]
    with Store(db) as store:
        assert [e.id for e in store.entries()] == [entry]  # nothing voided

    _session_ends(db)
    typed = {"from_date": "2026-10-26", "notified": "2026-10-21", "time_limit": "7.5"}
    r = client.post("/contracts/EAST-A/reroster", data={**typed, "csrf_token": csrf})
    assert r.url.path == "/login"
    login(client, "planner-ea")
    page = client.get("/contracts/EAST-A/reroster").text
    assert {k: _field(page, k) for k in typed} == typed
