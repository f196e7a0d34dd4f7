"""The upload form sent with no file chosen (scripting off, or an old browser that does not
hold to ``required``) says so: it said "roster.csv: file is empty", of a file never chosen."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login


def test_an_upload_with_no_file_chosen_asks_for_one(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    # as a browser sends an empty file input: the part with no file name and no bytes
    r = client.post(
        "/contracts/EAST-A/upload",
        data={"csrf_token": csrf},
        files={"roster": ("", b"", "application/octet-stream")},
    )
    assert r.status_code == 422
    assert "roster file: none chosen: choose the roster.xlsx s92 wrote, or a roster.csv" in r.text
    assert "empty" not in r.text


def test_an_empty_file_chosen_is_still_named_as_empty(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/upload",
        data={"csrf_token": csrf},
        files={"roster": ("mine.csv", b"", "text/csv")},
    )
    assert r.status_code == 422
    assert "mine.csv: file is empty" in r.text
