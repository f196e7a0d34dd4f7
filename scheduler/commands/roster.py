"""``s92 roster SCENARIO --out DIR``: a lawful roster for every officer and every day."""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.table import Table

from scheduler.backend import COMMAND_LINE, Backend, backend_for
from scheduler.core.result import Progress
from scheduler.errors import InputError
from scheduler.roster.run import RosterResult, SolveSettings, roster_scenario
from scheduler.scenario import Scenario, load_scenario

EXIT_RULES = 1
# after the solve the command checks and writes the roster (csv and xlsx): time kept back
# from --time-limit for that, per officer-day (London, 120,450 officer-days: 4-8 s by load:
# 4.1 s on a core of its own)
AFTER_SOLVE_PER_OFFICER_DAY = 5e-5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario TOML file")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    add_solve_arguments(parser)
    parser.add_argument(
        "--publish",
        action="store_true",
        help="store the roster as a new published version in the store",
    )
    parser.add_argument("--ical", action="store_true", help="also write iCal calendars")
    parser.add_argument(
        "--contracts",
        default=None,
        metavar="ID,ID",
        help="roster only these contracts (comma-separated ids; default: all)",
    )
    parser.add_argument("--db", default=None, help="store file (default: $S92_DB or s92.db)")


def add_solve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=30.0,
        help="wall-clock seconds for the whole solve (default 30)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--workers", type=int, default=0, help="CPU cores to use (default: all); 1 = reproducible"
    )
    parser.add_argument("--quiet", action="store_true", help="no live progress")
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="run the jobs on this Dask scheduler (pip install -e '.[cluster]')",
    )


def positive_seconds(text: str) -> float:
    """A time limit: positive and finite (nan and inf parse as floats but limit nothing)."""
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return value


def settings_from(args: argparse.Namespace) -> SolveSettings:
    return SolveSettings(time_limit=args.time_limit, seed=args.seed, workers=max(0, args.workers))


def solve_budget(
    settings: SolveSettings, scenario: Scenario, began: float, contracts: list[str] | None = None
) -> SolveSettings:
    """``settings`` with the solve's share of --time-limit: what is left after loading the
    scenario (since ``began``, a ``time.monotonic()``) and keeping back the time to check
    and write the roster of ``contracts`` (None: all), so the command keeps to the limit."""
    officers = [o for o in scenario.officers if contracts is None or o.contract in contracts]
    officer_days = len(officers) * len(scenario.days)
    after = officer_days * AFTER_SOLVE_PER_OFFICER_DAY
    left = settings.time_limit - (time.monotonic() - began) - after
    return dataclasses.replace(settings, time_limit=max(left, settings.time_limit * 0.5))


def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    scenario = load_scenario(args.scenario)
    console = Console(stderr=True, width=None if sys.stderr.isatty() else 120)
    contracts = chosen_contracts(args, scenario)
    settings = solve_budget(settings_from(args), scenario, began, contracts)
    with backend_for(args.scheduler, settings.cpu) as backend:
        result = solve_with_progress(
            scenario, settings, console, quiet=args.quiet, backend=backend, contracts=contracts
        )
    print_summary(result, console)
    if not result.feasible:
        print_conflicts(result, console)
        return EXIT_RULES
    paths = write_outputs(scenario, result, args.out, ical=args.ical)
    if args.publish:
        paths.append(publish(scenario, result, args.db))
    for p in paths:
        print(p)
    return 0


def chosen_contracts(args: argparse.Namespace, scenario: Scenario) -> list[str] | None:
    """The contracts --contracts names (None: all), each checked against the scenario."""
    if not getattr(args, "contracts", None):
        return None
    wanted = [c.strip() for c in args.contracts.split(",") if c.strip()]
    known = {c.id for c in scenario.contracts}
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise InputError.one(COMMAND_LINE, "--contracts", "no such contract", unknown[0])
    return wanted


