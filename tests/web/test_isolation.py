"""What one council's contract says of itself stays with it: pages shown to another
council (or a planner of another BCU) never name the kinds its agreement penalises."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import EAST, login

from scheduler.store import Store

SECRET_KIND = "bsecretkind"


def _east_b_penalises_its_own_kind(db: Path) -> None:
    cover = 'cover = [{ days = ["Thu", "Fri"], shift = "L", min = 1 }]'
    assert cover in EAST
    text = EAST.replace(cover, f'{cover}\npenalised_kinds = ["operational", "{SECRET_KIND}"]')
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        store.publish_roster("East", latest, note="EAST-B's terms", scenario_text=text)


def test_a_kind_another_councils_contract_penalises_is_not_offered(
    client: TestClient, db: Path
) -> None:
    _east_b_penalises_its_own_kind(db)
    seen = {}
    for account in ("council-a", "council-b", "planner-ea"):
        client.cookies.clear()
        login(client, account)
        page = client.get("/entries")
        assert page.status_code == 200
        seen[account] = SECRET_KIND in page.text
    assert seen == {"council-a": False, "council-b": True, "planner-ea": True}
    day = client.get("/contracts/EAST-A/officers/A-C0/2026-10-07")  # planner-ea's add form
    assert day.status_code == 200
    assert 'value="sickness"' in day.text
    assert SECRET_KIND not in day.text  # an entry of EAST-A cannot have EAST-B's kind
