"""The store's schema as ordered migrations. Never edit a released migration: append one.

Each migration is a tuple of single SQL statements (not a script) so that all of them run
inside the one ``BEGIN IMMEDIATE`` transaction that ``Store`` opens: ``executescript``
would commit behind our back.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.store.chain import chain_existing

_APPEND_ONLY = "is append-only"


def _append_only(table: str, what: str) -> tuple[str, ...]:
    # RAISE(ABORT) undoes the statement; the Store then rolls back the whole transaction.
    return (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{what} {_APPEND_ONLY}'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{what} {_APPEND_ONLY}'); END""",
    )


_DATE = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
_CLOCK = "GLOB '[0-2][0-9]:[0-5][0-9]'"

_V1: tuple[str, ...] = (
    """CREATE TABLE roster_version (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scenario TEXT NOT NULL CHECK (scenario <> ''),
        published_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        row_count INTEGER NOT NULL CHECK (row_count >= 0),
        digest TEXT NOT NULL,
        rows BLOB NOT NULL
    )""",
    "CREATE INDEX roster_version_by_scenario ON roster_version (scenario, id)",
    *_append_only("roster_version", "a published roster"),
    # INSERT OR REPLACE deletes the row it conflicts with without firing delete triggers,
    # so refuse any insert that would collide instead of trusting the delete trigger.
    """CREATE TRIGGER roster_version_no_replace BEFORE INSERT ON roster_version
    WHEN EXISTS (SELECT 1 FROM roster_version WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'a published roster is append-only'); END""",
    f"""CREATE TABLE abstraction (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        officer_id TEXT NOT NULL CHECK (officer_id <> ''),
        contract_id TEXT NOT NULL DEFAULT '',
        first_date TEXT NOT NULL CHECK (first_date {_DATE}),
        last_date TEXT NOT NULL CHECK (last_date {_DATE} AND last_date >= first_date),
        start TEXT CHECK (start IS NULL OR start {_CLOCK}),
        "end" TEXT CHECK ("end" IS NULL OR "end" {_CLOCK}),
        kind TEXT NOT NULL CHECK (kind <> ''),
        reason TEXT NOT NULL CHECK (reason <> ''),
        authorised_by TEXT NOT NULL CHECK (authorised_by <> ''),
        notified TEXT NOT NULL CHECK (notified {_DATE}),
        logged_at TEXT NOT NULL,
        voids INTEGER UNIQUE REFERENCES abstraction (id),
        source_key TEXT UNIQUE,
        CHECK ((start IS NULL) = ("end" IS NULL))
    )""",
    "CREATE INDEX abstraction_by_officer ON abstraction (officer_id, first_date)",
    *_append_only("abstraction", "the abstraction log"),
    """CREATE TRIGGER abstraction_no_replace BEFORE INSERT ON abstraction
    WHEN EXISTS (SELECT 1 FROM abstraction WHERE id = NEW.id
                 OR (NEW.source_key IS NOT NULL AND source_key = NEW.source_key))
    BEGIN SELECT RAISE(ABORT, 'the abstraction log is append-only'); END""",
    # A correction voids the original once; a voiding entry is itself final.
    """CREATE TRIGGER abstraction_void_rules BEFORE INSERT ON abstraction
    WHEN NEW.voids IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'voids: no such abstraction')
        WHERE NOT EXISTS (SELECT 1 FROM abstraction WHERE id = NEW.voids);
        SELECT RAISE(ABORT, 'voids: a voiding entry cannot be voided')
        WHERE (SELECT voids FROM abstraction WHERE id = NEW.voids) IS NOT NULL;
        SELECT RAISE(ABORT, 'voids: entry already voided')
        WHERE EXISTS (SELECT 1 FROM abstraction WHERE voids = NEW.voids);
        SELECT RAISE(ABORT, 'voids: officer differs from the entry voided')
        WHERE (SELECT officer_id FROM abstraction WHERE id = NEW.voids) IS NOT NEW.officer_id;
    END""",
    """CREATE VIEW live_abstraction AS
    SELECT a.* FROM abstraction AS a
    WHERE a.voids IS NULL
      AND NOT EXISTS (SELECT 1 FROM abstraction AS v WHERE v.voids = a.id)""",
)


# Each entry's hash, chained to the entry before it (scheduler.store.chain); a table of its
# own, so chaining the entries already logged needs no UPDATE of the append-only log.
_V2: tuple[str, ...] = (
    """CREATE TABLE entry_chain (
        id INTEGER PRIMARY KEY REFERENCES abstraction (id),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
    )""",
    *_append_only("entry_chain", "the entry hash chain"),
    """CREATE TRIGGER entry_chain_no_replace BEFORE INSERT ON entry_chain
    WHEN EXISTS (SELECT 1 FROM entry_chain WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'the entry hash chain is append-only'); END""",
)