def solve_with_progress(
    scenario: Scenario,
    settings: SolveSettings,
    console: Console,
    quiet: bool = False,
    backend: Backend | None = None,
    contracts: list[str] | None = None,
) -> RosterResult:
    status: dict[str, Progress] = {}
    if quiet or not console.is_terminal:
        return roster_scenario(scenario, settings, backend=backend, contracts=contracts)

    def table() -> Table:
        # the objective so far (a year solved in blocks adds up block by block); the
        # bound and gap, valid for the whole horizon, come in the summary
        t = Table(title=f"Rostering {scenario.name}", title_justify="left")
        for col in ("contract", "objective", "seconds"):
            t.add_column(col, justify="left" if col == "contract" else "right")
        for cid, p in sorted(status.items()):
            t.add_row(cid, f"{p.objective:,.0f}", f"{p.seconds:.1f}")
        return t

    with Live(table(), console=console, refresh_per_second=4, transient=True) as live:

        def progress(cid: str, p: Progress) -> None:
            status[cid] = p
            live.update(table())

        return roster_scenario(scenario, settings, progress, backend=backend, contracts=contracts)


def print_summary(result: RosterResult, console: Console) -> None:
    """Per contract: cover delivered (officer-tours of council tasking), the cover bound
    (the most any lawful roster could deliver) and the cover as a share of it, HDD aid,
    the objective and its gap to a lower bound valid for the whole year (README)."""
    t = Table(
        title=f"Roster: {len(result.outcomes)} contracts in {result.seconds:.1f} s",
        title_justify="left",
    )
    for col in (
        "contract",
        "officers",
        "cover",
        "cover bound",
        "of bound",
        "HDD aid",
        "objective",
        "gap",
        "status",
        "seconds",
    ):
        t.add_column(col, justify="left" if col in ("contract", "status") else "right")
    for o in sorted(result.outcomes, key=lambda o: o.contract_id):
        cover = f"{o.cover_met}/{o.cover_wanted}" + (
            f" ({o.cover_met / o.cover_wanted:.0%})" if o.cover_wanted else ""
        )
        share = o.cover_of_bound
        t.add_row(
            o.contract_id,
            str(o.officers),
            cover,
            "-" if o.cover_bound is None else str(o.cover_bound),
            "-" if share is None else f"{share:.1%}",
            f"{o.hdd_filled}/{o.hdd_required}",
            "-" if o.objective is None else f"{o.objective:,.0f}",
            "-" if o.gap is None else f"{o.gap:.1%}",
            o.status,
            f"{o.seconds:.1f}",
        )
    console.print(t)


def print_conflicts(result: RosterResult, console: Console) -> None:
    for o in result.outcomes:
        if o.feasible:
            continue
        if o.conflicts:
            for line in o.conflicts:
                print(f"cannot roster {line}", file=sys.stderr)
        else:
            print(
                f"cannot roster contract {o.contract_id}: no lawful roster found within the "
                f"time limit (status {o.status}); try a longer --time-limit",
                file=sys.stderr,
            )


def write_outputs(scenario: Scenario, result: RosterResult, out: Path, ical: bool) -> list[Path]:
    from scheduler.export.roster_csv import write_roster_csv
    from scheduler.export.xlsx import write_roster_xlsx

    out.mkdir(parents=True, exist_ok=True)
    paths = [
        write_roster_csv(result.table, out / "roster.csv"),
        write_roster_xlsx(result.table, out / "roster.xlsx", scenario),
    ]
    if ical:
        from scheduler.export.ical import export_ical

        export_ical(scenario, result.table, out / "ical")
        paths.append(out / "ical")
    return paths


def publish(scenario: Scenario, result: RosterResult, db: str | None) -> Path:
    from scheduler.store.store import Store, default_db_path

    path = Path(db) if db else default_db_path()
    with Store(path) as store:
        version = store.publish_roster(scenario.name, result.table, note="s92 roster")
    print(f"published roster version {version} to {path}", file=sys.stderr)
    return path
