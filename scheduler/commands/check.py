"""``s92 check SCENARIO ROSTER [--csv OUT.csv]``: re-verify every hard rule of a roster
(``roster.csv`` or ``roster.xlsx``, as the engine made it or a planner edited it in Excel).
Exit 1 on any breach."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from scheduler import files
from scheduler.check import CheckReport, check_parsed, load_roster
from scheduler.check.report import REPORT_COLUMNS
from scheduler.check.source import refuse_faults, rows_of
from scheduler.commands.contracts import absent_contracts, chosen_contracts
from scheduler.commands.findings import print_findings
from scheduler.commands.guard import published_standing, set_aside
from scheduler.errors import InputError, disk_advice, printable
from scheduler.limits import given_file
from scheduler.scenario import load_scenario
from scheduler.store import add_db_argument
from scheduler.store.validate import cli_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=given_file, help="scenario TOML file")
    parser.add_argument(
        "roster",
        type=given_file,
        help="roster.csv (one row per officer per day) or the roster.xlsx s92 wrote",
    )
    parser.add_argument("--csv", metavar="OUT.csv", help="write every breach and warning here")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the --csv file even if it is not one s92 check wrote",
    )
    parser.add_argument(
        "--contracts",
        metavar="ID,ID",
        help="check these contracts only (a roster s92 roster --contracts wrote)",
    )
    parser.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        help="the first day the scenario's rules as they are now hold (as reroster and "
        "publish --from): a breach the latest published version has before it stands, "
        "noted and not counted",
    )
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    whole = load_scenario(args.scenario)
    scenario = chosen_contracts(args, whole)
    if args.csv is not None:  # --csv "" is refused, not read as no --csv
        files.preflight_file(
            args.csv,
            option="--csv",
            reads=[("the roster it reads", args.roster), ("the scenario", args.scenario)],
            ours=("a findings CSV", ",".join(REPORT_COLUMNS).encode()),
            force=args.force,
        )
    loaded = load_roster(args.roster, whole)
    if scenario is not whole:  # a roster of every contract, checked for some
        loaded = rows_of(loaded, scenario, whole)
    absent = absent_contracts(scenario, loaded.table)
    # a contract with no row at all is named below; a day missing from one it holds, one
    # doubled, a rank typed over is bad input, not the breaches that follow from it
    refuse_faults(
        loaded,
        str(args.roster),
        scenario.cut_to([c.id for c in scenario.contracts if c.id not in absent]),
    )
    first = cli_date(args.from_date, "--from") if args.from_date is not None else None
    stands = published_standing(scenario, args.scenario, args.db, first)
    report = check_parsed(scenario, loaded.parsed, None if stands is None else stands.held)
    if stands is not None and first is not None:
        set_aside(report, stands, first, str(args.roster))
    console = Console()
    print_findings(report.breaches, "Breaches", console)
    print_findings(report.warnings, "Warnings", console)
    if args.csv is not None:
        write_csv(report, args.csv)
    if absent:
        named = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
        console.print(
            printable(
                f"{args.roster} holds no row of contract{'s' * (len(absent) > 1)} {named}: a "
                "roster of some contracts (s92 roster --contracts) is checked with s92 check "
                "--contracts"
            ),
            highlight=False,
            markup=False,
            soft_wrap=True,  # a long path is never cut in two (the terminal wraps the line)
        )
    summary = printable(f"{args.roster}: {report.summary()}")
    console.print(summary, highlight=False, soft_wrap=True, markup=False)
    return 1 if report.breaches else 0


def write_csv(report: CheckReport, path: str) -> None:
    try:
        files.write_csv(Path(path), report.to_frame())
    except OSError as exc:
        raise InputError.one(path, "", disk_advice(exc)) from None
