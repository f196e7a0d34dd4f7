"""An officer id no contract of the planner's BCUs holds is refused in the planner's own
terms: not "unknown officer in scenario 'X'" (X whichever scenario the account saw first),
and nothing of the BCU, contract or council where an officer of that id does stand."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login

ENTRY = {
    "date": "2026-11-18",
    "kind": "training",
    "reason": "course",
    "authorised_by": "Insp X",
    "notified": "2026-11-01",
}
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
