"""The embedded store: published roster versions and the append-only abstraction log.

SQLite in WAL mode, so readers never block the writer; every write is one
``BEGIN IMMEDIATE`` transaction, taking the write lock up front so that a concurrent
writer waits (busy timeout) instead of failing half-way. The log is append-only, enforced
by triggers in the database itself: a correction is a new entry voiding the original.
"""

from __future__ import annotations

import os
import sqlite3
import time as _time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from calendars import LONDON
from scheduler.errors import InputError
from scheduler.store import schema
from scheduler.store.codec import decode_table, encode_table
from scheduler.store.entries import Abstraction, NewAbstraction, RosterVersion
from scheduler.store.validate import overlap_problems
from scheduler.table import COLUMNS

ENV_VAR = "S92_DB"
DEFAULT_FILE = "s92.db"
BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # officer ids per IN (...) query, well under SQLite's variable limit

_ENTRY_SELECT = """SELECT a.id, a.officer_id, a.contract_id, a.first_date, a.last_date, a.kind,
    a.reason, a.authorised_by, a.notified, a.logged_at, a.start, a."end", a.voids,
    v.id AS voided_by, a.source_key
    FROM abstraction AS a LEFT JOIN abstraction AS v ON v.voids = a.id"""
_LIVE = "a.voids IS NULL AND v.id IS NULL"


