"""``s92 explain SCENARIO ROSTER [--contract ID] [--month YYYY-MM] [--csv OUT.csv]``: every
day a tour had fewer officers than the council asked for (date, tour, wanted, on duty) and
why, in a planner's words, with the officer-tours short by cause. The roster is a
``roster.csv`` or the ``roster.xlsx`` s92 wrote; the causes are read from it and the
scenario alone (``scheduler.check.shortfall``)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scheduler import files
from scheduler.accounting.periods import parse_period
from scheduler.check import load_roster
from scheduler.check.read import RosterFile
from scheduler.check.shortfall import CAUSES, Shortfall, explain_shortfalls, totals
from scheduler.check.source import scoped
from scheduler.commands.contracts import absent_contracts, contract_ids, unasked
from scheduler.errors import COMMAND_LINE, InputError, disk_advice, printable
from scheduler.limits import given_file
from scheduler.scenario import Scenario, load_scenario

SHOWN = 200  # shortfalls printed; --csv has them all
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=given_file, help="scenario TOML file")
    parser.add_argument("roster", type=given_file, help="roster.csv or the roster.xlsx s92 wrote")
    parser.add_argument("--contract", metavar="ID", help="only this contract")
    parser.add_argument("--month", metavar="YYYY-MM", help="only this month")
    parser.add_argument("--csv", metavar="OUT.csv", help="write every shortfall here")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the --csv file even if it is not one s92 explain wrote",
    )


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if args.csv is not None:  # --csv "" is refused, not read as no --csv
        files.preflight_file(
            args.csv,
            option="--csv",
            reads=[("the roster it reads", args.roster), ("the scenario", args.scenario)],
            ours=("a shortfalls CSV", b"date,contract_id,tour,wanted"),
            force=args.force,
        )
    contract = _contract(args.contract, scenario)
    month = _month(args.month, scenario)
    whole = scenario
    read = load_roster(args.roster, whole)
    if contract is not None:  # a roster of that contract alone (s92 roster --contracts) reads
        scenario = scenario.cut_to([contract])
    elif _some_contracts(whole, read):  # so does one of some contracts
        absent = absent_contracts(whole, read.table)
        scenario = whole.cut_to([c.id for c in whole.contracts if c.id not in absent])
        print(
            printable(f"{args.roster}: holds no row of {', '.join(absent)}: explains the rest"),
            file=sys.stderr,
        )
    # an officer-day missing would be explained as an officer too few
    loaded = scoped(read, str(args.roster), scenario, None if scenario is whole else whole)
    shortfalls = explain_shortfalls(scenario, loaded.parsed, contract, month)
    console = Console(width=None if sys.stdout.isatty() else 120)
    none_asked = unasked(scenario, month)
    print_shortfalls(shortfalls, console, none_asked)
    print_totals(shortfalls, console, none_asked, len(scenario.contracts))
    if args.csv is not None:
        try:
            files.write_csv(Path(args.csv), shortfalls_frame(shortfalls))
        except OSError as exc:
            raise InputError.one(args.csv, "", disk_advice(exc)) from None
    return 0


def _some_contracts(scenario: Scenario, read: RosterFile) -> bool:
    """Whether the roster holds every row of some contracts and none of the others."""
    held = set(read.table["contract_id"].astype(str)) & {c.id for c in scenario.contracts}
    return bool(held) and bool(absent_contracts(scenario, read.table))


def print_cover_causes(scenario: Scenario, parsed: pd.DataFrame, console: Console) -> None:
    """Under ``s92 roster``'s summary: the officer-tours short of the council's ask, by
    cause (``s92 explain`` lists each day), for a roster ``parse_roster`` has read: an
    empty one too (every post vacant), whose cover is all short."""
    shortfalls = explain_shortfalls(scenario, parsed)
    print_totals(shortfalls, console, unasked(scenario), len(scenario.contracts))
    if shortfalls:
        console.print("(s92 explain SCENARIO ROSTER lists each day and why)", highlight=False)


def _nothing_asked(none_asked: Sequence[str]) -> str:
    return printable(
        f"Cover: no tour asked for: {', '.join(none_asked)} "
        f"{'has' if len(none_asked) == 1 else 'have'} no [[contract.cover]] row in force on "
        "these days; add the tours the council wants officers on to the scenario."
    )


def print_shortfalls(
    shortfalls: list[Shortfall], console: Console, none_asked: Sequence[str] = ()
) -> None:
    if not shortfalls:
        if not none_asked:  # else print_totals says no tour was asked for
            console.print("No shortfalls: every tour had the officers the council asked for.")
        return
    shown = f" (first {SHOWN} of {len(shortfalls):,})" if len(shortfalls) > SHOWN else ""
    table = Table(title=f"Shortfalls{shown}", title_justify="left")
    for column in ("date", "contract", "tour"):
        table.add_column(column)
    table.add_column("wanted", justify="right")
    table.add_column("on duty", justify="right")
    table.add_column("why", overflow="fold")
    for s in shortfalls[:SHOWN]:
        day = f"{s.day.isoformat()} {s.day:%a}"
        why = Text(printable(s.why))  # scenario names (an HDD's) as text, never markup
        table.add_row(day, s.contract_id, s.tour, str(s.wanted), str(s.on_duty), why)
    console.print(table)


def print_totals(
    shortfalls: list[Shortfall], console: Console, none_asked: Sequence[str] = (), of: int = 0
) -> None:
    """Officer-tours short by cause; ``none_asked``, the contracts (of the ``of`` explained)
    asking for no cover at all, named rather than said to have had every officer."""
    by_cause = totals(shortfalls)
    if not by_cause:
        if none_asked:
            console.print(_nothing_asked(none_asked), highlight=False, markup=False)
        if len(none_asked) < of or not none_asked:
            who = "the other contracts" if none_asked else "the council"
            console.print(f"Cover: every tour {who} asked for had its officers.")
        return
    short = sum(by_cause.values())
    days = len({(s.contract_id, s.day) for s in shortfalls})
    unbought = by_cause.get("bank_holiday", 0)
    # the cover column counts only what the contract buys: say why the totals differ
    aside = (
        f" ({unbought:,} of them on bank holidays the contract does not buy, which the"
        " cover column leaves out)"
        if unbought
        else ""
    )
    console.print(
        f"Cover shortfalls by cause: {short:,} officer-tours on {days:,} contract-days{aside}",
        highlight=False,
    )
    table = Table()
    table.add_column("cause")
    table.add_column("officer-tours", justify="right")
    table.add_column("share", justify="right")
    for key, n in by_cause.items():
        table.add_row(CAUSES[key], f"{n:,}", f"{n / short:.0%}")
    console.print(table)


def shortfalls_frame(shortfalls: list[Shortfall]) -> pd.DataFrame:
    """One row per shortfall: the numbers, officer-tours short by cause, and why."""
    rows = []
    for s in shortfalls:
        counts = {key: 0 for key in CAUSES}
        for c in s.causes:
            counts[c.key] += c.count
        rows.append(
            {
                "date": s.day.isoformat(),
                "contract_id": s.contract_id,
                "tour": s.tour,
                "wanted": s.wanted,
                "on_duty": s.on_duty,
                "short": s.short,
                **counts,
                "why": s.why,
            }
        )
    columns = ["date", "contract_id", "tour", "wanted", "on_duty", "short", *CAUSES, "why"]
    return pd.DataFrame(rows, columns=columns)


def _contract(text: str | None, scenario: Scenario) -> str | None:
    if text is None:
        return None
    return contract_ids("--contract", [text], scenario)[0]


def _month_written(text: str) -> tuple[int, int] | None:
    """(year, month) of ``2026-08``, or of a month as ``s92 report --period`` reads one
    (``2026-8``, ``08/2026``, ``Aug 2026``): before, ``--period "Aug 2026"`` reported
    the month and ``--month "Aug 2026"`` was not a month."""
    if m := _MONTH.match(text.strip()):
        month = (int(m.group(1)), int(m.group(2)))
        return month if 1 <= month[1] <= 12 else None
    try:
        period = parse_period(text)
    except ValueError:
        return None
    return (period.year, period.month) if period.kind == "month" else None


def _month(text: str | None, scenario: Scenario) -> tuple[int, int] | None:
    if text is None:
        return None
    month = _month_written(text)
    if month is None:
        raise InputError.one(COMMAND_LINE, "--month", "not a month YYYY-MM", text)
    first, last = scenario.start, scenario.end
    if not (first.year, first.month) <= month <= (last.year, last.month):
        raise InputError.one(
            COMMAND_LINE, "--month", f"outside the roster, {first} to {last}", text
        )
    return month
