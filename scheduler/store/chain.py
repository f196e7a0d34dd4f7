"""The entry log's hash chain: each entry's hash covers its content and the hash of the
entry before it, so an entry edited or removed outside s92 shows.

The triggers stop a change made by mistake; the chain shows one made on purpose (the
triggers dropped, a row edited, the triggers put back). ``verify`` recomputes every hash;
``Store`` calls ``link`` for each entry it logs, inside the transaction that logs it.
An edit that also recomputes every later hash is caught only by comparing the head
hash (``s92 store verify`` prints it) with a copy kept elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

FORMAT = "s92-entry-v1"
GENESIS = "0" * 64  # the "previous hash" of the first entry
# Every column of an entry, in the order hashed. A migration adding a column to the
# abstraction table must hash it too: a new FORMAT, with old entries kept as they were.
COLUMNS: tuple[str, ...] = (
    "id",
    "officer_id",
    "contract_id",
    "first_date",
    "last_date",
    "start",
    '"end"',
    "kind",
    "reason",
    "authorised_by",
    "notified",
    "logged_at",
    "voids",
    "source_key",
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM abstraction"


def entry_hash(previous: str, row: Sequence[object]) -> str:
    """sha256 of the format, the previous entry's hash and the entry's columns (as stored)."""
    payload = json.dumps([FORMAT, previous, *row], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """The last chained entry's id and hash; (0, GENESIS) for an empty log."""
    row = conn.execute("SELECT id, hash FROM entry_chain ORDER BY id DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def link(conn: sqlite3.Connection, entry_id: int, previous: str) -> str:
    """Chain the entry just inserted (read back, so it is hashed exactly as stored)."""
    row = conn.execute(f"{_SELECT} WHERE id = ?", (entry_id,)).fetchone()
    digest = entry_hash(previous, row)
    conn.execute("INSERT INTO entry_chain (id, hash) VALUES (?, ?)", (entry_id, digest))
    return digest


def chain_existing(conn: sqlite3.Connection) -> None:
    """Migration 2: chain the entries logged before the chain existed, in id order."""
    previous = GENESIS
    for row in conn.execute(f"{_SELECT} ORDER BY id").fetchall():
        previous = entry_hash(previous, row)
        conn.execute("INSERT INTO entry_chain (id, hash) VALUES (?, ?)", (row[0], previous))


@dataclass(frozen=True)
class Break:
    """Where the log stops being what s92 wrote: the entry id and what is wrong."""

    entry_id: int
    message: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head_id: int
    head_hash: str
    breaks: list[Break]


def verify(conn: sqlite3.Connection) -> ChainReport:
    """Every entry's hash recomputed from the stored hash before it (so one edit names one
    entry), ids checked for gaps, and the log's end checked against SQLite's own counter."""
    entries = {int(r[0]): tuple(r) for r in conn.execute(f"{_SELECT} ORDER BY id")}
    hashes = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, hash FROM entry_chain")}
    breaks: list[Break] = []
    previous, expected_id = GENESIS, 1
    for entry_id in sorted(set(entries) | set(hashes)):
        if entry_id > expected_id:
            gone = _ids(expected_id, entry_id - 1)
            breaks.append(Break(expected_id, f"{gone} removed outside s92"))
        expected_id = entry_id + 1
        row, stored = entries.get(entry_id), hashes.get(entry_id)
        if row is None:
            breaks.append(Break(entry_id, f"entry #{entry_id} removed outside s92"))
        elif stored is None:
            breaks.append(Break(entry_id, f"entry #{entry_id} added outside s92 (no hash)"))
        elif entry_hash(previous, row) != stored:
            breaks.append(
                Break(entry_id, f"entry #{entry_id} edited outside s92 (its hash does not match)")
            )
        previous = stored if stored is not None else previous
    last = max(entries, default=0)
    counter = _sequence(conn, "abstraction")
    if counter > max(last, max(hashes, default=0)):
        breaks.append(
            Break(
                last + 1,
                f"{_ids(last + 1, counter)} removed outside s92 (the log reached #{counter})",
            )
        )
    head_id = max(hashes, default=0)
    return ChainReport(len(entries), head_id, hashes.get(head_id, GENESIS), breaks)


def roster_breaks(conn: sqlite3.Connection) -> list[Break]:
    """Published rosters whose rows no longer match the digest taken when published."""
    breaks = []
    last = 0
    for version_id, digest, blob in conn.execute(
        "SELECT id, digest, rows FROM roster_version ORDER BY id"
    ):
        last = int(version_id)
        try:
            raw = zlib.decompress(blob)
        except (zlib.error, TypeError):
            raw = b""
        if hashlib.sha256(raw).hexdigest() != digest:
            breaks.append(Break(last, f"roster version #{last} edited outside s92"))
    counter = _sequence(conn, "roster_version")
    if counter > last:
        breaks.append(
            Break(last + 1, f"roster {_ids(last + 1, counter, 'version')} removed outside s92")
        )
    return breaks


def _sequence(conn: sqlite3.Connection, table: str) -> int:
    """The highest id AUTOINCREMENT has handed out for ``table`` (0 if none)."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return 0 if row is None else int(row[0])


def _ids(first: int, last: int, noun: str = "entry") -> str:
    plural = "entries" if noun == "entry" else f"{noun}s"
    return f"{noun} #{first}" if first == last else f"{plural} #{first}-#{last}"
