"""A store fault met on the web says what a web user does about it: the command line's
"run the command again" (or "give a writable --db") is no advice to someone at a form."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, login

from scheduler.web.app import create_app

ENTRY = SICK_A_C0


def test_a_locked_store_asks_the_web_user_to_try_again(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("S92_BUSY_TIMEOUT", "0")
    monkeypatch.setattr("scheduler.web.app._warm", lambda app: None)
    with TestClient(create_app(db)) as client:
        csrf = login(client, "planner-ea")
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a command holding the write lock
        try:
            page = client.post("/entries", data={**ENTRY, "csrf_token": csrf})
            api = client.post("/api/entries", json=ENTRY, headers={"x-csrf-token": csrf})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert (page.status_code, api.status_code) == (422, 422)
    line = api.json()["detail"][0]["line"]
    assert "the store is locked by another program" in line
    assert line.endswith("wait for it to finish, then try again (reload the page, or send "
                         "the form again)")  # fmt: skip
    for text in (page.text, api.text):
        assert "run the command again" not in text
        assert "try again (reload the page, or send the form again)" in text
