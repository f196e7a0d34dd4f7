"""``s92 roster SCENARIO --out DIR``: a lawful roster for every officer and every day."""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from rich.console import Console
from rich.live import Live
from rich.table import Table

from scheduler.backend import Backend, backend_for
from scheduler.beside import Beside
from scheduler.check import parse_roster
from scheduler.commands.contracts import chosen_contracts, outside, reaches
from scheduler.commands.explain import print_cover_causes
from scheduler.commands.findings import print_over_max
from scheduler.commands.guard import verify_parsed
from scheduler.core.result import Progress
from scheduler.cpuload import CpuSample, busy_elsewhere, load_average
from scheduler.errors import COMMAND_LINE, InputError, printable
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.files import Staged, preflight_folder
from scheduler.limits import (
    MAX_SEED,
    MAX_WORKERS,
    given_file,
    int_between,
    out_path,
    positive_seconds,
)
from scheduler.roster.run import AfterRun, RosterResult, SolveSettings, roster_scenario
from scheduler.rules.high_demand import aid_left_out
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Entry, preflight_write
from scheduler.store.scenarios import scenario_text
from scheduler.wording import counted, no_change

if TYPE_CHECKING:  # the calendars' code loads only for --ical
    from scheduler.commands.ical import CalendarRecord

EXIT_RULES = 1
OUTPUT_FILES = ("roster.csv", "roster.xlsx", "changes.csv")  # changes.csv: a roster published again
# after the solve the command checks the roster, explains its cover and writes roster.csv
# (CHECK), while a child process writes roster.xlsx (XLSX); the seconds kept back from
# --time-limit for them, per officer-day: the longer of the two with two cores, their sum
# with one (BENCHMARKS.md, "Rostering": London's 120,450 officer-days take 2.5 s and 3 s)
AFTER_SOLVE_CHECK = 2.5e-5
AFTER_SOLVE_XLSX = 3e-5
# the least share of a core ``core_share`` counts on (a load average of many jobs on one
# core would leave the solve nothing: it keeps half the limit in any case)
LEAST_SHARE = 0.25
# cores' worth of other work the note on a run past its limit names (less is noise)
SHARED_FROM = 0.1
# a run counts as over its --time-limit past this share of it plus these seconds (start-up)
OVERRUN_SHARE = 1.05
OVERRUN_SECONDS = 2.0
# solver seconds, at most, for applying the log's live entries to a roster it publishes
ENTRIES_SECONDS = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", type=given_file, help="scenario TOML file")
    parser.add_argument("--out", metavar="DIR", required=True, type=out_path, help="output folder")
    add_solve_arguments(
        parser,
        "wall-clock seconds for the whole command from its start, loading, check and files "
        "included; with --workers 1 solver work instead, the same roster on any machine "
        "(a busy one takes longer)",
    )
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
    parser.add_argument(
        "--db", default=None, metavar="FILE", help="store file (default: $S92_DB or s92.db)"
    )


def add_solve_arguments(
    parser: argparse.ArgumentParser, time_help: str = "wall-clock seconds for the solve"
) -> None:
    parser.add_argument(
        "--time-limit",
        metavar="S",
        type=positive_seconds,
        default=30.0,
        help=f"{time_help} (default 30)",
    )
    parser.add_argument(
        "--seed",
        metavar="N",
        type=int_between(0, MAX_SEED),
        default=0,
        help="random seed (default 0)",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        type=int_between(0, MAX_WORKERS),
        default=0,
        help="CPU cores to use (default 0: all); 1 = reproducible",
    )
    parser.add_argument("--quiet", action="store_true", help="no live progress")
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="run the jobs on this Dask scheduler (pip install -e '.[cluster]')",
    )


def settings_from(args: argparse.Namespace) -> SolveSettings:
    return SolveSettings(time_limit=args.time_limit, seed=args.seed, workers=max(0, args.workers))


