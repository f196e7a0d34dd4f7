"""A council reads its contract's own roster version and when it was published, on its
pages and in its report: not the store's count of every scenario's publications (which
told one council how often the others' rosters changed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store


def _roster_fact(page: str) -> str:
    return page.split("<dt>Roster</dt><dd>")[1].split(",")[0]


def test_each_contract_counts_the_versions_that_changed_it(client: TestClient, db: Path) -> None:
    # North was published after East: its council read "version 2" for its first roster
    login(client, "council-c")
    assert _roster_fact(client.get("/").text) == "version 1"
    report = client.get("/contracts/NORTH-C/report").text
    assert "NORTH-C roster version 1 (published " in report
    assert "roster version 2" not in client.get("/contracts/NORTH-C/report.csv").text

    # a new East version whose notice changes EAST-B only: EAST-A's roster is as it was
    with Store(db) as store:
        table = store.latest_roster("East")
        assert table is not None
        changes = pd.DataFrame({"contract_id": ["EAST-B"], "officer_id": ["B-C0"]})
        store.publish_roster("East", table, "EAST-B edited", scenario_text=None, changes=changes)
    client.cookies.clear()
    login(client, "council-a")
    assert _roster_fact(client.get("/").text) == "version 1"
    client.cookies.clear()
    login(client, "council-b")
    assert _roster_fact(client.get("/").text) == "version 2"
    assert "Roster version 2, published " in client.get("/contracts/EAST-B").text


def test_a_planner_reads_the_store_version_the_commands_name_beside_it(
    client: TestClient,
) -> None:
    login(client, "planner-ne")
    assert "Roster version 1 (store version 2), published " in client.get("/contracts/NORTH-C").text
    client.cookies.clear()
    login(client, "council-c")
    assert "store version" not in client.get("/contracts/NORTH-C").text
    assert "store version" not in client.get("/").text


def test_the_api_gives_a_council_its_contracts_own_version_not_the_stores(
    client: TestClient, db: Path
) -> None:
    # before: "version" was the store-wide id, which told a council's API client each time
    # another council's roster was published
    with Store(db) as store:
        table = store.latest_roster("East")
        assert table is not None
        changes = pd.DataFrame({"contract_id": ["EAST-B"], "officer_id": ["B-C0"]})
        store.publish_roster("East", table, "EAST-B edited", scenario_text=None, changes=changes)
    login(client, "council-a")
    [east_a] = client.get("/api/contracts").json()
    assert (east_a["id"], east_a["version"], east_a["store_version"]) == ("EAST-A", 1, None)
    roster = client.get("/api/contracts/EAST-A/roster?from=2026-10-01&to=2026-10-01").json()
    assert roster["version"] == 1
    assert "store_version" not in roster
    client.cookies.clear()
    login(client, "council-b")
    assert [c["version"] for c in client.get("/api/contracts").json()] == [2]
    client.cookies.clear()
    login(client, "planner-ea")
    seen = {
        c["id"]: (c["version"], c["store_version"]) for c in client.get("/api/contracts").json()
    }
    assert seen["EAST-A"][0] == 1
    assert seen["EAST-A"][1] == seen["EAST-B"][1] > 1  # the commands' number, beside it
