"""One audit trail: what the commands write to the store is in the web's audit log as
what the web writes is, each with who did it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import EAST, login, scenario_of

from scheduler.cli import main
from scheduler.export.roster_csv import write_roster_csv
from scheduler.store import Store, apply_abstractions
from scheduler.store.audit import SYSTEM


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    said = capsys.readouterr()
    assert code == 0, said.out + said.err
    return said.out


def _duty_day(db: Path, officer: str) -> date:
    with Store(db) as store:
        roster = store.latest_roster("East")
    assert roster is not None
    mine = roster[(roster["officer_id"] == officer) & (roster["state"] == "DUTY")]
    return date.fromisoformat(str(mine[mine["date"] >= "2026-10-20"]["date"].iloc[0]))


def test_entries_and_publications_made_on_the_command_line_are_in_the_audit_log(
    client: TestClient, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the audit page showed the web's own entries and publications only: a leave logged,
    # an entry voided or a roster published with s92 abstract / s92 publish left no trace
    toml = tmp_path / "east.toml"
    toml.write_text(EAST)
    store_args = ["--db", str(db)]
    with Store(db) as store:
        [(before,)] = store.query("SELECT max(id) FROM audit")
    sick = _duty_day(db, "A-C1")
    _cli(["abstract", "add", str(toml), "--officer", "A-C1", "--date", sick.isoformat(),
          "--kind", "sickness", "--reason", "flu", "--authorised-by", "PS Khan",
          "--notified", sick.isoformat(), *store_args], capsys)  # fmt: skip
    _cli(["abstract", "add", str(toml), "--officer", "A-C2", "--date", "2026-11-16",
          "--to", "2026-11-20", "--kind", "leave", "--reason", "annual leave",
          "--authorised-by", "PS Khan", "--notified", "2026-10-12", *store_args], capsys)  # fmt: skip
    log = tmp_path / "log.csv"
    away = _duty_day(db, "B-C1")  # a tour given up: the roster stays lawful with it applied
    log.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        f"B-C1,{away},leave,long weekend,PS Ali,2026-10-12\n"
    )
    _cli(["abstract", "import", str(toml), str(log), *store_args], capsys)
    with Store(db) as store:
        leave = next(e for e in store.entries() if e.officer_id == "A-C2")
    _cli(["abstract", "void", str(leave.id), "--reason", "leave cancelled", *store_args], capsys)
    with Store(db) as store:
        latest = store.latest_roster("East")
        assert latest is not None
        scenario = scenario_of(EAST, "east.toml")
        # the edit holds every live entry, as s92 publish requires
        applied = apply_abstractions(latest, store.scenario_entries(scenario), scenario)
    edited = write_roster_csv(applied, tmp_path / "edited" / "roster.csv")
    _cli(["publish", str(toml), str(edited), "--notified", "2026-10-12", *store_args], capsys)

    with Store(db) as store:
        rows = store.query(
            "SELECT actor, action, target, detail FROM audit WHERE id > ? ORDER BY id", (before,)
        )
        entries = store.entries()
        version = store.latest_version("East")
    ours = [r for r in rows if r[0] == SYSTEM]
    assert ours == rows
    assert [r[1] for r in ours] == [
        "entry.add", "entry.add", "entry.add", "entry.void", "roster.publish"
    ]  # fmt: skip
    assert ours[0][2:] == (f"#{entries[0].id}", f"A-C1 sickness {sick} (EAST-A)")
    assert ours[3][2:] == (f"#{leave.id}", f"voided by #{entries[-1].id}")
    assert ours[4][2] == "East"
    assert ours[4][3].startswith(f"version {version}")

    login(client, "admin")
    page = client.get("/audit").text
    for _, action, target, _ in ours:
        assert f'<td data-label="what">{action}</td><td data-label="on">{target}</td>' in page
    assert "A-C2 leave 2026-11-16 to 2026-11-20 (EAST-A)" in page


def test_an_entry_logged_on_the_web_is_audited_once_with_its_account(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    body = {"officer_id": "A-C0", "date": "2026-11-24", "kind": "sickness", "reason": "flu",
            "authorised_by": "Insp X", "notified": "2026-11-24"}  # fmt: skip
    r = client.post("/api/entries", json=body, headers={"x-csrf-token": csrf})
    assert r.status_code == 201, r.text
    with Store(db) as store:
        rows = store.query("SELECT actor, action FROM audit WHERE action LIKE 'entry.%'")
    assert rows == [("planner-ea", "entry.add")]


def test_the_audit_log_is_read_a_page_at_a_time_back_to_its_first_action(
    client: TestClient, db: Path
) -> None:
    # the page showed the latest 300 actions and nothing older: one import of a year's
    # entries and the accounts' creation could no longer be seen anywhere
    from datetime import timedelta

    from scheduler.store.entries import NewAbstraction
    from scheduler.web.paging import PAGE_SIZE

    days = [date(2026, 10, 5) + timedelta(days=i) for i in range(56)]
    entries = [
        NewAbstraction(officer, f"EAST-{officer[0]}", d, d, "sickness", "flu", "PS Khan", d)
        for officer in ("A-S0", "A-C0", "A-C1", "A-C2", "B-C0", "B-C1", "B-C2")
        for d in days
    ]
    with Store(db) as store:
        store.add_many(entries)
        [(total,)] = store.query("SELECT count(*) FROM audit")
        [(oldest,)] = store.query("SELECT action FROM audit ORDER BY id LIMIT 1")
    login(client, "admin")
    total += 1  # the login
    pages = -(-total // PAGE_SIZE)
    assert pages > 3
    first = client.get("/audit").text
    assert f"{total:,} actions" in first
    assert f"Page 1 of {pages}" in first
    assert first.count('<td class="nowrap">') == PAGE_SIZE
    last = client.get("/audit", params={"page": str(pages)}).text
    assert last.count('<td class="nowrap">') == total - (pages - 1) * PAGE_SIZE
    assert f'<td data-label="what">{oldest}</td>' in last
    assert 'href="/audit?page=2"' in first
    assert client.get("/audit", params={"page": "x"}).text.count("Page 1 of") == 2
    login(client, "planner-ea")
    assert client.get("/audit", params={"page": "2"}).status_code == 403
