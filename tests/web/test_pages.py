"""The planner's and council's pages and the API do what the commands do: the same checks
and errors, the same figures, rosters verified by the independent checker."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from web_fixtures import (
    EAST,
    SICK_A_C0,
    Money,
    ReadOnlyClient,
    finished,
    login,
    scenario_of,
    start_reroster,
    upload,
)

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.export.report import report_csv_text
from scheduler.export.report_html import headline_figures
from scheduler.store import Store, apply_abstractions
from scheduler.store.entries import NewAbstraction
from scheduler.store.feeds import Feed, create_feed_token
from scheduler.web import pages
from scheduler.web.app import create_app

ENTRY = SICK_A_C0
OPTIONS = {  # API field -> s92 abstract add option
    "officer_id": "--officer",
    "date": "--date",
    "end_date": "--to",
    "start": "--start",
    "end": "--end",
    "kind": "--kind",
    "reason": "--reason",
    "authorised_by": "--authorised-by",
    "notified": "--notified",
}


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "2026-13-01"},
        {"date": "2026-10-20", "end_date": "2026-10-18"},
        {"start": "25:00", "end": "07:00"},
        {"start": "08:00"},
        {"kind": "holiday"},
        {"date": "2027-06-01"},
        {"officer_id": "NOBODY"},
        {"notified": "yesterday"},
    ],
)
def test_api_422_has_the_command_lines_field_value_and_message(
    app, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: dict[str, str]
) -> None:
    entry = {**ENTRY, **bad}
    scenario = tmp_path / "east.toml"
    scenario.write_text(EAST)
    argv = ["abstract", "add", str(scenario), "--db", str(tmp_path / "cli.db")]
    for field, value in entry.items():
        argv += [OPTIONS[field], value]
    assert main(argv) == 2
    cli = [line.split(": ", 2) for line in capsys.readouterr().err.strip().splitlines()]
    with TestClient(app) as client:
        csrf = login(client, "planner-ea")
        r = client.post("/api/entries", json=entry, headers={"x-csrf-token": csrf})
        assert r.status_code == 422
        api = r.json()["detail"]
        assert [(OPTIONS[p["field"]], p["msg"]) for p in api] == [
            (option, _in_the_webs_words(_message(rest))) for _, option, rest in cli
        ]
        for p, (_, _, rest) in zip(api, cli, strict=True):
            shown = re.search(r"\(got (.*)\)$", rest)
            assert (repr(p["value"]) if isinstance(p["value"], str) else str(p["value"])) == (
                shown.group(1) if shown else "None"
            ) or (p["value"] is None and shown is None)
        with Store(app.state.settings.db) as store:
            assert store.entries() == []  # nothing half-written


def _message(rest: str) -> str:
    return re.sub(r" \(got .*\)$", "", rest)


def _in_the_webs_words(message: str) -> str:
    """The command line names the scenario file it was given; the web, the planner's BCU
    (never a scenario the planner did not choose)."""
    if message == "unknown officer in scenario 'East'":
        return "unknown officer: not an officer of the contracts of BCU EA"
    return message


def test_month_grid_shows_every_officer_day_and_wanted_against_on_duty(
    client: TestClient, db: Path
) -> None:
    login(client, "planner-ea")
    page = client.get("/contracts/EAST-A?month=2026-10").text
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    rows = roster[(roster["contract_id"] == "EAST-A") & roster["date"].str.startswith("2026-10")]
    cells = re.findall(
        r'<td class="s-([a-z_]+)[^"]*"><a href="/contracts/EAST-A/officers/([^/]+)/([0-9-]+)"', page
    )
    assert len(cells) == len(rows)
    got = {(o, d): s.upper() for s, o, d in cells}
    want = {(r.officer_id, r.date): r.state for r in rows.itertuples()}
    assert got == want
    # the cover row: E wanted 2 on Mon-Wed, on = officers on E that day
    cover_row = re.search(r"Tour E: on / wanted</th>(.*?)</tr>", page, re.S)
    assert cover_row is not None, "no cover row for tour E"
    cover = cover_row.group(1)
    tds = re.findall(r'<td class="([a-z]*)">([^<]*)</td>', cover)[:31]
    for i, (css, text) in enumerate(tds):
        day = date(2026, 10, i + 1)
        on = int(
            (
                (rows["date"] == day.isoformat())
                & (rows["state"] == "DUTY")
                & (rows["shift"] == "E")
            ).sum()
        )
        if day.weekday() < 3 and day >= date(2026, 10, 5):
            assert text == f"{on}/2"
            assert css == ("short" if on < 2 else "met")
        else:
            assert css == ""


def test_an_officer_day_shows_its_entry_and_reason(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "A-C1",
                "EAST-A",
                date(2026, 10, 14),
                date(2026, 10, 15),
                "training",
                "Taser refresher <b>bold</b>",
                "Insp Y",
                date(2026, 10, 1),
            )
        )
    login(client, "council-a")
    page = client.get("/contracts/EAST-A/officers/A-C1/2026-10-15").text
    assert "Taser refresher &lt;b&gt;bold&lt;/b&gt;" in page
    assert "authorised by Insp Y" in page
    assert "Log an entry" not in page  # a council reads, never writes
    grid = client.get("/contracts/EAST-A?month=2026-10").text
    assert grid.count(" pending") >= 2  # both days outlined: not re-rostered yet


@pytest.mark.parametrize("typed", ["20261015", "2026-W42-4", "2026W424"])
def test_an_officer_day_written_another_way_leads_to_its_page(
    client: TestClient, db: Path, typed: str
) -> None:
    # Python reads 20261015 and 2026-W42-4 as 15 October, but the page looked its roster
    # row up by the text and said the officer was not in post that day
    with Store(db) as store:
        latest = store.latest_roster("East")
    assert latest is not None
    row = latest[(latest["officer_id"] == "A-C1") & (latest["date"].astype(str) == "2026-10-15")]
    assert len(row) == 1
    login(client, "council-a")
    r = client.get(f"/contracts/EAST-A/officers/A-C1/{typed}", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == "/contracts/EAST-A/officers/A-C1/2026-10-15"
    page = client.get(f"/contracts/EAST-A/officers/A-C1/{typed}").text
    assert "not in post" not in page
    assert "Thursday 15 October 2026" in page


def test_an_officer_days_entry_form_says_the_officer_is_told_today_not_on_the_day(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the day page's form said a leave logged today for a day weeks ahead was notified on
    # that day itself: the re-roster then counted 0 clear days' notice for the changes it
    # brought (compensation for short notice where the officer was told weeks before)
    monkeypatch.setattr(pages, "london_today", lambda: date(2026, 10, 20))
    login(client, "planner-ea")
    ahead = client.get("/contracts/EAST-A/officers/A-C1/2026-11-12").text
    assert 'name="notified" value="2026-10-20"' in ahead
    past = client.get("/contracts/EAST-A/officers/A-C1/2026-10-14").text
    assert 'name="notified" value="2026-10-14"' in past  # not after the entry's first day
    entries = client.get("/entries").text
    assert 'name="notified" value="2026-10-20"' in entries  # as the entry log's form


def test_form_errors_are_the_command_lines_lines_and_log_nothing(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries", data={**ENTRY, "start": "7am", "end": "15:00", "csrf_token": csrf})
    assert r.status_code == 422
    assert (
        "entry: start: not a clock time HH:MM or HHMM (00:00-23:59), or h:mm AM/PM "
        "(got &#39;7am&#39;)" in r.text
    )
    assert 'value="A-C0"' in r.text  # the form keeps what was typed
    with Store(db) as store:
        assert store.entries() == []
    r = client.post("/entries", data={**ENTRY, "csrf_token": csrf})
    assert "Logged entry #1" in r.text
    r = client.post("/entries", data={**ENTRY, "reason": "cold", "csrf_token": csrf})
    assert "overlaps live entry #1" in r.text
    r = client.post(
        "/entries/1/void",
        data={"reason": "wrong officer", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = client.post("/entries/1/void", data={"reason": "again", "csrf_token": csrf})
    assert r.status_code == 422
    assert "already voided by #2" in r.text
    listing = client.get("/entries", params={"status": "voided", "contract": "EAST-A"}).text
    assert "voided by #2" in listing
    assert "voids #1" in listing
    audit = _audit(db)
    assert [a[1] for a in audit if a[0] == "planner-ea"][-3:] == [
        "login",
        "entry.add",
        "entry.void",
    ]


def _audit(db: Path) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(r[0], r[1]) for r in store.query("SELECT actor, action FROM audit ORDER BY id")]


def test_a_re_roster_preview_names_an_entry_before_its_first_day_as_the_command_does(
    client: TestClient, db: Path
) -> None:
    # days before --from stand as published: the entry is not applied there, and the
    # planner is told which entry and the --from that would apply it
    csrf = login(client, "planner-ea")
    with Store(db) as store:
        before = store.latest_roster("East")
        assert before is not None
        duty = before[
            (before["officer_id"] == "A-C0")
            & (before["state"] == "DUTY")
            & (before["date"] >= "2026-10-12")
            & (before["date"] < "2026-10-19")
        ]
        early = duty["date"].iloc[0]
        day = date.fromisoformat(early)
        store.add_abstraction(
            NewAbstraction("A-C0", "EAST-A", day, day, "sickness", "flu", "Insp X", day)
        )
    page = finished(client, start_reroster(client, csrf, notified="2026-10-18", time_limit="5"))
    # nothing else changed
    assert "No change from the published roster version 1: nothing published." in page
    assert "Cannot be published" not in page
    assert "not applied to its 1 day before --from 2026-10-19" in page
    assert f"re-roster --from {early} to apply it there" in page


def test_reroster_preview_then_publish_changes_only_the_contract_and_is_lawful(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    with Store(db) as store:
        before = store.latest_roster("East")
        assert before is not None
        version = store.roster_versions("East")[-1].id
        # sickness on duty days of A-C0, and an entry of another contract that must not move
        duty = before[
            (before["officer_id"] == "A-C0")
            & (before["state"] == "DUTY")
            & (before["date"] >= "2026-10-19")
        ]
        first = duty["date"].iloc[0]
        store.add_abstraction(
            NewAbstraction(
                "A-C0",
                "EAST-A",
                date.fromisoformat(first),
                date.fromisoformat(first),
                "sickness",
                "flu",
                "Insp X",
                date(2026, 10, 18),
            )
        )
        store.add_abstraction(
            NewAbstraction(
                "B-C0",
                "EAST-B",
                date(2026, 10, 21),
                date(2026, 10, 21),
                "sickness",
                "flu",
                "Insp X",
                date(2026, 10, 18),
            )
        )
    job = start_reroster(client, csrf, notified="2026-10-18", time_limit="5")
    page = finished(client, job)
    assert "The independent checker finds no breach" in page
    assert "SICK" in page
    assert first in page
    r = client.post(job + "/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    with Store(db) as store:
        versions = store.roster_versions("East")
        after = store.latest_roster("East")
    assert after is not None
    assert versions[-1].id > version
    assert check_roster(scenario_of(EAST, "east.toml"), after).ok
    sick = after[(after["officer_id"] == "A-C0") & (after["date"] == first)]
    assert sick["state"].tolist() == ["SICK"]
    key = ["officer_id", "date"]
    b_before = before[before["contract_id"] == "EAST-B"].sort_values(key).reset_index(drop=True)
    b_after = after[after["contract_id"] == "EAST-B"].sort_values(key).reset_index(drop=True)
    assert (b_before["state"].tolist(), b_before["start"].fillna("").tolist()) == (
        b_after["state"].tolist(),
        b_after["start"].fillna("").tolist(),
    )
    notices = client.get(r.headers["location"]).text
    assert first in notices
    assert "SICK" in notices
    notice_days = re.compile(r'<td class="num">(\d+)</td>')
    assert notice_days.findall(notices) == notice_days.findall(page)  # told on the same day
    # a second publish of the same preview, or a stale one, writes nothing
    assert (
        client.post(job + "/publish", data={"csrf_token": csrf}, follow_redirects=False).status_code
        == 303
    )
    with Store(db) as store:
        assert len(store.roster_versions("East")) == len(versions)


def sick_day_typed(client: TestClient) -> bytes:
    """EAST-A's published roster.csv with A-C0's last duty day typed as sick: an edit to
    publish (the roster itself, uploaded again, is nothing to publish)."""
    csv = client.get("/contracts/EAST-A/roster.csv").text
    table = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    duty = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "DUTY")]
    table.loc[duty[-1], ["state", "shift", "start", "end", "hours"]] = ["SICK", "", "", "", "0"]
    return table.to_csv(index=False).encode()


def published_csv(client: TestClient) -> tuple[str, pd.DataFrame]:
    """A planner's session token and EAST-A's published roster.csv, to edit and upload."""
    csrf = login(client, "planner-ea")
    csv = client.get("/contracts/EAST-A/roster.csv").text
    return csrf, pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)


def upload_table(client: TestClient, csrf: str, table: pd.DataFrame) -> Response:
    return upload(
        client, csrf, table.to_csv(index=False).encode(), "edited.csv", follow_redirects=True
    )


def test_an_uploaded_roster_that_breaks_a_rule_cannot_be_published(
    client: TestClient, db: Path
) -> None:
    csrf, table = published_csv(client)
    rest = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "REST")]
    for i in rest[:6]:  # six rest days worked: runs of duty and rest days break the rules
        day = str(table.at[i, "date"])
        table.loc[i, ["state", "shift", "start", "end", "hours"]] = [
            "DUTY",
            "E",
            f"{day}T07:00:00+01:00",
            f"{day}T15:00:00+01:00",
            "8.00",
        ]
    r = upload_table(client, csrf, table)
    assert "Cannot be published" in r.text
    assert "breach" in r.text
    assert "Publish as the new roster" not in r.text
    other = table.copy()
    other.loc[0, "contract_id"] = "NORTH-C"
    r = upload_table(client, csrf, other)
    assert r.status_code == 422
    assert "changes another contract than EAST-A" in r.text


def _sick_on(db: Path, day: str) -> int:
    """A-C0 logged sick on ``day``; the versions published so far."""
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "A-C0", "EAST-A", date.fromisoformat(day), date.fromisoformat(day), "sickness",
                "flu", "PS Z", date.fromisoformat(day),
            )
        )  # fmt: skip
        return len(store.roster_versions("East"))


def test_an_upload_that_types_a_tour_over_a_logged_entry_is_refused(
    client: TestClient, db: Path
) -> None:
    csrf, table = published_csv(client)
    i = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "DUTY")][3]
    day = str(table.at[i, "date"])
    versions = _sick_on(db, day)
    table.loc[i, "state"] = "COURT"  # typed over the sick day: the log says otherwise
    r = upload_table(client, csrf, table)
    assert r.status_code == 422
    assert f"A-C0 {day}: COURT there, but entry" in r.text
    assert "makes it SICK" in r.text
    with Store(db) as store:
        assert len(store.roster_versions("East")) == versions


def test_an_upload_that_leaves_out_an_entry_logged_since_is_refused(
    client: TestClient, db: Path
) -> None:
    """Sickness logged since the roster was published, and a roster uploaded without it:
    published, it would show the officer on duty through it (it was offered for
    publishing, the entry left for the next re-roster)."""
    csrf, table = published_csv(client)
    i = table.index[(table["officer_id"] == "A-C0") & (table["state"] == "DUTY")][3]
    day = str(table.at[i, "date"])
    versions = _sick_on(db, day)
    r = upload_table(client, csrf, table)
    assert r.status_code == 422
    assert f"A-C0 {day}: entry 1 (A-C0 sickness {day}) is logged but not in this roster" in (r.text)
    assert "Publish as the new roster" not in r.text
    table.loc[i, ["state", "shift", "start", "end", "hours"]] = ["SICK", "", "", "", "0.00"]
    r = upload_table(client, csrf, table)  # typed as the entry has it: offered for publishing
    assert r.status_code == 200
    assert "Publish as the new roster" in r.text
    with Store(db) as store:
        assert len(store.roster_versions("East")) == versions


def test_council_report_has_the_reports_figures_and_downloads(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "A-C2",
                "EAST-A",
                date(2026, 10, 20),
                date(2026, 10, 22),
                "operational",
                "Op Tangent",
                "Insp X",
                date(2026, 10, 1),
            )
        )
        roster = store.latest_roster("East")
        live = store.live_abstractions()
    assert roster is not None
    scenario = scenario_of(EAST, "east.toml")
    rows = roster[roster["contract_id"] == "EAST-A"].reset_index(drop=True)
    expected = delivery_report(
        apply_abstractions(rows, live, scenario),
        scenario,
        parse_period("2026-10"),
        contracts=["EAST-A"],
    )
    login(client, "council-a")
    page = client.get("/contracts/EAST-A/report", params={"period": "2026-10"}).text
    for label, (value, _) in headline_figures(expected.summary).items():
        assert f'<div class="value">{value}</div><div class="label">{label}</div>' in page
    # every penalty itemised, as penalties.csv lists them, adding up to the report's penalty
    penalties = client.get("/contracts/EAST-A/penalties.csv", params={"period": "2026-10"})
    assert penalties.text == report_csv_text(expected.penalties)
    assert len(expected.penalties) > 0
    assert "Op Tangent" in page
    assert round(float(expected.penalties["penalty_gbp"].sum()), 2) == round(
        float(expected.summary["penalty_gbp"].iloc[0]), 2
    )
    assert float(expected.summary["penalty_gbp"].iloc[0]) > 0
    csv = client.get("/contracts/EAST-A/report.csv", params={"period": "2026-10"})
    assert csv.text == report_csv_text(expected.summary)
    assert "attachment" in csv.headers["content-disposition"]
    xlsx = client.get("/contracts/EAST-A/report.xlsx", params={"period": "2026-10"})
    assert xlsx.content[:2] == b"PK"
    chart = client.get("/contracts/EAST-A/report/chart/0.png", params={"period": "2026-10"})
    assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    bad = client.get("/contracts/EAST-A/report", params={"period": "2026-13"})
    assert bad.status_code == 422
    assert "period:" in bad.text
    assert bad.text.count("2026-13") == 1  # named once, not again as '(got ...)'
    api = client.get("/api/contracts/EAST-A/report", params={"period": "2026-10"}).json()
    assert api["summary"][0]["penalty_gbp"] == pytest.approx(
        float(expected.summary["penalty_gbp"].iloc[0])
    )


def test_feed_has_etag_last_modified_and_rises_in_sequence(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    first = client.get(f"/feeds/{token}.ics")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/calendar")
    assert (
        client.get(
            f"/feeds/{token}.ics", headers={"if-none-match": first.headers["etag"]}
        ).status_code
        == 304
    )
    since = first.headers["last-modified"]
    assert (
        client.get(f"/feeds/{token}.ics", headers={"if-modified-since": since}).status_code == 304
    )
    assert "SEQUENCE:1" not in first.text
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        day = roster[(roster["officer_id"] == "A-C0") & (roster["state"] == "DUTY")].index[3]
        changed = roster.copy()
        sick: list[str | float] = ["SICK", "", "", "", 0.0]
        changed.loc[day, ["state", "shift", "start", "end", "hours"]] = sick
        text = EAST
        store.publish_roster("East", changed, "test", scenario_text=text)
    second = client.get(f"/feeds/{token}.ics")
    assert second.headers["etag"] != first.headers["etag"]
    assert second.text.count("SEQUENCE:1") == 1
    assert (
        client.get(
            f"/feeds/{token}.ics", headers={"if-none-match": first.headers["etag"]}
        ).status_code
        == 200
    )
    uids = set({u.strip() for u in re.findall(r"^UID:(.*)$", first.text, re.M)})
    assert uids == set({u.strip() for u in re.findall(r"^UID:(.*)$", second.text, re.M)})


def test_a_feed_and_s92_ical_of_one_store_give_the_same_uids(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
        roster = store.latest_roster("East")
    assert roster is not None
    served = client.get(f"/feeds/{token}.ics").text
    scenario = tmp_path / "east.toml"
    scenario.write_text(EAST)
    csv = tmp_path / "roster.csv"
    from scheduler.export.roster_csv import write_roster_csv

    write_roster_csv(roster, csv)
    assert (
        main(["ical", str(scenario), str(csv), "--out", str(tmp_path / "feeds"), "--db", str(db)])
        == 0
    )
    exported = (tmp_path / "feeds" / "officers" / "A-C0.ics").read_text()
    assert set({u.strip() for u in re.findall(r"^UID:(.*)$", served, re.M)}) == set(
        {u.strip() for u in re.findall(r"^UID:(.*)$", exported, re.M)}
    )
    assert "secret" not in (tmp_path / "feeds" / ".s92-ical.json").read_text()


def _sequences(calendar: str) -> dict[str, str]:
    """UID -> SEQUENCE of every event of a calendar's text."""
    found = re.findall(r"^UID:(.*?)\r?$\n^DTSTAMP:.*?$\n^SEQUENCE:(\d+)", calendar, re.M)
    assert found
    return dict(found)


