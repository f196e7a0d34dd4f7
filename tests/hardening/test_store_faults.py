"""Faults of the store and its disk, simulated for real: an empty or foreign file, a page
overwritten, a lock held by another connection, a read-only file system and a full one
(small tmpfs). Each is one line naming the file and what to do, exit 2, no traceback, and
the store's integrity and entries unchanged."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hardening_helpers import (
    SOLVE,
    fill,
    remount_read_only,
    run,
    small_disk,
    snapshot,
    store_state,
    tiny_toml,
)

from scheduler.errors import InputError
from scheduler.store import NewAbstraction, Store
from scheduler.store.connect import TIMEOUT_ENV_VAR

ADD = (
    "abstract",
    "add",
    "--officer",
    "T-C0",
    "--date",
    "2026-10-08",
    "--kind",
    "court",
    "--reason",
    "hearing",
    "--authorised-by",
    "Insp Lane",
    "--notified",
    "2026-09-01",
    "--start",  # own times: without a scenario no roster says which tour it would keep
    "09:00",
    "--end",
    "17:00",
)


def entry(n: int, reason: str = "hearing") -> NewAbstraction:
    day = date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + n)
    return NewAbstraction("T-C0", "", day, day, "court", reason, "Insp Lane", date(2025, 12, 1))


def seeded(db: Path, entries: int = 3, reason: str = "hearing") -> None:
    with Store(db) as store:
        store.add_many([entry(n, reason) for n in range(entries)])


def one_line(result_err: str, *needles: str) -> None:
    lines = result_err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result_err
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- files that are no store -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is an empty file, not an s92 store"),
        (b"officer_id,date\nT-C0,2026-10-08\n" * 50, "not an s92 store (not an SQLite database)"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "not an s92 store"),
    ],
)
def test_a_file_that_is_no_store_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    db = tmp_path / "s92.db"
    db.write_bytes(content)
    for argv in (("abstract", "list", "--db", db), (*ADD, "--db", db)):
        result = run(capsys, *argv)
        assert result.code == 2
        one_line(result.err, str(db), message)
    assert db.read_bytes() == content  # not turned into a store


def test_another_programs_sqlite_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    result = run(capsys, *ADD, "--db", db)
    assert result.code == 2
    one_line(result.err, str(db), "not an s92 store")
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")}
    assert names == {"customers"}


def test_a_new_store_appears_whole(tmp_path: Path) -> None:
    db = tmp_path / "s92.db"
    Store(db).close()
    assert db.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s92.db"]  # no temporary left


# -- damage ---------------------------------------------------------------------------------


def corrupt_a_data_page(db: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    page = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    size = db.stat().st_size
    assert size >= 6 * page
    with db.open("r+b") as handle:
        handle.seek((size // page // 2) * page)
        handle.write(b"\xa5" * page)


def test_a_damaged_store_is_refused_and_verify_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s92.db"
    seeded(db, entries=120, reason="a long reason " * 30)
    corrupt_a_data_page(db)
    before = db.read_bytes()
    for argv in (("abstract", "list", "--db", db), (*ADD, "--db", db)):
        result = run(capsys, *argv)
        assert result.code == 2
        one_line(result.err, str(db), "damaged", "restore it from a backup")
        # SQLite's finding, not the heading its report starts with, which says nothing
        assert "*** in database" not in result.err
        assert "page" in result.err.lower()
    verify = run(capsys, "store", "verify", "--db", db)
    assert verify.code == 1
    assert "Traceback" not in verify.err
    assert "damaged" in verify.out
    assert "NOT as s92 wrote it" in verify.out
    assert db.read_bytes() == before


# -- locks ----------------------------------------------------------------------------------


def test_a_store_locked_past_the_timeout_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s92.db"
    seeded(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    monkeypatch.setenv(TIMEOUT_ENV_VAR, "0.2")
    try:
        result = run(capsys, *ADD, "--db", db)
        assert result.code == 2
        one_line(result.err, str(db), "locked by another program for over 0.2 s")
        listed = run(capsys, "abstract", "list", "--csv", "--db", db)
        assert listed.code == 0
        assert len(listed.out.splitlines()) == 4  # readers still read
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store_state(db) == ("ok", 3, 0)


def test_a_bad_timeout_setting_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_ENV_VAR, "soon")
    result = run(capsys, *ADD, "--db", tmp_path / "s92.db")
    assert result.code == 2
    one_line(result.err, f"${TIMEOUT_ENV_VAR}", "'soon'")


# -- read-only and full disks (real file systems) -------------------------------------------


def test_a_read_only_store_is_read_but_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    with small_disk(tmp_path / "ro", "4m") as disk:
        db = disk / "s92.db"
        seeded(db)
        remount_read_only(disk)
        listed = run(capsys, "abstract", "list", "--csv", "--db", db)
        assert listed.code == 0
        assert len(listed.out.splitlines()) == 4
        added = run(capsys, *ADD, "--db", db)
        assert added.code == 2
        one_line(added.err, str(db), "cannot be written")

        solved: list[object] = []
        monkeypatch.setattr(
            "scheduler.commands.roster.roster_scenario", lambda *a, **k: solved.append(a)
        )
        out = tmp_path / "out"
        published = run(capsys, "roster", scenario, "--out", out, "--publish", "--db", db, *SOLVE)
        assert published.code == 2
        one_line(published.err, str(db), "cannot be written")
        assert solved == []
        assert not out.exists()  # refused before the solve and any file
        assert store_state(db) == ("ok", 3, 0)


def test_a_full_disk_leaves_the_store_and_the_output_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    rows = "officer_id,date,end_date,kind,reason,authorised_by,notified\n" + "".join(
        f"T-C{n % 2},2026-10-{5 + n // 2:02d},,court,{'hearing ' * 200},Insp Lane,2026-09-01\n"
        for n in range(20)
    )
    big = tmp_path / "big.csv"
    big.write_text(rows)
    with small_disk(tmp_path / "full", "2m") as disk:
        db = disk / "s92.db"
        run(capsys, "roster", scenario, "--out", disk / "plan", "--publish", "--db", db, *SOLVE)
        before = store_state(db)
        assert before == ("ok", 0, 1)
        fill(disk)
        imported = run(capsys, "abstract", "import", scenario, big, "--db", db)
        assert imported.code == 2
        one_line(imported.err, str(db), "disk is full")
        report_out = disk / "report"
        reported = run(
            capsys, "report", scenario, "--period", "2026-10", "--out", report_out, "--db", db
        )
        assert reported.code == 2
        assert "Traceback" not in reported.err
        assert "disk is full" in reported.err
        assert snapshot(report_out) == {}  # no 0-byte report.csv, no empty folder
        (disk / "ballast").unlink()
        assert store_state(db) == before


def test_a_failed_write_anywhere_leaves_no_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same fault without a tmpfs: every staged write fails as on a full disk."""
    import errno

    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    db = tmp_path / "s92.db"
    assert (
        run(
            capsys, "roster", scenario, "--out", tmp_path / "plan", "--publish", "--db", db, *SOLVE
        ).code
        == 0
    )

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    out = tmp_path / "report"
    result = run(capsys, "report", scenario, "--period", "2026-10", "--out", out, "--db", db)
    assert result.code == 2
    one_line(result.err, "disk is full")
    assert snapshot(out) == {}


