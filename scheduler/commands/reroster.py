"""``s92 reroster SCENARIO --from DATE --out DIR``: re-roster the rest of the horizon around
the logged abstractions, changing as little as possible, and print the change notice."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from scheduler.commands.roster import positive_seconds
from scheduler.errors import InputError
from scheduler.export.roster_csv import roster_csv_text
from scheduler.files import Staged, preflight_folder
from scheduler.limits import MAX_SEED, date_problem, int_between
from scheduler.roster.reroster import RerosterResult, reroster
from scheduler.scenario import load_scenario
from scheduler.store import add_db_argument
from scheduler.store.scenarios import scenario_text
from scheduler.store.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario TOML file")
    parser.add_argument(
        "--from",
        dest="from_date",
        required=True,
        help="first day that may change (YYYY-MM-DD); earlier days stand",
    )
    parser.add_argument(
        "--notified",
        default=None,
        help="day officers are told of the changes (default: the day before --from)",
    )
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument(
        "--time-limit", type=positive_seconds, default=10.0, help="seconds per contract"
    )
    parser.add_argument("--seed", type=int_between(0, MAX_SEED), default=0)
    parser.add_argument("--publish", action="store_true", help="store the result as a new version")
    add_db_argument(parser)


def _day(text: str, field: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError.one("<command line>", field, "not a date YYYY-MM-DD", text) from None
    problem = date_problem(day)
    if problem:
        raise InputError.one("<command line>", field, problem, text)
    return day


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    from_date = _day(args.from_date, "--from")
    if not scenario.start <= from_date <= scenario.end:
        raise InputError.one(
            "<command line>",
            "--from",
            f"outside the horizon {scenario.start} to {scenario.end}",
            args.from_date,
        )
    notified = _day(args.notified, "--notified") if args.notified else from_date - timedelta(1)
    preflight_folder(args.out, names=("roster.csv", "changes.csv"))
    with Store(args.db, create=False) as store:
        if args.publish:
            store.check_writable()  # before the solve, not after it
        published = store.latest_roster(scenario.name)
        if published is None:
            raise InputError.one(
                str(store.path),
                "roster",
                f"no published roster for scenario {scenario.name!r}: run "
                "s92 roster --publish first",
            )
        entries = store.live_abstractions()
        result = reroster(
            scenario,
            published,
            entries,
            from_date,
            notified,
            time_limit=args.time_limit,
            seed=args.seed,
        )
        if not result.feasible:
            for line in result.conflicts:
                print(f"cannot re-roster {line}", file=sys.stderr)
            print(
                "nothing written: check the entries with s92 abstract list, and correct one "
                "with s92 abstract void",
                file=sys.stderr,
            )
            return 1
        with Staged(args.out) as out:
            out.text("roster.csv", roster_csv_text(result.table))
            out.csv("changes.csv", result.changes)
        if args.publish:
            version = store.publish_roster(
                scenario.name,
                result.table,
                note=f"re-roster from {from_date}",
                scenario_text=scenario_text(args.scenario),
                scenario_source=scenario.source,
            )
            print(f"published roster version {version}", file=sys.stderr)
    print_notice(result, Console(width=None if sys.stdout.isatty() else 120))
    return 0


def print_notice(result: RerosterResult, console: Console) -> None:
    t = Table(
        title=f"Change notice: {len(result.changes)} officer-days change", title_justify="left"
    )
    for col in ("officer", "date", "was", "now", "clear days", "compensation"):
        t.add_column(col)
    for r in result.changes.itertuples(index=False):
        t.add_row(r.officer_id, r.date, r.was, r.now, str(r.clear_days_notice), r.compensation)
    console.print(t)
    for line in result.skipped:
        console.print(f"not applied: {line}")
