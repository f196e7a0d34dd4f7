"""``s92 roster --ical --publish`` whose publication fails (another roster published
meanwhile) leaves the store as it was: the calendars' record (a new UID
secret, their SEQUENCE numbers) went in before the publication and stayed when it failed,
so the store then refused the folder an older s92 had published, which it would have
adopted. The record now goes in with the publication, in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, Run, published_tiny, run, tiny_toml


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _roster(tmp_path: Path, out: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    argv = ("roster", scenario, "--out", out, "--ical", "--publish", "--db", db, *SOLVE)
    return run(capsys, *argv)


def test_a_refused_publication_keeps_no_calendar_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = published_tiny(capsys, tmp_path)  # published without calendars: no secret yet
    assert _rows(tiny.db, "SELECT * FROM ical_secret") == []
    # another s92 publishes version 1 while this one, having read none, makes the first
    with monkeypatch.context() as patched:
        patched.setattr("scheduler.commands.roster.previous_version", lambda *_: None)
        failed = _roster(tmp_path, tmp_path / "out", tiny.db, capsys)
    assert failed.code == 2, failed
    assert "another roster was published (version 1)" in failed.err
    assert not (tmp_path / "out" / "ical").exists()
    assert len(_rows(tiny.db, "SELECT * FROM roster_version")) == 1
    assert _rows(tiny.db, "SELECT * FROM ical_secret") == []
    assert _rows(tiny.db, "SELECT * FROM ical_sequence") == []


def test_a_publication_keeps_its_calendar_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s92.db"
    done = _roster(tmp_path, tmp_path / "out", db, capsys)
    assert done.code == 0, done.err
    assert len(_rows(db, "SELECT * FROM roster_version")) == 1
    assert [r[1] for r in _rows(db, "SELECT id, origin FROM ical_secret")] == ["new"]
    assert _rows(db, "SELECT * FROM ical_sequence") != []
    assert (tmp_path / "out" / "ical").is_dir()