# -- tampering and s92 store verify ---------------------------------------------------------


def tamper(db: Path, *statements: str) -> None:
    """Edit the log as someone with the sqlite3 shell would: drop the triggers, change,
    put the triggers back."""
    con = sqlite3.connect(db, isolation_level=None)
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        con.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        con.execute(statement)
    for _, sql in triggers:
        con.execute(sql)
    con.close()


@pytest.mark.parametrize(
    ("statements", "first"),
    [
        (["UPDATE abstraction SET reason = 'nothing happened' WHERE id = 3"], "#3"),
        (["UPDATE abstraction SET last_date = '2026-01-09' WHERE id = 2"], "#2"),
        (["DELETE FROM abstraction WHERE id = 4", "DELETE FROM entry_chain WHERE id = 4"], "#4"),
        (["DELETE FROM abstraction WHERE id = 2"], "#2"),
        (["DELETE FROM abstraction WHERE id = 5", "DELETE FROM entry_chain WHERE id = 5"], "#5"),
        (
            [
                "INSERT INTO abstraction (officer_id, first_date, last_date, kind, reason, "
                "authorised_by, notified, logged_at) VALUES ('T-C1', '2026-03-01', "
                "'2026-03-01', 'court', 'x', 'y', '2026-01-01', 'now')"
            ],
            "#6",
        ),
    ],
    ids=["edited reason", "edited date", "removed", "removed row only", "removed last", "added"],
)
def test_verify_names_the_first_entry_changed_outside_s92(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], statements: list[str], first: str
) -> None:
    db = tmp_path / "s92.db"
    seeded(db, entries=5)
    clean = run(capsys, "store", "verify", "--db", db)
    assert clean.code == 0
    assert clean.out.strip().endswith("ok")
    tamper(db, *statements)
    result = run(capsys, "store", "verify", "--db", db)
    assert result.code == 1
    assert f"first broken entry: {first}" in result.out
    assert "NOT as s92 wrote it" in result.out


