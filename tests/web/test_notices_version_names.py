"""Each version a contract's change notices list has a name of its own: one that changed
no officer-day of the contract (another contract's re-roster, a scenario's text mended) is
named by the store's id and says the contract's roster version it left standing, never
"roster version 1" over again beside the version 1 it did not change."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.roster.changes import CHANGE_COLUMNS, no_changes
from scheduler.store import Store


def _publish(db: Path, note: str, changes: pd.DataFrame) -> int:
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        return store.publish_roster("East", latest, note=note, changes=changes)


def _names(page: str) -> list[str]:
    listed = page.split('<ol class="versions">')[1].split("</ol>")[0]
    return re.findall(r'<a href="\?version=\d+">([^<]*)</a>', listed)


def test_versions_that_left_a_contract_alone_are_not_named_as_its_roster_version(
    client: TestClient, db: Path
) -> None:
    row = dict.fromkeys(CHANGE_COLUMNS, "")
    row.update(officer_id="B-C0", contract_id="EAST-B", date="2026-10-20", was="E", now="REST")
    theirs = _publish(db, "EAST-B swapped a day", pd.DataFrame([row]))
    mended = _publish(db, "scenario text mended", no_changes())
    mine = _publish(db, "EAST-A re-rostered", pd.DataFrame([{**row, "contract_id": "EAST-A"}]))
    login(client, "planner-ea")
    # each version a name of its own; in EAST-B's list, the day it swapped is its version 2
    expected = {
        "EAST-A": [f"Roster version 2 (store version {mine})", f"Store version {mended}",
                   f"Store version {theirs}", "Roster version 1"],
        "EAST-B": [f"Store version {mine}", f"Store version {mended}",
                   f"Roster version 2 (store version {theirs})", "Roster version 1"],
    }  # fmt: skip
    for contract, names in expected.items():
        assert _names(client.get(f"/contracts/{contract}/notices").text) == names
    page = client.get(f"/contracts/EAST-A/notices?version={theirs}").text
    assert f"<h2>Store version {theirs} " in page
    assert "0 officer-days of EAST-A changed: its roster version 1 stands." in page
    assert "EAST-A unchanged: its roster version 1 stands" in page
