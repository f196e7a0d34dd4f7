"""GET /api/entries: the entry log through the API, a page at a time, each account's
contracts only (the API could log and void entries but not list them)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.store.entries import NewAbstraction

DAYS = [date(2026, 10, 5) + timedelta(days=i) for i in range(56)]
OFFICERS = {"EAST-A": ["A-S0", "A-C0", "A-C1"], "EAST-B": ["B-C0"], "NORTH-C": ["C-C0"]}


def _log_days(store: Store) -> None:
    """A day's sickness for each officer above on each day of the horizon."""
    store.add_many(
        NewAbstraction(officer, contract, d, d, "sickness", f"day {i}", "PS Khan", d)
        for contract, officers in OFFICERS.items()
        for officer in officers
        for i, d in enumerate(DAYS)
    )


def _bearer(db: Path, name: str) -> dict[str, str]:
    with Store(db) as store:
        return {"Authorization": f"Bearer {Accounts(store).create_token(name, actor='test')}"}


def test_each_account_lists_its_own_contracts_entries_a_page_at_a_time(
    client: TestClient, db: Path
) -> None:
    with Store(db) as store:
        _log_days(store)
        first = store.entries()[0]
        voiding = store.void(first.id, "logged in error")
    council = _bearer(db, "council-a")
    answer = client.get("/api/entries", headers=council).json()
    assert answer["total"] == 3 * len(DAYS) + 1  # EAST-A's, and the void of #1
    assert answer["pages"] == 2
    assert answer["per_page"] == 100
    assert {e["contract_id"] for e in answer["entries"]} == {"EAST-A"}
    ids = [e["id"] for e in answer["entries"]]
    assert ids == sorted(ids, reverse=True)
    assert ids[0] == voiding
    second = client.get("/api/entries", params={"page": 2}, headers=council).json()
    assert len(second["entries"]) == answer["total"] - 100
    assert second["entries"][-1] | {"voided_by": voiding} == second["entries"][-1]
    assert second["entries"][-1]["date"] == DAYS[0].isoformat()

    # filtered as the page filters, days as every form reads them
    live = client.get(
        "/api/entries",
        params={"officer": "A-C1", "status": "live", "from": "01/11/2026", "to": "2026-11-07"},
        headers=council,
    ).json()
    assert [e["date"] for e in live["entries"]] == [
        (date(2026, 11, 7) - timedelta(i)).isoformat() for i in range(7)
    ]
    # another council's officer: nothing; its contract: refused exactly as an id that never
    # was (the answer says no more of it than of that one)
    assert (
        client.get("/api/entries", params={"officer": "B-C0"}, headers=council).json()["total"] == 0
    )
    never = client.get("/api/entries", params={"contract": "NO-SUCH"}, headers=council)
    for other in ("EAST-B", "NORTH-C"):
        r = client.get("/api/entries", params={"contract": other}, headers=council)
        assert r.status_code == never.status_code == 422
        assert r.text.replace(other, "NO-SUCH") == never.text
    north = client.get("/api/entries", headers=_bearer(db, "planner-ne")).json()
    assert north["total"] == len(DAYS)
    assert {e["officer_id"] for e in north["entries"]} == {"C-C0"}

    bad = client.get("/api/entries", params={"from": "2026-02-30"}, headers=council)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "from"
    for params in ({"status": "gone"}, {"page": "0"}, {"page": "x"}):
        assert client.get("/api/entries", params=params, headers=council).status_code == 422
    assert client.get("/api/entries").status_code == 401


def test_entries_csv_is_the_filtered_log_whole_each_cell_safe_each_council_its_own(
    client: TestClient, db: Path
) -> None:
    # the log could be read a page at a time only: no download for a council to reconcile
    with Store(db) as store:
        _log_days(store)
        formula = store.add_abstraction(
            NewAbstraction(
                "A-C2",
                "EAST-A",
                DAYS[3],
                DAYS[3],
                "training",
                '=HYPERLINK("http://x","y")',
                "+Insp X",
                DAYS[0],
            )
        )
    login(client, "council-a")
    page = client.get("/entries", params={"contract": "EAST-A", "page": "2"}).text
    assert 'href="/entries.csv?contract=EAST-A"' in page
    r = client.get("/entries.csv", params={"contract": "EAST-A"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 3 * len(DAYS) + 1  # every page's
    assert {row["contract_id"] for row in rows} == {"EAST-A"}
    mine = next(row for row in rows if row["id"] == str(formula))
    assert mine["reason"] == "'" + '=HYPERLINK("http://x","y")'  # as Excel marks text
    assert mine["authorised_by"] == "'+Insp X"
    assert "B-C0" not in r.text
    assert "C-C0" not in r.text
    filtered = client.get("/entries.csv", params={"officer": "A-C1", "from": "01/11/2026"})
    assert len(list(csv.DictReader(io.StringIO(filtered.text)))) == 29
    bad = client.get("/entries.csv", params={"from": "2026-02-30"})
    assert bad.status_code == 422
    assert "from in the address: not a real date: February 2026 has 28 days" in bad.text
    assert "2026-02-30" in bad.text  # the value, as the command line names it
