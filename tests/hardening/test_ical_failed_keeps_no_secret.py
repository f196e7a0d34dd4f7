"""An ``s92 ical`` that fails (a full disk, Ctrl-C) leaves the store as it was: no UID
secret made for calendars nobody received. A failed first export kept its new secret, so
the store then refused the folder an older s92 had published (its secret in
``.s92-ical.json``), which it would have adopted: every subscriber's events would have
changed UID, or the planner was told to export elsewhere."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run, snapshot

from scheduler.check import read_roster_csv
from scheduler.export.ical import export_ical
from scheduler.scenario import load_scenario


def _secrets(db: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT secret, origin FROM ical_secret").fetchall()
    finally:
        con.close()


def _uids(calendar: Path) -> list[str]:
    return sorted(x for x in calendar.read_text().splitlines() if x.startswith("UID:"))


def test_a_failed_export_makes_no_secret_and_the_old_folder_is_still_adopted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    scenario, db, roster = tiny.scenario, tiny.db, tiny.roster
    # calendars an older s92 published: the secret in the folder, subscribers holding UIDs
    published = tmp_path / "published"
    export_ical(load_scenario(scenario), read_roster_csv(roster), published)
    before = _uids(published / "officers" / "T-C0.ics")

    real_fsync = os.fsync

    def full(fd: int) -> None:
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    with monkeypatch.context() as patched:
        patched.setattr("scheduler.files.os.fsync", full)
        failed = run(capsys, "ical", scenario, roster, "--out", tmp_path / "new", "--db", db)
    assert failed.code == 2, failed
    assert "disk is full" in failed.err
    assert not (tmp_path / "new").exists()
    assert _secrets(db) == []

    kept = snapshot(published)
    adopted = run(capsys, "ical", scenario, roster, "--out", published, "--db", db)
    assert adopted.code == 0, adopted.err
    assert [origin for _, origin in _secrets(db)] == ["adopted from a published folder"]
    assert _uids(published / "officers" / "T-C0.ics") == before
    assert snapshot(published).keys() == kept.keys()


def test_an_export_that_succeeds_keeps_its_new_secret(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    scenario, db, roster = tiny.scenario, tiny.db, tiny.roster
    first = run(capsys, "ical", scenario, roster, "--out", tmp_path / "a", "--db", db)
    assert first.code == 0, first.err
    [(secret, origin)] = _secrets(db)
    assert origin == "new"
    again = run(capsys, "ical", scenario, roster, "--out", tmp_path / "b", "--db", db)
    assert again.code == 0, again.err
    assert _secrets(db) == [(secret, "new")]
    assert _uids(tmp_path / "a" / "officers" / "T-C0.ics") == _uids(
        tmp_path / "b" / "officers" / "T-C0.ics"
    )
