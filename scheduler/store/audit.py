"""The audit log: who did what and when, append-only (triggers refuse UPDATE and DELETE).

Every change is recorded here, made through ``s92 serve`` or a command: the store itself
records each entry logged or voided and each roster published, in the transaction that
writes it (so one written from the command line is in the trail as one written from the
web is). The entry log says what was logged and who authorised it, this says which
account did it. Details never hold a password, a session or a token: only names, ids and
counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

SYSTEM = "<command line>"  # the actor of changes made by s92 commands on this machine


class Store(Protocol):
    """What the audit log uses of ``scheduler.store.store.Store`` (named so, not imported:
    the store imports this module to record its own writes)."""

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def stamp(self) -> str: ...

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]: ...


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


def recent(store: Store, limit: int = 200, skip: int = 0) -> list[AuditEntry]:
    """The latest ``limit`` actions, newest first, after the ``skip`` latest."""
    rows = store.query(
        "SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ? OFFSET ?",
        (limit, skip),
    )
    return [AuditEntry(r[0], datetime.fromisoformat(r[1]), *r[2:]) for r in rows]


def actions(store: Store) -> int:
    """How many actions the log holds."""
    return int(store.query("SELECT count(*) FROM audit")[0][0])
