"""The audit trail's backfill (entries and rosters an older s92 left unrecorded) passes
over what ``s92 store verify`` rejects: an entry inserted into the database by hand was
recorded as "entry.add ... recorded later from the entry log", so the trail an auditor
reads vouched for it; a roster edited by hand the same. The legitimate ones are still
recorded, and ``store verify`` still names the tampering."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run

from scheduler.store import Store
from scheduler.store.audit import recent
from scheduler.store.schema import _append_only


def _drop_audit_rows(con: sqlite3.Connection) -> None:
    """As an older s92 left the store: no audit rows."""
    for name in ("audit_no_update", "audit_no_delete"):
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DELETE FROM audit")
    for statement in _append_only("audit", "the audit log"):
        con.execute(statement)


def _insert_by_hand(con: sqlite3.Connection) -> int:
    cursor = con.execute(
        "INSERT INTO abstraction (officer_id, contract_id, first_date, last_date, kind, "
        "reason, authorised_by, notified, logged_at) VALUES "
        "('T-C0', 'T1', '2026-10-14', '2026-10-14', 'leave', 'by hand', 'nobody', "
        "'2026-10-01', '2026-10-01T09:00:00.000Z')"
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _sick(scenario: Path, db: Path) -> list[str]:
    return [
        *("abstract", "add", str(scenario), "--officer", "T-C0", "--date", "2026-10-06"),
        *("--kind", "sickness", "--reason", "flu", "--authorised-by", "PS Khan"),
        *("--notified", "2026-10-06", "--db", str(db)),
    ]


def test_an_entry_inserted_by_hand_is_not_recorded_as_made_by_s92(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    assert run(capsys, *_sick(tiny.scenario, tiny.db)).code == 0
    con = sqlite3.connect(tiny.db)
    try:
        _drop_audit_rows(con)
        forged = _insert_by_hand(con)
        con.commit()
    finally:
        con.close()

    with Store(tiny.db) as store:
        targets = {(e.action, e.target) for e in recent(store)}
    assert ("entry.add", "#1") in targets  # the lawful entry, recorded later
    assert ("roster.publish", "Tiny") in targets
    assert ("entry.add", f"#{forged}") not in targets

    verified = run(capsys, "store", "verify", "--db", tiny.db)
    assert verified.code == 1
    assert f"entry #{forged} added outside s92" in verified.out + verified.err


def test_a_roster_edited_by_hand_is_not_recorded_as_published(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    con = sqlite3.connect(tiny.db)
    try:
        _drop_audit_rows(con)
        for name in ("roster_version_no_update", "roster_version_no_delete"):
            con.execute(f"DROP TRIGGER {name}")
        con.execute("UPDATE roster_version SET rows = ?", (zlib.compress(b"forged"),))
        for statement in _append_only("roster_version", "a published roster"):
            con.execute(statement)
        con.commit()
    finally:
        con.close()

    with Store(tiny.db) as store:
        assert not [e for e in recent(store) if e.action == "roster.publish"]
    verified = run(capsys, "store", "verify", "--db", tiny.db)
    assert verified.code == 1
    assert "roster version #1 edited outside s92" in verified.out + verified.err
