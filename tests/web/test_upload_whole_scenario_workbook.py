"""The roster.xlsx ``s92 roster`` writes holds every contract of the scenario: uploaded on
one contract's page, that contract's rows are read when the others' stand as published
(it was refused for holding "rows of another contract"); one that changes another
contract is refused, naming the first day it changes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from web_fixtures import EAST, login, scenario_of, upload

from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _whole_east(db: Path, tmp_path: Path, sheet: str, officer: str) -> bytes:
    """East's published roster as s92 roster writes it, a rest day of ``officer`` on
    ``sheet`` typed over as annual leave."""
    with Store(db) as store:
        table = store.latest_roster("East")
    assert table is not None
    path = write_roster_xlsx(table, tmp_path / "roster.xlsx", scenario_of(EAST, "east.toml"))
    book = openpyxl.load_workbook(path)
    rows = list(book[sheet].iter_rows())
    row = next(r for r in rows if r[0].value == officer)
    next(c for c in row[2:] if c.value == "R").value = "AL"
    book.save(path)
    return path.read_bytes()


def test_a_whole_scenarios_workbook_is_read_for_the_contract_it_is_uploaded_to(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    csrf = login(client, "planner-ea")
    r = upload(client, csrf, _whole_east(db, tmp_path, "EAST-A", "A-C0"), "roster.xlsx", XLSX)
    assert r.status_code == 303, r.text[-1500:]
    preview = client.get(r.headers["location"]).text
    assert "A-C0" in preview
    assert "LEAVE" in preview


def test_one_that_changes_another_contract_is_refused(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    csrf = login(client, "planner-ea")
    r = upload(client, csrf, _whole_east(db, tmp_path, "EAST-B", "B-C0"), "roster.xlsx", XLSX)
    assert r.status_code == 422
    assert "roster.xlsx: contract_id: changes another contract than EAST-A (first B-C0" in r.text
