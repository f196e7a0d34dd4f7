"""The change notices page lists the versions of the reader's own BCU: a scenario spanning
two BCUs keeps one BCU's publications (their notes naming its contracts and files) from the
other's planners; a council is told what it reads instead."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.roster.changes import CHANGE_COLUMNS
from scheduler.store import Store

SPLIT = EAST.replace('council = "Council B"\nbcu = "EA"', 'council = "Council B"\nbcu = "EB"')


def _east_b_change(roster: pd.DataFrame) -> pd.DataFrame:
    row = roster[roster["contract_id"] == "EAST-B"].iloc[0]
    change = dict.fromkeys(CHANGE_COLUMNS, "")
    change.update(officer_id=row["officer_id"], contract_id="EAST-B", date=str(row["date"]),
                  was=row["state"], now="REST", reason="edited by hand")  # fmt: skip
    return pd.DataFrame([change], columns=list(CHANGE_COLUMNS))


@pytest.fixture
def versions(db: Path) -> tuple[int, int]:
    """East with EAST-B moved to BCU EB; then a version changing EAST-B alone."""
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        empty = pd.DataFrame(columns=list(CHANGE_COLUMNS))
        split = store.publish_roster("East", roster, "BCU boundary moved", scenario_text=SPLIT,
                                     changes=empty)  # fmt: skip
        theirs = store.publish_roster(
            "East", roster, "edited roster eb-secret.xlsx for EAST-B (web)",
            scenario_text=SPLIT, changes=_east_b_change(roster),
        )  # fmt: skip
    return split, theirs


def test_a_planner_sees_no_other_bcus_version_on_the_notices_page(
    client: TestClient, versions: tuple[int, int]
) -> None:
    split, theirs = versions
    login(client, "planner-ea")  # BCU EA: EAST-A, no longer EAST-B
    page = client.get("/contracts/EAST-A/notices")
    assert page.status_code == 200
    assert "eb-secret" not in page.text
    assert "EAST-B" not in page.text
    # the latest of its own, the default: the split, which changed no day of EAST-A (its
    # roster version 1 stands), named by the store's id as the contract's page names it
    assert f"<h2>Store version {split} " in page.text
    assert "0 officer-days of EAST-A changed: its roster version 1 stands." in page.text
    assert f"?version={theirs}" not in page.text
    for path in (f"/contracts/EAST-A/notices?version={theirs}",
                 f"/contracts/EAST-A/notices/{theirs}/changes.csv"):  # fmt: skip
        r = client.get(path)
        assert r.status_code == 404
        assert "No such version" in r.text
        assert "eb-secret" not in r.text


def test_an_admin_still_sees_every_version(client: TestClient, versions: tuple[int, int]) -> None:
    _, theirs = versions
    login(client, "admin")
    page = client.get("/contracts/EAST-A/notices").text
    assert "eb-secret.xlsx" in page
    assert f"?version={theirs}" in page
    assert "0 officer-days of EAST-A changed" in page  # it changed EAST-B alone


@pytest.mark.parametrize("path", ["/contracts/EAST-A/notices", "/contracts/EAST-A/feeds"])
def test_a_council_is_told_what_it_reads_instead(client: TestClient, path: str) -> None:
    # "Only planners change rosters and the entry log": it had asked to read, not change
    login(client, "council-a")
    r = client.get(path)
    assert r.status_code == 403
    assert "Only planners change rosters" not in r.text
    assert ("Roster tab" in r.text) if path.endswith("notices") else ("calendar feeds" in r.text)
