"""``s92 reroster --publish`` said only the store's version ("published roster version 3")
while the council's pages name its contract's own ("version 2"): it now says both, as a
planner's pages do, and the two agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import NORTH, login

from scheduler.cli import main
from scheduler.store import Store
from scheduler.store.entries import NewAbstraction


def _first_duty(db: Path, officer: str, after: str) -> str:
    with Store(db) as store:
        table = store.latest_roster("North")
    assert table is not None
    mine = table[(table["officer_id"] == officer) & (table["state"] == "DUTY")]
    return str(min(d for d in mine["date"].astype(str) if d > after))


def test_a_rerosters_publication_names_the_contracts_own_version(
    client: TestClient, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "north.toml"
    scenario.write_text(NORTH, encoding="utf-8")
    day = date.fromisoformat(_first_duty(db, "C-C0", "2026-10-20"))
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction("C-C0", "NORTH-C", day, day, "sickness", "flu", "PS K", day)
        )
    argv = ["reroster", str(scenario), "--from", "2026-10-19", "--out", str(tmp_path / "out")]
    capsys.readouterr()
    assert main([*argv, "--publish", "--db", str(db), "--time-limit", "5", "--seed", "0"]) == 0
    said = capsys.readouterr().err
    # East was published first (store version 1), North second (2), this re-roster third
    line = "published roster version 3; the contracts' own roster versions, as their pages "
    assert f"{line}name them: NORTH-C 2\n" in said
    login(client, "council-c")
    assert "<dt>Roster</dt><dd>version 2, published" in client.get("/").text
    client.cookies.clear()
    login(client, "planner-ne")
    assert "Roster version 2 (store version 3), published" in client.get("/contracts/NORTH-C").text
