"""The embedded store: published roster versions and the append-only abstraction log.

SQLite in WAL mode, so readers never block the writer; every write is one
``BEGIN IMMEDIATE`` transaction, taking the write lock up front so that a concurrent
writer waits (busy timeout) instead of failing half-way. The log is append-only, enforced
by triggers in the database itself: a correction is a new entry voiding the original. Each
entry's hash is chained to the one before it (``scheduler.store.chain``), so an entry
edited or removed outside s92 shows in ``Store.verify``.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
import time as _time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from calendars import LONDON
from scheduler.errors import InputError, Problem, disk_advice
from scheduler.files import preflight_file
from scheduler.limits import MAX_ENTRY_ID
from scheduler.store import chain, schema
from scheduler.store.chain import Break, ChainReport
from scheduler.store.codec import decode_table, encode_table
from scheduler.store.entries import Abstraction, NewAbstraction, RosterVersion
from scheduler.store.validate import overlap_problems
from scheduler.table import COLUMNS

ENV_VAR = "S92_DB"
DEFAULT_FILE = "s92.db"
BUSY_TIMEOUT_S = 30.0
TIMEOUT_ENV_VAR = "S92_BUSY_TIMEOUT"  # seconds to wait for another writer's lock
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

    Opening checks the file before trusting it: an SQLite database (not empty, not
    another program's), ``PRAGMA quick_check`` clean, a schema version this s92 knows and
    every append-only trigger in place; then applies any pending migrations, all in one
    transaction. A new store is built under a temporary name and linked into place, so a
    store file s92 made is never empty. With ``create=False`` a missing file is an
    ``InputError`` instead of a new, empty store. Every SQLite fault (locked past the
    timeout, read-only, disk full, damaged) is an ``InputError`` naming the file and what
    to do.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = True,
        timeout: float | None = None,
        now: Callable[[], datetime] | None = None,
        strict: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.timeout = busy_timeout() if timeout is None else timeout
        self.strict = strict  # False: open a damaged store to report on it (store verify)
        self._now = now or (lambda: datetime.now(UTC))
        with self._faults():
            if not self.path.exists():
                if not create:  # a reader must not leave an empty store
                    raise self._error("", "no such store file")
                _create(self.path, self.timeout, self._stamp())
            _check_file(self.path)
            self._conn = _connect(self.path, self.timeout)
            if not strict:  # show damaged text, so verify can name the entry holding it
                self._conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            try:
                self._open()
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

    # -- schema and health --------------------------------------------------------------

    def schema_version(self) -> int:
        return _schema_version(self._conn, str(self.path))

    def _open(self) -> None:
        try:
            quick = "\n".join(str(r[0]) for r in self._conn.execute("PRAGMA quick_check"))
        except sqlite3.DatabaseError as exc:  # too damaged even to check
            if self.strict:
                raise
            quick = str(exc)
        if quick != "ok":
            if not self.strict:
                return
            raise self._error("", f"the store is damaged ({_first_line(quick)}): {_RESTORE}")
        latest = schema.MIGRATIONS[-1].version
        current = self.schema_version()
        if current == 0:
            raise self._error("", "not an s92 store (it has no schema_version table)")
        if current > latest:
            raise self._error(
                "schema_version",
                f"written by a newer s92 (this one knows schema versions up to {latest})",
                current,
            )
        if current < latest:
            with self._write() as conn:
                _migrate(conn, self._stamp(), str(self.path))
        missing = self.missing_triggers()
        if missing and self.strict:
            raise self._error(
                "",
                f"the append-only trigger {missing[0]} is missing, so the log may have been "
                "edited outside s92: run s92 store verify, and restore the store from a backup",
            )

    def missing_triggers(self) -> list[str]:
        """Append-only triggers the schema creates that the file lacks (dropped by hand)."""
        present = {
            r[0]
            for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        return sorted(schema.expected_triggers() - present)

    def integrity_check(self) -> str:
        """'ok', or SQLite's description of the damage."""
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    def verify(self) -> StoreReport:
        """Everything ``s92 store verify`` reports: SQLite's full integrity check, the
        triggers, every entry's hash and every published roster's digest."""
        try:
            integrity = self.integrity_check()
        except sqlite3.DatabaseError as exc:
            integrity = str(exc)
        try:
            entries = chain.verify(self._conn)
            rosters = chain.roster_breaks(self._conn)
            versions = self._conn.execute("SELECT count(*) FROM roster_version").fetchone()[0]
        except sqlite3.Error as exc:  # too damaged to read: the integrity check says why
            unreadable = Break(0, f"the entry log cannot be read ({exc})")
            entries = ChainReport(0, 0, chain.GENESIS, [unreadable])
            rosters, versions = [], 0
        try:
            version, missing = self.schema_version(), self.missing_triggers()
        except sqlite3.DatabaseError:  # the schema itself unreadable
            version, missing = 0, []
        return StoreReport(
            path=self.path,
            schema_version=version,
            integrity=integrity,
            missing_triggers=missing,
            chain=entries,
            roster_breaks=rosters,
            roster_versions=int(versions),
        )

    def check_writable(self) -> None:
        """Fail now, not after a long solve, if this store cannot be written (read-only
        file or folder, or locked by another writer past the timeout)."""
        with self._faults():
            self._begin()
            try:  # a real write, rolled back: a read-only file refuses it at once
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                self._conn.execute(f"PRAGMA user_version = {int(version)}")
            finally:
                self._conn.execute("ROLLBACK")

    # -- roster versions ----------------------------------------------------------------

    def publish_roster(self, scenario_name: str, roster_df: pd.DataFrame, note: str = "") -> int:
        """Store a roster table as a new version of ``scenario_name``'s roster; its id."""
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
            return _rowid(cur)

    def roster_versions(self, scenario_name: str) -> list[RosterVersion]:
        rows = self._rows(
            "SELECT id, scenario, published_at, note, row_count, digest FROM roster_version "
            "WHERE scenario = ? ORDER BY id",
            (scenario_name,),
        )
        return [
            RosterVersion(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows
        ]

    def roster(self, version_id: int) -> pd.DataFrame:
        rows = self._rows("SELECT rows FROM roster_version WHERE id = ?", (version_id,))
        if not rows:
            raise self._error("roster version", "no such published roster", version_id)
        try:
            return decode_table(rows[0][0])
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            raise self._error(
                "roster version", f"the published roster is damaged ({exc}): {_RESTORE}", version_id
            ) from None

    def latest_roster(self, scenario_name: str) -> pd.DataFrame | None:
        [(latest,)] = self._rows(
            "SELECT max(id) FROM roster_version WHERE scenario = ?", (scenario_name,)
        )
        return None if latest is None else self.roster(int(latest))

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
            _, previous = chain.head(conn)
            for e in entries:
                if e.source_key is not None and e.source_key in known:
                    result.append((known[e.source_key], False))
                    continue
                entry_id, previous = _insert(conn, e, logged_at, previous)
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
        if not 0 < entry_id <= MAX_ENTRY_ID:
            raise self._error(where, "no such abstraction", entry_id)
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
            _, previous = chain.head(conn)
            return _insert(conn, voiding, self._stamp(), previous, voids=entry_id)[0]

    def entries(self, include_voided: bool = True) -> list[Abstraction]:
        """The whole log in id order; without voided entries and the entries voiding them
        when ``include_voided`` is False (what is left is the live entries)."""
        where = "" if include_voided else f" WHERE {_LIVE}"
        return [_abstraction(r) for r in self._rows(f"{_ENTRY_SELECT}{where} ORDER BY a.id")]

    def live_abstractions(self, officer_ids: Iterable[str] | None = None) -> list[Abstraction]:
        """Entries in force (neither voided nor voiding), in id order."""
        if officer_ids is None:
            return self.entries(include_voided=False)
        return sorted(self._live(set(officer_ids)), key=lambda a: a.id)

    def entry(self, entry_id: int) -> Abstraction | None:
        return self._entry(entry_id)

    # -- helpers ------------------------------------------------------------------------

    def _entry(self, entry_id: int) -> Abstraction | None:
        if not 0 < entry_id <= MAX_ENTRY_ID:
            return None
        rows = self._rows(f"{_ENTRY_SELECT} WHERE a.id = ?", (entry_id,))
        return _abstraction(rows[0]) if rows else None

    def _live(self, officer_ids: set[str]) -> list[Abstraction]:
        ids = sorted(officer_ids)
        out: list[Abstraction] = []
        for n in range(0, len(ids), _CHUNK):
            chunk = ids[n : n + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(f"{_ENTRY_SELECT} WHERE {_LIVE} AND a.officer_id IN ({marks})", chunk)
            out.extend(_abstraction(r) for r in rows)
        return out

    def _ids_by_source_key(self, keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for n in range(0, len(keys), _CHUNK):
            chunk = keys[n : n + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT source_key, id FROM abstraction WHERE source_key IN ({marks})", chunk
            )
            found.update((str(key), int(entry_id)) for key, entry_id in rows)
        return found

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from its start: all or nothing."""
        with self._faults():
            self._begin()
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """A read, with SQLite's faults as one-line errors."""
        with self._faults():
            return self._conn.execute(sql, params).fetchall()

    def _begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    @contextmanager
    def _faults(self) -> Iterator[None]:
        """SQLite's faults as one line naming the file and what to do (exit 2)."""
        try:
            yield
        except sqlite3.Error as exc:
            raise InputError([store_fault(self.path, exc, self.timeout)]) from None
        except UnicodeDecodeError:  # a text cell's bytes changed: quick_check cannot see it
            raise self._error(
                "", f"the store is damaged (text that is not UTF-8): {_RESTORE}"
            ) from None
        except OverflowError:  # an id beyond SQLite's 64-bit integers
            raise self._error("", "a number is too large for the store") from None

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


def busy_timeout() -> float:
    """``$S92_BUSY_TIMEOUT`` seconds if set (a script may rather fail fast), else 30."""
    text = os.environ.get(TIMEOUT_ENV_VAR, "").strip()
    if not text:
        return BUSY_TIMEOUT_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise InputError.one(f"${TIMEOUT_ENV_VAR}", "", "must be seconds from 0 to 3600", text)
    return value


def preflight_write(db: str | Path | None) -> Path:
    """Before any long work: the store ``db`` (default ``$S92_DB`` or ./s92.db) is sound and
    can be written now, or, if missing, can be created. Its path; ``InputError`` if not."""
    path = Path(db) if db is not None else default_db_path()
    if path.exists():
        with Store(path, create=False) as store:
            store.check_writable()
    else:
        preflight_file(path, option="--db")
        if not path.parent.is_dir():  # the store does not make folders
            raise InputError.one(
                str(path), "--db", f"no such folder {path.parent}: create it first"
            )
    return path


def _create(path: Path, timeout: float, stamp: str) -> None:
    """A new store, built under a temporary name and linked into place whole: a store file
    s92 made is never empty or half-migrated, and of two processes creating it at once one
    wins and the other opens its store."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError.one(
            str(path), "", f"no such folder {folder}: create it first, or give another --db"
        )
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".new")
    except OSError as exc:
        raise InputError.one(
            str(path), "", f"cannot create the store: {disk_advice(exc)}"
        ) from None
    os.close(fd)
    tmp = Path(name)
    try:
        conn = sqlite3.connect(tmp, timeout=timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            _migrate(conn, stamp, str(path))
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # created meanwhile by another process: open that one
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if not path.exists():  # a file system without hard links
                os.replace(tmp, path)
    except OSError as exc:
        raise InputError.one(
            str(path), "", f"cannot create the store: {disk_advice(exc)}"
        ) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _check_file(path: Path) -> None:
    """Refuse what is not an SQLite database before SQLite quietly makes one of it."""
    name = str(path)
    if path.is_dir():
        raise InputError.one(name, "", "is a folder, not a store file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read the store: {disk_advice(exc)}") from None
    if not header:
        raise InputError.one(
            name,
            "",
            "is an empty file, not an s92 store (s92 never leaves one empty): "
            "delete it, or give another --db",
        )
    if header != _SQLITE_HEADER:
        raise InputError.one(name, "", "not an s92 store (not an SQLite database)")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection in WAL mode; on a read-only file system (an archive, a read-only share)
    the file is opened immutable, since nobody can be writing it."""
    try:
        return _configure(sqlite3.connect(path, timeout=timeout, isolation_level=None), timeout)
    except sqlite3.OperationalError as exc:
        if not _read_only_fs(path) or exc.sqlite_errorname not in _CANT_OPEN:
            raise
    uri = f"{path.resolve().as_uri()}?immutable=1"
    return _configure(
        sqlite3.connect(uri, timeout=timeout, isolation_level=None, uri=True), timeout
    )


def _configure(conn: sqlite3.Connection, timeout: float) -> sqlite3.Connection:
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        _wal(conn, timeout)
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _schema_version(conn: sqlite3.Connection, name: str) -> int:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if "schema_version" not in tables:
        if tables:  # someone else's SQLite file: do not write our tables into it
            raise InputError.one(name, "", "not an s92 store (it has no schema_version table)")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection, stamp: str, name: str) -> None:
    """Apply the pending migrations inside the caller's write transaction."""
    conn.execute(schema.SCHEMA_VERSION_TABLE)
    current = _schema_version(conn, name)  # another process may have migrated meanwhile
    for m in schema.MIGRATIONS:
        if m.version <= current:
            continue
        for statement in m.statements:
            conn.execute(statement)
        if m.backfill is not None:
            m.backfill(conn)
        conn.execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
            (m.version, m.description, stamp),
        )


def store_fault(path: Path, exc: sqlite3.Error, timeout: float = BUSY_TIMEOUT_S) -> Problem:
    """One line naming the store and what to do about an SQLite fault."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    if "decode to UTF-8" in str(exc):  # a text cell's bytes changed: quick_check cannot see it
        return Problem(str(path), "", f"the store is damaged (text that is not UTF-8): {_RESTORE}")
    if code.startswith("SQLITE_IOERR") and _nearly_full(path):
        code = "SQLITE_FULL"  # SQLite reports some writes to a full disk as I/O errors
    for prefix, advice in _ADVICE:
        if code.startswith(prefix):
            message = advice.format(timeout=timeout, error=exc, restore=_RESTORE)
            return Problem(str(path), "", message)
    return Problem(str(path), "", f"the store failed ({exc}); {_RESTORE}")


@dataclass(frozen=True)
class StoreReport:
    """What ``s92 store verify`` found."""

    path: Path
    schema_version: int
    integrity: str
    missing_triggers: list[str]
    chain: ChainReport
    roster_breaks: list[Break]
    roster_versions: int

    @property
    def ok(self) -> bool:
        return (
            self.integrity == "ok"
            and not self.missing_triggers
            and not self.chain.breaks
            and not self.roster_breaks
        )


_NEARLY_FULL = 1 << 20  # bytes free: less, and a write's I/O error is the disk being full
_SQLITE_HEADER = b"SQLite format 3\x00"
_CANT_OPEN = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR_SHMOPEN")
_RESTORE = "restore it from a backup (s92 store verify shows what is wrong)"
# SQLite's primary error names -> what to tell the user (checked in order, by prefix)
_ADVICE: tuple[tuple[str, str], ...] = (
    (
        "SQLITE_BUSY",
        "the store is locked by another program for over {timeout:g} s: wait for it to "
        "finish, then run the command again",
    ),
    (
        "SQLITE_LOCKED",
        "the store is locked by another program for over {timeout:g} s: wait for it to "
        "finish, then run the command again",
    ),
    (
        "SQLITE_READONLY",
        "the store cannot be written (a read-only file, folder or disk): give a writable "
        "--db, or ask for write access",
    ),
    ("SQLITE_FULL", "the disk is full: free some space and run the command again"),
    ("SQLITE_CORRUPT", "the store is damaged ({error}): {restore}"),
    ("SQLITE_NOTADB", "not an s92 store (not an SQLite database)"),
    (
        "SQLITE_CANTOPEN",
        "cannot open the store (check the folder exists and that you may read and write it)",
    ),
    (
        "SQLITE_IOERR",
        "the disk failed reading or writing the store ({error}): check it, then "
        "run the command again",
    ),
    ("SQLITE_PERM", "not permitted to use the store: ask for access"),
    ("SQLITE_AUTH", "not permitted to use the store: ask for access"),
    ("SQLITE_CONSTRAINT", "the store refused the change ({error})"),
)


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.absolute().parent).free < _NEARLY_FULL
    except OSError:
        return False


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else text


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
    conn: sqlite3.Connection,
    e: NewAbstraction,
    logged_at: str,
    previous: str,
    voids: int | None = None,
) -> tuple[int, str]:
    """Log one entry and chain it to ``previous``; its id and hash."""
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
    entry_id = _rowid(cur)
    return entry_id, chain.link(conn, entry_id, previous)


def _rowid(cur: sqlite3.Cursor) -> int:
    if cur.lastrowid is None:  # pragma: no cover - an INSERT always sets it
        raise RuntimeError("no row inserted")
    return int(cur.lastrowid)


def _clock(t: time | None) -> str | None:
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def _time_of(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def _abstraction(r: Sequence[Any]) -> Abstraction:
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
