"""The roster.xlsx ``s92 reroster`` writes without ``--publish`` (a re-roster of the latest
version, recorded on its data sheet) is the planner's to publish: the web's upload reads it
as ``s92 publish`` does, and refuses, in publish's words, one made from an older version."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from httpx import Response
from web_fixtures import NORTH, login, scenario_of

from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rerostered(db: Path, tmp_path: Path, officer: str) -> tuple[bytes, int]:
    """A re-roster of North's latest version (leave on one of ``officer``'s rest days) as
    s92 reroster writes it without --publish, and the version it was made from."""
    with Store(db) as store:
        version = store.latest_version("North")
        table = store.latest_roster("North")
    assert version is not None
    assert table is not None
    new = table.copy()
    day = new.index[(new["officer_id"] == officer) & (new["state"] == "REST")][0]
    for column, value in (("state", "LEAVE"), ("shift", ""), ("start", ""), ("end", "")):
        new.at[day, column] = value
    new.at[day, "hours"] = 0.0
    path = write_roster_xlsx(new, tmp_path / "roster.xlsx", scenario_of(NORTH, "north.toml"),
                             made_from=version)  # fmt: skip
    return path.read_bytes(), version


def _upload(client: TestClient, csrf: str, data: bytes) -> Response:
    return client.post(
        "/contracts/NORTH-C/upload",
        data={"csrf_token": csrf},
        files={"roster": ("roster.xlsx", data, XLSX)},
        follow_redirects=False,
    )


def test_a_cli_re_rosters_workbook_is_read_not_refused_as_stale(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    # it was refused as "written from an earlier roster than version N" (its codes are
    # not the published roster's: they are the re-roster's)
    csrf = login(client, "planner-ne")
    data, _ = _rerostered(db, tmp_path, "C-C0")
    r = _upload(client, csrf, data)
    assert r.status_code == 303, r.text[-1500:]
    preview = client.get(r.headers["location"]).text
    assert "C-C0" in preview
    assert "LEAVE" in preview


def test_a_re_roster_of_an_older_version_is_refused_in_publishs_words(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    csrf = login(client, "planner-ne")
    data, made_from = _rerostered(db, tmp_path, "C-C0")
    with Store(db) as store:
        table = store.latest_roster("North")
        assert table is not None
        later = store.publish_roster("North", pd.DataFrame(table), note="another publication")
    r = _upload(client, csrf, data)
    assert r.status_code == 422
    assert (
        f"roster.xlsx: a re-roster of version {made_from}, and version {later} was published since"
    ) in r.text