def default_db_path() -> Path:
    """``$S92_DB`` if set, else ``s92.db`` in the current directory (read at call time)."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_FILE)


class Store:
    """One connection to the store file; use as a context manager to close it.

    Opening applies any pending schema migrations, all in one transaction; with
    ``create=False`` a missing file is an ``InputError`` instead of a new, empty store.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = True,
        timeout: float = BUSY_TIMEOUT_S,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if not create and not self.path.exists():  # a reader must not leave an empty store
            raise self._error("", "no such store file")
        self._now = now or (lambda: datetime.now(UTC))
        self._conn = _connect(self.path, timeout)
        try:
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master")}
        if "schema_version" not in tables:
            if tables:  # someone else's SQLite file: do not write our tables into it
                raise self._error("", "not an s92 database (it has no schema_version table)")
            return 0
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        latest = schema.MIGRATIONS[-1].version
        current = self.schema_version()
        if current > latest:
            raise self._error(
                "schema_version",
                f"written by a newer s92 (this one knows schema versions up to {latest})",
                current,
            )
        if current == latest:
            return
        with self._write() as conn:
            conn.execute(schema.SCHEMA_VERSION_TABLE)
            current = self.schema_version()  # another process may have migrated meanwhile
            for m in schema.MIGRATIONS:
                if m.version <= current:
                    continue
                for statement in m.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    (m.version, m.description, self._stamp()),
                )

    def integrity_check(self) -> str:
        """'ok', or SQLite's description of the damage."""
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    # -- roster versions ----------------------------------------------------------------

    def publish_roster(
        self,
        scenario_name: str,
        roster_df: pd.DataFrame,
        note: str = "",
        *,
        scenario_text: str | None = None,
        scenario_source: str = "",
    ) -> int:
        """Store a roster table as a new version of ``scenario_name``'s roster; its id.

        ``scenario_text`` (the scenario TOML it was rostered from) is kept with the version,
        in the same transaction, so that the store alone can re-roster and report."""
        if not scenario_name.strip():
            raise ValueError("publish_roster needs a scenario name")
        missing = [c for c in COLUMNS if c not in roster_df.columns]
        if missing:
            raise InputError.one(
                f"roster for {scenario_name}", missing[0], "missing roster column", missing
            )
        blob, digest = encode_table(roster_df)  # outside the lock: it is the slow part
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO roster_version (scenario, published_at, note, row_count, digest, "
                "rows) VALUES (?, ?, ?, ?, ?, ?)",
                (scenario_name, self._stamp(), note, len(roster_df), digest, blob),
            )
            version = int(cur.lastrowid or 0)
            if scenario_text is not None:
                conn.execute(
                    "INSERT INTO roster_scenario (version_id, toml, source) VALUES (?, ?, ?)",
                    (version, scenario_text, scenario_source),
                )
            return version

    def roster_versions(self, scenario_name: str) -> list[RosterVersion]:
        rows = self._conn.execute(
            "SELECT id, scenario, published_at, note, row_count, digest FROM roster_version "
            "WHERE scenario = ? ORDER BY id",
            (scenario_name,),
        ).fetchall()
        return [
            RosterVersion(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows
        ]

    def roster(self, version_id: int) -> pd.DataFrame:
        row = self._conn.execute(
            "SELECT rows FROM roster_version WHERE id = ?", (version_id,)
        ).fetchone()
        if row is None:
            raise self._error("roster version", "no such published roster", version_id)
        return decode_table(row[0])

    def latest_roster(self, scenario_name: str) -> pd.DataFrame | None:
        row = self._conn.execute(
            "SELECT max(id) FROM roster_version WHERE scenario = ?", (scenario_name,)
        ).fetchone()
        return None if row[0] is None else self.roster(row[0])

    # -- abstraction log ----------------------------------------------------------------

    def add_abstraction(
        self, entry: NewAbstraction, *, label: tuple[str, str] | None = None
    ) -> int:
        """Log one entry; its id (the existing entry's id if its source_key is logged)."""
        [(entry_id, _)] = self._add([entry], [label] if label else None)
        return entry_id

    def add_many(
        self,
        entries: Iterable[NewAbstraction],
        *,
        labels: Sequence[tuple[str, str]] | None = None,
    ) -> list[int]:
        """Log all entries or none; the ids of those written, in order.

        An entry whose ``source_key`` is already logged (even if since voided: a correction
        must not be undone by importing the same file again) is skipped. ``labels[i]`` =
        (file, field) names entry i in problems (an overlap with a live entry or with an
        earlier entry of the batch raises ``InputError`` and writes nothing).
        """
        return [entry_id for entry_id, new in self._add(list(entries), labels) if new]

    def _add(
        self, entries: list[NewAbstraction], labels: Sequence[tuple[str, str]] | None
    ) -> list[tuple[int, bool]]:
        labels = (
            list(labels)
            if labels
            else [(str(self.path), f"entry {i + 1}") for i in range(len(entries))]
        )
        if len(labels) != len(entries):
            raise ValueError("one label per entry")
        logged_at = self._stamp()
        with self._write() as conn:
            known = self._ids_by_source_key([e.source_key for e in entries if e.source_key])
            fresh = _fresh(entries, set(known))
            live = self._live({entries[i].officer_id for i in fresh})
            problems = overlap_problems(
                [entries[i] for i in fresh], [labels[i] for i in fresh], live
            )
            if problems:
                raise InputError(problems)
            result = []
            for e in entries:
                if e.source_key is not None and e.source_key in known:
                    result.append((known[e.source_key], False))
                    continue
                entry_id = _insert(conn, e, logged_at)
                if e.source_key is not None:
                    known[e.source_key] = entry_id
                result.append((entry_id, True))
            return result

    def void(
        self,
        entry_id: int,
        reason: str,
        authorised_by: str | None = None,
        *,
        notified: date | None = None,
    ) -> int:
        """Log an entry voiding ``entry_id``; its id. ``authorised_by`` defaults to whoever
        authorised the original; ``notified`` to today (London)."""
        where = f"abstraction #{entry_id}"
        if not reason.strip():
            raise self._error(where, "give a reason for voiding it")
        with self._write() as conn:
            original = self._entry(entry_id)
            if original is None:
                raise self._error(where, "no such abstraction", entry_id)
            if original.voids is not None:
                raise self._error(
                    where,
                    f"is a voiding entry (it voids #{original.voids}) and cannot itself be voided",
                )
            if original.voided_by is not None:
                raise self._error(where, f"already voided by #{original.voided_by}")
            voiding = NewAbstraction(
                officer_id=original.officer_id,
                contract_id=original.contract_id,
                first_date=original.first_date,
                last_date=original.last_date,
                kind=original.kind,
                reason=reason.strip(),
                authorised_by=(authorised_by or "").strip() or original.authorised_by,
                notified=notified or self._now().astimezone(LONDON).date(),
                start=original.start,
                end=original.end,
            )
            return _insert(conn, voiding, self._stamp(), voids=entry_id)

    def entries(self, include_voided: bool = True) -> list[Abstraction]:
        """The whole log in id order; without voided entries and the entries voiding them
        when ``include_voided`` is False (what is left is the live entries)."""
        where = "" if include_voided else f" WHERE {_LIVE}"
        rows = self._conn.execute(f"{_ENTRY_SELECT}{where} ORDER BY a.id").fetchall()
        return [_abstraction(r) for r in rows]

    def live_abstractions(self, officer_ids: Iterable[str] | None = None) -> list[Abstraction]:
        """Entries in force (neither voided nor voiding), in id order."""
        if officer_ids is None:
            return self.entries(include_voided=False)
        return sorted(self._live(set(officer_ids)), key=lambda a: a.id)

    def entry(self, entry_id: int) -> Abstraction | None:
        return self._entry(entry_id)

    # -- for the store's other modules (accounts, audit, feeds, scenarios) ---------------

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction holding the write lock: all or nothing."""
        return self._write()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read (outside a transaction: a consistent WAL snapshot)."""
        return self._conn.execute(sql, params).fetchall()

    def stamp(self) -> str:
        """Now, as the store writes times: UTC ISO 8601 to the millisecond."""
        return self._stamp()

    def now(self) -> datetime:
        return self._now()

    # -- helpers ------------------------------------------------------------------------

    def _entry(self, entry_id: int) -> Abstraction | None:
        row = self._conn.execute(f"{_ENTRY_SELECT} WHERE a.id = ?", (entry_id,)).fetchone()
        return None if row is None else _abstraction(row)

    def _live(self, officer_ids: set[str]) -> list[Abstraction]:
        ids = sorted(officer_ids)
        out: list[Abstraction] = []
        for n in range(0, len(ids), _CHUNK):
            chunk = ids[n : n + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"{_ENTRY_SELECT} WHERE {_LIVE} AND a.officer_id IN ({marks})", chunk
            ).fetchall()
            out.extend(_abstraction(r) for r in rows)
        return out

    def _ids_by_source_key(self, keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for n in range(0, len(keys), _CHUNK):
            chunk = keys[n : n + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._conn.execute(
                    f"SELECT source_key, id FROM abstraction WHERE source_key IN ({marks})", chunk
                ).fetchall()
            )
        return found

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from its start: all or nothing."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._error("", f"cannot write: {exc}") from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _stamp(self) -> str:
        return self._now().astimezone(UTC).isoformat(timespec="milliseconds")

    def _error(self, field: str, message: str, value: object = None) -> InputError:
        return InputError.one(str(self.path), field, message, value)


def _fresh(entries: list[NewAbstraction], known: set[str]) -> list[int]:
    """Indexes of entries to write: not logged yet, and the first of any repeated key."""
    fresh = []
    for i, e in enumerate(entries):
        if e.source_key is None or e.source_key not in known:
            fresh.append(i)
            if e.source_key is not None:
                known.add(e.source_key)
    return fresh


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    name = str(path)
    if path.is_dir():
        raise InputError.one(name, "", "is a directory, not a store file")
    try:
        # isolation_level=None: no implicit transactions; _write() issues BEGIN/COMMIT itself
        conn = sqlite3.connect(name, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError.one(name, "", f"cannot open the store: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        _wal(conn, timeout)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError.one(name, "", f"cannot use the store: {exc}") from None
    return conn


def _wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL; on a fresh file several processes may race to do so, and this pragma
    does not always wait on the busy handler, so retry for a while."""
    deadline = _time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or _time.monotonic() > deadline:
                raise
            _time.sleep(0.01)


def _insert(
    conn: sqlite3.Connection, e: NewAbstraction, logged_at: str, voids: int | None = None
) -> int:
    cur = conn.execute(
        'INSERT INTO abstraction (officer_id, contract_id, first_date, last_date, start, "end", '
        "kind, reason, authorised_by, notified, logged_at, voids, source_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            e.officer_id,
            e.contract_id,
            e.first_date.isoformat(),
            e.last_date.isoformat(),
            _clock(e.start),
            _clock(e.end),
            e.kind,
            e.reason,
            e.authorised_by,
            e.notified.isoformat(),
            logged_at,
            voids,
            e.source_key,
        ),
    )
    return int(cur.lastrowid)


def _clock(t: time | None) -> str | None:
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def _time_of(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def _abstraction(r: Sequence[object]) -> Abstraction:
    return Abstraction(
        id=r[0],
        officer_id=r[1],
        contract_id=r[2],
        first_date=date.fromisoformat(r[3]),
        last_date=date.fromisoformat(r[4]),
        kind=r[5],
        reason=r[6],
        authorised_by=r[7],
        notified=date.fromisoformat(r[8]),
        logged_at=datetime.fromisoformat(r[9]),
        start=_time_of(r[10]),
        end=_time_of(r[11]),
        voids=r[12],
        voided_by=r[13],
        source_key=r[14],
    )
