"""Change notices as the store records them: the page lists exactly the rows the command
line's changes.csv has for the version, never a recomputation of its own."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import EAST, Built, ReadOnlyClient, login

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.roster.changes import no_changes
from scheduler.store import Store
from scheduler.store.entries import NewAbstraction

FROM = "2026-10-19"


def _sick(store: Store, officer: str, contract: str, day: str) -> int:
    when = date.fromisoformat(day)
    return store.add_abstraction(
        NewAbstraction(
            officer, contract, when, when, "sickness", "flu", "Insp X", date(2026, 10, 1)
        )
    )


def _duty_days(db: Path, officer: str) -> list[str]:
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    mine = roster[(roster["officer_id"] == officer) & (roster["state"] == "DUTY")]
    return sorted(mine["date"].astype(str))


def _page_rows(page: str) -> set[tuple[str, str, str, str]]:
    """(officer, date, was, now) of every change the notices page lists."""
    rows = set()
    for officer, body in re.findall(r"<h3>([^ <]+) <span.*?<tbody>(.*?)</tbody>", page, re.S):
        for day, was, now in re.findall(
            r'<td class="nowrap">([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>',
            body,
        ):
            rows.add((officer, day, was, now))
    return rows


def _csv_rows(frame: pd.DataFrame, contract: str) -> set[tuple[str, str, str, str]]:
    mine = frame[frame["contract_id"] == contract]
    return {
        (str(r.officer_id), str(r.date), str(r.was), str(r.now))
        for r in mine.itertuples(index=False)
    }


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "east.toml"
    path.write_text(EAST)
    return path


def test_notices_show_the_command_lines_changes_not_the_days_before_from(
    client: TestClient, db: Path, scenario_file: Path, tmp_path: Path
) -> None:
    days = _duty_days(db, "A-C0")
    before = next(d for d in days if "2026-10-12" <= d < FROM)  # stands as published
    after = next(d for d in days if d >= "2026-10-21")
    with Store(db) as store:
        _sick(store, "A-C0", "EAST-A", before)
        _sick(store, "A-C0", "EAST-A", after)
    out = tmp_path / "out"
    argv = ["reroster", str(scenario_file), "--from", FROM, "--out", str(out), "--publish"]
    assert main([*argv, "--db", str(db), "--time-limit", "5", "--seed", "0"]) == 0
    cli = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert after in set(cli["date"])
    assert before not in set(cli["date"])
    with Store(db) as store:
        published = store.latest_roster("East")
        version = store.roster_versions("East")[-1].id
    assert published is not None
    sick_before = published[(published["officer_id"] == "A-C0") & (published["date"] == before)]
    # the day before --from stands as published: the entry is not applied there
    assert sick_before["state"].tolist() == ["DUTY"]
    login(client, "planner-ea")
    page = client.get(f"/contracts/EAST-A/notices?version={version}").text
    shown = _page_rows(page)
    assert shown == _csv_rows(cli, "EAST-A")
    assert not any(day == before for _, day, _, _ in shown)
    download = client.get(f"/contracts/EAST-A/notices/{version}/changes.csv")
    assert download.status_code == 200
    got = pd.read_csv(io.StringIO(download.text), dtype=str, keep_default_na=False)
    assert got.to_dict("records") == cli[cli["contract_id"] == "EAST-A"].to_dict("records")


def test_a_version_keeps_its_notice_append_only_and_an_older_one_is_worked_out_from_its_note(
    client: TestClient, db: Path
) -> None:
    days = _duty_days(db, "A-C1")
    before = next(d for d in days if "2026-10-12" <= d < FROM)
    after = next(d for d in days if d >= "2026-10-21")
    with Store(db) as store:
        published = store.latest_roster("East")
        assert published is not None
        edited = published.copy()
        sick = (edited["officer_id"] == "A-C1") & edited["date"].isin([before, after])
        edited.loc[sick, "state"] = "SICK"
        for column in ("shift", "start", "end"):
            edited.loc[sick, column] = ""
        edited.loc[sick, "hours"] = 0.0
        notice = no_changes()
        recorded = store.publish_roster("East", published, note="same", changes=notice)
        assert store.version_changes(recorded) is not None
        with pytest.raises(InputError, match="append-only"), store.transaction() as conn:
            conn.execute("UPDATE roster_changes SET row_count = 1")
        # as a store written before s92 kept notices: no changes recorded with the version
        legacy = store.publish_roster("East", edited, note=f"re-roster from {FROM}")
        assert store.version_changes(legacy) is None
    login(client, "planner-ea")
    page = client.get(f"/contracts/EAST-A/notices?version={legacy}").text
    shown = _page_rows(page)
    assert {day for _, day, _, _ in shown} == {after}  # from the note's day, not before it
    assert "No change notice was stored with this version (published before s92 kept" in page
    assert "worked out again" in page


def test_a_version_of_another_scenario_is_not_found_like_one_that_does_not_exist(
    reader: ReadOnlyClient, built: Built
) -> None:
    login(reader, "planner-ea")
    north = built.versions["North"]  # NORTH-C's, of a BCU planner-ea does not plan
    for path in (
        f"/contracts/EAST-A/notices?version={north}",
        f"/contracts/EAST-A/notices/{north}/changes.csv",
        "/contracts/EAST-A/notices?version=999999",
        "/contracts/EAST-A/notices/999999/changes.csv",
    ):
        r = reader.get(path)
        assert r.status_code == 404, path
        assert "No such version" in r.text
        assert "NORTH" not in r.text
        assert "Council C" not in r.text


def test_a_whole_new_roster_says_it_stored_no_notice(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        version = store.publish_roster("East", latest, note="s92 roster")  # as roster --publish
    login(client, "planner-ea")
    page = client.get(f"/contracts/EAST-A/notices?version={version}").text
    assert "No change notice was stored with this version (a whole new roster)" in page
    assert "0 officer-days of EAST-A changed" in page
