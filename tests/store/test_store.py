"""The store: schema and migrations, append-only log, voiding, idempotent and atomic
writes, roster versions read back identical."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from store_helpers import new, roster, year_roster

from scheduler.errors import InputError
from scheduler.store import Store, default_db_path, schema
from scheduler.store.schema import Migration


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "s92.db"


def raw(db: Path) -> sqlite3.Connection:
    """A plain connection, as any other tool would open the file."""
    return sqlite3.connect(db, isolation_level=None)


# -- schema and migrations -----------------------------------------------------------------


def test_fresh_store_is_wal_with_foreign_keys_and_current_schema(db: Path) -> None:
    with Store(db) as store:
        assert store.schema_version() == schema.MIGRATIONS[-1].version
        assert store.query("PRAGMA foreign_keys")[0][0] == 1
        assert store.query("PRAGMA busy_timeout")[0][0] >= 1000
        assert store.integrity_check() == "ok"
    con = raw(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"schema_version", "roster_version", "abstraction", "live_abstraction"} <= names
    assert "entry_chain" in names


def test_reopening_does_not_migrate_again(db: Path) -> None:
    with Store(db):
        pass
    first = raw(db).execute("SELECT * FROM schema_version").fetchall()
    with Store(db) as store:
        store.add_abstraction(new())
    assert raw(db).execute("SELECT * FROM schema_version").fetchall() == first
    assert len(first) == len(schema.MIGRATIONS)


def test_pending_migration_applies_to_an_existing_store_keeping_its_data(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db) as store:
        entry_id = store.add_abstraction(new())
    released = [(m.version, m.description) for m in schema.MIGRATIONS]
    nxt = schema.MIGRATIONS[-1].version + 1
    v2 = Migration(nxt, "a test table", ("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)",))
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    with Store(db) as store:
        assert store.schema_version() == nxt
        assert [e.id for e in store.entries()] == [entry_id]
        assert store.query("SELECT * FROM note") == []
    versions = raw(db).execute("SELECT version, description FROM schema_version").fetchall()
    assert versions == [*released, (nxt, "a test table")]


def test_a_failing_migration_leaves_the_store_as_it_was(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db):
        pass
    latest = schema.MIGRATIONS[-1].version
    broken = Migration(latest + 1, "half done", ("CREATE TABLE half (id INTEGER)", "NOT SQL"))
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    with pytest.raises(InputError, match="store failed"):
        Store(db)
    con = raw(db)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == latest
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0


def test_a_store_from_a_newer_s92_is_refused(db: Path) -> None:
    with Store(db):
        pass
    future = schema.MIGRATIONS[-1].version + 1
    raw(db).execute(f"INSERT INTO schema_version VALUES ({future}, 'future', '2030-01-01')")
    with pytest.raises(InputError, match="newer s92") as err:
        Store(db)
    assert err.value.problems[0].file == str(db)


@pytest.mark.parametrize("kind", ["text", "foreign sqlite", "directory", "missing folder"])
def test_files_that_are_not_a_store_are_input_errors(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.db"
    if kind == "text":
        path.write_text("officer_id,date\n" * 100)
    elif kind == "foreign sqlite":
        sqlite3.connect(path).execute("CREATE TABLE t (x)")
    elif kind == "directory":
        path.mkdir()
    else:
        path = tmp_path / "no" / "such" / "x.db"
    with pytest.raises(InputError) as err:
        Store(path)
    assert err.value.problems[0].file == str(path)


def test_create_false_refuses_a_missing_file(db: Path) -> None:
    with pytest.raises(InputError, match="no such store file"):
        Store(db, create=False)
    assert not db.exists()


def test_default_path_is_env_then_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("S92_DB", raising=False)
    assert default_db_path() == Path("s92.db")
    with Store() as store:
        assert store.path == Path("s92.db")
    assert (tmp_path / "s92.db").exists()
    monkeypatch.setenv("S92_DB", str(tmp_path / "elsewhere.db"))
    assert default_db_path() == tmp_path / "elsewhere.db"


# -- append-only -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE abstraction SET reason = 'tidied' WHERE id = 1",
        "DELETE FROM abstraction WHERE id = 1",
        "DELETE FROM abstraction",
        "UPDATE roster_version SET note = 'tidied'",
        "DELETE FROM roster_version",
        "INSERT OR REPLACE INTO abstraction (id, officer_id, first_date, last_date, kind, reason,"
        " authorised_by, notified, logged_at) VALUES (1, 'A-01', '2026-05-04', '2026-05-04',"
        " 'court', 'x', 'y', '2026-04-20', 'now')",
        "INSERT OR REPLACE INTO roster_version (id, scenario, published_at, row_count, digest,"
        " rows) VALUES (1, 's', 'now', 0, '', x'00')",
    ],
)
def test_log_and_published_rosters_cannot_be_changed(db: Path, statement: str) -> None:
    with Store(db) as store:
        store.add_abstraction(new(key="k1"))
        store.publish_roster("Test Borough", roster([("2026-05-04", "DUTY", "E")]))
    con = raw(db)
    before = con.execute("SELECT * FROM abstraction").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute(statement)
    assert con.execute("SELECT * FROM abstraction").fetchall() == before
    assert con.execute("SELECT count(*) FROM roster_version").fetchone()[0] == 1


def test_replace_on_a_source_key_cannot_delete_the_original(db: Path) -> None:
    with Store(db) as store:
        store.add_abstraction(new(key="k1"))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw(db).execute(
            "INSERT OR REPLACE INTO abstraction (officer_id, first_date, last_date, kind, reason,"
            " authorised_by, notified, logged_at, source_key) VALUES ('A-01', '2026-06-01',"
            " '2026-06-01', 'court', 'x', 'y', '2026-04-20', 'now', 'k1')"
        )


# -- voiding -----------------------------------------------------------------------------


def test_void_links_both_entries_and_leaves_neither_live(db: Path) -> None:
    with Store(db) as store:
        original = store.add_abstraction(new(start=time(9), end=time(13)))
        other = store.add_abstraction(new("A-02"))
        voiding = store.void(
            original, "trial adjourned", "Ch Insp Brook", notified=date(2026, 5, 1)
        )
        entries = {e.id: e for e in store.entries()}
        assert [e.id for e in store.live_abstractions()] == [other]
        assert [e.id for e in store.entries(include_voided=False)] == [other]
        assert store.live_abstractions(["A-01"]) == []
    assert entries[original].voided_by == voiding
    assert entries[original].voids is None
    v = entries[voiding]
    assert (v.voids, v.voided_by, v.reason, v.authorised_by) == (
        original,
        None,
        "trial adjourned",
        "Ch Insp Brook",
    )
    # the voiding entry describes what it voids
    assert (v.officer_id, v.first_date, v.start, v.end, v.kind) == (
        "A-01",
        date(2026, 5, 4),
        time(9),
        time(13),
        "court",
    )
    assert v.notified == date(2026, 5, 1)


def test_void_defaults_authoriser_to_the_originals_and_notified_to_today(db: Path) -> None:
    with Store(db) as store:
        voiding = store.void(store.add_abstraction(new()), "typed in error")
        v = store.entry(voiding)
    assert v is not None
    assert v.authorised_by == "Insp Okafor"
    assert abs((v.notified - date.today()).days) <= 1


@pytest.mark.parametrize(
    ("target", "message"),
    [("voided", "already voided by #3"), ("voiding", "cannot itself be voided"), (99, "no such")],
)
def test_void_refuses_twice_voiding_entries_and_unknown_ids(
    db: Path, target: str | int, message: str
) -> None:
    with Store(db) as store:
        first = store.add_abstraction(new())
        store.add_abstraction(new("A-02"))
        voiding = store.void(first, "wrong officer")
        entry_id = (
            {"voided": first, "voiding": voiding}[target] if isinstance(target, str) else target
        )
        with pytest.raises(InputError, match=message):
            store.void(entry_id, "again")
        assert len(store.entries()) == 3


def test_triggers_enforce_void_rules_even_for_raw_inserts(db: Path) -> None:
    with Store(db) as store:
        first = store.add_abstraction(new())
        voiding = store.void(first, "wrong")
    con = raw(db)
    con.execute("PRAGMA foreign_keys = ON")
    insert = (
        "INSERT INTO abstraction (officer_id, first_date, last_date, kind, reason,"
        " authorised_by, notified, logged_at, voids) VALUES (?, '2026-05-04', '2026-05-04',"
        " 'court', 'x', 'y', '2026-04-20', 'now', ?)"
    )
    for officer, voids, message in [
        ("A-01", voiding, "cannot be voided"),
        ("A-01", first, "already voided"),
        ("A-01", 999, "no such abstraction"),
    ]:
        with pytest.raises(sqlite3.IntegrityError, match=message):
            con.execute(insert, (officer, voids))
    with Store(db) as store:
        second = store.add_abstraction(new())
    with pytest.raises(sqlite3.IntegrityError, match="officer differs"):
        con.execute(insert, ("A-02", second))


def test_a_voided_entry_frees_its_days(db: Path) -> None:
    with Store(db) as store:
        first = store.add_abstraction(new(last=date(2026, 5, 8)))
        with pytest.raises(InputError, match=f"overlaps live entry #{first}"):
            store.add_abstraction(new(first=date(2026, 5, 6)))
        store.void(first, "dates wrong")
        second = store.add_abstraction(new(first=date(2026, 5, 6)))
        assert [e.id for e in store.live_abstractions()] == [second]


def test_one_officer_id_in_two_contracts_keeps_two_sets_of_entries(db: Path) -> None:
    # two scenarios of one store may both hold an officer A-01 (for two councils): each
    # contract's entries are its own, and one does not block the other's days
    theirs = replace(new(), contract_id="TB-B")
    blank = replace(new(first=date(2026, 6, 1)), contract_id="")  # logged without a scenario
    with Store(db) as store:
        ours = store.add_abstraction(new())
        other = store.add_abstraction(theirs)
        unnamed = store.add_abstraction(blank)
        assert [e.id for e in store.live_abstractions(["A-01"])] == [ours, other, unnamed]
        assert [e.id for e in store.live_abstractions(contracts=["TB-A"])] == [ours, unnamed]
        assert [e.id for e in store.live_abstractions(["A-01"], ["TB-B"])] == [other, unnamed]
        with pytest.raises(InputError, match=f"overlaps live entry #{unnamed}"):
            store.add_abstraction(replace(blank, contract_id="TB-B"))


# -- add_many: atomic and idempotent --------------------------------------------------------


def test_add_many_is_idempotent_by_source_key(db: Path) -> None:
    batch = [new("A-01", key="r1"), new("A-02", key="r2")]
    with Store(db) as store:
        ids = store.add_many(batch)
        assert len(ids) == 2
        assert store.add_many(batch) == []
        assert store.add_abstraction(batch[1]) == ids[1]
        # a repeated key inside one batch is written once
        assert len(store.add_many([new("B-01", key="r3"), new("B-01", key="r3")])) == 1
        assert len(store.entries()) == 3


def test_reimporting_does_not_resurrect_a_voided_entry(db: Path) -> None:
    with Store(db) as store:
        [entry_id] = store.add_many([new(key="r1")])
        store.void(entry_id, "cancelled")
        assert store.add_many([new(key="r1")]) == []
        assert store.live_abstractions() == []


@pytest.mark.parametrize("clash", ["with the log", "within the batch"])
def test_add_many_writes_nothing_when_any_entry_overlaps(db: Path, clash: str) -> None:
    with Store(db) as store:
        store.add_abstraction(new("B-01", date(2026, 7, 1)))
        batch = [new("A-01"), new("A-02"), new("A-01", date(2026, 6, 1))]
        if clash == "with the log":
            batch.append(new("B-01", date(2026, 6, 30), date(2026, 7, 2)))
        else:
            batch.append(new("A-02", date(2026, 5, 1), date(2026, 5, 4)))
        labels = [("import.csv", f"row {n}") for n in range(2, 2 + len(batch))]
        with pytest.raises(InputError) as err:
            store.add_many(batch, labels=labels)
        assert len(store.entries()) == 1
    [problem] = err.value.problems
    assert (problem.file, problem.field) == ("import.csv", "row 5")
    assert ("#1" if clash == "with the log" else "row 3") in problem.message


def test_entries_read_back_as_written(db: Path) -> None:
    stamp = datetime(2026, 5, 1, 9, 30, 15, 123000, tzinfo=UTC)
    with Store(db, now=lambda: stamp) as store:
        entry = new(first=date(2026, 10, 24), start=time(22), end=time(7), key="abc")
        entry_id = store.add_abstraction(entry)
        [got] = store.entries()
    assert got.id == entry_id
    assert got.logged_at == stamp
    assert got.is_live
    for field in ("officer_id", "contract_id", "first_date", "last_date", "kind", "reason"):
        assert getattr(got, field) == getattr(entry, field)
    assert (got.start, got.end, got.notified, got.source_key) == (
        time(22),
        time(7),
        date(2026, 4, 20),
        "abc",
    )
    assert got.days() == [date(2026, 10, 24)]


# -- roster versions -------------------------------------------------------------------------


def test_published_roster_reads_back_identical(db: Path) -> None:
    table = year_roster(12)
    with Store(db) as store:
        version = store.publish_roster("Test Borough", table, note="first cut")
        back = store.roster(version)
    pd.testing.assert_frame_equal(back, table, check_exact=True)
    assert list(back.dtypes) == list(table.dtypes)


def test_odd_columns_and_missing_values_survive(db: Path) -> None:
    table = roster([("2026-10-24", "DUTY", "N"), ("2026-10-25", "REST", "")])
    table["event"] = pd.Series(["", None], dtype=object)  # "" and None stay distinct
    table["hours"] = [10.0, np.nan]
    table["abstraction_id"] = pd.array([12, None], dtype="Int64")
    table["flag"] = [True, False]
    table["note"] = pd.array(["a", None], dtype="string")
    table["count"] = np.array([1, 2], dtype="int32")
    table["text"] = pd.Series(['é ✓ "quoted", comma', "line\nbreak"], dtype="str")
    with Store(db) as store:
        back = store.roster(store.publish_roster("Test Borough", table))
    pd.testing.assert_frame_equal(back, table, check_exact=True)
    assert back["event"].tolist() == ["", None]


def test_a_table_read_from_csv_reads_back_identical(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    year_roster(3, days=30).to_csv(path, index=False)
    table = pd.read_csv(path)  # NaN for empty cells, float hours, etc.
    with Store(db) as store:
        back = store.roster(store.publish_roster("Test Borough", table))
    pd.testing.assert_frame_equal(back, table, check_exact=True)


def test_versions_are_listed_in_order_and_latest_is_the_newest(db: Path) -> None:
    Store(db).close()  # migrated first: the clock below is for the two publications
    times = iter([datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC)])
    one, two = year_roster(2, days=14), year_roster(3, days=14)
    with Store(db, now=lambda: next(times)) as store:
        assert store.latest_roster("Test Borough") is None
        v1 = store.publish_roster("Test Borough", one, note="first")
        v2 = store.publish_roster("Test Borough", two)
        versions = store.roster_versions("Test Borough")
        latest = store.latest_roster("Test Borough")
        assert latest is not None
        pd.testing.assert_frame_equal(latest, two)
        assert store.roster_versions("Elsewhere") == []
    assert [(v.id, v.note, v.row_count) for v in versions] == [(v1, "first", 28), (v2, "", 42)]
    assert versions[0].published_at == datetime(2026, 3, 1, tzinfo=UTC)
    assert versions[0].digest != versions[1].digest


def test_roster_errors(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(InputError, match="no such published roster"):
            store.roster(7)
        with pytest.raises(InputError, match="missing roster column"):
            store.publish_roster("Test Borough", year_roster(1, days=2).drop(columns="state"))
        table = year_roster(1, days=2)
        table["date"] = pd.to_datetime(table["date"]).dt.date
        with pytest.raises(TypeError, match="date"):
            store.publish_roster("Test Borough", table)
        assert store.roster_versions("Test Borough") == []


def test_a_writer_waits_for_the_lock_and_reports_when_it_never_comes(db: Path) -> None:
    Store(db).close()
    holder = raw(db)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    with Store(db, timeout=0.2) as store:
        with pytest.raises(InputError, match=r"locked by another program for over 0\.2 s"):
            store.add_abstraction(new())
        assert store.live_abstractions() == []  # WAL: reading is never blocked
    holder.execute("COMMIT")
    with Store(db, timeout=0.2) as store:
        assert store.add_abstraction(new()) == 1


def test_a_publication_made_on_a_version_no_longer_the_latest_is_refused(db: Path) -> None:
    # two planners publishing previews of one version at the same moment: the check that it
    # is still the latest is made in the write transaction, so the second cannot undo the first
    table = roster([("2026-05-04", "DUTY", "E")])
    with Store(db) as store:
        first = store.publish_roster("Test Borough", table)
        second = store.publish_roster("Test Borough", table, after=first)
        with pytest.raises(InputError, match="another roster was published"):
            store.publish_roster("Test Borough", table, after=first)
        assert [v.id for v in store.roster_versions("Test Borough")] == [first, second]
        with pytest.raises(InputError, match="another roster was published"):
            store.publish_roster("Other", table, after=first)  # none of its own yet


def test_an_entry_logged_without_a_contract_is_its_officers_contract_then(db: Path) -> None:
    """An entry logged without a scenario (or by an s92 that kept no contract on entries)
    while only council A's roster held officer A-01 is A's: council B's roster, published
    later with an A-01 of its own, does not take it. One logged before any roster held the
    officer is the first roster's that did; one logged while both held A-01 stays both's
    (its council cannot be told)."""
    ticks = iter(datetime(2026, 4, 1, 9, n, tzinfo=UTC) for n in range(60))
    ours = roster([("2026-05-04", "DUTY", "E"), ("2026-06-01", "DUTY", "E")])
    theirs = ours.assign(contract_id="TB-B")
    blank = replace(new(), contract_id="")
    with Store(db, now=lambda: next(ticks)) as store:
        early = store.add_abstraction(
            replace(blank, first_date=date(2026, 6, 1), last_date=date(2026, 6, 1))
        )
        store.publish_roster("council A", ours, note="s92 roster")
        logged = store.add_abstraction(
            replace(blank, first_date=date(2026, 5, 4), last_date=date(2026, 5, 4))
        )
        store.publish_roster("council B", theirs, note="s92 roster")
        both = store.add_abstraction(
            replace(blank, first_date=date(2026, 7, 1), last_date=date(2026, 7, 1))
        )
        assert [e.id for e in store.live_abstractions(contracts=["TB-A"])] == [
            early,
            logged,
            both,
        ]
        assert [e.id for e in store.live_abstractions(contracts=["TB-B"])] == [both]
        # council B's A-01 may be away on the day A's A-01 was logged without a contract
        store.add_abstraction(replace(new(), contract_id="TB-B"))
