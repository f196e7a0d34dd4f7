"""A scenario spanning two BCUs: an upload refused as a roster.csv kept from an earlier
version, or a roster.xlsx written from one, names the versions the planner's change notices
list, not the store's latest (another BCU's publication, whose notes are not theirs); a
whole scenario's roster written before another BCU's publication is read for the planner's
contract, the other BCU's days neither compared nor named."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import (
    EAST,
    SPLIT,
    downloaded_csv,
    login,
    publish_east_edit,
    scenario_of,
    sick_typed,
    split_east,
    upload,
)

from scheduler.export.xlsx import write_roster_xlsx
from scheduler.roster.stored import roster_table
from scheduler.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _versions_named(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"version (\d+)", text)}


def _kept_files(client: TestClient, db: Path) -> tuple[str, bytes, bytes, int, int, int]:
    """EAST-A's roster.csv and roster.xlsx kept from the split; then EA's planner publishes
    a sick day (version ``mine``) and EB's planner an edit of EAST-B (``theirs``)."""
    split = split_east(db)
    csrf = login(client, "planner-ea")
    xlsx = client.get("/contracts/EAST-A/roster.xlsx").content
    table = downloaded_csv(client)
    r = upload(client, csrf, sick_typed(table, -1).to_csv(index=False).encode())
    assert r.status_code == 303, r.text[-1500:]
    page = client.post(r.headers["location"] + "/publish", data={"csrf_token": csrf})
    mine = int(str(page.url).rsplit("version=", 1)[1])
    theirs = publish_east_edit(db, "EAST-B", "B-C0")
    csv = sick_typed(table, -3).to_csv(index=False)
    return csrf, csv.encode(), xlsx, split, mine, theirs


def test_a_kept_roster_csv_is_refused_naming_the_planners_versions(
    client: TestClient, db: Path
) -> None:
    csrf, csv, _, _, mine, theirs = _kept_files(client, db)
    r = upload(client, csrf, csv)
    assert r.status_code == 422
    assert f"on the 1 officer-day version {mine} changed since" in r.text
    assert f"SICK in version {mine}, DUTY E here" in r.text
    assert theirs not in _versions_named(r.text)


def test_a_stale_workbook_is_refused_naming_the_planners_versions(
    client: TestClient, db: Path
) -> None:
    csrf, _, xlsx, split, mine, theirs = _kept_files(client, db)
    r = upload(client, csrf, xlsx, "roster.xlsx", XLSX)
    assert r.status_code == 422
    assert f"written from roster version {split}, and version {mine} was published" in r.text
    assert theirs not in _versions_named(r.text)


def test_a_kept_roster_csv_is_refused_after_another_contracts_publication(
    client: TestClient, db: Path
) -> None:
    """One BCU: EAST-A's sick day published, then an edit of EAST-B: the roster.csv of
    EAST-A kept from before both was offered for publishing, the sick day undone unseen
    (the check compared EAST-B's days too, which the upload takes from the latest)."""
    csrf = login(client, "planner-ea")
    kept = downloaded_csv(client)
    r = upload(client, csrf, sick_typed(kept, -1).to_csv(index=False).encode())
    client.post(r.headers["location"] + "/publish", data={"csrf_token": csrf})
    publish_east_edit(db, "EAST-B", "B-C0", text=EAST)
    r = upload(client, csrf, sick_typed(kept, -3).to_csv(index=False).encode())
    assert r.status_code == 422
    assert "a roster.csv kept from version" in r.text
    assert "Publish as the new roster" not in r.text


def test_a_whole_scenarios_roster_written_before_another_bcus_publication_is_read(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    """s92 roster's roster.xlsx and roster.csv (every contract), A-C0's last duty day typed
    as sick, uploaded on EAST-A's page after EB's planner published an edit of EAST-B: the
    workbook was refused as 'written from roster version N, and version N+1 was published
    since' (EB's version), the CSV as changing another contract, naming EB's B-C0."""
    split_east(db)
    with Store(db) as store:
        table = store.latest_roster("East")
    assert table is not None
    text = roster_table(table).to_csv(index=False)
    sick = sick_typed(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), -1)
    csv = sick.to_csv(index=False).encode()
    xlsx = write_roster_xlsx(table, tmp_path / "roster.xlsx", scenario_of(SPLIT, "east.toml"))
    publish_east_edit(db, "EAST-B", "B-C0")
    csrf = login(client, "planner-ea")
    for data, name, kind in (
        (xlsx.read_bytes(), "roster.xlsx", XLSX),
        (csv, "roster.csv", "text/csv"),
    ):
        r = upload(client, csrf, data, name, kind)
        assert r.status_code == 303, r.text[-1500:]
    preview = client.get(r.headers["location"]).text  # the CSV's: A-C0 sick, B-C0 not named
    assert "SICK" in preview
    assert "B-C0" not in preview
    assert "Publish as the new roster" in preview
