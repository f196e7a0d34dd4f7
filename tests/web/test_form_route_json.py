"""JSON (or any body that is no form) sent to a page's form address is refused saying what
is wrong: read as a form it had no CSRF field, and was answered "The form expired"."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, login

from scheduler.store import Store

ENTRY = SICK_A_C0


@pytest.mark.parametrize("path", ["/entries", "/contracts/EAST-A/reroster"])
def test_json_sent_to_a_form_says_the_address_takes_a_form(
    client: TestClient, db: Path, path: str
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(path, json={**ENTRY, "csrf_token": csrf}, headers={"x-csrf-token": csrf})
    assert r.status_code == 415
    assert "This address takes the page&#39;s form, not application/json" in r.text
    assert "/api/" in r.text
    assert "expired" not in r.text
    with Store(db) as store:
        assert store.entries() == []


def test_the_form_itself_is_still_taken(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data={**ENTRY, "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
