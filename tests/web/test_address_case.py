"""Contract and officer ids in a page's address are read in any case, as the command line,
the CSV and the API read them: a page moves (308) to its one address, a form and the API
are served where they were sent; another council's id stays unknown in every case."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login


def test_a_contract_and_officer_typed_in_lower_case_move_to_their_pages(
    reader: ReadOnlyClient,
) -> None:
    login(reader, "planner-ea")
    moves = {
        "/contracts/east-a": "/contracts/EAST-A",
        "/contracts/east-a/report?period=2026-10": "/contracts/EAST-A/report?period=2026-10",
        "/contracts/east-a/roster.csv": "/contracts/EAST-A/roster.csv",
        "/contracts/EAST-A/officers/a-c0": "/contracts/EAST-A/officers/A-C0",
        "/contracts/EAST-A/officers/a-c0/2026-10-20": "/contracts/EAST-A/officers/A-C0/2026-10-20",
    }
    for typed, page in moves.items():
        r = reader.get(typed, follow_redirects=False)
        assert (r.status_code, r.headers.get("location")) == (308, page), typed
    day = reader.get("/contracts/east-a/officers/a-c0/2026-10-20")
    assert day.status_code == 200
    assert "A-C0 on 2026-10-20" in day.text


def test_the_api_and_a_feed_form_take_ids_in_any_case(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.get("/api/contracts/east-a/roster?from=2026-10-20&to=2026-10-20")
    assert r.status_code == 200
    assert r.json()["contract_id"] == "EAST-A"
    made = client.post(
        "/contracts/east-a/feeds/a-c0",
        data={"action": "create", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert (made.status_code, made.headers["location"]) == (303, "/contracts/EAST-A/feeds")
    assert ".ics" in client.get("/contracts/EAST-A/feeds").text  # the new feed, shown once


def test_another_councils_contract_is_unknown_in_any_case(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    for typed in ("/contracts/east-b", "/contracts/East-B/report", "/contracts/north-c"):
        r = reader.get(typed, follow_redirects=False)
        assert r.status_code == 404, typed
        assert "No such contract" in r.text
    other = reader.get("/contracts/EAST-A/officers/b-c0", follow_redirects=False)
    assert other.status_code == 404
