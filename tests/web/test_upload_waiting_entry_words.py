"""An uploaded roster that leaves out an entry logged since says what to do in the web's
words: re-roster from the entry's day on the Re-roster page (it named the command line's
``s92 reroster --from DAY --publish`` to someone at the upload form)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login, upload

SICK = {
    "officer_id": "A-C1",
    "date": "2026-11-10",
    "kind": "sickness",
    "reason": "flu",
    "authorised_by": "Insp X",
    "notified": "2026-11-09",
}


def test_a_roster_without_an_entry_logged_since_is_refused_in_the_webs_words(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    kept = client.get("/contracts/EAST-A/roster.csv").content
    assert client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf}).is_success
    r = upload(client, csrf, kept)
    assert r.status_code == 422
    assert "is logged but not in this roster" in r.text
    assert "re-roster first (Re-roster from 2026-11-10, then Publish)" in r.text
    assert "s92 reroster" not in r.text