def solve_budget(
    settings: SolveSettings, scenario: Scenario, began: float, since: CpuSample | None = None
) -> SolveSettings:
    """``settings`` with the solve's share of --time-limit: what is left after loading the
    scenario (since ``began``, a ``time.monotonic()``) and keeping back the time to check
    and write the roster, so the command as a whole keeps to the limit. ``since``: a
    sample of the cores from early in the command, to tell how busy other work keeps
    them (``free_cores``). With --workers 1 the limit is solver work, the same however
    long the loading took (a busy machine's slower start gave a different roster)."""
    free = free_cores(settings.cpu, since)
    after = after_solve(len(scenario.officers) * len(scenario.days), free)
    after /= min(1.0, core_share(settings.cpu, since))  # half a core: twice the seconds
    spent = 0.0 if settings.reproducible else time.monotonic() - began
    left = settings.time_limit - spent - after
    return dataclasses.replace(settings, time_limit=max(left, settings.time_limit * 0.5))


def core_share(cpu: int, since: CpuSample | None = None) -> float:
    """The cores' worth of CPU other work has left this process of its ``cpu`` since
    ``since`` (at least ``LEAST_SHARE``; all of them when that is not known: the load
    average counts every core, not only this process's): pinned to one core beside a busy
    job, about half of it, and what follows the solve then takes twice as long on the
    clock as on the CPU."""
    other = _elsewhere(since)
    return float(cpu) if other is None else max(LEAST_SHARE, cpu - other)


def _elsewhere(since: CpuSample | None) -> float | None:
    """Cores other work kept busy since ``since`` (``cpuload``), None if not known."""
    return None if since is None else busy_elsewhere(since)


def free_cores(cpu: int, since: CpuSample | None = None) -> int:
    """Of ``cpu`` cores, how many other work has left free: what it has kept busy since
    ``since`` (``cpuload``), else the load average over the last minute, rounded, taken
    off (another job on one of two cores leaves one, and the check and the workbook then
    take turns on it)."""
    other = _elsewhere(since)
    if other is None:
        other = load_average()
    if other is None:  # pragma: no cover - no load average on this system
        return cpu
    return max(1, min(cpu, math.floor(cpu - other + 0.5)))


def _calendars(scenario: Scenario, ical: bool) -> list[str]:
    """The calendar files ``--ical`` writes (checked before the solve, not after it)."""
    if not ical:
        return []
    from scheduler.export.ical import ical_file_names  # only a command with --ical loads it

    return [f"ical/{name}" for name in ical_file_names(scenario)]


def after_run(
    limit: float,
    settings: SolveSettings,
    scenario: Scenario,
    since: CpuSample | None,
    start: tuple[float, float] | None = None,
) -> AfterRun:
    """What follows the solve, for its jobs to keep back the time it needs at the share
    of a core they measure while they solve (``AfterRun``): the CPU seconds of
    ``after_solve``, the share ``solve_budget`` counted on (``settings`` is its budget), and
    at most what leaves the solve half of --time-limit ``limit``, as ``solve_budget`` does;
    the share measured in this process from ``start`` (a ``time.monotonic()`` and the
    process's CPU seconds then: the process's start, its start-up at the share it got
    included), else from ``since`` (the command's start)."""
    officer_days = len(scenario.officers) * len(scenario.days)
    cpu = after_solve(officer_days, free_cores(settings.cpu, since))
    share = min(1.0, core_share(settings.cpu, since))
    most = max(0.0, settings.time_limit - limit * 0.5)
    if start is None and since is not None:
        start = (since.wall, since.own)
    mark = None if since is None or start is None else (os.getpid(), *start)
    return AfterRun(cpu, share, most, mark)


def after_solve(officer_days: int, cpu: int) -> float:
    """Seconds to keep back for what follows the solve (``AFTER_SOLVE_CHECK``)."""
    check, xlsx = officer_days * AFTER_SOLVE_CHECK, officer_days * AFTER_SOLVE_XLSX
    return max(check, xlsx) if cpu > 1 else check + xlsx


