"""JSON bodies the API refuses in words, never a server error: a lone surrogate
("\\ud800": what a client that mangled a Windows-1252 byte sends) is refused in the
command line's words and quoted back escaped (it answered 500 Internal Server Error, the
refusal could not be encoded); JSON sent without ``Content-Type: application/json``
(curl's -d sends a form type; a script may send text/plain) is refused saying so (it read
"Input should be a valid dictionary or object to extract fields from")."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

ENTRY = {
    "officer_id": "A-C0",
    "date": "2026-11-18",
    "kind": "sickness",
    "reason": "flu",
    "authorised_by": "Insp X",
    "notified": "2026-11-18",
}


@pytest.mark.parametrize("field", ["reason", "officer_id", "date", "kind"])
def test_a_lone_surrogate_is_refused_not_a_server_error(client: TestClient, field: str) -> None:
    csrf = login(client, "planner-ea")
    body = json.dumps({**ENTRY, field: "x\ud800"})  # ensure_ascii: sent as \\ud800
    r = client.post(
        "/api/entries",
        content=body.encode("ascii"),
        headers={"x-csrf-token": csrf, "content-type": "application/json"},
    )
    assert r.status_code == 422
    problems = r.json()["detail"]
    assert problems[0]["field"] == field
    assert problems[0]["value"] == "x\ud800"  # quoted back as it came


def test_a_void_with_a_lone_surrogate_is_refused(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    headers = {"x-csrf-token": csrf, "content-type": "application/json"}
    made = client.post("/api/entries", json=ENTRY, headers=headers)
    assert made.status_code == 201
    body = json.dumps({"reason": "x\udc80"}).encode("ascii")
    r = client.post(f"/api/entries/{made.json()['id']}/void", content=body, headers=headers)
    assert r.status_code == 422
    assert "not UTF-8" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("kind", ["application/x-www-form-urlencoded", "text/plain", ""])
def test_json_sent_as_another_type_is_refused_naming_the_header(
    client: TestClient, kind: str
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/api/entries",
        content=json.dumps(ENTRY).encode(),
        headers={"x-csrf-token": csrf, "content-type": kind},
    )
    assert r.status_code == 422
    [problem] = r.json()["detail"]
    assert problem["field"] == "Content-Type"
    assert problem["msg"] == "send a JSON object with Content-Type: application/json"
    sent = client.post("/api/entries", json=ENTRY, headers={"x-csrf-token": csrf})
    assert sent.status_code == 201  # the same body as JSON is logged


def test_a_json_array_is_still_refused_as_not_an_object(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/api/entries", json=[ENTRY], headers={"x-csrf-token": csrf})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "body"