def test_a_feed_and_s92_ical_of_one_store_give_the_same_sequences(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    """An event the feed serves at SEQUENCE 1 (changed by a later version) is at 1 in an
    export of the same version into a fresh folder, and the other way round: a calendar
    client ignores an update whose SEQUENCE is lower than the one it holds."""
    from scheduler.export.roster_csv import write_roster_csv

    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
        token_b = create_feed_token(store, Feed("East", "A-C1"), actor="test")
    client.get(f"/feeds/{token}.ics")  # version 1 served: every event at 0
    scenario = tmp_path / "east.toml"
    scenario.write_text(EAST)

    def publish_with_a_sick_day(officer: str, nth: int) -> pd.DataFrame:
        with Store(db) as store:
            roster = store.latest_roster("East")
            assert roster is not None
            day = roster[(roster["officer_id"] == officer) & (roster["state"] == "DUTY")].index[nth]
            changed = roster.copy()
            sick: list[str | float] = ["SICK", "", "", "", 0.0]
            changed.loc[day, ["state", "shift", "start", "end", "hours"]] = sick
            store.publish_roster("East", changed, "test", scenario_text=EAST)
        return changed

    def export(roster: pd.DataFrame, folder: str) -> dict[str, dict[str, str]]:
        csv = tmp_path / f"{folder}.csv"
        write_roster_csv(roster, csv)
        out = tmp_path / folder
        assert main(["ical", str(scenario), str(csv), "--out", str(out), "--db", str(db)]) == 0
        return {
            officer: _sequences((out / "officers" / f"{officer}.ics").read_text())
            for officer in ("A-C0", "A-C1")
        }

    version_2 = publish_with_a_sick_day("A-C0", 3)
    served = _sequences(client.get(f"/feeds/{token}.ics").text)
    assert list(served.values()).count("1") == 1
    assert export(version_2, "fresh")["A-C0"] == served
    # an export first (A-C1's day changed since the folder's last export), the feed after
    export(version_2, "before")
    version_3 = publish_with_a_sick_day("A-C1", 5)
    exported = export(version_3, "before")["A-C1"]
    assert list(exported.values()).count("1") == 1
    assert _sequences(client.get(f"/feeds/{token_b}.ics").text) == exported
    assert export(version_3, "again") == export(version_3, "before")


def test_a_preview_made_by_one_server_process_is_published_by_another(db: Path) -> None:
    from scheduler.web.app import create_app

    first, second = create_app(db), create_app(db)  # two workers of `s92 serve --workers 2`
    with TestClient(first) as a, TestClient(second) as b:
        csrf = login(a, "planner-ea")
        b.cookies.set("s92_session", a.cookies.get("s92_session") or "")
        r = upload(a, csrf, sick_day_typed(a))
        job = r.headers["location"]
        assert "The independent checker finds no breach" in b.get(job).text
        assert (
            b.post(job + "/publish", data={"csrf_token": csrf}, follow_redirects=False).status_code
            == 303
        )
    with Store(db) as store:
        versions = store.roster_versions("East")
        assert versions[-1].note.startswith("edited roster roster.csv for EAST-A")
        assert check_roster(scenario_of(EAST, "east.toml"), store.roster(versions[-1].id)).ok


def test_the_roster_xlsx_downloaded_uploads_back_as_the_same_roster(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    book = client.get("/contracts/EAST-A/roster.xlsx").content
    r = upload(client, csrf, book, "roster.xlsx", "application/octet-stream", True)
    # read back cell for cell as the published roster: not even a second version to publish
    assert "No change from the published roster version 1:" in r.text, r.text[-2000:]
    assert "No officer-day of EAST-A changes." in r.text


def test_a_contracts_months_are_those_of_its_term(money: Money) -> None:
    # NEW starts on 16 November: the grid opened on October (the horizon's first month) with
    # no row and no word why; LATE's officers join on 2 November: October says so
    with TestClient(create_app(money.db)) as client:
        login(client, "planner-mm")
        # October asked for is said to have no roster of NEW (it showed November's grid)
        refused = client.get("/contracts/NEW", params={"month": "2026-10"})
        assert refused.status_code == 404
        assert (
            "No roster for October 2026: NEW&#39;s roster runs from November 2026" in refused.text
        )
        new = client.get("/contracts/NEW", params={"month": "2026-11"}).text
        assert "<h1>November 2026</h1>" in new
        assert 'value="2026-10"' not in new
        assert 'value="2026-12"' in new
        officer = client.get("/contracts/NEW/officers/N0", params={"month": "2026-10"})
        assert officer.status_code == 404
        late = client.get("/contracts/LATE", params={"month": "2026-10"}).text
        assert "Nobody is rostered for LATE in October 2026" in late
        assert "Nobody is rostered" not in client.get("/contracts/LATE?month=2026-11").text


def test_the_entry_forms_make_the_planner_choose_a_kind(app) -> None:
    # the kind list opened on hdd_aid, the first kind: a planner who left it logged HDD aid,
    # which is never penalised, for what was an operational abstraction
    with TestClient(app) as client:
        csrf = login(client, "planner-ea")
        for path in ("/entries", "/contracts/EAST-A/officers/A-C0/2026-10-14"):
            page = client.get(path).text
            select = page.split('<select name="kind" required>')[1].split("</select>")[0]
            assert select.startswith('<option value="">choose…</option>'), path
            assert "selected" not in select, path
            assert re.search(r'<option value="hdd_aid"\s*>High Demand Day aid</option>', select)
        r = client.post("/entries", data={**ENTRY, "kind": "", "csrf_token": csrf})
        assert r.status_code == 422
        assert "kind" in r.text
        # entries are listed by their kind in words
        client.post("/entries", data={**ENTRY, "kind": "sickness", "csrf_token": csrf})
        assert '<td data-label="kind">Sickness</td>' in client.get("/entries").text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        # a file named .xlsx that is no workbook was read as a CSV: a dozen "missing column"
        ("roster.xlsx", b"not a workbook", "roster.xlsx: not a readable Excel workbook (.xlsx)"),
        ("roster.ods", b"a,b\n", "roster.ods: give the roster.xlsx s92 wrote, or a roster.csv"),
        ("roster", b"a,b\n", "roster: give the roster.xlsx s92 wrote, or a roster.csv"),
        # a header alone was checked as the contract with no rows: 64 breaches to read
        (
            "roster.csv",
            b"officer_id,contract_id,rank,date,state,shift,start,end,hours,event,kind,"
            b"abstraction_id\n",
            "roster.csv: no officer-day rows under the header: a roster has a row per "
            "officer per day",
        ),
    ],
)
def test_an_upload_that_is_no_roster_file_gets_one_line(
    client: TestClient, name: str, data: bytes, message: str
) -> None:
    csrf = login(client, "planner-ea")
    r = upload(client, csrf, data, name, "application/octet-stream", True)
    assert r.status_code == 422
    problems = re.findall(r"<li><code>(.*?)</code></li>", r.text)
    assert problems == [message]


