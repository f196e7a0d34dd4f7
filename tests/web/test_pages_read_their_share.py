"""A page reads the entries of its own contracts' officers, never the whole log: with a
year of another council's entries in the store, the officer page, the entry log, its CSV,
the API, the roster, re-roster and report pages of one contract build no more entries than
that contract has (counted, not timed). They read every entry of the store, 1 s a page
with 20,000 entries of other councils."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store
from scheduler.store import store as store_module
from scheduler.store.entries import NewAbstraction

OTHERS = 400


def _log_a_year_of_other_entries(db) -> None:
    first = date(2026, 1, 1)
    entries = [
        NewAbstraction(f"C-C{n % 3}", "NORTH-C", d, d, "sickness", "flu", "Insp X", d)
        for n in range(OTHERS)
        for d in [first + timedelta(days=n // 3)]
    ]
    with Store(db) as store:
        store.add_many(entries)
        own = date(2026, 11, 18)
        store.add_abstraction(
            NewAbstraction("A-C0", "EAST-A", own, own, "sickness", "flu", "Insp X", own)
        )


@pytest.mark.parametrize(
    "address",
    [
        "/contracts/EAST-A/officers/A-C0",
        "/contracts/EAST-A/officers/A-C0/2026-11-18",
        "/contracts/EAST-A",
        "/contracts/EAST-A/reroster",
        "/contracts/EAST-A/report",
        "/entries",
        "/entries.csv",
        "/api/entries",
    ],
)
def test_a_page_builds_only_its_contracts_entries(
    client: TestClient, db, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    _log_a_year_of_other_entries(db)
    login(client, "planner-ea")
    built = []
    real = store_module._abstraction

    def counted(row: tuple[object, ...]) -> object:
        built.append(row[1])
        return real(row)

    monkeypatch.setattr(store_module, "_abstraction", counted)
    r = client.get(address)
    assert r.status_code == 200
    assert not [o for o in built if str(o).startswith("C-")], (address, len(built))
