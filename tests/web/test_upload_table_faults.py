"""An uploaded roster with a table fault (a day's row deleted, a day doubled, a rank
typed over) was checked as rosters are: the page listed the schema rule's breach as if
the roster broke a rule, where ``s92 publish`` and ``s92 check`` refuse the same file
as bad input. Now refused in the page, one line per fault naming the row, the column,
the officer and day (``scheduler.check.source.refuse_faults``, every command's rule). A
made-up kind beside a day edited by hand is refused as ``s92 publish`` refuses it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import downloaded_csv, login, sick_typed, upload

from scheduler.store import Store


def refused(client: TestClient, db: Path, csrf: str, table: pd.DataFrame) -> str:
    with Store(db) as store:
        versions = len(store.roster_versions("East"))
    r = upload(client, csrf, table.to_csv(index=False).encode())
    assert r.status_code == 422, r.text[:2000]
    assert "Publish as the new roster" not in r.text
    with Store(db) as store:
        assert len(store.roster_versions("East")) == versions
    return r.text


def test_a_deleted_day_is_bad_input(client: TestClient, db: Path) -> None:
    csrf = login(client, "planner-ea")
    table = downloaded_csv(client)
    gone = table.index[table["state"] == "REST"][0]
    officer, day = table.loc[gone, "officer_id"], table.loc[gone, "date"]
    text = refused(client, db, csrf, table.drop(index=gone))
    assert f"roster.csv: {officer} {day}: no row for {day}; every in-post day needs one" in text


def test_a_doubled_day_is_bad_input(client: TestClient, db: Path) -> None:
    csrf = login(client, "planner-ea")
    table = downloaded_csv(client)
    text = refused(client, db, csrf, pd.concat([table, table.iloc[[3]]], ignore_index=True))
    officer, day = str(table.loc[3, "officer_id"]), str(table.loc[3, "date"])
    assert f"roster.csv: row {len(table) + 2}, column date: {officer} {day}: 2 rows" in text


def test_a_rank_typed_over_is_bad_input(client: TestClient, db: Path) -> None:
    csrf = login(client, "planner-ea")
    table = downloaded_csv(client)
    was = table.loc[5, "rank"]
    table.loc[5, "rank"] = "inspector" if was != "inspector" else "constable"
    officer, day = str(table.loc[5, "officer_id"]), str(table.loc[5, "date"])
    text = refused(client, db, csrf, table)
    assert f"roster.csv: row 7, column rank: {officer} {day}: rank" in text


def test_a_made_up_kind_beside_a_sickness_typed_by_hand_is_refused(
    client: TestClient, db: Path
) -> None:
    # as s92 publish refuses it (scheduler.store.apply.require_typed_causes)
    csrf = login(client, "planner-ea")
    table = sick_typed(downloaded_csv(client), -1)
    at = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "SICK")][-1]
    table.loc[at, "kind"] = "made_up"
    text = refused(client, db, csrf, table)
    assert (
        f"roster.csv: row {at + 2}, kind: A-C0 {table.loc[at, 'date']}, a SICK day edited by "
        "hand, says &#39;made_up&#39;: no kind the scenario knows" in text
    )
