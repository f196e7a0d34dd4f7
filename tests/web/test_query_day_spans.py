"""A ``to`` day before ``from`` in a query is refused, naming both, wherever days are
asked for (it matched nothing and said nothing); the log's officer filter reads an id as
the entry form does, in any case."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login

from scheduler.store import Store
from scheduler.store.entries import NewAbstraction

BACKWARDS = "from=2026-11-01&to=2026-10-01"


def test_a_span_that_ends_before_it_starts_is_refused(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    for address in (f"/api/contracts/EAST-A/roster?{BACKWARDS}", f"/api/entries?{BACKWARDS}"):
        r = reader.get(address)
        assert r.status_code == 422, address
        [problem] = r.json()["detail"]
        assert problem["field"] == "to"
        assert problem["line"] == "<query>: to: before from (2026-11-01) (got '2026-10-01')"
    csv = reader.get(f"/entries.csv?{BACKWARDS}")
    assert csv.status_code == 422
    assert "before from (2026-11-01)" in csv.text
    page = reader.get(f"/entries?{BACKWARDS}")
    assert page.status_code == 422
    assert "to: before from (2026-11-01)" in page.text
    # a span of one day, and a span the other way round, still answer
    assert reader.get("/api/entries?from=2026-10-01&to=2026-10-01").status_code == 200
    assert reader.get("/api/contracts/EAST-A/roster?from=01/10/2026&to=2026-10-31").json()["rows"]


def test_the_logs_officer_filter_reads_an_id_in_any_case(client: TestClient, db) -> None:
    day = date(2026, 11, 18)
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction("A-C0", "EAST-A", day, day, "sickness", "flu", "Insp X", day)
        )
    login(client, "council-a")
    found = client.get("/api/entries?officer=a-c0").json()
    assert found["total"] == 1
    assert found["entries"][0]["officer_id"] == "A-C0"
    assert "flu" in client.get("/entries?officer=a-c0").text


def test_the_logs_filters_read_a_contract_and_kind_as_the_form_does(client: TestClient, db) -> None:
    # /api/entries?kind=Sickness and ?contract=east-a matched nothing, saying nothing,
    # where the entry form reads "Sick" as sickness
    day = date(2026, 11, 18)
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction("A-C0", "EAST-A", day, day, "sickness", "flu", "Insp X", day)
        )
    login(client, "council-a")
    for query in ("kind=Sickness", "kind=sick", "contract=east-a", "contract=EAST-A&kind=SICKNESS"):
        assert client.get(f"/api/entries?{query}").json()["total"] == 1, query
    assert client.get("/api/entries?kind=leave").json()["total"] == 0
    # not theirs: refused as a contract that does not exist
    assert client.get("/api/entries?contract=east-b").json()["detail"][0]["msg"] == (
        "no such contract"
    )
    assert "flu" in client.get("/entries?kind=Sickness").text
