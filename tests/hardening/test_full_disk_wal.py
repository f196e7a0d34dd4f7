"""What a full disk leaves beside the store, and what it costs: SQLite's ``s92.db-wal``
(empty: the write that failed was rolled back) and ``s92.db-shm`` (its index, cut short).
Nothing is lost in between: the store file alone holds every committed entry and roster.
A second process reading the store while the disk stays full is refused in the same one
line (SQLite needs room for its index to read a WAL store), never shown an old state; once
there is room the next command reads everything and SQLite removes both files."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, fill, run, small_disk, store_state, tiny_toml

FULL = "the disk is full: free some space and run the command again"
SICK = "officer_id,date,kind,reason,authorised_by,notified\nT-C0,2026-10-06,sickness,flu,Sgt A,2026-10-06\n"


def _counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        entries = con.execute("SELECT count(*) FROM abstraction").fetchone()[0]
        versions = con.execute("SELECT count(*) FROM roster_version").fetchone()[0]
    finally:
        con.close()
    return int(entries), int(versions)


def test_the_files_a_full_disk_leaves_lose_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(SICK)
    second.write_text(SICK.replace("2026-10-06", "2026-10-07"))
    with small_disk(tmp_path / "disk", "2m") as disk:
        db = disk / "s92.db"
        argv = ("roster", scenario, "--out", disk / "plan", "--publish", "--db", db, *SOLVE)
        assert run(capsys, *argv).code == 0
        assert run(capsys, "abstract", "import", scenario, first, "--db", db).code == 0
        before = store_state(db)
        assert before == ("ok", 1, 1)
        fill(disk)
        failed = run(capsys, "abstract", "import", scenario, second, "--db", db)
        assert failed.code == 2
        assert failed.err.strip() == f"{db}: {FULL}"
        left = {p.name: p.stat().st_size for p in disk.iterdir() if p.name.startswith("s92.db-")}
        assert left.get("s92.db-wal", 0) == 0  # nothing committed lives only in the WAL
        copy = tmp_path / "copy.db"  # the store file alone, as a backup copying it takes
        shutil.copyfile(db, copy)
        assert _counts(copy) == (1, 1)

        reader = subprocess.run(
            [sys.executable, "-m", "scheduler.cli", "abstract", "list", "--csv", "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert reader.returncode == 2, reader.stdout
        assert reader.stderr.strip() == f"{db}: {FULL}"

        (disk / "ballast").unlink()
        listed = run(capsys, "abstract", "list", "--csv", "--db", db)
        assert listed.code == 0, listed.err
        assert len(listed.out.splitlines()) == 2  # the header and the one entry
        assert sorted(p.name for p in disk.iterdir()) == ["plan", "s92.db"]
        assert store_state(db) == before
        again = run(capsys, "abstract", "import", scenario, second, "--db", db)
        assert again.code == 0, again.err
        assert store_state(db) == ("ok", 2, 1)