def run(args: argparse.Namespace) -> int:
    # ``cli.main`` sets the process's start and its CPU time then
    began = getattr(args, "began", None)
    start = (
        (time.monotonic(), time.process_time())
        if began is None
        else (began, getattr(args, "began_cpu", 0.0))
    )
    began = start[0]
    # how busy other work keeps the cores, from the command's start (``cli.main``): the
    # scenario's loading alone is often too short to tell (under ``cpuload.MIN_STRETCH``),
    # and a run pinned beside a busy job then kept back for the check and the files only
    # what they need of a whole core
    since = getattr(args, "since", None) or CpuSample.now()
    scenario = load_scenario(args.scenario)
    preflight_folder(
        args.out,
        names=[*OUTPUT_FILES, *_calendars(scenario, args.ical)],
        reads=[("the scenario", args.scenario)],
    )
    if args.publish or args.ical:  # the calendars' UIDs come from the store's secret
        preflight_write(args.db)
    if args.ical and not args.publish:  # before the solve, not after it
        _no_entries_ahead(args.db, scenario)
    console = Console(stderr=True, width=None if sys.stderr.isatty() else 120)
    scenario = chosen_contracts(args, scenario)
    asked = settings_from(args)
    # --workers 1 budgets solver work, the same on any machine: not by how busy it is
    settings = solve_budget(asked, scenario, began, None if asked.reproducible else since)
    after = after_run(args.time_limit, settings, scenario, since, start)
    with backend_for(args.scheduler, settings.cpu) as backend:
        result = solve_with_progress(
            scenario, settings, console, quiet=args.quiet, backend=backend, after=after
        )
    print_summary(result, console)
    for c in scenario.contracts:
        if not reaches(c, scenario):
            console.print(f"note: {printable(outside(c, scenario))}", highlight=False, markup=False)
    for left in aid_left_out(scenario):  # else read only as fewer on aid in the table
        console.print(f"note: {printable(left)}", highlight=False, markup=False)
    if not result.feasible:
        # of the contracts rostered: the others have no rows, or (solved team by team)
        # the rows of the teams that had a roster, which are no roster of the contract
        done = sorted(o.contract_id for o in result.outcomes if o.feasible)
        if done:
            console.print(
                printable(f"Of the {counted(len(done), 'contract')} rostered, {', '.join(done)}:"),
                highlight=False,
                markup=False,
            )
            rostered = scenario.cut_to(done)  # the others' tasking is not of this roster
            table = result.table[result.table["contract_id"].isin(done)]
            print_cover_causes(rostered, parse_roster(table, "roster"), console)
        print_conflicts(result, console)
        return EXIT_RULES
    if args.publish:  # the store's live entries go into what is published, as reroster's
        applied = with_logged_entries(scenario, result, args.db, settings)
        if applied is None:
            return EXIT_RULES
        result = applied
    with Staged(args.out) as out:  # every file, and the publication, or none
        # roster.xlsx is written beside the check; staged, it is only kept if the check passes
        # unpublished, the workbook names the version latest now: published as it stands,
        # no earlier version can be what it holds, and none is read back to look
        made = None if args.publish else _latest_version(args.db, scenario)
        calendars: list[CalendarRecord] = []  # published, the calendars' record goes with it
        write = partial(write_roster_xlsx, made_from=made, afresh=made is not None)
        with Beside(write, result.table, out.path("roster.xlsx"), scenario) as xlsx:
            parsed = parse_roster(result.table, "roster")
            print_cover_causes(scenario, parsed, console)
            report = verify_parsed(scenario, parsed, "roster", console)
            print_over_max(report, console)
            breaches = report.breaches
            if not breaches:
                keep = calendars.append if args.publish else None
                paths = write_outputs(scenario, result, out, ical=args.ical, db=args.db, keep=keep)
        if breaches:
            out.discard()
            return EXIT_RULES
        xlsx.result()
        text = scenario_text(args.scenario) if args.publish else None
        before = previous_version(scenario, result, args.db, out, text) if args.publish else None
        if before is None:
            _drop_stale_changes(out)
        if args.publish:
            if before is not None:
                paths.append(out.folder / "changes.csv")
            if before is not None and before.unchanged:
                out.on_commit(partial(keep_calendars, args.db, calendars, before.version))
            else:  # once every file is in place: a failed publication puts them back
                out.on_commit(
                    lambda: paths.append(
                        publish(scenario, result, args.db, text, before, calendars)
                    )
                )
    for p in paths:
        print(p)
    _note_overrun(args, settings, began, console, since, result.seconds)
    return 0


