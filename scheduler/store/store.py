"""The embedded store: published roster versions and the append-only abstraction log.

SQLite in WAL mode, so readers never block the writer; every write is one
``BEGIN IMMEDIATE`` transaction, taking the write lock up front so that a concurrent
writer waits (busy timeout) instead of failing half-way. The log is append-only, enforced
by triggers in the database itself: a correction is a new entry voiding the original. Each
entry's hash is chained to the one before it (``scheduler.store.chain``), so an entry
edited or removed outside s92 shows in ``Store.verify``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from calendars import LONDON
from scheduler import interrupt
from scheduler.errors import InputError
from scheduler.files import dangling_link, preflight_file
from scheduler.limits import MAX_ENTRY_ID
from scheduler.scenario.model import Scenario
from scheduler.store import audit, chain, schema
from scheduler.store import connect as dbfile
from scheduler.store.attribution import attributed
from scheduler.store.audit import SYSTEM, record
from scheduler.store.chain import Break, ChainReport
from scheduler.store.codec import decode_table, encode_table
from scheduler.store.entries import Abstraction, NewAbstraction, RosterVersion, of_contracts
from scheduler.store.validate import overlap_problems, text_problem_of
from scheduler.table import COLUMNS

ENV_VAR = "S92_DB"
DEFAULT_FILE = "s92.db"
NO_VERSION = 0  # ``publish_roster(after=NO_VERSION)``: a first version, none published yet
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
        self.timeout = dbfile.busy_timeout() if timeout is None else timeout
        self.strict = strict  # False: open a damaged store to report on it (store verify)
        self._now = now or (lambda: datetime.now(UTC))
        with self._faults():
            if not self.path.exists():
                dangling_link(self.path, "--db")
                if not create:  # a reader must not leave an empty store
                    raise self._error("", "no such store file")
                dbfile.create(self.path, self.timeout, self._stamp())
            dbfile.check_file(self.path)
            self._conn = dbfile.connect(self.path, self.timeout, damaged=not strict)
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
        return dbfile.schema_version(self._conn, str(self.path))

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
            raise self._error(
                "", f"the store is damaged ({dbfile.first_line(quick)}): {dbfile.RESTORE}"
            )
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
                dbfile.migrate(conn, self._stamp(), str(self.path))
        missing = self.missing_triggers()
        if missing and self.strict:
            raise self._error(
                "",
                f"the append-only trigger {missing[0]} is missing, so the log may have been "
                "edited outside s92: run s92 store verify, and restore the store from a backup",
            )
        if self.strict:
            self._record_unrecorded()

    def _record_unrecorded(self) -> None:
        """Put into the audit log the entries and publications an older s92 made without
        recording them there (``audit.record_unrecorded``). Never in a reader's way: a
        store that cannot be written now (read-only, or another writer holding the lock)
        is left for the next opening that can."""
        try:
            if not audit.unrecorded(self._conn):
                return
        except sqlite3.Error:  # the command's own reads will say what is wrong
            return
        self._conn.execute("PRAGMA busy_timeout = 0")
        try:
            with self._write() as conn:
                audit.record_unrecorded(conn)
        except InputError:  # locked or read-only: a later opening records them
            pass
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

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

    def publish_roster(
        self,
        scenario_name: str,
        roster_df: pd.DataFrame,
        note: str = "",
        *,
        scenario_text: str | None = None,
        scenario_source: str = "",
        after: int | None = None,
        changes: pd.DataFrame | None = None,
        actor: str = SYSTEM,
        target: str = "",
        within: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Store a roster table as a new version of ``scenario_name``'s roster; its id.

        ``scenario_text`` (the scenario TOML it was rostered from) is kept with the version,
        in the same transaction, so that the store alone can re-roster and report. With
        ``after`` (the version an edit or re-roster was made from) it is refused unless that
        is still the latest, checked in the same transaction: a publication made meanwhile
        is never silently undone; ``after=NO_VERSION`` (a first version, with no change notice)
        is refused once another is published. ``changes`` (the change notice against ``after``, as
        changes.csv has it) is kept with the version too: ``version_changes`` reads it.
        The audit log records ``actor`` publishing it (on ``target``: a contract, else the
        scenario), in the same transaction, and so does ``within`` (given the connection)
        what goes with it: the calendars' record, kept only if the version is."""
        if not scenario_name.strip():
            raise ValueError("publish_roster needs a scenario name")
        missing = [c for c in COLUMNS if c not in roster_df.columns]
        if missing:
            raise InputError.one(
                f"roster for {scenario_name}", missing[0], "missing roster column", missing
            )
        blob, digest = encode_table(roster_df)  # outside the lock: it is the slow part
        notice = None if changes is None else encode_table(changes)[0]
        with self._write() as conn:
            if after is not None:
                latest = conn.execute(
                    "SELECT max(id) FROM roster_version WHERE scenario = ?", (scenario_name,)
                ).fetchone()[0]
                if after == NO_VERSION and latest is not None:
                    # two first publications at once: the later would carry no notice
                    raise InputError.one(
                        f"the roster of {scenario_name}",
                        "version",
                        f"another roster was published (version {latest}) while this one "
                        "was made as the first: run the command again, to publish it against "
                        "that version with its change notice",
                    )
                if (latest or NO_VERSION) != after:
                    raise InputError.one(
                        f"the roster of {scenario_name}",
                        "version",
                        f"another roster was published since version {after}, which this one "
                        "was made from: make it again from the latest",
                        latest,
                    )
            cur = conn.execute(
                "INSERT INTO roster_version (scenario, published_at, note, row_count, digest, "
                "rows) VALUES (?, ?, ?, ?, ?, ?)",
                (scenario_name, at := self._stamp(), note, len(roster_df), digest, blob),
            )
            version = _rowid(cur)
            detail = audit.publish_detail(version, note)
            record(conn, at, actor, "roster.publish", target or scenario_name, detail)
            if scenario_text is not None:
                conn.execute(
                    "INSERT INTO roster_scenario (version_id, toml, source) VALUES (?, ?, ?)",
                    (version, scenario_text, scenario_source),
                )
            if notice is not None and changes is not None:
                conn.execute(
                    "INSERT INTO roster_changes (version_id, row_count, changes) VALUES (?, ?, ?)",
                    (version, len(changes), notice),
                )
            if within is not None:
                within(conn)
            return version

    def version_changes(self, version_id: int) -> pd.DataFrame | None:
        """The change notice stored with a published version (``changes.csv``'s rows, as
        the command or page that published it wrote them); None when it was published
        without one (the first version, or one published before s92 kept them)."""
        rows = self._rows("SELECT changes FROM roster_changes WHERE version_id = ?", (version_id,))
        if not rows:
            return None
        return self._decoded(rows[0][0], "roster changes", "the change notice of a", version_id)

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
        return self._decoded(rows[0][0], "roster version", "the", version_id)

    def _decoded(self, blob: bytes, field: str, what: str, version_id: int) -> pd.DataFrame:
        """A stored table; a damaged one is an ``InputError`` saying to restore a backup."""
        try:
            return decode_table(blob)
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            raise self._error(
                field, f"{what} published roster is damaged ({exc}): {dbfile.RESTORE}", version_id
            ) from None

    def latest_version(self, scenario_name: str) -> int | None:
        """The id of ``scenario_name``'s latest roster version (None: none published)."""
        [(latest,)] = self._rows(
            "SELECT max(id) FROM roster_version WHERE scenario = ?", (scenario_name,)
        )
        return None if latest is None else int(latest)

    def latest_roster(self, scenario_name: str) -> pd.DataFrame | None:
        latest = self.latest_version(scenario_name)
        return None if latest is None else self.roster(latest)

    # -- abstraction log ----------------------------------------------------------------

    def add_abstraction(
        self, entry: NewAbstraction, *, label: tuple[str, str] | None = None, actor: str = SYSTEM
    ) -> int:
        """Log one entry; its id (the existing entry's id if its source_key is logged).
        The audit log records ``actor`` logging it, in the same transaction."""
        [(entry_id, _)] = self._add([entry], [label] if label else None, actor)
        return entry_id

    def add_many(
        self,
        entries: Iterable[NewAbstraction],
        *,
        labels: Sequence[tuple[str, str]] | None = None,
        actor: str = SYSTEM,
    ) -> list[int]:
        """Log all entries or none; the ids of those written, in order.

        An entry whose ``source_key`` is already logged (even if since voided: a correction
        must not be undone by importing the same file again) is skipped. ``labels[i]`` =
        (file, field) names entry i in problems (an overlap with a live entry or with an
        earlier entry of the batch raises ``InputError`` and writes nothing).
        """
        return [entry_id for entry_id, new in self._add(list(entries), labels, actor) if new]

    def _add(
        self,
        entries: list[NewAbstraction],
        labels: Sequence[tuple[str, str]] | None,
        actor: str,
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
            # an entry logged without a contract blocks only its officer's contract's days
            live = attributed(self, self._live({entries[i].officer_id for i in fresh}))
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
                record(conn, logged_at, actor, "entry.add", f"#{entry_id}", _audited(e))
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
        actor: str = SYSTEM,
    ) -> int:
        """Log an entry voiding ``entry_id``; its id. ``authorised_by`` defaults to whoever
        authorised the original; ``notified`` to today (London). The audit log records
        ``actor`` voiding it, in the same transaction."""
        where = f"abstraction #{entry_id}"
        if not 0 < entry_id <= MAX_ENTRY_ID:
            raise self._error(where, "no such abstraction", entry_id)
        if not reason.strip():
            raise self._error(where, "give a reason for voiding it")
        for field, text in (("reason", reason), ("authorised_by", authorised_by or "")):
            # kept for ever in the append-only log: checked as an entry's are
            if (bad := text_problem_of(field, text.strip())) is not None:
                raise self._error(f"{where} {field}", bad)
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
            at = self._stamp()
            voiding_id = _insert(conn, voiding, at, previous, voids=entry_id)[0]
            record(conn, at, actor, "entry.void", f"#{entry_id}", f"voided by #{voiding_id}")
            return voiding_id

    def entries(self, include_voided: bool = True) -> list[Abstraction]:
        """The whole log in id order; without voided entries and the entries voiding them
        when ``include_voided`` is False (what is left is the live entries)."""
        where = "" if include_voided else f" WHERE {_LIVE}"
        return [_abstraction(r) for r in self._rows(f"{_ENTRY_SELECT}{where} ORDER BY a.id")]

    def entries_of(
        self, officer_ids: Iterable[str], contracts: Iterable[str] = ()
    ) -> list[Abstraction]:
        """The log of ``officer_ids`` and of entries logged for ``contracts`` (voided
        entries and voids too), in id order: a page's share of it, without reading every
        other contract's entries too."""
        rows = self._rows(
            f"{_ENTRY_SELECT} WHERE a.officer_id IN (SELECT value FROM json_each(?)) "
            "OR a.contract_id IN (SELECT value FROM json_each(?)) ORDER BY a.id",
            (json.dumps(sorted(set(officer_ids))), json.dumps(sorted(set(contracts)))),
        )
        return [_abstraction(r) for r in rows]

    def live_abstractions(
        self, officer_ids: Iterable[str] | None = None, contracts: Iterable[str] | None = None
    ) -> list[Abstraction]:
        """Entries in force (neither voided nor voiding), in id order; of ``officer_ids``
        and ``contracts`` when given. One officer id may stand in two scenarios of a store
        (for two councils): ``contracts`` keeps each contract's entries its own (an entry
        logged without a scenario has no contract, and is kept for the contract its officer
        was in when it was logged: ``scheduler.store.attribution``)."""
        if officer_ids is None:
            found = self.entries(include_voided=False)
        else:
            found = sorted(self._live(set(officer_ids)), key=lambda a: a.id)
        return found if contracts is None else of_contracts(attributed(self, found), contracts)

    def scenario_entries(self, scenario: Scenario) -> list[Abstraction]:
        """The live entries of ``scenario``'s contracts (``live_abstractions``): what a
        re-roster applies and a published roster must honour."""
        return self.live_abstractions(contracts=[c.id for c in scenario.contracts])

    def entry(self, entry_id: int) -> Abstraction | None:
        return self._entry(entry_id)

    # -- for the store's other modules (accounts, audit, feeds, scenarios) ---------------

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction holding the write lock: all or nothing."""
        return self._write()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read (outside a transaction: a consistent WAL snapshot)."""
        return self._rows(sql, params)

    def reconnect(self) -> None:
        """A fresh connection to the same file, its checks done when the Store was opened:
        a long-lived Store (one per server thread) starts each request on the latest
        commit rather than on whatever snapshot its old connection still holds."""
        with self._faults():
            fresh = dbfile.connect(self.path, self.timeout)
        self._conn.close()
        self._conn = fresh

    def stamp(self) -> str:
        """Now, as the store writes times: UTC ISO 8601 to the millisecond."""
        return self._stamp()

    def now(self) -> datetime:
        return self._now()

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
                interrupt.check()  # a Ctrl-C swallowed on the way commits nothing
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
            raise InputError([dbfile.store_fault(self.path, exc, self.timeout)]) from None
        except UnicodeDecodeError:  # a text cell's bytes changed: quick_check cannot see it
            raise self._error(
                "", f"the store is damaged (text that is not UTF-8): {dbfile.RESTORE}"
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


def _audited(e: NewAbstraction) -> str:
    """An entry as the audit log names it: officer, kind, days and contract."""
    first, last = e.first_date.isoformat(), e.last_date.isoformat()
    return audit.entry_detail(e.officer_id, e.kind, first, last, e.contract_id)


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
