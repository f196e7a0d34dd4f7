"""``s92 store verify``: is the store file what s92 wrote?

Checks SQLite's full integrity, the append-only triggers, every entry's hash against the
chain and every published roster against its digest. Exit 0 when all hold; 1 naming the
first broken entry (edited, removed or added outside s92) or the damage found; 2 when the
file is no s92 store at all. The chain's head hash is printed: kept elsewhere (a report,
an email), it also shows a log rewritten from the start.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from scheduler.errors import printable
from scheduler.store import Store, add_db_argument
from scheduler.store.store import StoreReport

EXIT_BROKEN = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check the store's integrity and that no entry was edited or removed outside s92",
        description=__doc__,
    )
    add_db_argument(verify)
    verify.set_defaults(action_run=_verify)


def run(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args.action_run
    return action(args)


def _verify(args: argparse.Namespace) -> int:
    with Store(args.db, create=False, strict=False) as store:
        report = store.verify()
    for line in report_lines(report):
        print(printable(line))
    return 0 if report.ok else EXIT_BROKEN


def report_lines(report: StoreReport) -> list[str]:
    """What a planner reads: the counts and head, then every finding, first break first."""
    name = str(report.path)
    chain = report.chain
    lines = [
        f"{name}: schema version {report.schema_version}, {chain.entries:,} "
        f"entr{'y' if chain.entries == 1 else 'ies'}, {report.roster_versions:,} "
        f"published roster{'s' * (report.roster_versions != 1)}",
        f"entry chain head: #{chain.head_id} {chain.head_hash}",
    ]
    if report.integrity != "ok":
        damage = report.integrity.splitlines()
        more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
        lines.append(f"{name}: damaged: {damage[0]}{more}; restore it from a backup")
    for trigger in report.missing_triggers:
        lines.append(f"{name}: append-only trigger {trigger} is missing (dropped by hand)")
    breaks = sorted(chain.breaks, key=lambda b: b.entry_id)
    if breaks:
        lines.append(f"{name}: first broken entry: #{breaks[0].entry_id}")
    lines += [f"{name}: {b.message}" for b in breaks]
    lines += [f"{name}: {b.message}" for b in report.roster_breaks]
    lines.append(f"{name}: ok" if report.ok else f"{name}: NOT as s92 wrote it")
    return lines
