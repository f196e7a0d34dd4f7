"""Opening the store file: a new store made whole, files that are no store refused before
SQLite quietly makes one of them, the connection (WAL; immutable on a read-only disk), the
migrations, and SQLite's faults turned into one line of advice."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import tempfile
import time as _time
from pathlib import Path

from scheduler.errors import InputError, Problem, disk_advice
from scheduler.limits import decimal_number
from scheduler.store import schema

BUSY_TIMEOUT_S = 30.0
TIMEOUT_ENV_VAR = "S92_BUSY_TIMEOUT"  # seconds to wait for another writer's lock


def busy_timeout() -> float:
    """``$S92_BUSY_TIMEOUT`` seconds if set (a script may rather fail fast), else 30."""
    text = os.environ.get(TIMEOUT_ENV_VAR, "").strip()
    if not text:
        return BUSY_TIMEOUT_S
    value = decimal_number(text)  # ASCII digits, as every number s92 reads
    if value is None or not 0 <= value <= 3600:
        raise InputError.one(f"${TIMEOUT_ENV_VAR}", "", "must be seconds from 0 to 3600", text)
    return value


def create(path: Path, timeout: float, stamp: str) -> None:
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
            migrate(conn, stamp, str(path))
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


def check_file(path: Path) -> None:
    """Refuse what is not an SQLite database before SQLite quietly makes one of it. The file
    is only stat()ed, never opened: closing a descriptor of it would drop every lock this
    process's SQLite connections hold on it (a server keeps one per thread), and a command
    closing the store in another process would then take itself for the last user and
    remove the WAL and its index from under them. A file that is not empty and no SQLite
    database SQLite itself refuses at the first read (SQLITE_NOTADB)."""
    name = str(path)
    if path.is_dir():
        raise InputError.one(name, "", "is a folder, not a store file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read the store: {disk_advice(exc)}") from None
    if not path.is_file():  # /dev/null, a pipe: "delete it" is no advice to give for those
        raise InputError.one(
            name, "", "is a device, pipe or socket, not a store file: give another --db"
        )
    if not size:
        raise InputError.one(
            name,
            "",
            "is an empty file, not an s92 store (s92 never leaves one empty): "
            "delete it, or give another --db",
        )


def connect(path: Path, timeout: float, *, damaged: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode; on a read-only file system (an archive, a read-only share)
    the file is opened immutable, since nobody can be writing it. ``damaged``: a file too
    damaged to switch to WAL is opened as it is (``s92 store verify`` reports on it)."""
    try:
        return _configure(
            sqlite3.connect(path, timeout=timeout, isolation_level=None), timeout, damaged
        )
    except sqlite3.OperationalError as exc:
        if not _read_only_fs(path) or exc.sqlite_errorname not in _CANT_OPEN:
            raise
    uri = f"{path.resolve().as_uri()}?immutable=1"
    return _configure(
        sqlite3.connect(uri, timeout=timeout, isolation_level=None, uri=True), timeout, damaged
    )


def _configure(
    conn: sqlite3.Connection, timeout: float, damaged: bool = False
) -> sqlite3.Connection:
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            _wal(conn, timeout)
        except sqlite3.DatabaseError as exc:
            if not damaged or exc.sqlite_errorname != "SQLITE_CORRUPT":
                raise
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def schema_version(conn: sqlite3.Connection, name: str) -> int:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if "schema_version" not in tables:
        if tables:  # someone else's SQLite file: do not write our tables into it
            raise InputError.one(name, "", "not an s92 store (it has no schema_version table)")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, stamp: str, name: str) -> None:
    """Apply the pending migrations inside the caller's write transaction."""
    conn.execute(schema.SCHEMA_VERSION_TABLE)
    current = schema_version(conn, name)  # another process may have migrated meanwhile
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
        return Problem(str(path), "", f"the store is damaged (text that is not UTF-8): {RESTORE}")
    if code.startswith("SQLITE_IOERR") and _nearly_full(path):
        code = "SQLITE_FULL"  # SQLite reports some writes to a full disk as I/O errors
    for prefix, advice in _ADVICE:
        if code.startswith(prefix):
            message = advice.format(timeout=timeout, error=exc, restore=RESTORE)
            return Problem(str(path), "", message)
    return Problem(str(path), "", f"the store failed ({exc}); {RESTORE}")


_NEARLY_FULL = 1 << 20  # bytes free: less, and a write's I/O error is the disk being full
_CANT_OPEN = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR_SHMOPEN")
RESTORE = "restore it from a backup (s92 store verify shows what is wrong)"
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


def first_line(text: str) -> str:
    """The first line of SQLite's report that says something: its check of a damaged
    file starts with the heading ``*** in database main ***``, which says nothing."""
    lines = [line for line in text.splitlines() if not _HEADING.fullmatch(line.strip())]
    return lines[0] if lines else text


_HEADING = re.compile(r"\*\*\* in database \w+ \*\*\*")


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