# Version 3: what ``s92 serve`` needs beside the roster and the log. The scenario each
# version was rostered from (so the store is self-contained), accounts with their scopes,
# sessions, API and feed tokens (hashes only), login failures for throttling, the iCal UID
# secret and served event sequences, and an append-only audit log of who did what.
_ROLE = "role IN ('admin', 'planner', 'council')"
_V3: tuple[str, ...] = (
    """CREATE TABLE roster_scenario (
        version_id INTEGER PRIMARY KEY REFERENCES roster_version (id),
        toml TEXT NOT NULL CHECK (toml <> ''),
        source TEXT NOT NULL DEFAULT ''
    )""",
    *_append_only("roster_scenario", "the scenario of a published roster"),
    f"""CREATE TABLE account (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        role TEXT NOT NULL CHECK ({_ROLE}),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
    )""",
    """CREATE TRIGGER account_no_delete BEFORE DELETE ON account
    BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END""",
    """CREATE TABLE account_scope (
        account_id INTEGER NOT NULL REFERENCES account (id),
        kind TEXT NOT NULL CHECK (kind IN ('bcu', 'contract')),
        value TEXT NOT NULL CHECK (value <> ''),
        PRIMARY KEY (account_id, kind, value)
    )""",
    """CREATE TABLE web_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES account (id),
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT
    )""",
    """CREATE TABLE api_token (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES account (id),
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )""",
    """CREATE TABLE login_failure (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        client TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX login_failure_by_name ON login_failure (name, at)",
    "CREATE INDEX login_failure_by_client ON login_failure (client, at)",
    """CREATE TABLE feed_token (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        scenario TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
    )""",
    "CREATE INDEX feed_token_by_officer ON feed_token (scenario, officer_id)",
    """CREATE TABLE ical_secret (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        origin TEXT NOT NULL
    )""",
    *_append_only("ical_secret", "the iCal UID secret"),
    """CREATE TABLE ical_sequence (
        calendar TEXT NOT NULL,
        uid TEXT NOT NULL,
        digest TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 0),
        PRIMARY KEY (calendar, uid)
    )""",
    # re-roster and upload previews of s92 serve: any server process may be asked for one
    """CREATE TABLE web_preview (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        contract_id TEXT NOT NULL,
        scenario TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        scenario_version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        note TEXT NOT NULL,
        time_limit REAL NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        ok INTEGER,
        lines TEXT NOT NULL DEFAULT '[]',
        breaches INTEGER NOT NULL DEFAULT 0,
        roster BLOB,
        changes BLOB,
        error TEXT NOT NULL DEFAULT '',
        published INTEGER
    )""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action <> ''),
        target TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT ''
    )""",
    *_append_only("audit", "the audit log"),
    """CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
    WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)

# which process runs a preview ("host pid start"): a preview whose process has ended
# without finishing it (a server killed mid-job) is shown as stopped, not as solving
_V4: tuple[str, ...] = ("ALTER TABLE web_preview ADD COLUMN worker TEXT NOT NULL DEFAULT ''",)

# Version 5: each published version's change notice, as the command or page that published
# it worked it out (from its --from, with each change's entry), stored in the publication's
# own transaction: what changes.csv said is what the web's change notices show, never a
# recomputation. And when a web re-roster's worker took it up, and which server process
# queued it, so that one waiting its turn is shown as waiting, with its place in the queue.
_V5: tuple[str, ...] = (
    """CREATE TABLE roster_changes (
        version_id INTEGER PRIMARY KEY REFERENCES roster_version (id),
        row_count INTEGER NOT NULL CHECK (row_count >= 0),
        changes BLOB NOT NULL
    )""",
    *_append_only("roster_changes", "the change notice of a published roster"),
    """CREATE TRIGGER roster_changes_no_replace BEFORE INSERT ON roster_changes
    WHEN EXISTS (SELECT 1 FROM roster_changes WHERE version_id = NEW.version_id)
    BEGIN SELECT RAISE(ABORT, 'the change notice of a published roster is append-only'); END""",
    "ALTER TABLE web_preview ADD COLUMN running_at TEXT",
    "ALTER TABLE web_preview ADD COLUMN server TEXT NOT NULL DEFAULT ''",
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    # work SQL cannot do (hashing the entries already logged), run after the statements in
    # the same transaction
    backfill: Callable[[sqlite3.Connection], None] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "roster versions and the append-only abstraction log", _V1),
    Migration(2, "a hash chain over the entry log", _V2, chain_existing),
    Migration(3, "scenarios of versions, accounts, tokens, feeds, iCal secret, audit", _V3),
    Migration(4, "the process that runs each web preview", _V4),
    Migration(5, "the change notice of each published roster; web re-roster queue", _V5),
)


def expected_triggers() -> frozenset[str]:
    """The triggers the migrations create (less any a later one drops): all must be present
    in a store, or the log is no longer append-only."""
    names: set[str] = set()
    for migration in MIGRATIONS:
        for statement in migration.statements:
            created = _CREATE_TRIGGER.match(statement)
            dropped = _DROP_TRIGGER.match(statement)
            if created:
                names.add(created.group(1))
            elif dropped:
                names.discard(dropped.group(1))
    return frozenset(names)


_CREATE_TRIGGER = re.compile(r"\s*CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
_DROP_TRIGGER = re.compile(r"\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)", re.I)

SCHEMA_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""
