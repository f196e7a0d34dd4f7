"""The embedded store (SQLite): published roster versions and the append-only entry log
(schema, entries, their validation and CSV import), the file opened and checked (connect),
the entries' hash chain (chain), plus live entries applied to a roster table (apply)."""

from __future__ import annotations

import argparse

from scheduler.store.apply import Applied, Refusal, apply_abstractions, apply_entries
from scheduler.store.entries import Abstraction, Entry, NewAbstraction, NewEntry, RosterVersion
from scheduler.store.store import DEFAULT_FILE, ENV_VAR, Store, default_db_path, preflight_write

__all__ = [
    "Abstraction",
    "Applied",
    "Entry",
    "NewAbstraction",
    "NewEntry",
    "Refusal",
    "RosterVersion",
    "Store",
    "add_db_argument",
    "apply_abstractions",
    "apply_entries",
    "default_db_path",
    "preflight_write",
]


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db FILE`` for every command that reads or writes the store. The default is
    resolved when the store opens (``Store(args.db)``), so ``$S92_DB`` set later counts."""
    parser.add_argument(
        "--db",
        type=_db_file,
        metavar="FILE",
        default=None,
        help=f"store file (default: ${ENV_VAR} if set, else ./{DEFAULT_FILE})",
    )


EMPTY_DB = f"is empty: name a store file (leave --db out for ${ENV_VAR}, else ./{DEFAULT_FILE})"


def _db_file(text: str) -> str:
    """``--db`` as typed, never the empty text (``--db "$DB"`` with DB unset): that named
    the working folder to every command but ``s92 serve``, which served the default store
    as if no --db were given."""
    if not text.strip():
        raise argparse.ArgumentTypeError(EMPTY_DB)
    return text
