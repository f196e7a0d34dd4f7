"""An entry's JSON sent without ``Content-Type: application/json`` (curl's -d sends a form
type; a script may send text/plain) is refused saying so: it read "Input should be a valid
dictionary or object to extract fields from"."""

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
