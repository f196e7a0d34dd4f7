"""An officer's feed changes only with its own scenario: an officer of the same id in
another scenario of the store is another council's officer."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import publish_west

from scheduler.store import Store
from scheduler.store.entries import NewAbstraction
from scheduler.store.feeds import Feed, create_feed_token
from scheduler.web.app import create_app


def test_an_entry_of_another_scenarios_officer_of_the_same_id_leaves_the_feed_unchanged(
    db: Path,
) -> None:
    # West's A-C0 (Council D's) feed took its Last-Modified, and so its DTSTAMPs, from the
    # latest entry of any officer called A-C0: an entry logged for East's A-C0 (Council A's)
    # changed West's officer's calendar, and every client downloaded it again
    publish_west(db)
    with Store(db) as store:
        token = create_feed_token(store, Feed("West", "A-C0"), actor="test")
    with TestClient(create_app(db)) as client:
        before = client.get(f"/feeds/{token}.ics")
        assert before.status_code == 200
        time.sleep(1.1)  # Last-Modified counts whole seconds
        day = date(2026, 11, 20)
        with Store(db) as store:
            store.add_abstraction(
                NewAbstraction("A-C0", "EAST-A", day, day, "sickness", "flu", "Insp X", day)
            )
        after = client.get(f"/feeds/{token}.ics", headers={"if-none-match": before.headers["etag"]})
        assert after.status_code == 304
        assert after.headers["last-modified"] == before.headers["last-modified"]

        # an entry of West's own A-C0 does change it
        with Store(db) as store:
            store.add_abstraction(
                NewAbstraction("A-C0", "WEST-D", day, day, "sickness", "flu", "Insp X", day)
            )
        mine = client.get(f"/feeds/{token}.ics", headers={"if-none-match": before.headers["etag"]})
        assert mine.status_code == 200
        assert mine.headers["last-modified"] != before.headers["last-modified"]
