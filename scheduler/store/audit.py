"""The audit log: who did what and when, append-only (triggers refuse UPDATE and DELETE).

Every change is recorded here, made through ``s92 serve`` or a command: the store itself
records each entry logged or voided and each roster published, in the transaction that
writes it (so one written from the command line is in the trail as one written from the
web is). The entry log says what was logged and who authorised it, this says which
account did it. Details never hold a password, a session or a token: only names, ids and
counts.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from scheduler.store import chain

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


# An action made before the store recorded commands' changes (s92 before the one audit
# trail) is recorded when a store is next opened for writing, from the entry log and the
# published rosters, at the time it was made, and says so: an auditor reading the trail
# finds every entry and publication in it, and can tell which were recorded afterwards.
RECORDED_LATER = "recorded later from the {source}: made before s92 recorded commands here"

# each table read once and matched here: a correlated subquery scanned the whole audit log
# for every entry, seconds on each opening of a store with a few thousand
_RECORDED = """SELECT action, target, detail FROM audit
    WHERE action IN ('entry.add', 'entry.void', 'roster.publish')"""
_ENTRIES = """SELECT id, officer_id, contract_id, first_date, last_date, kind, logged_at, voids
    FROM abstraction ORDER BY id"""
_VERSIONS = "SELECT id, scenario, published_at, note FROM roster_version ORDER BY id"
_VERSION_DETAIL = re.compile(r"^version (\d+)(?::|$)")


def entry_detail(officer_id: str, kind: str, first: str, last: str, contract_id: str) -> str:
    """An entry as the audit log names it: officer, kind, days and contract."""
    days = first if last == first else f"{first} to {last}"
    return f"{officer_id} {kind} {days}" + (f" ({contract_id})" if contract_id else "")


def publish_detail(version: int, note: str) -> str:
    return f"version {version}: {note}" if note else f"version {version}"


def unrecorded(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(at, action, target, detail) of each entry logged or voided and each roster
    published that the audit log does not hold, oldest first; not one ``s92 store verify``
    rejects (an entry inserted or edited by hand, a roster edited): recorded as made by s92,
    tampering would read as lawful history in the trail an auditor trusts."""
    found = _unrecorded(conn)
    if not found:
        return found
    entries = {f"#{b.entry_id}" for b in chain.verify(conn).breaks}
    versions = {b.entry_id for b in chain.roster_breaks(conn)}
    return [f for f in found if not _tampered(f, entries, versions)]


def _tampered(found: tuple[str, str, str, str], entries: set[str], versions: set[int]) -> bool:
    _, action, target, detail = found
    if action == "roster.publish":
        named = _VERSION_DETAIL.match(detail)
        return named is not None and int(named.group(1)) in versions
    voided_by = re.match(r"voided by (#\d+)", detail)
    return target in entries or (voided_by is not None and voided_by.group(1) in entries)


def _unrecorded(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    entries: set[tuple[str, str]] = set()
    versions: set[int] = set()
    for action, target, detail in conn.execute(_RECORDED):
        if action == "roster.publish":
            named = _VERSION_DETAIL.match(detail)
            if named:
                versions.add(int(named.group(1)))
        else:
            entries.add((action, target))
    found = []
    for entry_id, officer, contract, first, last, kind, at, voids in conn.execute(_ENTRIES):
        action = "entry.add" if voids is None else "entry.void"
        if (action, f"#{entry_id if voids is None else voids}") in entries:
            continue
        if voids is None:
            detail = entry_detail(officer, kind, first, last, contract)
            found.append((at, "entry.add", f"#{entry_id}", detail))
        else:
            found.append((at, "entry.void", f"#{voids}", f"voided by #{entry_id}"))
    later = RECORDED_LATER.format(source="entry log")
    found = [(at, action, target, f"{detail}; {later}") for at, action, target, detail in found]
    published = RECORDED_LATER.format(source="published rosters")
    for version, scenario, at, note in conn.execute(_VERSIONS):
        if version in versions:
            continue
        detail = f"{publish_detail(version, note)}; {published}"
        found.append((at, "roster.publish", scenario, detail))
    return sorted(found)


def record_unrecorded(conn: sqlite3.Connection) -> int:
    """Record, inside the caller's write transaction, what ``unrecorded`` finds; how many."""
    found = unrecorded(conn)
    for at, action, target, detail in found:
        record(conn, at, SYSTEM, action, target, detail)
    return len(found)
