"""The embedded store (SQLite): published roster versions and the append-only entry log
(schema, entries, their validation and CSV import), the file opened and checked (connect),
the entries' hash chain (chain), plus the overlay of live entries onto a roster table
(apply)."""

from __future__ import annotations

import argparse

from scheduler.store.apply import Overlay, SkippedDay, apply_abstractions, overlay_abstractions
from scheduler.store.entries import Abstraction, NewAbstraction, RosterVersion
from scheduler.store.store import DEFAULT_FILE, ENV_VAR, Store, default_db_path, preflight_write

__all__ = [
    "Abstraction",
    "NewAbstraction",
    "Overlay",
    "RosterVersion",
    "SkippedDay",
    "Store",
    "add_db_argument",
    "apply_abstractions",
    "default_db_path",
    "overlay_abstractions",
    "preflight_write",
]


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db FILE`` for every command that reads or writes the store. The default is
    resolved when the store opens (``Store(args.db)``), so ``$S92_DB`` set later counts."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        default=None,
        help=f"store file (default: ${ENV_VAR} if set, else ./{DEFAULT_FILE})",
    )