@pytest.mark.parametrize("name", ["r" * 300 + ".csv", "east\x00.csv", "a:b*?.csv"])
def test_an_upload_whatever_its_file_name_is_read(client: TestClient, name: str) -> None:
    # the roster was written under the planner's own file name to be read: a name over
    # 255 bytes (or holding a NUL) was no file name on the server, and the page a 500
    csrf = login(client, "planner-ea")
    roster = client.get("/contracts/EAST-A/roster.csv").content
    edited = roster.replace(b"A-C0,EAST-A,", b"NOBODY,EAST-A,", 1)
    r = upload(client, csrf, edited, name, "text/csv", True)
    assert r.status_code == 422
    [problem] = re.findall(r"<li><code>(.*?)</code></li>", r.text)
    assert "officer_id" in problem
    assert "NOBODY" in problem


@pytest.mark.parametrize(
    "path",
    [
        "/contracts/EAST-A/report/chart/abc.png",
        "/contracts/EAST-A/notices?version=abc",
    ],
)
def test_a_page_given_a_malformed_number_answers_with_a_page(
    reader: ReadOnlyClient, path: str
) -> None:
    # it answered a browser with FastAPI's JSON validation detail
    login(reader, "planner-ea")
    r = reader.get(path)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "is not a whole number" in r.text
    api = reader.get("/api/contracts/EAST-A/roster", params={"from": "soon"})
    assert api.status_code == 422
    assert api.headers["content-type"] == "application/json"


