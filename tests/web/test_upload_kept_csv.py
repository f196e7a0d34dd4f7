"""The upload form refuses a roster.csv kept from an earlier published version, as
``s92 publish`` does (one check, ``scheduler.roster.kept``, below both)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import downloaded_csv, login, sick_typed, upload

from scheduler.store import Store


def test_a_roster_csv_kept_from_an_earlier_version_is_refused(client: TestClient, db: Path) -> None:
    """EAST-A's roster.csv downloaded, another edit (a sick day) published from the web,
    then the old download edited and uploaded: before, it was offered for publishing with
    the sick day gone back to duty, unseen (the CLI refused the same file)."""
    csrf = login(client, "planner-ea")
    kept = downloaded_csv(client)
    r = upload(client, csrf, sick_typed(kept, -1).to_csv(index=False).encode())
    job = r.headers["location"]
    assert client.post(job + "/publish", data={"csrf_token": csrf}).status_code == 200
    with Store(db) as store:
        versions = len(store.roster_versions("East"))
        first, latest = [v.id for v in store.roster_versions("East")][-2:]
    r = upload(client, csrf, sick_typed(kept, -3).to_csv(index=False).encode(), "roster (1).csv")
    assert r.status_code == 422
    assert (
        f"roster (1).csv: is roster version {first} on the 1 officer-day version {latest} "
        "changed since" in r.text
    )
    assert "Publish as the new roster" not in r.text
    with Store(db) as store:
        assert len(store.roster_versions("East")) == versions
