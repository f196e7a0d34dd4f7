"""Real processes writing the store at once, and one killed mid-write."""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
import time
from pathlib import Path

from store_workers import add_entries, add_one, add_until_killed, entry

from scheduler.store import Store, schema

SPAWN = multiprocessing.get_context("spawn")  # no inherited connections or locks


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_four_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s92.db"  # fresh: the workers also race to create and migrate it
    workers, each = 4, 25
    start, results = SPAWN.Barrier(workers), SPAWN.Queue()
    procs = [
        SPAWN.Process(target=add_entries, args=(str(db), w, each, start, results))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    returned = dict(results.get(timeout=45) for _ in procs)
    for p in procs:
        p.join(timeout=10)
        assert p.exitcode == 0
    ids = [i for w in range(workers) for i in returned[w]]
    assert len(ids) == len(set(ids)) == workers * each
    with Store(db) as store:
        entries = store.entries()
        assert store.schema_version() == schema.MIGRATIONS[-1].version
    assert sorted(e.id for e in entries) == sorted(ids)
    assert {e.officer_id for e in entries} == {f"W{w}" for w in range(workers)}
    # the writes really interleaved: more than the 3 hand-overs of 4 workers taking turns
    order = [e.officer_id for e in entries]
    assert sum(a != b for a, b in itertools.pairwise(order)) > workers - 1
    assert integrity(db) == "ok"


def test_a_writer_killed_mid_write_leaves_every_committed_entry(tmp_path: Path) -> None:
    db, side = tmp_path / "s92.db", tmp_path / "committed.txt"
    Store(db).close()
    ours: set[int] = set()  # entries this test adds between kills
    for round_, wait_for in enumerate((15, 40, 70)):
        proc = SPAWN.Process(target=add_until_killed, args=(str(db), str(side), f"K{round_}"))
        proc.start()
        deadline = time.monotonic() + 30
        while len(_committed(side)) < wait_for and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.kill()  # SIGKILL: no cleanup, possibly inside a transaction
        proc.join(timeout=10)
        assert proc.exitcode == -9
        assert integrity(db) == "ok"
        committed = _committed(side)
        assert len(committed) >= wait_for
        with Store(db) as store:
            logged = {e.id for e in store.entries()} - ours
            assert committed <= logged
            # each kill may land between a commit and its line in the side file
            assert len(logged - committed) <= round_ + 1
            ours.add(
                store.add_abstraction(entry(f"after-{round_}", 0))
            )  # the lock died with the kill
    assert integrity(db) == "ok"


def _committed(side: Path) -> set[int]:
    if not side.exists():
        return set()
    text = side.read_text(encoding="utf-8")
    return {int(line) for line in text.split("\n")[:-1]}  # a torn last line is not counted


def test_a_second_store_opened_in_a_process_keeps_the_firsts_locks(tmp_path: Path) -> None:
    """A server keeps a Store per thread; opening one must not drop the locks the others
    hold, or a command closing the store in another process takes itself for the last
    user and removes the WAL and its index from under them (SQLite's warning about
    close() on a file it has open)."""
    db = tmp_path / "s92.db"
    Store(db).close()
    with Store(db) as kept, Store(db) as other:
        kept.add_abstraction(entry("K", 1))
        for officer in ("C", "D"):  # commands run and exit while the server's stores are open
            proc = SPAWN.Process(target=add_one, args=(str(db), officer))
            proc.start()
            proc.join(timeout=30)
            assert proc.exitcode == 0
            assert Path(f"{db}-wal").exists()  # the server still has it open
        kept.add_abstraction(entry("K", 2))
        other.reconnect()
        assert sorted(e.officer_id for e in other.entries()) == ["C", "D", "K", "K"]
    assert integrity(db) == "ok"