def test_the_api_roster_reads_its_days_as_every_form_does_and_refuses_in_its_words(
    reader: ReadOnlyClient,
) -> None:
    # from=21/10/2026 was refused (every form and s92 read it), and a day it could not
    # read was answered without the value or the command line's line the README promises
    login(reader, "planner-ea")
    iso = reader.get(
        "/api/contracts/EAST-A/roster", params={"from": "2026-10-21", "to": "2026-10-22"}
    )
    uk = reader.get(
        "/api/contracts/EAST-A/roster", params={"from": "21/10/2026", "to": "22/10/2026"}
    )
    assert iso.status_code == uk.status_code == 200
    assert uk.json() == iso.json()
    assert {r["date"] for r in uk.json()["rows"]} == {"2026-10-21", "2026-10-22"}
    bad = reader.get("/api/contracts/EAST-A/roster", params={"from": "soon", "to": "0001-01-01"})
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {
            "loc": ["query", "from"],
            "field": "from",
            "value": "soon",
            "msg": "not a date YYYY-MM-DD or DD/MM/YYYY",
            "line": "<query>: from: not a date YYYY-MM-DD or DD/MM/YYYY (got 'soon')",
        }
    ]


@pytest.mark.parametrize(
    "path", ["/contracts/EAST-A?month=0000-01", "/contracts/EAST-A/officers/A-C0?month=0000-10"]
)
def test_a_month_of_year_zero_is_no_such_month_not_a_server_error(
    reader: ReadOnlyClient, path: str
) -> None:
    # year 0000 matched the month's pattern and then was no date: a 500
    login(reader, "council-a")
    r = reader.get(path)
    assert r.status_code == 404
    assert "No such month" in r.text


