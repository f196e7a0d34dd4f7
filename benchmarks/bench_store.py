"""Store checks benchmark: what opening a store (header, ``quick_check``, schema, triggers)
and ``s92 store verify`` (full integrity check, every entry's hash, every roster's digest)
cost on a London-sized store.

    python benchmarks/bench_store.py --versions 12 --entries 5000 --repeat 5

Builds the store in a temporary folder: ``--versions`` published rosters of 330 officers x
365 days (120,450 rows each) and ``--entries`` abstractions, then times, side by side in
one run: opening with every check, the ``quick_check`` alone, a plain SQLite open with a
count (what an open cost before the checks), and ``verify``.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time as clock
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from scheduler.store import NewAbstraction, Store
from scheduler.table import COLUMNS


def london_roster(officers: int = 330, days: int = 365) -> pd.DataFrame:
    first = date(2026, 4, 1)
    rows = [
        {
            "officer_id": f"O-{o:03d}",
            "contract_id": f"C-{o // 15:02d}",
            "rank": "constable",
            "date": (first + timedelta(d)).isoformat(),
            "state": "DUTY" if (o + d) % 7 > 1 else "REST",
            "shift": "E" if (o + d) % 7 > 1 else "",
            "start": f"{(first + timedelta(d)).isoformat()}T07:00:00+01:00",
            "end": f"{(first + timedelta(d)).isoformat()}T15:00:00+01:00",
            "hours": 8.0,
            "event": "",
        }
        for o in range(officers)
        for d in range(days)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def build(db: Path, versions: int, entries: int) -> None:
    roster = london_roster()
    with Store(db) as store:
        for _ in range(versions):
            store.publish_roster("London", roster)
        store.add_many(
            NewAbstraction(
                f"O-{n % 330:03d}",
                "",
                date(2026, 4, 1) + timedelta(n // 330),
                date(2026, 4, 1) + timedelta(n // 330),
                "court",
                f"hearing {n}",
                "Insp Lane",
                date(2026, 3, 1),
            )
            for n in range(entries)
        )


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    seconds = []
    for _ in range(repeat):
        start = clock.perf_counter()
        action()
        seconds.append(clock.perf_counter() - start)
    return min(seconds), statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--versions", type=int, default=12)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s92.db"
        build(db, args.versions, args.entries)
        print(
            f"store: {db.stat().st_size / 1e6:.1f} MB, {args.versions} rosters, {args.entries} entries"
        )

        def plain() -> None:
            con = sqlite3.connect(db)
            con.execute("SELECT count(*) FROM abstraction").fetchone()
            con.close()

        def quick() -> None:
            con = sqlite3.connect(db)
            con.execute("PRAGMA quick_check").fetchall()
            con.close()

        def checked() -> None:
            Store(db, create=False).close()

        def verify() -> None:
            with Store(db, create=False) as store:
                assert store.verify().ok

        for label, action in (
            ("plain SQLite open + count", plain),
            ("PRAGMA quick_check alone", quick),
            ("Store open, every check", checked),
            ("store verify", verify),
        ):
            best, median = timed(action, args.repeat)
            print(f"{label:28s} best {best * 1000:8.1f} ms   median {median * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
