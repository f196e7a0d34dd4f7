"""An uploaded roster that changed only the event text of a day (its tour as published), or
its kind, was offered for publishing saying "0 officer-days change", and published a
version whose change notice said the same. Now refused in the page, naming the row, the
day, the text typed and the text the scenario and the entry log give (the rule ``s92
publish`` follows: ``scheduler.store.apply.require_causes``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import downloaded_csv, login, sick_typed, upload

from scheduler.store import Store


def test_an_event_text_edit_alone_is_refused(client: TestClient, db: Path) -> None:
    csrf = login(client, "planner-ea")
    table = downloaded_csv(client)
    duty = table.index[table["state"] == "DUTY"][2]
    officer, day = table.loc[duty, "officer_id"], table.loc[duty, "date"]
    table.loc[duty, "event"] = "briefing at the town hall"
    with Store(db) as store:
        versions = len(store.roster_versions("East"))
    r = upload(client, csrf, table.to_csv(index=False).encode())
    assert r.status_code == 422
    assert (
        f"roster.csv: row {duty + 2}, event: {officer} {day}, a DUTY day as published, says "
        "&#39;briefing at the town hall&#39; where the scenario and the entry log say "
        "&#39;&#39;" in r.text
    )
    assert "Publish as the new roster" not in r.text
    with Store(db) as store:
        assert len(store.roster_versions("East")) == versions


def test_a_kind_typed_on_a_duty_day_is_refused(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    table = downloaded_csv(client)
    duty = table.index[table["state"] == "DUTY"][0]
    table.loc[duty, "kind"] = "operational"
    r = upload(client, csrf, table.to_csv(index=False).encode())
    assert r.status_code == 422
    assert f"roster.csv: row {duty + 2}, kind: " in r.text
    assert (
        "says &#39;operational&#39; where the scenario and the entry log say &#39;&#39;" in r.text
    )


def test_a_tour_changed_with_its_event_is_offered(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    table = sick_typed(downloaded_csv(client), -1)
    r = upload(client, csrf, table.to_csv(index=False).encode())
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert "Publish as the new roster" in page.text
