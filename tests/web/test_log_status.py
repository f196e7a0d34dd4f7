"""The entry log's status filter: one it has not is said, not silently ignored."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login

SICK = {"officer_id": "A-C0", "date": "2026-10-14", "kind": "sickness", "reason": "flu",
        "authorised_by": "Insp X", "notified": "2026-10-14"}  # fmt: skip


def test_a_status_the_log_has_not_is_refused_and_one_typed_in_capitals_is_read(
    client: TestClient,
) -> None:
    # /entries?status=void (or a hand-edited "Voided") showed every entry, live ones too,
    # under a filter box reading "all", and entries.csv downloaded them all
    csrf = login(client, "planner-ea")
    headers = {"x-csrf-token": csrf}
    first = client.post("/api/entries", json=SICK, headers=headers).json()["id"]
    client.post(f"/api/entries/{first}/void", json={"reason": "typed twice"}, headers=headers)
    client.post("/api/entries", json={**SICK, "date": "2026-10-21"}, headers=headers)

    bad = client.get("/entries", params={"status": "void"})
    assert bad.status_code == 422
    assert "status: give all, live or voided (got &#39;void&#39;)" in bad.text
    assert "3 entries</h2>" in bad.text  # not filtered by a status it cannot read

    voided = client.get("/entries", params={"status": "Voided"})
    assert voided.status_code == 200
    assert "2 entries</h2>" in voided.text  # the voided entry and the entry voiding it
    assert "<option selected>voided</option>" in voided.text

    csv = client.get("/entries.csv", params={"status": "void"})
    assert csv.status_code == 422
    assert "status in the address: give all, live or voided" in csv.text
    live = client.get("/entries.csv", params={"status": "LIVE"})
    assert live.status_code == 200
    assert len(live.text.strip().splitlines()) == 1 + 1  # the header and the live one