def test_verify_sees_an_edited_published_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    db = tmp_path / "s92.db"
    assert (
        run(
            capsys, "roster", scenario, "--out", tmp_path / "o", "--publish", "--db", db, *SOLVE
        ).code
        == 0
    )
    tamper(db, "UPDATE roster_version SET rows = zeroblob(10) WHERE id = 1")
    result = run(capsys, "store", "verify", "--db", db)
    assert result.code == 1
    assert "roster version #1 edited outside s92" in result.out


def test_dropped_triggers_stop_every_command_until_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s92.db"
    seeded(db)
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER abstraction_no_update")
    con.commit()
    con.close()
    result = run(capsys, "abstract", "list", "--db", db)
    assert result.code == 2
    one_line(result.err, str(db), "trigger abstraction_no_update is missing")
    verify = run(capsys, "store", "verify", "--db", db)
    assert verify.code == 1
    assert "abstraction_no_update is missing" in verify.out
    # s92 roster --ical reads the calendars' secret from the store: refused before the solve
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    out = tmp_path / "plan"
    rostered = run(capsys, "roster", scenario, "--out", out, "--ical", "--db", db, *SOLVE)
    assert rostered.code == 2
    one_line(rostered.err, str(db), "trigger abstraction_no_update is missing")
    assert "Roster:" not in rostered.err  # no solve, no summary
    assert snapshot(out) == {}


def test_a_version_1_store_migrates_and_chains_its_entries(tmp_path: Path) -> None:
    from scheduler.store import schema

    db = tmp_path / "old.db"
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute(schema.SCHEMA_VERSION_TABLE)
    for statement in schema.MIGRATIONS[0].statements:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', '2026-01-01T00:00:00+00:00')")
    for n in range(1, 4):
        con.execute(
            "INSERT INTO abstraction (officer_id, first_date, last_date, kind, reason, "
            "authorised_by, notified, logged_at) VALUES ('T-C0', ?, ?, 'court', 'old', "
            "'Insp Lane', '2026-01-01', '2026-01-02T00:00:00+00:00')",
            (f"2026-02-0{n}", f"2026-02-0{n}"),
        )
    con.close()
    with Store(db) as store:
        assert store.schema_version() == schema.MIGRATIONS[-1].version
        report = store.verify()
        assert report.ok
        assert report.chain.entries == 3
        assert report.chain.head_id == 3
        new_id = store.add_abstraction(entry(100))
        assert store.verify().ok
        assert store.verify().chain.head_id == new_id == 4
    tamper(db, "UPDATE abstraction SET reason = 'changed' WHERE id = 1")
    with Store(db) as store:
        broken = store.verify()
    assert not broken.ok
    assert broken.chain.breaks[0].entry_id == 1


def test_a_store_that_cannot_be_opened_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        Store(tmp_path / "missing" / "s92.db")


def test_a_text_byte_gone_bad_is_named_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A flipped byte inside an entry's text: SQLite's checks pass, the text is no longer
    UTF-8. Commands refuse the store; verify names the entry (found by the fuzz suite)."""
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.add_many([entry(0), entry(1, "MARKER-REASON"), entry(2)])
    raw = bytearray(db.read_bytes())
    at = raw.index(b"MARKER-REASON")
    raw[at] = 0x80
    db.write_bytes(bytes(raw))
    listed = run(capsys, "abstract", "list", "--db", db)
    assert listed.code == 2
    one_line(listed.err, str(db), "damaged (text that is not UTF-8)")
    verify = run(capsys, "store", "verify", "--db", db)
    assert verify.code == 1
    assert "first broken entry: #2" in verify.out
