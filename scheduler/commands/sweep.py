"""``s92 sweep SCENARIO --runs N --out DIR``: Monte Carlo of abstraction risk per council.

The scenario is rostered once (or ``--roster ROSTER`` is read: a ``roster.csv`` or the
``roster.xlsx`` s92 wrote, one row per scenario officer per in-post day), then each run
abstracts officers at random on their duty days (operational abstraction and sickness
spells, see ``scheduler.accounting.sweep``) and counts delivered officer-days and penalty
with the delivery ledger. Runs are reproducible from ``--seed`` and the same on the local
processes and a Dask cluster (``--scheduler``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from scheduler.accounting.periods import EXAMPLES, Period
from scheduler.accounting.sweep import (
    DEFAULT_OPERATIONAL_RATE,
    DEFAULT_SICKNESS_RATE,
    DEFAULT_SPELL_DAYS,
    PERCENTILES,
    Rates,
    SweepBase,
    SweepResult,
    horizon_period,
    prepare,
    sweep,
)
from scheduler.backend import Backend, backend_for
from scheduler.check import load_scoped_roster
from scheduler.commands.report import period_for
from scheduler.commands.roster import (
    EXIT_RULES,
    add_solve_arguments,
    print_conflicts,
    print_summary,
    settings_from,
    solve_with_progress,
)
from scheduler.errors import COMMAND_LINE, InputError, Problem
from scheduler.export.sweep import SWEEP_FILES, short_council, write_sweep
from scheduler.files import preflight_folder
from scheduler.limits import MAX_RUNS, given_file, given_path, int_between, number, out_path
from scheduler.scenario import Scenario, load_scenario
from scheduler.wording import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=given_file, help="scenario TOML file")
    parser.add_argument(
        "--runs",
        required=True,
        type=int_between(1, MAX_RUNS),
        help=f"number of Monte Carlo runs (1 to {MAX_RUNS:,})",
    )
    parser.add_argument("--out", required=True, type=out_path, help="output folder")
    parser.add_argument(
        "--roster",
        type=given_path,
        default=None,
        help="roster.csv or roster.xlsx to sweep (default: roster the scenario first)",
    )
    parser.add_argument(
        "--operational-rate",
        type=number,
        default=DEFAULT_OPERATIONAL_RATE,
        metavar="R",
        help="chance a duty day is lost to operational abstraction "
        f"(default {DEFAULT_OPERATIONAL_RATE}, about 3 days a year)",
    )
    parser.add_argument(
        "--sickness-rate",
        type=number,
        default=DEFAULT_SICKNESS_RATE,
        metavar="R",
        help="share of duty days lost to sickness "
        f"(default {DEFAULT_SICKNESS_RATE}, about 8 days a year)",
    )
    parser.add_argument(
        "--spell-days",
        type=number,
        default=DEFAULT_SPELL_DAYS,
        metavar="D",
        help=f"mean sickness spell in duty days (default {DEFAULT_SPELL_DAYS:g})",
    )
    parser.add_argument(
        "--period", default=None, help=f"report period: {EXAMPLES} (default: the roster horizon)"
    )
    # --seed seeds both the solve and the draws
    add_solve_arguments(parser, "wall-clock seconds for the roster's solve, without --roster")


def run(args: argparse.Namespace) -> int:
    rates = Rates(args.operational_rate, args.sickness_rate, args.spell_days)
    check_options(args, rates)
    scenario = load_scenario(args.scenario)
    reads = [("the scenario", args.scenario), ("the roster", args.roster)]
    preflight_folder(args.out, names=SWEEP_FILES, reads=reads)
    period = period_for(args.period, scenario) if args.period else horizon_period(scenario)
    if args.period:
        check_period_in_roster(period, scenario, args.period)
    console = Console(stderr=True)
    settings = settings_from(args)
    with backend_for(args.scheduler, settings.cpu) as backend:
        roster = plan(scenario, args, console, backend)
        if roster is None:
            return EXIT_RULES
        base = prepare(roster, scenario, period, rates, args.seed)
        result = run_sweep(base, args.runs, backend, console, quiet=args.quiet)
    paths = write_sweep(result, args.out)
    for note in result.notes if args.period else ():  # the horizon is clipped by design
        console.print(f"note: {note}", highlight=False)
    print_sweep(result, base, console)
    for path in paths:
        print(path)
    return 0


def check_options(args: argparse.Namespace, rates: Rates) -> None:
    """Every bad number at once, before a long solve."""
    problems = rates.problems()
    if args.runs < 1:
        problems.append(Problem(COMMAND_LINE, "--runs", "must be at least 1", args.runs))
    if args.seed < 0:
        problems.append(Problem(COMMAND_LINE, "--seed", "must be 0 or more", args.seed))
    if problems:
        raise InputError(problems)


def check_period_in_roster(period: Period, scenario: Scenario, text: str) -> None:
    """A period no contract has a roster day of would sweep to zeros: refused before the
    solve, as s92 explain refuses a month outside the roster."""
    for contract in scenario.contracts:
        span = period.span(contract)
        first, last = max(scenario.start, contract.start), min(scenario.end, contract.end)
        if span.start <= last and first <= span.end:
            return
    raise InputError.one(
        COMMAND_LINE,
        "--period",
        f"no contract has a day of it in the roster, {scenario.start} to {scenario.end}",
        text,
    )


def plan(
    scenario: Scenario, args: argparse.Namespace, console: Console, backend: Backend
) -> pd.DataFrame | None:
    """The roster to sweep: read from ``--roster``, or solved (and written to the output
    folder, to pass as ``--roster`` next time); None when no lawful roster was found."""
    if args.roster is not None:
        return load_scoped_roster(args.roster, scenario).table
    result = solve_with_progress(
        scenario, settings_from(args), console, quiet=args.quiet, backend=backend
    )
    print_summary(result, console)
    if not result.feasible:
        print_conflicts(result, console)
        return None
    from scheduler.export.roster_csv import write_roster_csv

    print(write_roster_csv(result.table, Path(args.out) / "roster.csv"))
    return result.table


def run_sweep(
    base: SweepBase, runs: int, backend: Backend, console: Console, quiet: bool
) -> SweepResult:
    if quiet or not console.is_terminal:
        return sweep(base, runs, backend)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Monte Carlo runs", total=runs)
        return sweep(base, runs, backend, lambda n: bar.advance(task, n))


def print_sweep(result: SweepResult, base: SweepBase, console: Console) -> None:
    """Per contract: planned delivered days, then percentiles of delivered days and penalty
    (the council's name only where the console is wide enough)."""
    rates = base.rates
    wide = console.width >= 100
    t = Table(
        title=f"Sweep: {counted(int(result.summary['runs'].max()), 'run')}, {base.period.name}; "
        f"operational {rates.operational:.1%}, sickness {rates.sickness:.1%} of duty "
        f"days (spells of {rates.spell_days:g}); seed {base.seed}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    t.add_column("contract", no_wrap=True)
    if wide:
        t.add_column("council", no_wrap=True, overflow="ellipsis", max_width=24)
    for col in ("planned", "days p5", "days p50", "days p95", "£ p5", "£ p50", "£ p95"):
        t.add_column(col, justify="right", no_wrap=True)
    for row in result.summary.itertuples(index=False):
        t.add_row(
            str(row.contract_id),
            *([short_council(str(row.council))] if wide else []),
            f"{row.planned_delivered_days:,}",
            *(f"{getattr(row, f'delivered_days_p{q}'):,.0f}" for q in PERCENTILES),
            *(f"{getattr(row, f'penalty_gbp_p{q}'):,.0f}" for q in PERCENTILES),
        )
    # never a figure cut to fit: the table prints at its own width, wider than the console
    natural = console.measure(t, options=console.options.update_width(1000)).maximum
    width = console.width
    console.width = max(width, natural)
    try:
        console.print(t)
    finally:
        console.width = width
