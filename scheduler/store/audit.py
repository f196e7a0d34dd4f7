"""The audit log: who did what and when, append-only (triggers refuse UPDATE and DELETE).

Every change made through ``s92 serve`` and the account commands is recorded here; the
entry log says what was logged and who authorised it, this says which account did it.
Details never hold a password, a session or a token: only names, ids and counts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from scheduler.store.store import Store

SYSTEM = "<command line>"  # the actor of changes made by s92 commands on this machine


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def record(
    conn: sqlite3.Connection, at: str, actor: str, action: str, target: str = "", detail: str = ""
) -> None:
    """One audit row inside a transaction the caller holds (so it commits with the change)."""
    conn.execute(
        "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        (at, actor, action, target, detail),
    )


def log(store: Store, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """One audit row in a transaction of its own."""
    with store.transaction() as conn:
        record(conn, store.stamp(), actor, action, target, detail)


def recent(store: Store, limit: int = 200) -> list[AuditEntry]:
    rows = store.query(
        "SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [AuditEntry(r[0], datetime.fromisoformat(r[1]), *r[2:]) for r in rows]