CHANGES_HEADER = b"officer_id,contract_id,date,was,now,"  # every changes.csv s92 writes


def _drop_stale_changes(out: Staged) -> None:
    """A ``changes.csv`` an earlier run left in ``--out`` (a re-roster's, a publication's)
    compares another roster with the one before it: beside this run's roster.csv it read
    as this roster's changes. Removed as the new files go into place (put back with them
    on a fault); a file of that name s92 did not write is kept."""
    old = out.folder / "changes.csv"
    try:
        with old.open("rb") as handle:
            ours = handle.read(len(CHANGES_HEADER)) == CHANGES_HEADER
    except OSError:  # none there (or unreadable: not ours to remove)
        return
    if ours:
        out.drop("changes.csv")


def _note_overrun(
    args: argparse.Namespace,
    settings: SolveSettings,
    began: float,
    console: Console,
    since: CpuSample | None = None,
    solved: float | None = None,
) -> None:
    """A run past --time-limit (by more than 5 %, plus 2 s for starting) says so, and why:
    a solve past its share (``settings.time_limit``) by the lawful start every block gets,
    whatever the time (README: "One floor under the limit"); a solve of ``solved``
    seconds within it by what came before and after it (loading, the check, the files);
    and how much of its cores other work took since ``since``. Not with --workers 1,
    whose limit is solver work."""
    took = time.monotonic() - began
    if settings.reproducible or took <= args.time_limit * OVERRUN_SHARE + OVERRUN_SECONDS:
        return
    other = _elsewhere(since)
    shared = ""
    if other is not None and other >= SHARED_FROM:
        of = "it" if settings.cpu == 1 else "them"
        shared = f", other work taking {min(other, settings.cpu):.1f} of {of}"
    cores = counted(settings.cpu, "core")
    if solved is not None and solved <= settings.time_limit * OVERRUN_SHARE:
        why = (  # the solve kept to its share: the floor is not what took the time
            f"the roster took {solved:.0f} s of it, loading the scenario, checking the "
            f"roster and writing its files the rest, on {cores} here{shared}; a quieter "
            "machine or a longer limit keeps to it"
        )
    else:
        why = (
            f"a lawful start for every block of every contract needs that much on {cores} "
            f"here{shared}; a longer limit or more cores keeps to it (README: One floor "
            "under the limit)"
        )
    console.print(  # one line, however long: a script greps it whole
        f"note: took {took:.0f} s of --time-limit {args.time_limit:g}: {why}",
        highlight=False,
        soft_wrap=True,
    )


def solve_with_progress(
    scenario: Scenario,
    settings: SolveSettings,
    console: Console,
    quiet: bool = False,
    backend: Backend | None = None,
    after: AfterRun | None = None,
) -> RosterResult:
    status: dict[str, Progress] = {}
    if quiet or not console.is_terminal:
        return roster_scenario(scenario, settings, backend=backend, after=after)

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

        return roster_scenario(scenario, settings, progress, backend=backend, after=after)