def test_publishing_a_preview_gone_stale_answers_with_a_page_and_stores_nothing(
    client: TestClient, db: Path
) -> None:
    # two previews of one version (two tabs, or two planners); once one is published the
    # other's Publish button, still on screen, is refused with a page saying why
    csrf = login(client, "planner-ea")
    book = sick_day_typed(client)
    jobs = []
    for _ in range(2):
        r = upload(client, csrf, book)
        assert r.status_code == 303
        jobs.append(r.headers["location"])
    assert client.post(f"{jobs[0]}/publish", data={"csrf_token": csrf}).status_code == 200
    with Store(db) as store:
        published = len(store.roster_versions("East"))
    r = client.post(f"{jobs[1]}/publish", data={"csrf_token": csrf})
    assert r.status_code == 409
    assert r.headers["content-type"].startswith("text/html")
    assert "Another roster was published since this preview was made" in r.text
    assert "Publish as the new roster" not in r.text
    assert str(db) not in r.text  # the server's file names are no business of the page
    with Store(db) as store:
        assert len(store.roster_versions("East")) == published


def test_a_void_of_an_entry_the_roster_holds_waits_for_a_re_roster_as_a_new_entry_does(
    client: TestClient, db: Path
) -> None:
    # the published roster keeps a voided sickness until the next re-roster: the grid and
    # the re-roster page must say so, not "every live entry is in the published roster"
    scenario = scenario_of(EAST, "east.toml")
    with Store(db) as store:
        sick = store.add_abstraction(
            NewAbstraction(
                "A-C0",
                "EAST-A",
                date(2026, 10, 26),
                date(2026, 10, 28),
                "sickness",
                "flu",
                "Insp X",
                date(2026, 10, 25),
            )
        )
        base = store.latest_roster("East")
        assert base is not None
        applied = apply_abstractions(base, store.live_abstractions(), scenario)
        assert check_roster(scenario, applied).ok
        store.publish_roster("East", applied, "sickness applied", scenario_text=EAST)
    csrf = login(client, "planner-ea")
    grid = client.get("/contracts/EAST-A?month=2026-10").text
    assert "logged since this roster was published" not in grid  # the sickness is in it
    r = client.post(
        f"/api/entries/{sick}/void", json={"reason": "error"}, headers={"x-csrf-token": csrf}
    )
    assert r.status_code == 201
    voiding = r.json()["id"]
    grid = client.get("/contracts/EAST-A?month=2026-10").text
    assert "1 entry logged since this roster was published" in grid
    outlined = re.findall(r'class="s-[a-z_]+ pending"><a href="/contracts/EAST-A/officers/'
                          r'([^/]+)/([0-9-]+)"', grid)  # fmt: skip
    assert sorted(outlined) == [("A-C0", f"2026-10-{d}") for d in (26, 27, 28)]
    page = client.get("/contracts/EAST-A/reroster").text
    assert "Every live entry is" not in page
    assert f"voids #{sick}" in page
    assert f'<td class="num">{voiding}</td>' in page


