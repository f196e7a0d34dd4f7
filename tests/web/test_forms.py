"""Forms given what people type: odd dates, values kept when refused, a form sent twice."""

from __future__ import annotations

import logging
import sqlite3
import threading
from concurrent.futures import Future
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, ReadOnlyClient, finished, login, previewed, upload

from calendars import london_today
from scheduler.errors import InputError
from scheduler.store import Store
from scheduler.store.connect import store_fault
from scheduler.store.entries import NewAbstraction
from scheduler.store.previews import Preview, get, start
from scheduler.web.jobs import FAILED, _lost, process_tag


@pytest.mark.parametrize(
    ("notified", "message"),
    [
        ("0001-01-01", "notified: outside the years the calendars cover (1901-2199)"),
        ("2026-02-30", "notified: not a real date: February 2026 has 28 days"),
    ],
)
def test_a_refused_re_roster_says_why_as_the_command_line_and_keeps_what_was_typed(
    client: TestClient, db: Path, notified: str, message: str
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={
            "from_date": "2026-10-21",
            "notified": notified,
            "time_limit": "7",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert message in r.text
    assert 'name="from_date" value="2026-10-21"' in r.text
    assert f'name="notified" value="{notified}"' in r.text
    assert 'name="time_limit" value="7"' in r.text
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM web_preview")[0][0] == 0


def test_a_publication_landing_between_the_check_and_the_write_is_refused_on_the_preview(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = login(client, "planner-ea")
    with Store(db) as store:  # a sickness on a duty day: a change to publish
        roster = store.latest_roster("East")
        assert roster is not None
        duty = roster[(roster["officer_id"] == "A-C0") & (roster["state"] == "DUTY")]
        day = date.fromisoformat(str(duty[duty["date"] >= "2026-10-19"]["date"].iloc[0]))
        store.add_abstraction(
            NewAbstraction("A-C0", "EAST-A", day, day, "sickness", "flu", "Insp X", day)
        )
    job = previewed(client, csrf)
    assert "Publish as the new roster" in client.get(job).text
    with Store(db) as store:
        latest = store.latest_roster("East")
        before = len(store.roster_versions("East"))
    assert latest is not None
    # the other planner's changes EAST-A (A-C1's last duty day as leave): a version of
    # another contract only is published over (tests/web/test_preview_across_bcus.py)
    latest = latest.copy()
    last = latest.index[(latest["officer_id"] == "A-C1") & (latest["state"] == "DUTY")][-1]
    latest.loc[last, ["state", "shift", "start", "end"]] = ["LEAVE", "", "", ""]
    latest.loc[last, "hours"] = 0.0
    publish = Store.publish_roster

    def another_planner_first(self: Store, *args: Any, **kwargs: Any) -> int:
        with Store(db) as other:  # lands after the page's own staleness check
            publish(other, "East", latest, note="the other planner")
        return publish(self, *args, **kwargs)

    monkeypatch.setattr(Store, "publish_roster", another_planner_first)
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 409
    assert "Another roster was published since this preview was made" in r.text
    assert "Publish as the new roster" not in r.text
    monkeypatch.undo()
    with Store(db) as store:
        versions = store.roster_versions("East")
    assert [v.note for v in versions[before:]] == ["the other planner"]  # not ours too


def _locked(self: Store, *args: Any, **kwargs: Any) -> int:
    raise InputError([store_fault(self.path, sqlite3.OperationalError("database is locked"))])


def test_a_store_fault_is_said_without_the_servers_path_to_the_store(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = login(client, "planner-ea")
    monkeypatch.setattr(Store, "add_abstraction", _locked)
    entry = dict(SICK_A_C0)
    page = client.post("/entries", data={**entry, "csrf_token": csrf})
    api = client.post("/api/entries", json=entry, headers={"x-csrf-token": csrf})
    assert (page.status_code, api.status_code) == (422, 422)
    assert "the store: the store failed (database is locked)" in page.text
    assert api.json()["detail"][0]["line"].startswith("the store: the store failed")
    for text in (page.text, api.text):
        assert str(db) not in text
        assert str(db.parent) not in text


def test_a_re_roster_that_fails_in_s92_says_so_and_logs_the_details_not_the_page(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(db) as store:
        version = store.roster_versions("East")[-1].id
        preview = Preview(
            "broken", "planner-ea", "EAST-A", "East", version, version, "reroster", "note", 1.0,
            datetime.now(UTC), None, None, "", None, process_tag(),
        )  # fmt: skip
        start(store, preview)
    future: Future[None] = Future()
    future.set_exception(RuntimeError(f"no such file {db.parent}/scratch"))
    with caplog.at_level(logging.ERROR):
        _lost(db, "broken", future)
    with Store(db) as store:
        ended = get(store, "broken")
    assert ended is not None
    assert ended.done
    assert ended.error == FAILED
    assert str(db.parent) in caplog.text  # the details, for whoever runs the server


@pytest.mark.parametrize("first", ["2026-10-20", "2026-11-16"])
def test_officers_told_by_default_follows_the_first_day_the_planner_typed(
    client: TestClient, db: Path, first: str
) -> None:
    csrf = login(client, "planner-ea")
    form = client.get("/contracts/EAST-A/reroster").text
    assert 'name="notified" value=""' in form  # nothing pre-filled to go stale
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": first, "time_limit": "1", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    told = min(london_today(), date.fromisoformat(first) - timedelta(days=1))
    with Store(db) as store:
        notes = [n for (n,) in store.query("SELECT note FROM web_preview")]
    assert notes == [f"re-roster EAST-A from {first}, officers notified {told} (web)"]
    finished(client, r.headers["location"])  # the worker is done before the store goes


def test_the_published_roster_uploaded_again_is_nothing_to_publish(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    csv = client.get("/contracts/EAST-A/roster.csv").content
    r = upload(client, csrf, csv)
    assert r.status_code == 303
    job = r.headers["location"]
    page = client.get(job).text
    assert "No change from the published roster version 1: nothing published" in page
    assert "Publish as the new roster" not in page
    assert client.post(f"{job}/publish", data={"csrf_token": csrf}).status_code == 404
    with Store(db) as store:
        assert len(store.roster_versions("East")) == 1


def test_an_upload_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    big = b"officer_id\n" + b"x" * (21 * 2**20)
    r = upload(client, csrf, big, follow_redirects=True)
    assert r.status_code == 413
    assert "The file is larger than 20 MB" in r.text


@pytest.mark.parametrize("day", ["2031-01-01", "2026-10-04", "2026-11-30", "2026-02-30"])
def test_a_day_outside_the_horizon_is_no_such_day_not_a_form_to_log_on(
    reader: ReadOnlyClient, day: str
) -> None:
    login(reader, "planner-ea")
    r = reader.get(f"/contracts/EAST-A/officers/A-C0/{day}")
    assert r.status_code == 404
    assert "No such day" in r.text
    assert "Log an entry" not in r.text
    assert reader.get("/contracts/EAST-A/officers/A-C0/2026-10-05").status_code == 200


def test_a_publish_button_pressed_three_times_at_once_publishes_once_and_says_so(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "A-S0", "EAST-A", date(2026, 11, 17), date(2026, 11, 17), "training",
                "course", "Insp X", date(2026, 11, 1), start=clock(9), end=clock(17),
            )
        )  # fmt: skip
        before = len(store.roster_versions("East"))
    job = previewed(client, csrf)
    answers: list[int] = []

    def press() -> None:
        r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
        answers.append(r.status_code)

    presses = [threading.Thread(target=press) for _ in range(3)]
    for t in presses:
        t.start()
    for t in presses:
        t.join()
    assert answers == [303, 303, 303]  # each lands on the notices, none on a refusal
    with Store(db) as store:
        assert len(store.roster_versions("East")) == before + 1
    page = client.get(job).text
    assert "Published as roster version" in page
    assert "Publish as the new roster" not in page


SICK = {
    "officer_id": "A-C1",
    "date": "2026-10-22",
    "kind": "sickness",
    "reason": "flu",
    "authorised_by": "Insp X",
    "notified": "2026-10-21",
}


def test_an_entry_sent_twice_is_logged_once_and_a_reload_sends_nothing(
    client: TestClient, db: Path
) -> None:
    # the form's answer was the page itself: a reload (or a double click) sent it again,
    # and the planner read "Nothing was logged: overlaps live entry #1" of their own entry
    csrf = login(client, "planner-ea")
    answers = [
        client.post("/entries", data={**SICK, "csrf_token": csrf}, follow_redirects=False)
        for _ in range(2)
    ]
    with Store(db) as store:
        [entry] = store.entries()
        adds = store.query("SELECT count(*) FROM audit WHERE action = 'entry.add'")[0][0]
    assert adds == 1
    for r in answers:
        assert r.status_code == 303
        assert r.headers["location"] == f"/entries?added={entry.id}"
    page = client.get(answers[0].headers["location"])
    # what was logged, and where it leads: the re-roster that shows the days it changes
    # (it said "Logged entry #1." and no more, the next step left to find)
    assert (
        f'Logged entry #{entry.id}: A-C1, Sickness, <span class="nowrap">2026-10-22</span>. '
        'It takes effect at the next re-roster: <a href="/contracts/EAST-A/reroster">'
        "re-roster EAST-A</a> to see the officer-days it changes" in page.text
    )
    assert "Nothing was logged" not in page.text
    api = client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf})
    assert (api.status_code, api.json()) == (200, {"id": entry.id})
    # another entry on the same day is still refused, naming the one logged
    other = client.post("/entries", data={**SICK, "reason": "back pain", "csrf_token": csrf})
    assert other.status_code == 422
    assert f"overlaps live entry #{entry.id}" in other.text
    with Store(db) as store:
        assert len(store.entries()) == 1
        theirs = store.add_abstraction(
            NewAbstraction(
                "C-C0", "NORTH-C", date(2026, 10, 20), date(2026, 10, 20), "sickness",
                "flu", "Insp Y", date(2026, 10, 19),
            )
        )  # fmt: skip
    page = client.get(f"/entries?added={theirs}")
    assert page.status_code == 200
    assert f"#{theirs}" not in page.text  # another BCU's entry: nothing said of it
    # voided from the page that said it was logged, back on that page: not 'Logged' again
    void = {"reason": "wrong day", "authorised_by": "Insp X", "back": f"/entries?added={entry.id}"}
    r = client.post(f"/entries/{entry.id}/void", data={**void, "csrf_token": csrf})
    assert r.status_code == 200
    assert str(r.url).endswith(f"/entries?added={entry.id}")
    assert "Logged entry" not in r.text
    assert client.get(f"/entries?added={entry.id + 2}").status_code == 200  # the void itself
    assert "Logged entry" not in client.get(f"/entries?added={entry.id + 2}").text


def test_a_re_roster_form_sent_twice_solves_once(client: TestClient, db: Path) -> None:
    # a double click queued two identical solves, the second waiting for the first: the
    # planner waited twice as long for the same preview
    csrf = login(client, "planner-ea")
    form = {"from_date": "2026-10-19", "notified": "2026-10-18", "time_limit": "1"}
    sent = [
        client.post(
            "/contracts/EAST-A/reroster", data={**form, "csrf_token": csrf}, follow_redirects=False
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in sent] == [303, 303]
    assert sent[0].headers["location"] == sent[1].headers["location"]
    finished(client, sent[0].headers["location"])
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM web_preview")[0][0] == 1
        starts = store.query("SELECT count(*) FROM audit WHERE action = 'reroster.start'")
        assert starts[0][0] == 1
    # once it has finished, the form starts a new one (entries may have been logged since)
    again = client.post(
        "/contracts/EAST-A/reroster", data={**form, "csrf_token": csrf}, follow_redirects=False
    )
    # and another first day typed is another re-roster, even while that one is unfinished
    other = client.post(
        "/contracts/EAST-A/reroster",
        data={**form, "from_date": "2026-10-20", "csrf_token": csrf},
        follow_redirects=False,
    )
    jobs = {sent[0].headers["location"], again.headers["location"], other.headers["location"]}
    assert len(jobs) == 3
    for job in jobs:
        finished(client, job)


@pytest.mark.parametrize(
    ("posted", "page"),
    [
        ("/entries", "/entries"),
        ("/entries/1/void", "/entries"),
        ("/contracts/EAST-A/reroster", "/contracts/EAST-A/reroster"),
        ("/contracts/EAST-A/upload", "/contracts/EAST-A/upload"),
        ("/contracts/EAST-A/jobs/JOB/publish", "/contracts/EAST-A/jobs/JOB"),
        ("/contracts/EAST-A/feeds/A-C0", "/contracts/EAST-A/feeds"),
        ("/logout", "/"),
    ],
)
def test_a_form_sent_after_the_session_ended_leads_back_to_its_page_after_login(
    client: TestClient, db: Path, posted: str, page: str
) -> None:
    # the login page said "send it again" and then led to the contract list, not the form
    csrf = login(client, "planner-ea")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE web_session SET last_seen = '2020-01-01T00:00:00.000+00:00'")
    r = client.post(posted, data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    target = r.headers["location"]
    assert target.startswith(f"/login?next={page}")
    form = client.get(target).text
    assert f'name="next" value="{page}"' in form


def test_days_typed_as_a_uk_planner_types_them_are_read_in_every_form(
    client: TestClient, db: Path
) -> None:
    # the entry form took 21/10/2026, as s92 does everywhere; the filter compared it as
    # text and showed no entry at all, and the re-roster and void forms refused it
    csrf = login(client, "planner-ea")
    logged = [
        client.post("/api/entries", json={**SICK, "date": day}, headers={"x-csrf-token": csrf})
        for day in ("2026-10-14", "2026-10-22")
    ]
    assert [r.status_code for r in logged] == [201, 201]
    late = logged[1].json()["id"]
    page = client.get("/entries", params={"from": "21/10/2026"})
    assert page.status_code == 200
    assert "1 entry</h2>" in page.text
    assert 'name="from" value="21/10/2026"' in page.text
    bad = client.get("/entries", params={"from": "next Wednesday", "to": "2026-02-30"})
    assert bad.status_code == 422
    assert "from: not a date YYYY-MM-DD or DD/MM/YYYY (got &#39;next Wednesday&#39;)" in bad.text
    assert "to: not a real date: February 2026 has 28 days (got &#39;2026-02-30&#39;)" in bad.text
    assert "2 entries</h2>" in bad.text  # not filtered by days it cannot read
    void = {"reason": "typed twice", "notified": "22/10/2026", "csrf_token": csrf}
    assert (
        client.post(f"/entries/{late}/void", data=void, follow_redirects=False).status_code == 303
    )
    with Store(db) as store:
        voiding = store.entry(late + 1)
    assert voiding is not None
    assert voiding.notified == date(2026, 10, 22)
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "19/10/2026", "notified": "18/10/2026", "time_limit": "1",
              "csrf_token": csrf},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    finished(client, r.headers["location"])
    assert "from 2026-10-19, officers notified 2026-10-18" in client.get(r.headers["location"]).text


def test_a_void_sent_twice_voids_once_and_says_it_is_done(client: TestClient, db: Path) -> None:
    # a double click on "Void #1" showed "already voided by #2" as the page's last word
    csrf = login(client, "planner-ea")
    added = client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf}).json()["id"]
    form = {"reason": "wrong officer", "authorised_by": "Insp Y", "csrf_token": csrf}
    sent = [
        client.post(f"/entries/{added}/void", data=form, follow_redirects=False) for _ in range(2)
    ]
    assert [r.status_code for r in sent] == [303, 303]
    again = client.post(
        f"/api/entries/{added}/void",
        json={"reason": "wrong officer"},
        headers={"x-csrf-token": csrf},
    )
    assert again.status_code == 200
    with Store(db) as store:
        entries = store.entries()
        voids = store.query("SELECT count(*) FROM audit WHERE action = 'entry.void'")[0][0]
    assert [(e.id, e.voids) for e in entries] == [(added, None), (added + 1, added)]
    assert again.json() == {"id": added + 1}
    assert voids == 1
    # another void of it (another reason or authority) is refused, naming the first
    for other in ({"reason": "typed twice"}, {"reason": "wrong officer", "authorised_by": "X"}):
        r = client.post(f"/entries/{added}/void", data={**other, "csrf_token": csrf})
        assert r.status_code == 422
        assert f"already voided by #{added + 1}" in r.text


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _leave_on_a_rest_day(table: pd.DataFrame, officer: str) -> None:
    day = table.index[(table["officer_id"] == officer) & (table["state"] == "REST")][0]
    for column, value in (("state", "LEAVE"), ("shift", ""), ("start", ""), ("end", "")):
        table.at[day, column] = value
    table.at[day, "hours"] = 0.0


def test_a_workbook_downloaded_before_a_later_version_is_refused_not_undoing_it(
    client: TestClient, db: Path
) -> None:
    # its cells not typed over hold the older roster's days: uploaded, the preview undid
    # the later version's changes as if the planner had typed them ("edited by hand")
    csrf = login(client, "planner-ea")
    old = client.get("/contracts/EAST-A/roster.xlsx").content
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        later = latest.copy()
        _leave_on_a_rest_day(later, "B-C0")
        store.publish_roster("East", later, note="EAST-B's leave")
    # another contract's change leaves EAST-A's workbook as it was: it is read
    r = upload(client, csrf, old, "roster.xlsx", XLSX)
    assert r.status_code == 303, r.text[-1500:]
    with Store(db) as store:
        _leave_on_a_rest_day(later, "A-C0")
        version = store.publish_roster("East", later, note="A-C0's leave")
    r = upload(client, csrf, old, "roster.xlsx", XLSX)
    assert r.status_code == 422
    assert (
        f"roster.xlsx: written from roster version {version - 1}, and version {version} was "
        "published since"
    ) in r.text
    fresh = client.get("/contracts/EAST-A/roster.xlsx").content
    assert upload(client, csrf, fresh, "latest.xlsx", XLSX).status_code == 303


@pytest.mark.parametrize(
    ("void", "said"),
    [
        ({"reason": "x" * 2001}, "entry: reason: longer than 2,000 characters"),
        ({"reason": "typed\x00twice"}, "entry: reason: holds a control character (\\x00)"),
        ({"reason": "ok", "authorised_by": "Insp\tY"}, "entry: authorised_by: holds a control"),
        ({"reason": "ok", "authorised_by": "Y" * 201}, "entry: authorised_by: longer than 200"),
    ],
)
def test_a_voids_reason_and_authority_are_checked_as_an_entrys_are(
    client: TestClient, db: Path, void: dict[str, str], said: str
) -> None:
    # the log is append-only: a void's reason of a hundred thousand characters, or one
    # holding a NUL, was kept in it for ever, where an entry's is refused
    csrf = login(client, "planner-ea")
    added = client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf}).json()["id"]
    api = client.post(f"/api/entries/{added}/void", json=void, headers={"x-csrf-token": csrf})
    assert api.status_code == 422
    assert api.json()["detail"][0]["line"].startswith(said)
    page = client.post(f"/entries/{added}/void", data={**void, "csrf_token": csrf})
    assert page.status_code == 422
    assert said[:30] in page.text
    with Store(db) as store:
        assert [e.id for e in store.entries()] == [added]


def test_an_officer_typed_with_spaces_around_it_filters_the_log_as_the_entry_form_reads_it(
    client: TestClient, db: Path
) -> None:
    # the entry form logs ' A-C1 ' as A-C1, but the filter compared the text as typed (a
    # pasted id keeps its spaces) and said "No entries" of an officer with entries
    csrf = login(client, "planner-ea")
    r = client.post("/api/entries", json=SICK, headers={"x-csrf-token": csrf})
    assert r.status_code == 201
    for typed in (" A-C1", "A-C1 ", "\tA-C1 "):
        page = client.get("/entries", params={"officer": typed})
        assert page.status_code == 200
        assert "1 entry</h2>" in page.text, typed
        assert 'name="officer" value="A-C1"' in page.text
