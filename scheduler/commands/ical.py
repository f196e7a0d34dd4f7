"""``s92 ical SCENARIO ROSTER --out DIR``: publish a roster as iCal calendars.

ROSTER is a ``roster.csv`` or the ``roster.xlsx`` s92 wrote (as a planner edited it), read
by the checker's reader and refused unless it has one row per scenario officer per in-post
day (``scheduler.check.load_scoped_roster``). Writes ``DIR/officers/<officer>.ics``,
``DIR/contracts/<contract>.ics`` and ``DIR/high-demand-days.ics``; re-exporting into the
same DIR keeps event UIDs and raises SEQUENCE on changed duties, so subscribed calendars
update in place. UIDs derive from the store's secret, so ``s92 serve``'s feeds of the same
store carry the same UIDs; a folder an older s92 wrote (its secret in ``.s92-ical.json``)
hands its secret to the store.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scheduler.check import load_scoped_roster
from scheduler.errors import InputError
from scheduler.export.ical import (
    CONTRACTS_DIR,
    HDD_FILE,
    OFFICERS_DIR,
    export_ical,
    folder_secret,
)
from scheduler.files import preflight_folder
from scheduler.scenario import load_scenario
from scheduler.store import Store, add_db_argument
from scheduler.store.feeds import ical_secret


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario TOML file")
    parser.add_argument(
        "roster",
        help="roster.csv or the roster.xlsx s92 wrote (one row per officer per in-post day)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the .ics files")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    out = preflight_folder(args.out)
    roster = load_scoped_roster(args.roster, scenario).table
    secret = store_secret(args.db, out)
    try:
        paths = export_ical(scenario, roster, out, secret=secret)
    except ValueError as exc:  # a row the reader's checks let through
        raise InputError.one(str(args.roster), "", str(exc)) from None
    except OSError as exc:  # --out is a file, read-only ...
        where = exc.filename or out
        raise InputError.one(str(where), "", f"cannot write: {exc.strerror}") from None
    print(summary_lines(paths, out))
    return 0


def store_secret(db: str | Path | None, out: Path) -> bytes:
    """The store's UID secret, adopting the one a published folder holds if the store has
    none yet (after which the folder's state file no longer keeps it)."""
    try:
        found = folder_secret(out)
    except OSError:  # --out is a file ...: the export says so in its own words
        found = None
    with Store(db) as store:
        return ical_secret(store, found)


def summary_lines(paths: list[Path], out: Path) -> str:
    officers = sum(p.parent.name == OFFICERS_DIR for p in paths)
    contracts = sum(p.parent.name == CONTRACTS_DIR for p in paths)
    return "\n".join(
        (
            f"{officers} officer calendar{'s' * (officers != 1)} in {out / OFFICERS_DIR}",
            f"{contracts} contract calendar{'s' * (contracts != 1)} in {out / CONTRACTS_DIR}",
            f"HDD calendar: {out / HDD_FILE}",
        )
    )
