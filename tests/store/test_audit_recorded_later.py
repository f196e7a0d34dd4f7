"""Entries logged, voided and rosters published on the command line before s92 recorded
commands in the audit trail had no row there: a council's auditor reading the admin's
audit log found leave, sickness and publications the trail did not account for. A store
opened for writing now records them, from the entry log and the published rosters, at the
time each was made and marked as recorded later; once, and never in a reader's way."""

from __future__ import annotations

import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run

from scheduler.store import Store
from scheduler.store.audit import SYSTEM, recent, unrecorded
from scheduler.store.entries import NewAbstraction
from scheduler.store.schema import _append_only


def _as_before_the_audit_trail(db: Path) -> None:
    """The store as an older s92 left it: the same log and rosters, no audit rows."""
    con = sqlite3.connect(db)
    try:
        for name in ("audit_no_update", "audit_no_delete"):
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DELETE FROM audit")
        for statement in _append_only("audit", "the audit log"):
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _sick(scenario: Path, db: Path, day: str) -> list[str]:
    return [
        *("abstract", "add", str(scenario), "--officer", "T-C0", "--date", day),
        *("--kind", "sickness", "--reason", "flu", "--authorised-by", "PS Khan"),
        *("--notified", day, "--db", str(db)),
    ]


def test_what_an_older_s92_left_unrecorded_is_recorded_once_marked_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    assert run(capsys, *_sick(tiny.scenario, tiny.db, "2026-10-06")).code == 0
    assert run(capsys, *_sick(tiny.scenario, tiny.db, "2026-10-08")).code == 0
    voided = run(capsys, "abstract", "void", "1", "--reason", "typed twice", "--db", tiny.db)
    assert voided.code == 0, voided.err
    with Store(tiny.db) as store:
        made = {(e.action, e.target, e.at) for e in recent(store)}
        logged = {e.id: e.logged_at for e in store.entries()}
        [(published_at,)] = store.query("SELECT published_at FROM roster_version")
    _as_before_the_audit_trail(tiny.db)

    with Store(tiny.db) as store:
        trail = recent(store)
    assert {(e.action, e.target, e.at) for e in trail} == made  # each at the time it was made
    assert {e.actor for e in trail} == {SYSTEM}
    assert all("recorded later from the" in e.detail for e in trail)
    add = next(e for e in trail if e.action == "entry.add" and e.target == "#2")
    assert add.detail.startswith("T-C0 sickness 2026-10-08 (T1); recorded later from the entry")
    void = next(e for e in trail if e.action == "entry.void")
    assert (void.target, void.at) == ("#1", logged[3])
    publish = next(e for e in trail if e.action == "roster.publish")
    assert (publish.target, publish.at.isoformat(timespec="milliseconds")) == (
        "Tiny",
        published_at.replace("Z", "+00:00"),
    )
    assert add.at == logged[2]

    with Store(tiny.db) as store:  # once: opened again, nothing more
        assert len(recent(store)) == len(trail)
    # what is logged from now on is recorded as it is made, not again later
    assert run(capsys, *_sick(tiny.scenario, tiny.db, "2026-10-12")).code == 0
    with Store(tiny.db) as store:
        now = recent(store)
    assert len(now) == len(trail) + 1
    assert "recorded later" not in now[0].detail


def test_a_store_another_writer_holds_is_read_at_once_and_recorded_later(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    _as_before_the_audit_trail(tiny.db)
    monkeypatch.setenv("S92_BUSY_TIMEOUT", "30")
    writer = sqlite3.connect(tiny.db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another command's write under way
        started = time.monotonic()
        with Store(tiny.db, create=False) as store:  # a reader: not kept waiting for it
            assert recent(store) == []
            assert store.latest_roster("Tiny") is not None
        assert time.monotonic() - started < 25  # far under the 30 s a writer would wait
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with Store(tiny.db) as store:
        assert [e.action for e in recent(store)] == ["roster.publish"]


def test_looking_for_unrecorded_actions_grows_with_the_log_not_its_square(
    tmp_path: Path,
) -> None:
    # it runs at every opening: a query comparing each entry with the whole audit log took
    # seconds on a store of a few thousand entries
    def steps(n: int) -> int:
        db = tmp_path / f"{n}.db"
        with Store(db) as store:
            store.add_many(
                NewAbstraction("A-01", "C1", d, d, "sickness", "flu", "PS Khan", d)
                for d in (date(2026, 1, 1) + timedelta(days=i) for i in range(n))
            )
        con = sqlite3.connect(db)
        count = [0]

        def step() -> int:
            count[0] += 1
            return 0

        con.set_progress_handler(step, 100)  # every 100 SQLite instructions
        try:
            assert unrecorded(con) == []
        finally:
            con.close()
        return count[0]

    small, large = steps(300), steps(600)
    assert large < 2.5 * small
