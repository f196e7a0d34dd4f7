"""An officer-day's page on a day the scenario has the officer out of post (left, or not
yet joined) offers no entry form: the log refuses every entry of such a day ("not in
post"), and the page offered a form to fill in only to be refused."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.store import Store

A_C2 = '[[officer]]\nid = "A-C2"\ncontract = "EAST-A"\nrank = "constable"\n'


def test_a_day_after_an_officer_left_offers_no_form_the_log_would_refuse(
    client: TestClient, db: Path
) -> None:
    assert A_C2 in EAST
    left = EAST.replace(A_C2, A_C2 + "end = 2026-10-20\n")
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        store.publish_roster("East", roster, "A-C2 leaves on 20 Oct", scenario_text=left)
    csrf = login(client, "planner-ea")
    before = client.get("/contracts/EAST-A/officers/A-C2/2026-10-20").text
    assert 'action="/entries"' in before  # their last day: logged as any other
    after = client.get("/contracts/EAST-A/officers/A-C2/2026-10-21").text
    assert 'action="/entries"' not in after
    assert "A-C2 is not in post on this day in EAST-A's scenario: nothing can be logged" in after
    # as the log says it: the form would have been refused
    sent = {"officer_id": "A-C2", "contract_id": "EAST-A", "date": "2026-10-21",
            "kind": "sickness", "notified": "2026-10-01", "reason": "flu",
            "authorised_by": "Insp X", "csrf_token": csrf}  # fmt: skip
    refused = client.post("/entries", data=sent)
    assert refused.status_code == 422
    assert "officer A-C2 is not in post on 2026-10-21" in refused.text
