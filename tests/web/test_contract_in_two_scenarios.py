"""A contract id held by two scenarios of one store (London's and Havering's both hold
HAV-PP): the site serves the scenario whose roster of that contract was published last,
on every page, download, API answer, feed and report, and its council sees nothing of the
other scenario's other contracts. It was the scenario first by name, silently."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import EAST, login, publish_zed

from scheduler.roster.changes import CHANGE_COLUMNS
from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token
from scheduler.store.scenarios import also_held
from scheduler.web.app import create_app


def publish_east_again(db: Path, contracts: str) -> None:
    """East's latest roster published again: as a whole new roster (``all``), or as a
    version whose change notice has one change of EAST-B (EAST-A's roster unchanged)."""
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        if contracts == "all":
            store.publish_roster("East", roster, "again", scenario_text=EAST)
            return
        change = dict.fromkeys(CHANGE_COLUMNS, "")
        row = roster[roster["contract_id"] == "EAST-B"].iloc[0]
        change.update(officer_id=row["officer_id"], contract_id="EAST-B", date=str(row["date"]),
                      was=row["state"], now=row["state"], reason="edited by hand")  # fmt: skip
        changes = pd.DataFrame([change], columns=list(CHANGE_COLUMNS))
        store.publish_roster("East", roster, "EAST-B", scenario_text=EAST, changes=changes)


def officers_shown(client: TestClient) -> set[str]:
    """The officers of EAST-A as its council reads them: page, download, API, report."""
    page = client.get("/contracts/EAST-A")
    assert page.status_code == 200
    on_page = set(re.findall(r"/contracts/EAST-A/officers/([A-Z]-[CS]\d)\?", page.text))
    download = client.get("/contracts/EAST-A/roster.csv")
    in_csv = set(pd.read_csv(io.StringIO(download.text), dtype=str)["officer_id"])
    api = client.get("/api/contracts/EAST-A/roster")
    assert api.status_code == 200, api.text
    in_api = {r["officer_id"] for r in api.json()["rows"]}
    report = client.get("/contracts/EAST-A/report.csv")
    assert report.status_code == 200
    assert on_page == in_csv == in_api, (on_page, in_csv, in_api)
    return on_page


# (what is published after the fixture's East, the scenario whose EAST-A is then served)
ORDERS = [
    (("zed",), "Zed"),  # Zed's after East's: Zed's (East first by name was served)
    (("zed", "east all"), "East"),  # East's whole roster published again after Zed's
    (("zed", "east EAST-B"), "Zed"),  # East published again changing EAST-B only
]


@pytest.mark.parametrize(("published", "served"), ORDERS)
def test_the_contracts_roster_published_last_is_served_everywhere(
    db: Path, published: tuple[str, ...], served: str
) -> None:
    for step in published:
        if step == "zed":
            publish_zed(db)
        else:
            publish_east_again(db, step.split()[1])
    zed = {"A-C0", "Z-C1", "Z-C2"}
    east = {"A-C0", "A-C1", "A-C2"}
    with TestClient(create_app(db)) as client:
        login(client, "council-a")
        shown = officers_shown(client)
        assert {o for o in shown if "-C" in o} == (zed if served == "Zed" else east)
        # the council sees its own contract only: nothing of Zed's other council's contract
        home = client.get("/").text
        assert "EAST-A" in home
        assert "ZED-Z" not in home
        assert "EAST-B" not in home
        assert client.get("/contracts/ZED-Z").status_code == 404
        assert client.get("/api/contracts/ZED-Z/roster").status_code == 404
        listed = [c["id"] for c in client.get("/api/contracts").json()]
        assert listed == ["EAST-A"]
        assert "Zed" not in client.get("/contracts/EAST-A").text
        assert "Y-C0" not in client.get("/entries").text

        # the planner of the BCU reads which scenario is served, and that another holds it
        client.cookies.clear()
        login(client, "planner-ea")
        page = client.get("/contracts/EAST-A").text
        other = "East" if served == "Zed" else "Zed"
        assert f"also in scenario {other} in this store" in page
        assert f"scenario {served}&#39;s" in page or f"scenario {served}'s" in page
        # EAST-B is in East only: no note
        assert "also in scenario" not in client.get("/contracts/EAST-B").text


def starts(client: TestClient, token: str) -> list[str]:
    feed = client.get(f"/feeds/{token}.ics")
    assert feed.status_code == 200, feed.text
    return sorted(re.findall(r"DTSTART[^:]*:(\S+)", feed.text))


def test_an_officers_feed_follows_the_contracts_live_roster(db: Path) -> None:
    with Store(db) as store:
        east_feed = create_feed_token(store, Feed("East", "A-C0"), actor="test")
        gone_feed = create_feed_token(store, Feed("East", "A-C1"), actor="test")
    with TestClient(create_app(db)) as client:
        east = starts(client, east_feed)
    publish_zed(db)
    with Store(db) as store:
        zed_feed = create_feed_token(store, Feed("Zed", "A-C0"), actor="test")
    with TestClient(create_app(db)) as client:
        zed = starts(client, zed_feed)
        assert zed != east
        assert starts(client, east_feed) == zed  # Zed's roster of EAST-A, served everywhere
        # A-C1 is not in the roster of EAST-A served now: its phone is told so, not emptied
        ended = client.get(f"/feeds/{gone_feed}.ics")
        assert ended.status_code == 410
        assert "EAST-A" in ended.text


def test_publishing_names_the_other_scenario_holding_the_contract(db: Path) -> None:
    publish_zed(db)
    with Store(db) as store:
        assert also_held(store, "Zed") == [
            "note: contract EAST-A is also in scenario 'East' in this store: the web shows "
            "the roster of it published last, this one"
        ]
        assert also_held(store, "East") == [
            "note: contract EAST-A is also in scenario 'Zed' in this store: the web shows "
            "the roster of it published last, that of scenario 'Zed'"
        ]
        assert also_held(store, "North") == []
