"""A departed officer's feed is revoked with their id in any case, as every officer id is
read (it was "No such officer" unless typed exactly as the store holds it)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token, live_feeds


def test_a_departed_officers_feed_is_revoked_with_the_id_in_another_case(
    client: TestClient, db: Path
) -> None:
    text = EAST.replace('[[officer]]\nid = "A-C2"\ncontract = "EAST-A"\nrank = "constable"\n', "")
    assert text != EAST
    with Store(db) as store:
        create_feed_token(store, Feed("East", "A-C2"), actor="test")
        table = store.latest_roster("East")
        assert table is not None
        store.publish_roster(
            "East", table[table["officer_id"] != "A-C2"], "A-C2 left", scenario_text=text
        )
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/feeds/a-c2",
        data={"csrf_token": csrf, "action": "revoke"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[-800:]
    with Store(db) as store:
        assert live_feeds(store, "East") == {}
    # another contract's planner page still finds no such officer, in any case
    other = client.post("/contracts/EAST-B/feeds/a-c2", data={"csrf_token": csrf,
                                                              "action": "revoke"})  # fmt: skip
    assert other.status_code == 404
