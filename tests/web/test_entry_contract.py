"""An entry is logged for one contract's officer: when an officer id stands in two
scenarios of the store (two councils' officers), the planner chooses which, and never
reaches a contract they may not see."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login, publish_west

from scheduler.store import Store
from scheduler.web.app import create_app

ENTRY = {
    "officer_id": "A-C0",
    "date": "2026-10-21",
    "kind": "sickness",
    "reason": "flu",
    "authorised_by": "Insp W",
    "notified": "2026-10-20",
}


def _logged(db: Path) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(e.officer_id, e.contract_id) for e in store.entries()]


def test_an_officer_id_two_contracts_hold_is_logged_for_the_contract_chosen(db: Path) -> None:
    # A-C0 is Council A's officer in East and Council D's in West: a planner of both BCUs
    # logged Council D's officer's sickness from West's day page, and it was stored against
    # Council A's A-C0 (the first contract holding the id), changing EAST-A's roster
    publish_west(db)
    with TestClient(create_app(db)) as client:
        csrf = login(client, "planner-ea-we")
        r = client.post("/entries", data={**ENTRY, "csrf_token": csrf})
        assert r.status_code == 422
        assert "officer A-C0 stands in EAST-A and in WEST-D: choose the contract" in r.text
        assert _logged(db) == []

        day = client.get("/contracts/WEST-D/officers/A-C0/2026-10-21")
        assert day.status_code == 200
        assert '<input type="hidden" name="contract_id" value="WEST-D">' in day.text
        back = "/contracts/WEST-D/officers/A-C0/2026-10-21"
        r = client.post(
            "/entries",
            data={**ENTRY, "contract_id": "WEST-D", "back": back, "csrf_token": csrf},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text[-2000:]
        assert _logged(db) == [("A-C0", "WEST-D")]

        # the same days for East's A-C0 are another officer's: logged, not an overlap
        headers = {"x-csrf-token": csrf}
        api = client.post("/api/entries", json={**ENTRY, "contract_id": "EAST-A"}, headers=headers)
        assert api.status_code == 201, api.text
        assert _logged(db) == [("A-C0", "WEST-D"), ("A-C0", "EAST-A")]
        page = client.get("/entries").text
        assert '<select name="contract_id">' in page
        assert '<td class="nowrap" data-label="contract">WEST-D</td>' in page

        # an officer who is not the chosen contract's is refused, naming the contract
        wrong = {**ENTRY, "officer_id": "B-C0", "contract_id": "EAST-A"}
        r = client.post("/api/entries", json=wrong, headers=headers)
        assert r.status_code == 422
        [problem] = r.json()["detail"]
        assert (problem["field"], problem["msg"]) == ("officer_id", "not an officer of EAST-A")
        assert len(_logged(db)) == 2

        # each council sees its own officer's entry only
        for council, contract, other in (("council-a", "EAST-A", "WEST-D"),
                                         ("council-d", "WEST-D", "EAST-A")):  # fmt: skip
            client.cookies.clear()
            login(client, council)
            officer = client.get(f"/contracts/{contract}/officers/A-C0/2026-10-21").text
            assert officer.count("flu") == 1
            assert other not in officer


def test_a_contract_the_planner_cannot_see_reads_as_one_that_does_not_exist(db: Path) -> None:
    publish_west(db)
    with TestClient(create_app(db)) as client:
        csrf = login(client, "planner-ea")
        headers = {"x-csrf-token": csrf}
        answers = {}
        for contract in ("WEST-D", "NOPE-1"):
            form = client.post(
                "/entries", data={**ENTRY, "contract_id": contract, "csrf_token": csrf}
            )
            api = client.post(
                "/api/entries", json={**ENTRY, "contract_id": contract}, headers=headers
            )
            assert form.status_code == api.status_code == 422
            answers[contract] = (form.text.replace(contract, "?"), api.text.replace(contract, "?"))
            assert "no such contract" in form.text
        assert answers["WEST-D"] == answers["NOPE-1"]
        # without a contract, the one the planner sees holding A-C0 is EAST-A's, as before
        r = client.post("/api/entries", json=ENTRY, headers=headers)
        assert r.status_code == 201, r.text
        assert _logged(db) == [("A-C0", "EAST-A")]
