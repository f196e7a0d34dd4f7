"""Moments the pages show (a version's publication, an audited action) are London's
clock times, the zone named: the store keeps them in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.store import Store
from scheduler.web.app import create_app

SUMMER = datetime(2026, 7, 6, 6, 40, 5, tzinfo=UTC)  # 07:40 BST
WINTER = datetime(2026, 12, 1, 9, 15, tzinfo=UTC)  # 09:15 GMT


def _at(moment: datetime) -> datetime:
    return moment


def test_a_summer_publication_is_shown_at_londons_time_on_every_page(db: Path) -> None:
    # the notices page showed a version published at 07:40 on a July morning as "06:40"
    # (UTC, unnamed), the contract list as "06:40 UTC", the audit log as "06:40:05"
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
    for moment, note in ((SUMMER, "summer"), (WINTER, "winter")):
        with Store(db, now=partial(_at, moment)) as store:
            store.publish_roster("East", roster, note, scenario_text=EAST)
    with TestClient(create_app(db)) as client:
        login(client, "admin")
        assert "01 Dec 2026 09:15 GMT" in client.get("/").text
        notices = client.get("/contracts/EAST-A/notices").text
        assert "06 Jul 2026 07:40 BST · summer" in notices
        assert "01 Dec 2026 09:15 GMT · winter" in notices
        assert "06:40" not in notices
        audit = client.get("/audit").text
        assert "2026-07-06 07:40:05 BST" in audit
        # the column said UTC over London's times (BST in summer: an hour out, read as said)
        assert "UTC" not in audit
        assert "<th>When (London)</th>" in audit
