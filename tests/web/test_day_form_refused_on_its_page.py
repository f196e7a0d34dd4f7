"""An entry refused from an officer-day's form is said on that page, what was typed kept:
it was said on the entry log's page, away from the day the planner was looking at. A form
naming a page the account may not see is answered on the log, saying nothing of it."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from web_fixtures import login

DAY = "/contracts/EAST-A/officers/A-C0/2026-10-21"


def _values(page: str) -> dict[str, str]:
    [form] = re.findall(r'<form method="post" action="/entries".*?</form>', page, re.S)
    values = {k: html.unescape(v) for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', form)}
    chosen = re.search(r'<option value="(\w+)" selected>', form)
    return {**values, "kind": chosen[1] if chosen else ""}


def test_an_entry_refused_from_a_day_is_said_on_that_days_page(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    typed = {"date": "2026-10-21", "end_date": "2026-10-19", "kind": "sickness",
             "start": "", "end": "", "notified": "2026-10-20", "reason": "flu \"bad\"",
             "authorised_by": "Sgt K"}  # fmt: skip
    sent = {**typed, "officer_id": "A-C0", "contract_id": "EAST-A", "back": DAY}
    r = client.post("/entries", data={**sent, "csrf_token": csrf})
    assert r.status_code == 422
    assert re.search(r"<h1>A-C0 · Wednesday 21 October 2026</h1>", r.text)
    assert "Nothing was logged:" in r.text
    assert "end_date: ends before the entry starts" in html.unescape(r.text)
    values = _values(r.text)
    assert {k: values[k] for k in typed} == typed
    # the same form naming a day of a contract the planner does not see: the log's page
    council = {**sent, "back": "/contracts/NORTH-C/officers/C-C0/2026-10-21"}
    r = client.post("/entries", data={**council, "csrf_token": csrf})
    assert r.status_code == 422
    assert "<h1>Entry log</h1>" in r.text
    assert "NORTH-C" not in r.text
