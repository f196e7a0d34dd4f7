"""Worker processes for the concurrency tests (importable by spawned children)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from multiprocessing.synchronize import Barrier
from typing import Any

from scheduler.store import NewAbstraction, Store


def entry(officer: str, n: int) -> NewAbstraction:
    day = date(2026, 1, 1) + timedelta(n)
    return NewAbstraction(
        officer_id=officer,
        contract_id="",
        first_date=day,
        last_date=day,
        kind="court",
        reason=f"hearing {n}",
        authorised_by="Insp Okafor",
        notified=date(2025, 12, 1),
    )


def add_entries(db: str, worker: int, count: int, start: Barrier, results: Any) -> None:
    """Open the (possibly fresh) store when all workers are ready, then add ``count``
    entries one transaction each, with another reader and writer racing."""
    start.wait()
    ids = []
    with Store(db) as store:
        for n in range(count):
            ids.append(store.add_abstraction(entry(f"W{worker}", n)))
            store.live_abstractions([f"W{worker}"])  # a read between writes
            time.sleep(0.002)  # a pause, so the others' busy handlers get the lock in turn
    results.put((worker, ids))


def add_until_killed(db: str, side_file: str, officer: str) -> None:
    """Add entries forever, appending each id to ``side_file`` once its commit returned."""
    with Store(db) as store, open(side_file, "a", encoding="utf-8") as side:
        n = 0
        while True:
            entry_id = store.add_abstraction(entry(officer, n))
            side.write(f"{entry_id}\n")
            side.flush()  # in the OS's hands now: survives SIGKILL of this process
            n += 1


def add_one(db: str, officer: str) -> None:
    """Open the store, add one entry, close it: a command run beside a server."""
    with Store(db) as store:
        store.add_abstraction(entry(officer, 0))
