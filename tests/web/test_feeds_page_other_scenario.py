"""A contract id held by two scenarios (London's and Havering's both hold HAV-PP): the
feeds made under the scenario served before still answer officers' phones, so the
contract's feeds page lists them and lets the planner revoke them. They were listed
nowhere: a planner could not end a feed they could not see."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login, publish_zed

from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token, live_feeds
from scheduler.web.app import create_app


def rows(page: str, heading: str) -> str:
    """The page's text from a heading on."""
    return page.split(heading, 1)[1] if heading in page else ""


def test_feeds_made_under_the_scenario_served_before_are_listed_and_revoked(db: Path) -> None:
    with Store(db) as store:
        shown = create_feed_token(store, Feed("East", "A-C0"), actor="test")  # in Zed's too
        ended = create_feed_token(store, Feed("East", "A-C1"), actor="test")  # not in Zed's
        create_feed_token(store, Feed("East", "B-C0"), actor="test")  # EAST-B's: not here
    publish_zed(db)  # Zed's roster of EAST-A is served from now on
    with TestClient(create_app(db)) as client:
        assert client.get(f"/feeds/{shown}.ics").status_code == 200  # still on the phone
        csrf = login(client, "planner-ea")
        page = client.get("/contracts/EAST-A/feeds").text
        other = rows(page, "Feeds made under another scenario")
        assert "A-C0" in other
        assert "A-C1" in other
        assert "B-C0" not in other
        assert other.count('name="scenario" value="East"') == 2
        a_c1 = other.split("A-C1", 1)[1].split("</tr>", 1)[0]
        assert "ended: not in this roster" in a_c1
        a_c0 = other.split("A-C0", 1)[1].split("</tr>", 1)[0]
        assert "ended" not in a_c0
        # A-C0's row above says its phone has this roster from the East feed
        mine = page.split("Feeds made under another scenario", 1)[0]
        a_c0_row = mine.split('<td class="nowrap">A-C0</td>', 1)[1].split("</tr>", 1)[0]
        assert "the one made under scenario East (below) shows this roster" in a_c0_row

        gone = client.post(
            "/contracts/EAST-A/feeds/A-C0",
            data={"csrf_token": csrf, "action": "revoke", "scenario": "East"},
            follow_redirects=False,
        )
        assert gone.status_code == 303
        assert client.get(f"/feeds/{shown}.ics").status_code == 410
        assert client.get(f"/feeds/{ended}.ics").status_code == 410  # ended, still live
        with Store(db) as store:
            assert set(live_feeds(store, "East")) == {"A-C1", "B-C0"}

        # a feed of another contract, or a make under the other scenario: no such thing
        for officer, action in (("B-C0", "revoke"), ("A-C1", "create")):
            refused = client.post(
                f"/contracts/EAST-A/feeds/{officer}",
                data={"csrf_token": csrf, "action": action, "scenario": "East"},
                follow_redirects=False,
            )
            assert refused.status_code == 404
        with Store(db) as store:
            assert set(live_feeds(store, "East")) == {"A-C1", "B-C0"}
        page = client.get("/contracts/EAST-A/feeds").text
        assert "A-C0" not in rows(page, "Feeds made under another scenario")


def test_no_section_when_the_contract_is_in_one_scenario(db: Path) -> None:
    with Store(db) as store:
        create_feed_token(store, Feed("East", "A-C0"), actor="test")
    with TestClient(create_app(db)) as client:
        login(client, "planner-ea")
        page = client.get("/contracts/EAST-A/feeds").text
        assert "Feeds made under another scenario" not in page
