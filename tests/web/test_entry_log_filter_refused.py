"""The entry log's contract and kind filters that name none the account may see are said,
on the page, entries.csv and the API, and another council's contract is answered exactly
as an id that never was (the log showed empty, saying nothing of why)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, ReadOnlyClient, login

SICK = SICK_A_C0


def _answers(client: TestClient, query: str) -> tuple[int, str, int, dict[str, object]]:
    page = client.get(f"/entries?{query}")
    csv = client.get(f"/entries.csv?{query}")
    api = client.get(f"/api/entries?{query}")
    return page.status_code, page.text, csv.status_code, api.json()


def test_another_councils_contract_is_refused_as_an_unknown_one(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    assert client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf}).is_success
    client.cookies.clear()
    login(client, "council-a")
    other = _answers(client, "contract=EAST-B")
    never = _answers(client, "contract=NO-SUCH")
    assert (other[0], other[2]) == (422, 422) == (never[0], never[2])
    said = "contract: no such contract (got &#39;EAST-B&#39;)"
    assert said in other[1]
    assert other[1].replace("EAST-B", "NO-SUCH") == never[1]
    assert str(other[3]).replace("EAST-B", "NO-SUCH") == str(never[3])
    # not filtered by it: the account's own entries are shown, as for a day refused
    assert "Not filtered by" in other[1]
    assert "flu" in other[1]


def test_a_kind_the_log_has_not_is_said(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    status, text, csv_status, api = _answers(reader, "kind=holiday")
    assert (status, csv_status) == (422, 422)
    assert "kind: not an entry kind: give one of" in text
    assert api["detail"][0]["field"] == "kind"  # type: ignore[index]
    assert _answers(reader, "kind=Sick")[0] == 200  # the form's words still read
