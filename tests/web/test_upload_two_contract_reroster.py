"""A roster.xlsx ``s92 reroster`` wrote without ``--publish`` over two contracts changes
both: no contract's page can publish it (each refuses the other's changes), so the refusal
says what can, and that does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import EAST, login, scenario_of

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _leave_on_a_duty_day(table: pd.DataFrame, officer: str) -> None:
    day = table.index[(table["officer_id"] == officer) & (table["state"] == "DUTY")][0]
    for column, value in (("state", "LEAVE"), ("shift", ""), ("start", ""), ("end", "")):
        table.at[day, column] = value
    table.at[day, "hours"] = 0.0


def test_a_two_contract_re_roster_is_refused_on_each_page_saying_what_publishes_it(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    # each page said "upload each contract's roster on its own page", and each page refused it
    with Store(db) as store:
        version = store.latest_version("East")
        table = store.latest_roster("East")
    assert version is not None
    assert table is not None
    new = table.copy()
    _leave_on_a_duty_day(new, "A-C0")
    _leave_on_a_duty_day(new, "B-C0")
    scenario_file = tmp_path / "east.toml"
    scenario_file.write_text(EAST)
    book = write_roster_xlsx(new, tmp_path / "roster.xlsx", scenario_of(EAST, "east.toml"),
                             made_from=version)  # fmt: skip
    csrf = login(client, "planner-ea")
    for contract in ("EAST-A", "EAST-B"):
        r = client.post(
            f"/contracts/{contract}/upload",
            data={"csrf_token": csrf},
            files={"roster": ("roster.xlsx", book.read_bytes(), XLSX)},
        )
        assert r.status_code == 422
        assert "changes another contract than" in r.text
        assert "upload each contract&#39;s roster on its own page" not in r.text
        assert "publish a roster of several contracts with s92 publish" in r.text
    # what it says does publish it: both contracts at once
    argv = ["publish", str(scenario_file), str(book), "--db", str(db)]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 0
    with Store(db) as store:
        published = store.latest_roster("East")
    assert published is not None
    leave = published[published["state"] == "LEAVE"]
    assert {"A-C0", "B-C0"} <= set(leave["officer_id"])
