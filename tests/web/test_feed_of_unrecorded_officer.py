"""The feed of an officer who left, whose contract no stored scenario records (their
versions were published by an s92 that kept no scenario with them), is listed for their
contract's planner to revoke: the roster's rows name the contract."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, PASSWORD, login

from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.store.feeds import Feed, create_feed_token, live_feeds
from scheduler.web.app import create_app


def test_a_feed_of_an_officer_only_older_rosters_hold_is_listed_to_revoke(
    db: Path, tmp_path: Path
) -> None:
    with Store(db, create=False) as built:
        table = built.latest_roster("East")
    assert table is not None
    text = EAST.replace('[[officer]]\nid = "A-C2"\ncontract = "EAST-A"\nrank = "constable"\n', "")
    older = tmp_path / "older.db"
    with Store(older) as store:
        store.publish_roster("East", table, "older s92")  # no scenario kept with it
        create_feed_token(store, Feed("East", "A-C2"), actor="test")
        store.publish_roster(
            "East", table[table["officer_id"] != "A-C2"], "A-C2 left", scenario_text=text
        )
        Accounts(store).add("planner-ea", "planner", PASSWORD, actor="test", bcus=["EA"])
    with TestClient(create_app(older)) as client:
        csrf = login(client, "planner-ea")
        page = client.get("/contracts/EAST-A/feeds").text
        assert 'aria-label="Revoke feed for A-C2"' in page
        assert "A-C2" not in client.get("/contracts/EAST-B/feeds").text
        r = client.post(
            "/contracts/EAST-A/feeds/A-C2",
            data={"csrf_token": csrf, "action": "revoke"},
            follow_redirects=False,
        )
        assert r.status_code == 303
    with Store(older, create=False) as store:
        assert live_feeds(store, "East") == {}