def test_a_form_the_store_cannot_take_now_answers_with_a_page(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a command holding the store's write lock (a long import): the planner's form gets a
    # page saying so, not the API's JSON with the server's file name
    monkeypatch.setenv("S92_BUSY_TIMEOUT", "0")
    # no preloading thread at start-up: with no wait for a lock, its connection closing
    # (a checkpoint) could refuse the login itself, now and then on a busy machine
    monkeypatch.setattr("scheduler.web.app._warm", lambda app: None)
    with TestClient(create_app(db)) as client:
        csrf = login(client, "planner-ea")
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            r = client.post(
                "/contracts/EAST-A/feeds/A-C0", data={"action": "create", "csrf_token": csrf}
            )
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "the store is locked by another program" in r.text
    assert str(db) not in r.text


def test_a_form_sent_after_the_session_ended_says_it_was_not_saved(
    client: TestClient, db: Path
) -> None:
    # an hour unused (a phone call mid-form): the entry is not logged, and the login page
    # the planner lands on must say so rather than look like any other login
    csrf = login(client, "planner-ea")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE web_session SET last_seen = '2020-01-01T00:00:00.000+00:00'")
    r = client.post("/entries", data={**ENTRY, "csrf_token": csrf})
    assert r.url.path == "/login"
    assert "not saved" in r.text
    with Store(db) as store:
        assert store.entries() == []
    assert "not saved" not in client.get("/login").text  # only after a lost form
    assert "not saved" not in client.get("/contracts/EAST-A").text  # a page just asks


def test_a_void_refused_names_the_entry_not_the_servers_file(client: TestClient, db: Path) -> None:
    csrf = login(client, "planner-ea")
    added = client.post("/api/entries", json=ENTRY, headers={"x-csrf-token": csrf}).json()["id"]
    form = {"reason": "typed twice", "csrf_token": csrf}
    assert client.post(f"/entries/{added}/void", data=form).status_code == 200
    page = client.post(f"/entries/{added}/void", data={**form, "reason": "wrong day"})
    assert page.status_code == 422
    assert "already voided by #" in page.text
    assert str(db) not in page.text
    r = client.post(
        f"/api/entries/{added}/void", json={"reason": "again"}, headers={"x-csrf-token": csrf}
    )
    assert r.status_code == 422
    assert str(db) not in r.text
