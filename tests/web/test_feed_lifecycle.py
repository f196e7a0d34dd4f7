"""A feed's life from the planner's page: made once however often the page is reloaded or
its button clicked, revoked, and ended (410 Gone, one line) once revoked or once its officer
is no longer in the scenario, whose planner can still revoke it."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token, live_feeds

FEEDS = "/contracts/EAST-A/feeds"


def _address(page: str) -> str:
    found = re.search(r'value="(http[^"]+/feeds/[^"]+\.ics)"', page)
    return found.group(1) if found else ""


def _since(page: str, officer: str) -> str:
    form = page.split(f'action="{FEEDS}/{officer}"')[1]
    return form.split('name="since" value="')[1].split('"')[0]


def _make(client: TestClient, csrf: str, officer: str, since: str) -> str:
    r = client.post(
        f"{FEEDS}/{officer}", data={"csrf_token": csrf, "action": "create", "since": since}
    )
    assert r.status_code == 200
    return r.text


def test_a_reload_after_making_a_feed_neither_replaces_nor_shows_it_again(
    client: TestClient, db: Path
) -> None:
    # the page answered the POST itself: reloading it sent the POST again and replaced the
    # address just given to the officer with one nobody had
    csrf = login(client, "planner-ea")
    sent = client.post(
        f"{FEEDS}/A-C0",
        data={"csrf_token": csrf, "action": "create", "since": "-"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == FEEDS
    assert client.head(FEEDS).status_code == 200  # a HEAD (a link checker) spends nothing
    page = client.get(FEEDS).text
    url = _address(page)
    assert url
    assert "New feed for A-C0" in page
    made = client.get(url)
    assert made.status_code == 200
    assert made.headers["content-type"].startswith("text/calendar")

    again = client.get(FEEDS)  # the reload: a GET of the page it was sent to
    assert not _address(again.text)
    with Store(db) as store:
        assert list(live_feeds(store, "East")) == ["A-C0"]
        assert store.query("SELECT count(*) FROM feed_token")[0][0] == 1
    assert client.get(url).status_code == 200


def test_a_second_click_on_make_feed_replaces_nothing(client: TestClient, db: Path) -> None:
    # a double click (or a second planner with the page open) made two tokens: the first,
    # maybe already given out, stopped working
    csrf = login(client, "planner-ea")
    page = client.get(FEEDS).text
    since = _since(page, "A-C1")
    first = _address(_make(client, csrf, "A-C1", since))
    second = _make(client, csrf, "A-C1", since)  # sent from the same page
    assert since == "-"
    assert not _address(second)
    assert "was made while this page was open" in second
    assert client.get(first).status_code == 200
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM feed_token")[0][0] == 1

    # a replace from the page as it is now does replace it
    third = _address(_make(client, csrf, "A-C1", _since(client.get(FEEDS).text, "A-C1")))
    assert third
    assert third != first
    assert client.get(first).status_code == 410


def test_a_revoked_feed_answers_gone_in_one_line(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    csrf = login(client, "planner-ea")
    r = client.post(f"{FEEDS}/A-C0", data={"csrf_token": csrf, "action": "revoke"})
    assert r.status_code == 200
    assert r.url.path == FEEDS
    gone = client.get(f"/feeds/{token}.ics")
    assert gone.status_code == 410
    assert gone.headers["content-type"].startswith("text/plain")
    assert gone.text.count("\n") == 1
    assert "revoked" in gone.text
    never = client.get("/feeds/" + "x" * 43 + ".ics")  # never a feed: one line, no page
    assert never.status_code == 404
    assert never.text == "No such calendar: check the address your planner gave you\n"
    with Store(db) as store:
        actions = [a for (a,) in store.query("SELECT action FROM audit") if "feed" in a]
    assert actions == ["feed.create", "feed.revoke"]


def test_a_removed_officers_feed_is_gone_and_its_planner_revokes_it(
    client: TestClient, db: Path
) -> None:
    # the feed of an officer removed from a newer scenario served an empty calendar (every
    # duty "cancelled" on their phone) and the feeds page, listing only rostered officers,
    # had no way to revoke it
    text = EAST.replace('[[officer]]\nid = "A-C2"\ncontract = "EAST-A"\nrank = "constable"\n', "")
    assert text != EAST
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C2"), actor="test")
        kept = create_feed_token(store, Feed("East", "A-C0"), actor="test")
        table = store.latest_roster("East")
        assert table is not None
        store.publish_roster(
            "East", table[table["officer_id"] != "A-C2"], "A-C2 left", scenario_text=text
        )
    gone = client.get(f"/feeds/{token}.ics")
    assert gone.status_code == 410
    assert (
        gone.text == "This calendar feed has ended: officer A-C2 is no longer in the East roster\n"
    )
    assert client.get(f"/feeds/{kept}.ics").status_code == 200

    # EAST-B's planner cannot see it (not their contract's officer); EAST-A's can revoke it
    csrf = login(client, "planner-ea")
    other = client.get("/contracts/EAST-B/feeds").text
    assert "A-C2" not in other
    r = client.post("/contracts/EAST-B/feeds/A-C2", data={"csrf_token": csrf, "action": "revoke"})
    assert r.status_code == 404
    page = client.get(FEEDS).text
    assert "Feeds of officers no longer rostered" in page
    assert 'aria-label="Revoke feed for A-C2"' in page
    made = client.post(f"{FEEDS}/A-C2", data={"csrf_token": csrf, "action": "create"})
    assert made.status_code == 404  # a feed only for an officer rostered
    client.post(f"{FEEDS}/A-C2", data={"csrf_token": csrf, "action": "revoke"})
    with Store(db) as store:
        assert sorted(live_feeds(store, "East")) == ["A-C0"]
    assert "no longer rostered" not in client.get(FEEDS).text
    assert "revoked" in client.get(f"/feeds/{token}.ics").text


def test_the_address_just_made_is_not_left_for_the_next_user_of_the_browser(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    client.post(
        f"{FEEDS}/A-C0",
        data={"csrf_token": csrf, "action": "create", "since": ""},
        follow_redirects=False,
    )
    client.post("/logout", data={"csrf_token": csrf})
    login(client, "planner-ea")
    assert not _address(client.get(FEEDS).text)


def test_when_a_feed_was_made_is_shown_in_london_time(client: TestClient, db: Path) -> None:
    # "live since" was the store's UTC stamp cut short: an hour behind all summer
    with Store(db) as store:
        create_feed_token(store, Feed("East", "A-C0"), actor="test")
    with Store(db) as store, store.transaction() as conn:
        conn.execute("UPDATE feed_token SET created_at = '2026-07-01T06:40:00.000+00:00'")
    login(client, "planner-ea")
    page = client.get(FEEDS).text
    assert "live since 01 Jul 2026 07:40 BST" in page


def test_two_replaces_of_the_feed_one_page_showed_make_one_feed(db: Path) -> None:
    # the check is made in the write's own transaction: two requests that both passed a
    # check made before it would each have made a feed
    from scheduler.store.feeds import replace_feed_token

    feed = Feed("East", "A-S0")
    with Store(db) as store:
        first = replace_feed_token(store, feed, actor="a", shown="")
        again = replace_feed_token(store, feed, actor="b", shown="")
        assert first is not None
        assert again is None
        shown = live_feeds(store, "East")["A-S0"]
        assert replace_feed_token(store, feed, actor="b", shown=shown) is not None
        assert store.query("SELECT count(*) FROM feed_token")[0][0] == 2
