"""A scenario spanning two BCUs: one BCU's publication leaves the other's open preview
publishable (it was refused as stale), published over it with both BCUs' days kept; the
preview names the roster version its planner knows (it named the store's latest, another
BCU's version, which its change notices do not list)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import SPLIT, login, upload
from web_fixtures import publish_east_edit as _publish_edit
from web_fixtures import split_east as _split

from scheduler.store import Store


def _sick_day_preview(client: TestClient, csrf: str) -> str:
    csv = client.get("/contracts/EAST-A/roster.csv").text
    table = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    duty = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "DUTY")]
    table.loc[duty[-1], ["state", "shift", "start", "end", "hours"]] = ["SICK", "", "", "", "0"]
    r = upload(client, csrf, table.to_csv(index=False).encode())
    assert r.status_code == 303, r.text[-1500:]
    return str(r.headers["location"])


def test_another_bcus_publication_leaves_a_preview_publishable(
    client: TestClient, db: Path
) -> None:
    split = _split(db)
    csrf = login(client, "planner-ea")
    job = _sick_day_preview(client, csrf)
    theirs = _publish_edit(db, "EAST-B", "B-C0")  # BCU EB's planner publishes meanwhile
    page = client.get(job).text
    assert re.search(rf"based on roster version \d+ \(store version {split}\)", page)
    assert f"version {theirs}" not in page
    assert "Publish as the new roster" in page
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    with Store(db) as store:
        latest = store.latest_roster("East")
        other = store.roster(theirs)
        assert other is not None
        assert latest is not None
        assert store.latest_version("East") == theirs + 1
    mine = latest[latest["officer_id"] == "A-C0"]
    assert "SICK" in set(mine["state"])  # the preview's edit
    b_now = latest[latest["contract_id"] == "EAST-B"].reset_index(drop=True)
    b_then = other[other["contract_id"] == "EAST-B"].reset_index(drop=True)
    assert list(b_now["state"]) == list(b_then["state"])  # EB's edit kept, not undone
    assert "LEAVE" in set(b_now.loc[b_now["officer_id"] == "B-C0", "state"])


def test_a_publication_changing_the_previews_contract_still_makes_it_stale(
    client: TestClient, db: Path
) -> None:
    _split(db)
    csrf = login(client, "planner-ea")
    job = _sick_day_preview(client, csrf)
    _publish_edit(db, "EAST-A", "A-C1")
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 409
    assert "Another roster was published since this preview was made" in r.text


def test_a_changed_scenario_still_makes_it_stale(client: TestClient, db: Path) -> None:
    _split(db)
    csrf = login(client, "planner-ea")
    job = _sick_day_preview(client, csrf)
    _publish_edit(db, "EAST-B", "B-C0", text=SPLIT.replace("min = 1", "min = 2"))
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 409


def test_the_preview_names_the_version_the_planners_notices_list(
    client: TestClient, db: Path
) -> None:
    split = _split(db)
    theirs = _publish_edit(db, "EAST-B", "B-C0")
    csrf = login(client, "planner-ea")
    page = client.get(_sick_day_preview(client, csrf)).text
    named = re.search(rf"based on roster version (\d+) \(store version {split}\)", page)
    assert named is not None
    assert f"store version {theirs}" not in page
    notices = client.get("/contracts/EAST-A/notices").text
    # in the same numbers: the notices page named it "Version 5", the preview and the
    # contract's page "roster version 2 (store version 5)"; the split changed no day of
    # EAST-A, so the list names it by the store's id, with the roster version it left
    assert f">Store version {split}</a>" in notices
    assert f"EAST-A unchanged: its roster version {named[1]} stands" in notices


def test_a_preview_over_another_version_is_checked_whole_before_it_is_published(
    client: TestClient, db: Path
) -> None:
    # the other BCU's version, written past the checker, leaves B-C0 a rest day short: the
    # preview of EAST-A put over it would publish that breach, so it is refused, and
    # nothing is published
    _split(db)
    csrf = login(client, "planner-ea")
    job = _sick_day_preview(client, csrf)
    theirs = _publish_edit(db, "EAST-B", "B-C0", was="REST")
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 422
    text = html.unescape(r.text)
    assert "would break a rule (1 breach of the hard rules in another BCU's contracts" in text
    assert "B-C0" not in text  # EB's officer: not EA's planner's to see
    with Store(db) as store:
        assert store.latest_version("East") == theirs


def test_a_preview_counts_another_bcus_breaches_without_naming_them(
    client: TestClient, db: Path
) -> None:
    # EB's version, written past the checker, leaves B-C0 a rest day short: EA's preview
    # of the scenario cannot be published, and says why without EB's officers
    _split(db)
    _publish_edit(db, "EAST-B", "B-C0", was="REST")
    csrf = login(client, "planner-ea")
    page = html.unescape(client.get(_sick_day_preview(client, csrf)).text)
    assert "Cannot be published: 1 breach of the hard rules" in page
    assert "1 breach of the hard rules in another BCU's contracts" in page
    assert "B-C0" not in page
    assert "Publish as the new roster" not in page
    client.cookies.clear()
    csrf = login(client, "admin")  # who may see both BCUs is told which
    page = client.get(_sick_day_preview(client, csrf)).text
    assert "B-C0" in page


def test_another_bcus_publication_landing_during_the_publish_is_published_over(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # EB's planner publishes between the page's check and its write: the store refuses
    # the write (made after a version no longer the latest); the page said 'Another roster
    # was published since this preview was made: make the preview again', a preview that
    # a reload showed publishable (EB's version left EAST-A as it was)
    _split(db)
    csrf = login(client, "planner-ea")
    job = _sick_day_preview(client, csrf)
    write = Store.publish_roster
    theirs: list[int] = []

    def racing(self: Store, *args: Any, **kwargs: Any) -> int:
        if not theirs:  # the page's write: EB's lands first
            theirs.append(0)
            theirs[0] = _publish_edit(db, "EAST-B", "B-C0")
        return write(self, *args, **kwargs)

    monkeypatch.setattr(Store, "publish_roster", racing)
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303, html.unescape(r.text)[-1500:]
    with Store(db) as store:
        assert store.latest_version("East") == theirs[0] + 1
        latest = store.latest_roster("East")
    assert latest is not None
    assert "SICK" in set(latest.loc[latest["officer_id"] == "A-C0", "state"])
    assert "LEAVE" in set(latest.loc[latest["officer_id"] == "B-C0", "state"])


def test_the_contract_pages_and_api_name_the_store_version_the_notices_list(
    client: TestClient, db: Path
) -> None:
    # they named the store's latest, EB's version: a version EA's planner found in no
    # change notice, while its preview said 'based on roster version' the notices' latest
    split = _split(db)
    theirs = _publish_edit(db, "EAST-B", "B-C0")
    login(client, "planner-ea")
    for page in ("/", "/contracts/EAST-A"):
        text = client.get(page).text
        assert f"(store version {split})" in text
        assert f"store version {theirs}" not in text
    assert {c["store_version"] for c in client.get("/api/contracts").json()} == {split}
    rows = client.get("/api/contracts/EAST-A/roster?from=2026-10-05&to=2026-10-05").json()
    assert rows["store_version"] == split
    assert f"store version {theirs})" not in client.get("/contracts/EAST-A/notices").text
    client.cookies.clear()
    login(client, "planner-eb")  # EB's own version, for EB's planner
    assert client.get("/api/contracts").json()[0]["store_version"] == theirs


B_C2 = '[[officer]]\nid = "B-C2"\ncontract = "EAST-B"\nrank = "constable"\n'


def _joined(text: str) -> str:
    """A constable who joined EAST-B on 20 October, added to the scenario since."""
    posts = 'bcu = "EB"\nstart = 2026-01-05\nposts = { constable = 3'
    assert posts in text
    grown = text.replace(posts, posts.replace("3", "4"))
    return grown + B_C2.replace("B-C2", "B-C3") + "start = 2026-10-20\n"


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: _joined(text),
        lambda text: text.replace(B_C2, ""),  # gone from the scenario
        lambda text: text.replace(B_C2, B_C2 + "end = 2026-10-20\n"),  # left
    ],
)
def test_the_re_roster_form_counts_another_bcus_unrostered_officers_without_naming_them(
    client: TestClient, db: Path, edit: Any
) -> None:
    # EB's officer joined (or left) since EB's roster was published: EA's re-roster is
    # refused until EB's planners re-roster it; the form named EB's officer and contract
    _split(db)
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        theirs = store.publish_roster("East", latest, "EB's staff", scenario_text=edit(SPLIT))
    csrf = login(client, "planner-ea")
    form = {"from_date": "2026-10-26", "time_limit": "1", "csrf_token": csrf}
    r = client.post("/contracts/EAST-A/reroster", data=form, follow_redirects=False)
    assert r.status_code == 422
    text = html.unescape(r.text)
    assert "1 officer of another BCU's contracts of the scenario" in text
    assert "B-C" not in text
    assert "EAST-B" not in text
    assert f"version {theirs}" not in text
    client.cookies.clear()
    csrf = login(client, "planner-eb")  # EB's planner is told whom
    form["csrf_token"] = csrf
    r = client.post("/contracts/EAST-B/reroster", data=form, follow_redirects=False)
    assert "B-C" in html.unescape(r.text)
