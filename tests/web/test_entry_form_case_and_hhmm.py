"""The web's entry form and API read an entry as ``s92 abstract add`` does: an officer id
typed in another case is the officer's, a ``0900`` time is 09:00."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store

ENTRY = {
    "date": "2026-11-18",
    "kind": "training",
    "reason": "course",
    "authorised_by": "Insp X",
    "notified": "2026-11-01",
}


def test_the_form_reads_a_lower_case_id_and_hhmm_times(client: TestClient, db) -> None:
    # refused before: "unknown officer in scenario 'East' (got 'a-c0')", "not a clock time"
    csrf = login(client, "planner-ea")
    r = client.post(
        "/entries",
        data={**ENTRY, "officer_id": " a-c0 ", "start": "0900", "end": "1700", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[-1500:]
    # and with the contract chosen, and through the API
    r = client.post(
        "/api/entries",
        json={**ENTRY, "date": "2026-11-19", "officer_id": "a-c1", "contract_id": "EAST-A",
              "start": "0800", "end": "1600"},
        headers={"x-csrf-token": csrf},
    )  # fmt: skip
    assert r.status_code in (200, 201), r.text
    # a contract id in another case too
    r = client.post(
        "/api/entries",
        json={**ENTRY, "date": "2026-11-20", "officer_id": "A-C2", "contract_id": "east-a"},
        headers={"x-csrf-token": csrf},
    )
    assert r.status_code == 201, r.text
    with Store(db) as store:
        logged = {(e.officer_id, e.contract_id, str(e.start), str(e.end)) for e in store.entries()}
    assert ("A-C2", "EAST-A", "None", "None") in logged
    assert ("A-C0", "EAST-A", "09:00:00", "17:00:00") in logged
    assert ("A-C1", "EAST-A", "08:00:00", "16:00:00") in logged


def test_another_councils_officer_in_another_case_reads_as_unknown(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/api/entries", json={**ENTRY, "officer_id": "c-c0"}, headers={"x-csrf-token": csrf}
    )
    assert r.status_code == 422
    other = client.post(
        "/api/entries",
        json={**ENTRY, "officer_id": "C-C0", "contract_id": "north-c"},
        headers={"x-csrf-token": csrf},
    )
    assert other.json()["detail"][0]["msg"] == "no such contract"
    assert "unknown officer" in r.text
    assert "C-C0" not in r.text


# An officer id no contract of the planner's BCUs holds is refused in the planner's own
# terms: not "unknown officer in scenario 'X'" (X whichever scenario the account saw
# first), and nothing of the BCU, contract or council where an officer of that id stands.
NORTH = ("NORTH-C", "Council C", "North", "NE")


def test_another_bcus_officer_is_not_in_the_planners_contracts(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    page = client.post("/entries", data={**ENTRY, "officer_id": "C-C0", "csrf_token": csrf})
    api = client.post(
        "/api/entries", json={**ENTRY, "officer_id": "C-C0"}, headers={"x-csrf-token": csrf}
    )
    assert page.status_code == 422
    assert api.status_code == 422
    said = "unknown officer: not an officer of the contracts of BCU EA"
    assert said in page.text
    assert api.json()["detail"][0]["msg"] == said
    for text in (page.text, api.text):
        text = text.replace(csrf, "")  # a random token may hold "NE" by chance
        assert "scenario" not in text
        assert not [word for word in NORTH if word in text]


def test_an_admin_is_told_no_contract_holds_the_officer(client: TestClient) -> None:
    csrf = login(client, "admin")
    r = client.post(
        "/api/entries", json={**ENTRY, "officer_id": "Z-99"}, headers={"x-csrf-token": csrf}
    )
    assert r.status_code == 422
    detail = r.json()["detail"][0]
    assert detail["msg"] == "unknown officer: no contract holds an officer of this id"
    assert detail["value"] == "Z-99"
