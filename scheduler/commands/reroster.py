"""``s92 reroster SCENARIO --from DATE --out DIR``: re-roster the rest of the horizon around
the live entries (the log's, and leave in the scenario file), changing as little as
possible; verify the result with the independent checker, write it with the change notice
(and officers' notices with ``--notices``), and print the change notice. Days before
``--from`` stand as published: an entry on them is named (stderr), not applied there."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scheduler.check import parse_roster
from scheduler.check.hdd import high_demand_day
from scheduler.check.schema import scope
from scheduler.check.standing import Standing, standing
from scheduler.commands import ical
from scheduler.commands.guard import EXIT_BREACH, verify_roster
from scheduler.errors import COMMAND_LINE, InputError, Problem, printable
from scheduler.export.notices import write_notices
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.files import Staged, preflight_folder
from scheduler.limits import MAX_SEED, given_file, int_between, out_path, positive_seconds
from scheduler.roster.reroster import (
    REFUSED,
    TIMED_OUT,
    UNWORKED,
    RerosterResult,
    changed_aid_days,
    changed_tours,
    horizon_moved,
    reroster,
    unrostered_service,
)
from scheduler.roster.stored import same_roster, same_scenario, told_before, voided_ids
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import add_db_argument
from scheduler.store.editions import own_versions
from scheduler.store.scenarios import also_held, rules_changed, scenario_text, stored_text
from scheduler.store.store import Store
from scheduler.store.validate import cli_date, notice_in_time
from scheduler.wording import counted, no_change

OUTPUT_FILES = ("roster.csv", "roster.xlsx", "changes.csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=given_file, help="scenario TOML file")
    parser.add_argument(
        "--from",
        dest="from_date",
        required=True,
        help="first day that may change (YYYY-MM-DD or DD/MM/YYYY); earlier days stand",
    )
    parser.add_argument(
        "--notified",
        default=None,
        help="day officers are told of the changes (default: the day before --from)",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=out_path,
        help="output folder: roster.csv, roster.xlsx, changes.csv",
    )
    parser.add_argument(
        "--notices",
        type=out_path,  # --notices "$DIR", DIR unset: not the working folder
        default=None,
        metavar="DIR",
        help="also write a printable change notice per affected officer (HTML) here",
    )
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=10.0,
        help="solver work per attempt, in seconds of an idle core (default 10); a busy "
        "machine takes longer for the same roster, at most 3 times as long",
    )
    parser.add_argument("--seed", type=int_between(0, MAX_SEED), default=0)
    parser.add_argument("--publish", action="store_true", help="store the result as a new version")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    from_date = cli_date(args.from_date, "--from")
    if not scenario.start <= from_date <= scenario.end:
        raise InputError.one(
            COMMAND_LINE,
            "--from",
            f"outside the horizon {scenario.start} to {scenario.end}",
            args.from_date,
        )
    # --notified "$DAY" with DAY unset is refused, not taken for the default
    given = args.notified is not None
    notified = cli_date(args.notified, "--notified") if given else from_date - timedelta(1)
    if given:
        notice_in_time(notified, from_date, args.notified)
    preflight_folder(
        args.out, names=OUTPUT_FILES, reads=[("the scenario", args.scenario)]
    )  # before the solve, not after it
    if args.notices is not None:
        preflight_folder(args.notices, option="--notices")
    with Store(args.db, create=False) as store:
        if args.publish:
            store.check_writable()  # before the solve, not after it
        # the version read is the one published on: a publication made during the solve
        # (another planner, the web) is never silently undone
        base_version = store.latest_version(scenario.name)
        published = None if base_version is None else store.roster(base_version)
        if published is None or base_version is None:
            raise InputError.one(
                str(store.path),
                "roster",
                f"no published roster for scenario {scenario.name!r}: run "
                "s92 roster --publish first",
            )
        moved = horizon_moved(scenario, published, base_version)
        if moved is not None:
            raise InputError.one(str(args.scenario), "start", moved)
        unrostered = unrostered_service(scenario, published, base_version, from_date)
        if unrostered:  # before the solve: the checker would refuse the result anyway
            raise InputError([Problem(str(args.scenario), "officer", x) for x in unrostered])
        changed = [("shift", x) for x in changed_tours(scenario, published, base_version)]
        aid = changed_aid_days(scenario, published, base_version, from_date)
        aid = aid or _aid_short_before(scenario, published, base_version, from_date)
        changed += [("high_demand", x) for x in aid]
        if changed:
            raise InputError([Problem(str(args.scenario), field, x) for field, x in changed])
        # a [rules] limit tightened since publication: from --from on the re-roster mends
        # the published days it breaks; the days before stand as published under the rules then
        text = scenario_text(args.scenario)
        stands = (
            standing(scenario, published, from_date, base_version)
            if rules_changed(store, scenario.name, text)
            else Standing()
        )
        entries = store.scenario_entries(scenario)
        result = reroster(
            scenario,
            published,
            entries,
            from_date,
            notified,
            time_limit=args.time_limit,
            seed=args.seed,
            today=ical.today(),  # the days from today on are still to be worked
            mend=stands.mend,
            stand=bool(stands.before),
            # a day a voided entry gives back goes back to what the officer was told before it
            told=told_before(store, scenario.name, base_version, published, entries),
            voided=voided_ids(store, scenario),
        )
        if result.status == UNWORKED:  # before any solve: a --from too late for them
            raise InputError([Problem(COMMAND_LINE, "--from", x) for x in result.conflicts])
        for line in result.outside:  # a note, as the voided entry's days before --from are
            print(printable(f"note: {line}"), file=sys.stderr)
        if not result.feasible:
            print_failure(result)
            return EXIT_BREACH
        if verify_roster(scenario, result.table, "re-roster", None, stands, from_date).breaches:
            return EXIT_BREACH
        # of the roster made, and checked: a note on a roster refused would be read as one
        for line in [*result.rest_lost.values(), *(line for _, line in result.out_of_post)]:
            print(printable(f"note: {line}"), file=sys.stderr)
        # nothing to publish: the roster and the scenario it was made from as published
        unchanged = same_roster(published, result.table) and same_scenario(
            stored_text(store, base_version), text
        )
        made: list[int] = []  # the version the publication made, once it is made
        with Staged(args.out) as out:
            made_from = None if args.publish else base_version
            _stage(out, scenario, result, notified, args.notices, made_from)
            if args.publish and unchanged:
                print(no_change(f"roster version {base_version}"), file=sys.stderr)
            elif args.publish:  # once the files are in place: a failed publish puts them back
                out.on_commit(
                    lambda: made.append(
                        store.publish_roster(
                            scenario.name,
                            result.table,
                            note=f"re-roster from {from_date}",
                            scenario_text=text,
                            scenario_source=scenario.source,
                            after=base_version,
                            changes=result.changes,
                        )
                    )
                )
        for version in made:
            own = own_versions(store, scenario.name, version)
            print(printable(f"published roster version {version}{own}"), file=sys.stderr)
            for line in also_held(store, scenario.name):
                print(printable(line), file=sys.stderr)
    print_notice(result, Console(width=None if sys.stdout.isatty() else 160))
    for name in OUTPUT_FILES:  # the files written, as s92 roster and s92 publish print theirs
        print(printable(str(Path(args.out) / name)))
    return 0


def _aid_short_before(
    scenario: Scenario, published: pd.DataFrame, version: int, from_date: date
) -> list[str]:
    """One line per High Demand Day before ``from_date`` (added to the scenario since
    publication, or asking more officers now) the published roster has too few officers on
    the aid of, by the checker: those days stand as worked, so no re-roster from
    ``from_date`` mends them, and the checker would refuse every one it made."""
    before = published[published["date"].astype(str).str[:10] < from_date.isoformat()]
    if before.empty:
        return []
    ctx, _ = scope(scenario, parse_roster(before, "the published roster"))
    short = [b for b in high_demand_day(ctx) if not b.officer_id and b.date < from_date]
    return [
        f"{b.date} is a High Demand Day in the scenario, but the published roster (version "
        f"{version}) has too few officers on its aid ({b.detail}), a day before --from "
        f"{from_date}, which stands as worked: re-roster --from {b.date} or earlier so "
        "that day is rostered too"
        for b in sorted(short)
    ]


def _stage(
    out: Staged,
    scenario: Scenario,
    result: RerosterResult,
    notified: date,
    notices: Path | None,
    made_from: int | None = None,
) -> None:
    out.text("roster.csv", roster_csv_text(result.table))
    write_roster_xlsx(result.table, out.path("roster.xlsx"), scenario, made_from=made_from)
    out.csv("changes.csv", result.changes)
    if notices is not None:
        write_notices(out, notices.resolve(), result.changes, scenario, notified)


def print_failure(result: RerosterResult, what: str = "re-roster") -> None:
    """Why no lawful roster holds around the entries (``what`` could not be done), and
    what to do, on stderr."""
    separator = ": " if result.status == REFUSED else " "  # "cannot re-roster contract X: ..."
    for line in result.conflicts:
        print(printable(f"cannot {what}{separator}{line}"), file=sys.stderr)
    if result.status == TIMED_OUT:
        advice = "nothing written: run again with a larger --time-limit"
    elif result.status == REFUSED:
        advice = (
            "nothing written: void the entry (s92 abstract void ID) and log it again with "
            "its own --start and --end"
        )
    elif result.status == "INFEASIBLE" and not result.entries_named:
        advice = "nothing written: no entry is to blame; the lines above say what to change"
    else:
        advice = (
            "nothing written: check the entries with s92 abstract list, and correct one "
            "with s92 abstract void"
        )
    print(advice, file=sys.stderr)


def print_notice(result: RerosterResult, console: Console) -> None:
    if result.changes.empty:  # an empty table's header alone says nothing
        console.print("Change notice: no officer-day changes")
        return
    t = Table(
        title=f"Change notice: {counted(len(result.changes), 'officer-day')} "
        f"change{'s' * (len(result.changes) == 1)}",
        title_justify="left",
    )
    for col in ("officer", "date", "was", "now", "clear days", "compensation", "why"):
        t.add_column(col)
    columns = ("officer_id", "date", "was", "now", "clear_days_notice", "compensation", "reason")
    for r in result.changes.to_dict("records"):
        # logged text as it is: no markup read into it, no escape reaching the terminal
        t.add_row(*(Text(printable(str(r[c]))) for c in columns))
    console.print(t)