def print_summary(result: RosterResult, console: Console) -> None:
    """Per contract: cover delivered (officer-tours of council tasking), the cover bound
    (the most any lawful roster could deliver) and the cover as a share of it, HDD aid,
    the objective and its gap to a lower bound valid for the whole year (README)."""
    t = Table(
        title=f"Roster: {counted(len(result.outcomes), 'contract')} in {result.seconds:.1f} s",
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
        # no roster delivers nothing: not the part some of its teams' rosters would
        met, filled = (o.cover_met, o.hdd_filled) if o.feasible else (0, 0)
        cover = f"{met}/{o.cover_wanted}" + (
            f" ({met / o.cover_wanted:.0%})" if o.cover_wanted else ""
        )
        aid = f"{filled}/{o.hdd_required}"
        # no roster delivers nothing: not 100 % of a bound of 0 (a contract asking no tour)
        share = o.cover_of_bound if o.feasible else None
        t.add_row(
            o.contract_id,
            str(o.officers),
            cover,
            "-" if o.cover_bound is None else str(o.cover_bound),
            "-" if share is None else f"{share:.1%}",
            aid,
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
    lawful = sorted(o.contract_id for o in result.outcomes if o.feasible)
    failed = sorted(o.contract_id for o in result.outcomes if not o.feasible)
    if lawful and failed:  # one contract's problem need not hold up the others' rosters
        print(
            printable(
                f"nothing written: {'contract' if len(failed) == 1 else 'contracts'} "
                f"{', '.join(failed)} cannot be rostered; "
                f"{'the other contract' if len(lawful) == 1 else f'the other {len(lawful)}'} "
                f"can be rostered without {'it' if len(failed) == 1 else 'them'}: "
                f"--contracts {','.join(lawful)}"
            ),
            file=sys.stderr,
        )


def write_outputs(
    scenario: Scenario,
    result: RosterResult,
    out: Staged,
    ical: bool,
    db: str | None = None,
    keep: Callable[[CalendarRecord], None] | None = None,
) -> list[Path]:
    """Stage roster.csv and (with ``ical``) the calendars; the final paths of those and of
    roster.xlsx (staged by ``run``). The calendars' UIDs and sequences come from the store
    (``db``), as ``s92 ical`` takes them, and their record in it is handed to ``keep`` (a
    publication's) when given."""
    from scheduler.export.roster_csv import roster_csv_text

    paths = [out.text("roster.csv", roster_csv_text(result.table)), out.folder / "roster.xlsx"]
    if ical:
        from scheduler.commands.ical import export_calendars

        export_calendars(db, scenario, result.table, out.folder / "ical", staged=out, keep=keep)
        paths.append(out.folder / "ical")
    return paths


def with_logged_entries(
    scenario: Scenario, result: RosterResult, db: str | None, settings: SolveSettings
) -> RosterResult | None:
    """``result`` with the live entries the store logs for the scenario's officers and
    horizon applied, as ``s92 reroster --from`` the first day applies them (the roster
    solved from the scenario alone changing as little as it can around them); None, with
    the entry to blame printed, when no lawful roster holds around them."""
    from scheduler.commands.reroster import print_failure
    from scheduler.roster.reroster import reroster
    from scheduler.store.store import Store

    with Store(_store_path(db)) as store:
        logged = store.scenario_entries(scenario)
    live = unapplied(scenario, logged)
    if not live:
        return result
    done = reroster(
        scenario,
        result.table,
        logged,
        scenario.start,
        scenario.start - timedelta(days=1),
        time_limit=min(ENTRIES_SECONDS, settings.time_limit),
        seed=settings.seed,
    )
    if not done.feasible:
        print_failure(done, "publish the roster")
        return None
    print(
        printable(
            f"{len(live)} live entries of the log applied to the roster, first {live[0].describe()}"
        ),
        file=sys.stderr,
    )
    return dataclasses.replace(result, table=done.table)


@dataclasses.dataclass(frozen=True)
class Previous:
    """The version a rebuilt roster replaces, and the change notice against it."""

    version: int
    changes: pd.DataFrame
    unchanged: bool = False  # the roster and its scenario are the version over again


def previous_version(
    scenario: Scenario,
    result: RosterResult,
    db: str | None,
    out: Staged,
    text: str | None = None,
) -> Previous | None:
    """When a roster of the scenario is published already, the change notice of the
    rebuilt one against it (staged as ``changes.csv`` and kept with the new version, as
    ``s92 publish`` keeps one): every officer-day that differs, days already worked
    included, which a line on stderr counts. None for the first publication."""
    from calendars import LONDON
    from scheduler.roster.changes import change_notice
    from scheduler.roster.stored import roster_table, same_roster, same_scenario
    from scheduler.store.entries import scenario_leave
    from scheduler.store.scenarios import stored_text
    from scheduler.store.store import Store

    with Store(_store_path(db)) as store:
        version = store.latest_version(scenario.name)
        if version is None:
            return None
        base = roster_table(store.roster(version))
        logged = store.scenario_entries(scenario)
        same_text = text is None or same_scenario(stored_text(store, version), text)
    today = datetime.now(LONDON).date()
    changes = change_notice(
        base,
        roster_table(result.table),
        scenario.start,
        today,
        scenario,
        entries=[*logged, *scenario_leave(scenario)],
        knock_ons=False,
        unexplained="rostered afresh from the scenario (s92 roster --publish)",
    )
    out.csv("changes.csv", changes)
    if changes.empty and same_text and same_roster(base, result.table):
        # as s92 publish and reroster --publish: the version over again is not a new one
        print(printable(no_change(f"roster version {version}")), file=sys.stderr)
        return Previous(version, changes, unchanged=True)
    worked = int((changes["date"].astype(str) < today.isoformat()).sum())
    print(
        printable(
            f"replaces version {version}: {counted(len(changes), 'officer-day')} "
            f"{'differs' if len(changes) == 1 else 'differ'} from it, "
            f"{worked} of them before today (changes.csv)"
        ),
        file=sys.stderr,
    )
    return Previous(version, changes)


def publish(
    scenario: Scenario,
    result: RosterResult,
    db: str | None,
    text: str | None = None,
    previous: Previous | None = None,
    calendars: Sequence[CalendarRecord] = (),
) -> Path:
    """Store the roster as a new version, with ``calendars`` (the record of the calendars
    staged beside it) in the same transaction: a publication refused keeps neither."""
    from scheduler.store.scenarios import also_held
    from scheduler.store.store import NO_VERSION, Store

    path = _store_path(db)
    with Store(path) as store:

        def within(conn: sqlite3.Connection) -> None:
            for record in calendars:
                record(store, conn)

        version = store.publish_roster(
            scenario.name,
            result.table,
            note="s92 roster",
            scenario_text=text,
            scenario_source=scenario.source,
            after=NO_VERSION if previous is None else previous.version,
            changes=None if previous is None else previous.changes,
            within=within,
        )
        shared = also_held(store, scenario.name)
    print(printable(f"published roster version {version} to {path}"), file=sys.stderr)
    for line in shared:
        print(printable(line), file=sys.stderr)
    return path


def keep_calendars(db: str | None, calendars: Sequence[CalendarRecord], version: int) -> None:
    """The record of the calendars written beside a roster that is the published
    ``version`` over again (nothing published): kept in its own transaction, so that the
    feeds and the files agree as a publication would have them."""
    from scheduler.store.store import Store

    if not calendars:
        return
    with Store(_store_path(db)) as store, store.transaction() as conn:
        for record in calendars:
            record(store, conn)


def _store_path(db: str | None) -> Path:
    from scheduler.store.store import default_db_path

    return Path(db) if db else default_db_path()


def _latest_version(db: str | None, scenario: Scenario) -> int | None:
    """The scenario's latest published version in the store (0: none published), or None
    when the store cannot be read: a roster not published needs no store."""
    from scheduler.store.store import Store

    path = _store_path(db)
    if not path.exists():
        return 0
    try:
        with Store(path, create=False) as store:
            return store.latest_version(scenario.name) or 0
    except InputError:
        return None


def _no_entries_ahead(db: str | None, scenario: Scenario) -> None:
    """``--ical`` without ``--publish``: a roster built from the scenario alone holds no
    entry of the log, so its calendars would show officers on duty through leave logged
    for days ahead. Refused (one line), naming the first such entry."""
    from scheduler.commands.ical import today
    from scheduler.store.store import Store

    with Store(_store_path(db)) as store:
        logged = store.scenario_entries(scenario)
    ahead = [e for e in unapplied(scenario, logged) if e.last_date >= today()]
    if ahead:
        raise InputError.one(
            COMMAND_LINE,
            "--ical",
            f"{counted(len(ahead), 'entry', 'entries')} of the log "
            f"{'falls' if len(ahead) == 1 else 'fall'} from today on (first "
            f"{ahead[0].describe()}), and a roster built from the scenario alone holds "
            "none: add --publish, which applies them, or leave out --ical",
        )


def unapplied(scenario: Scenario, entries: list[Entry]) -> list[Entry]:
    """The live entries of the scenario's officers on days of its horizon: a roster built
    from the scenario alone does not hold them."""
    officers = {o.id for o in scenario.officers}
    return [
        e
        for e in entries
        if e.officer_id in officers
        and e.first_date <= scenario.end
        and e.last_date >= scenario.start
    ]
