"""Who calls the API is decided before what they sent: a caller with no session, a wrong
token or a disabled account's token is told to log in (401) whatever the body or query,
never what was wrong with it (a logged-out POST /api/entries with no body was 422); a
council's POST is refused as a council's (403), whatever its body."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from scheduler.store import Store
from scheduler.store.accounts import Accounts

LOG_IN = {"detail": "log in, or send Authorization: Bearer TOKEN"}

SENT: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/entries", {"json": {}}),
    ("POST", "/api/entries", {"json": {"officer_id": "A-C0", "date": "31/02/2026"}}),
    ("POST", "/api/entries", {"content": b"{not json", "headers": {"content-type": "application/json"}}),
    ("POST", "/api/entries", {"data": {"officer_id": "A-C0"}}),
    ("POST", "/api/entries", {"content": b"x" * (3 * 2**20), "headers": {"content-type": "application/json"}}),
    ("POST", "/api/entries/abc/void", {"json": {"reason": "r"}}),
    ("POST", "/api/entries/1/void", {"json": {}}),
    ("GET", "/api/entries?page=0", {}),
    ("GET", "/api/entries?status=bogus", {}),
]  # fmt: skip


@pytest.fixture
def callers(db: Path) -> dict[str, dict[str, str]]:
    with Store(db) as store:
        accounts = Accounts(store)
        gone = accounts.create_token("planner-ea", actor="test")
        accounts.disable("planner-ea", actor="test")
    return {
        "nobody": {},
        "wrong token": {"authorization": "Bearer not-a-token"},
        "disabled account's token": {"authorization": f"Bearer {gone}"},
    }


@pytest.mark.parametrize(("method", "path", "sent"), SENT)
def test_an_unknown_caller_is_told_to_log_in_whatever_they_sent(
    client: TestClient, callers: dict[str, dict[str, str]], method: str, path: str, sent: dict
) -> None:
    for who, headers in callers.items():
        r = client.request(
            method, path, **{**sent, "headers": {**sent.get("headers", {}), **headers}}
        )
        assert (r.status_code, r.json()) == (401, LOG_IN), (who, r.text[:200])
        assert r.headers["www-authenticate"] == "Bearer"


def test_a_known_caller_still_hears_what_was_wrong(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        token = Accounts(store).create_token("planner-ea", actor="test")
    bearer = {"authorization": f"Bearer {token}"}
    r = client.post("/api/entries", json={}, headers=bearer)
    assert r.status_code == 422
    assert "officer_id" in {p["field"] for p in r.json()["detail"]}
    r = client.get("/api/entries?page=0", headers=bearer)
    assert (r.status_code, r.json()["detail"][0]["field"]) == (422, "page")


def test_a_councils_post_is_refused_as_a_councils_whatever_its_body(
    client: TestClient, db: Path
) -> None:
    with Store(db) as store:
        token = Accounts(store).create_token("council-a", actor="test")
    bearer = {"authorization": f"Bearer {token}"}
    refused = {"detail": "Only planners change rosters and the entry log"}
    for method, path, sent in SENT:
        r = client.request(
            method, path, **{**sent, "headers": {**sent.get("headers", {}), **bearer}}
        )
        if method == "POST":
            assert (r.status_code, r.json()) == (403, refused), (path, r.text[:200])
        else:  # a council may read the log: what was wrong with its query
            assert r.status_code == 422, (path, r.text[:200])
