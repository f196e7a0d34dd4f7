"""A feed's life from the planner's page: made once however often the page is reloaded or
its button clicked, revoked (410 Gone, one line), and, once its officer is no longer in the
scenario, serving their calendar with the tours from that roster on cancelled, as ``s92
ical`` rewrites their exported one, until their planner revokes it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from web_fixtures import EAST, login

from scheduler.cli import main
from scheduler.commands import ical as ical_command
from scheduler.export.roster_csv import write_roster_csv
from scheduler.store import Store
from scheduler.store.entries import NewAbstraction
from scheduler.store.feeds import (
    Feed,
    create_feed_token,
    feed_calendar,
    live_feeds,
    load_sequences,
)
from scheduler.web import feeds as web_feeds

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


A_C2 = '[[officer]]\nid = "A-C2"\ncontract = "EAST-A"\nrank = "constable"\n'


def _events(body: bytes) -> dict[str, tuple[date, int, str, str]]:
    """UID -> (London day, SEQUENCE, STATUS, SUMMARY) of an officer's calendar."""
    out = {}
    for event in Calendar.from_ical(body).walk("VEVENT"):
        start = event.decoded("DTSTART")
        day = start.date() if isinstance(start, datetime) else start
        status = str(event.get("STATUS", ""))
        out[str(event["UID"])] = (day, int(str(event["SEQUENCE"])), status, str(event["SUMMARY"]))
    return out


def test_a_removed_officers_feed_cancels_their_tours_from_that_roster_on(
    client: TestClient, db: Path
) -> None:
    # the feed answered 410 Gone: a subscribed phone keeps the last calendar it had, every
    # future tour of an officer who has left standing on it for ever
    left = date(2026, 10, 20)
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C2"), actor="test")
    before = client.get(f"/feeds/{token}.ics")
    assert before.status_code == 200
    phone = _events(before.content)
    assert {d for d, *_ in phone.values()} & {left, date(2026, 11, 29)}
    published = datetime(2026, 10, 20, 9, tzinfo=UTC)  # the roster without them, on 20 Oct
    with Store(db, now=lambda: published) as store:
        table = store.latest_roster("East")
        assert table is not None
        without = table[table["officer_id"] != "A-C2"]
        store.publish_roster("East", without, "A-C2 left", scenario_text=EAST.replace(A_C2, ""))
    after = client.get(f"/feeds/{token}.ics")
    assert after.status_code == 200
    assert after.headers["content-type"].startswith("text/calendar")
    served = _events(after.content)
    assert served.keys() == phone.keys()  # the same events, not new ones beside them
    for uid, (day, sequence, status, summary) in served.items():
        was = phone[uid]
        if day >= left:
            assert (status, sequence) == ("CANCELLED", was[1] + 1), (day, summary)
            assert summary == "Cancelled: " + was[3]
        else:  # worked before they left: as the phone has it
            assert (day, sequence, status, summary) == was
    with Store(db) as store:  # the SEQUENCEs served are the ones kept for the next export
        kept = load_sequences(store, feed_calendar("East", "A-C2"))
    assert {u: int(v.partition(":")[2]) for u, v in kept.items()} == {
        u: e[1] for u, e in served.items()
    }
    assert client.get(f"/feeds/{token}.ics").content == after.content

    # its planner revokes it: a revoked feed keeps its answer
    csrf = login(client, "planner-ea")
    client.post(f"{FEEDS}/A-C2", data={"csrf_token": csrf, "action": "revoke"})
    gone = client.get(f"/feeds/{token}.ics")
    assert gone.status_code == 410
    assert "revoked" in gone.text


def test_a_removed_officers_feed_cancels_the_leave_their_phone_shows(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # leave booked after the last roster holding them, shown on their phone until the
    # re-roster; the roster without them cancelled the tour of the roster before it in its
    # place ("Cancelled: Early ..." on a day the phone had leave), a new SEQUENCE for it
    monkeypatch.setattr(web_feeds, "london_today", lambda: date(2026, 10, 15))
    with Store(db) as store:
        table = store.latest_roster("East")
        assert table is not None
        mine = table[(table["officer_id"] == "A-C2") & (table["state"] == "DUTY")]
        day = date.fromisoformat(str(min(d for d in mine["date"] if str(d) >= "2026-10-21"))[:10])
        token = create_feed_token(store, Feed("East", "A-C2"), actor="test")
        store.add_abstraction(
            NewAbstraction("A-C2", "EAST-A", day, day, "leave", "x", "Insp X", date(2026, 10, 14))
        )
    phone = _events(client.get(f"/feeds/{token}.ics").content)
    (leave,) = [u for u, (d, *_) in phone.items() if d == day]
    assert "leave" in phone[leave][3].lower()
    published = datetime(2026, 10, 20, 9, tzinfo=UTC)
    with Store(db, now=lambda: published) as store:
        without = table[table["officer_id"] != "A-C2"]
        store.publish_roster("East", without, "A-C2 left", scenario_text=EAST.replace(A_C2, ""))
    served = _events(client.get(f"/feeds/{token}.ics").content)
    assert served[leave] == (day, phone[leave][1] + 1, "CANCELLED", "Cancelled: " + phone[leave][3])


def test_a_removed_officers_feed_is_gone_and_its_planner_revokes_it(
    client: TestClient, db: Path
) -> None:
    # the feed of an officer removed from a newer scenario served an empty calendar (every
    # duty "cancelled" on their phone) and the feeds page, listing only rostered officers,
    # had no way to revoke it. Published now, after the roster's last day: nothing is left
    # to cancel, so the feed has ended
    text = EAST.replace(A_C2, "")
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


@pytest.mark.parametrize("feed_first", [False, True])
def test_a_removed_officers_feed_holds_what_s92_ical_wrote_for_them(
    client: TestClient,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    feed_first: bool,
) -> None:
    # one account of a departed officer's calendar: the phone subscribed to the feed and
    # the one subscribed to the exported file are told the same about each tour, whichever
    # of the two tells it first
    left = date(2026, 10, 20)
    monkeypatch.setattr(ical_command, "today", lambda: left)
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C2"), actor="test")
        table = store.latest_roster("East")
    assert table is not None
    assert client.get(f"/feeds/{token}.ics").status_code == 200
    out = tmp_path / "ics"

    def export(text: str, roster: pd.DataFrame) -> None:
        toml = tmp_path / "east.toml"
        toml.write_text(text)
        csv = write_roster_csv(roster, tmp_path / "r" / "roster.csv")
        assert main(["ical", str(toml), str(csv), "--out", str(out), "--db", str(db)]) == 0

    export(EAST, table)
    without = table[table["officer_id"] != "A-C2"]
    with Store(db, now=lambda: datetime(2026, 10, 20, 9, tzinfo=UTC)) as store:
        store.publish_roster("East", without, "A-C2 left", scenario_text=EAST.replace(A_C2, ""))
    served = client.get(f"/feeds/{token}.ics") if feed_first else None
    export(EAST.replace(A_C2, ""), without)
    exported = _events((out / "officers" / "A-C2.ics").read_bytes())
    assert any(status == "CANCELLED" for _, _, status, _ in exported.values())
    served = served or client.get(f"/feeds/{token}.ics")
    assert served.status_code == 200
    assert _events(served.content) == exported
