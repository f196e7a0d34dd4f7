"""``s92 publish SCENARIO ROSTER``: publish a roster a planner edited (``roster.xlsx`` or
``roster.csv``) as the next version in the store, once the independent checker finds it
lawful, with the change notice against the version published before.

Exit 1 and nothing stored or written if the roster breaks a hard rule; exit 2 for a cell
that cannot be read, or a change before ``--from``. Into ``--out`` (default: the roster's
folder) go, together or not at all: ``changes.csv`` (each changed officer-day with clear
days' notice and compensation, as ``s92 reroster`` writes it), and the published roster as
``roster.csv`` and ``roster.xlsx``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from rich.console import Console

from calendars import LONDON
from scheduler import files
from scheduler.check import load_roster
from scheduler.check.source import is_workbook, refuse_faults
from scheduler.commands import ical
from scheduler.commands.contracts import absent_contracts
from scheduler.commands.guard import (
    EXIT_BREACH,
    published_standing,
    verify_parsed,
    verify_roster,
)
from scheduler.commands.reroster import print_notice
from scheduler.errors import InputError, printable
from scheduler.export.notices import write_notices
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.stale_workbook import refuse_stale_workbook
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.files import Staged
from scheduler.limits import given_file, out_path
from scheduler.roster.kept import refuse_kept_csv
from scheduler.roster.reroster import RerosterResult, change_notice, voided_held
from scheduler.roster.stored import roster_table, same_roster, same_scenario, voided_ids
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import add_db_argument
from scheduler.store.apply import require_applied, require_honoured
from scheduler.store.editions import own_versions
from scheduler.store.entries import Entry, scenario_leave
from scheduler.store.scenarios import also_held, scenario_text, stored_text
from scheduler.store.store import NO_VERSION, Store
from scheduler.store.validate import cli_date, notice_in_time
from scheduler.wording import counted, no_change

OUTPUTS = ("roster.csv", "roster.xlsx", "changes.csv")
SHOWN_BEFORE = 10  # changes before --from listed in the refusal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", type=given_file, help="scenario TOML file")
    parser.add_argument(
        "roster",
        metavar="ROSTER",
        type=given_file,
        help="the roster.xlsx s92 wrote, as edited, or a roster.csv",
    )
    parser.add_argument(
        "--from",
        metavar="DATE",
        dest="from_date",
        default=None,
        help="first day that may differ from the published version (YYYY-MM-DD or "
        "DD/MM/YYYY); earlier days must stand (default: any day may)",
    )
    parser.add_argument(
        "--notified",
        metavar="DATE",
        default=None,
        help="day officers are told of the changes (default: the day before --from, else today)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=out_path,
        default=None,
        help="output folder (default: the roster's folder)",
    )
    parser.add_argument(
        "--notices",
        type=out_path,  # --notices "$DIR", DIR unset: not the working folder
        default=None,
        metavar="DIR",
        help="also write one printable change notice per affected officer into DIR",
    )
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    # an empty --from or --notified ("$DAY", DAY unset) is refused, not read as left out
    from_date = cli_date(args.from_date, "--from") if args.from_date is not None else None
    notified = _notified(args.notified, from_date)
    if args.notified is not None and from_date is not None:
        notice_in_time(notified, from_date, args.notified)
    # the roster's folder as given: the files written are printed as roster and reroster
    # print theirs, relative when it is
    out = args.out if args.out is not None else Path(args.roster).parent
    # the roster itself may be replaced: a fresh roster.xlsx of what was published
    files.preflight_folder(out, names=OUTPUTS, reads=[("the scenario", args.scenario)])
    if args.notices is not None:
        files.preflight_folder(args.notices, option="--notices")
    loaded = load_roster(args.roster, scenario)
    console = Console(width=None if sys.stdout.isatty() else 120)
    # a workbook of some contracts (s92 roster --contracts, or one council's sheets kept) is
    # published for those: the others stand as the latest version has them
    absent = absent_contracts(scenario, loaded.table)
    held = scenario.cut_to([c.id for c in scenario.contracts if c.id not in absent])
    refuse_faults(loaded, str(args.roster), held)  # a row deleted, doubled: bad input
    # a [rules] limit tightened since publication holds from --from: the days before stand
    stands = published_standing(scenario, args.scenario, args.db, from_date)
    if verify_parsed(held, loaded.parsed, str(args.roster), console, stands, from_date).breaches:
        return EXIT_BREACH
    new = roster_table(loaded.table)
    with Store(args.db) as store:
        # the version the edit is checked against is the one published on (``after``)
        base_version = store.latest_version(scenario.name)
        previous = None if base_version is None else store.roster(base_version)
        base = roster_table(previous) if previous is not None else None
        if absent:
            new = _with_the_others(new, base, absent, scenario, args.roster)
            # the days kept were lawful under the rules they were published with: checked
            # under the scenario's now, as the whole version to be published
            if verify_roster(scenario, new, str(args.roster), console, stands, from_date).breaches:
                return EXIT_BREACH
        if base_version is not None and previous is not None and is_workbook(args.roster):
            refuse_stale_workbook(
                store, scenario, previous, base_version, args.roster, str(args.roster)
            )
        elif base_version is not None and base is not None:
            refuse_kept_csv(store, scenario, base_version, base, new, str(args.roster))
        if base is not None and from_date is not None:
            _days_before_stand(base, new, from_date, args.roster)
        first = from_date or scenario.start
        # another scenario of the store may have an officer of the same id: its entries
        # are not this roster's
        logged = store.scenario_entries(scenario)
        new = require_honoured(
            new, logged, scenario, first, base, str(args.roster), loaded.places(), loaded.absent
        )
        # days before --from stand, but those not worked yet must hold what is logged for them
        held_from = first if from_date is None else min(first, ical.today())
        officers = {o.id for o in held.officers}
        require_applied(
            new, logged, officers, held_from, str(args.roster), from_date, ical.today(),
            scenario=scenario,
        )  # fmt: skip
        entries = [*logged, *scenario_leave(scenario)]
        # a void the planner has not undone in the roster: named, whatever is published
        voids = _voided_notes(scenario, new, entries, voided_ids(store, scenario), args.roster)
        changes = change_notice(
            base if base is not None else new,
            new,
            first,
            notified,
            scenario,
            entries=entries,
            knock_ons=False,
            unexplained="edited by hand",
        )
        if args.notified is not None and from_date is None and not changes.empty:
            first_change = changes.sort_values(["date", "officer_id"], kind="stable").iloc[0]
            day = date.fromisoformat(str(first_change["date"]))
            named = f"the first day it changes ({first_change['officer_id']} {day})"
            notice_in_time(notified, day, args.notified, named)
        text = scenario_text(args.scenario)
        if (
            base_version is not None
            and base is not None
            and changes.empty
            and same_roster(base, new)
            and same_scenario(stored_text(store, base_version), text)
        ):
            # a note, on stderr as reroster's: stdout holds what was written (nothing)
            print(
                printable(f"{args.roster}: {no_change(f'roster version {base_version}')}"),
                file=sys.stderr,
            )
            for line in voids:
                print(printable(line), file=sys.stderr)
            return 0
        made: list[int] = []  # the version published, once the files are in place
        with Staged(out) as staged:
            staged.text("roster.csv", roster_csv_text(new))
            write_roster_xlsx(new, staged.path("roster.xlsx"), scenario)
            staged.csv("changes.csv", changes)
            if args.notices is not None:
                write_notices(staged, args.notices.resolve(), changes, scenario, notified)
            staged.on_commit(  # a failed publication puts the files back
                lambda: made.append(
                    store.publish_roster(
                        scenario.name,
                        new,
                        note=_note(Path(args.roster), from_date),
                        scenario_text=text,
                        scenario_source=scenario.source,
                        after=NO_VERSION if base_version is None else base_version,
                        changes=changes if base is not None else None,
                    )
                )
            )
        version = made[0]
        own = own_versions(store, scenario.name, version)
        shared = also_held(store, scenario.name)
    print_notice(RerosterResult(new, changes), console)
    print(printable(f"published roster version {version} to {store.path}{own}"), file=sys.stderr)
    for line in [*shared, *voids]:
        print(printable(line), file=sys.stderr)
    for name in OUTPUTS:
        print(printable(str(out / name)))
    return 0


def _with_the_others(
    new: pd.DataFrame,
    base: pd.DataFrame | None,
    absent: list[str],
    scenario: Scenario,
    roster: str,
) -> pd.DataFrame:
    """``new`` (some contracts' rows) with the ``absent`` contracts' rows of the latest
    published version: a published version holds every contract."""
    named = ", ".join(absent)
    if base is None:
        raise InputError.one(
            roster,
            "",
            f"holds no row of contract{'s' * (len(absent) > 1)} {named}, and no roster of "
            f"{scenario.name!r} is published to keep them from: publish every contract "
            "first (s92 roster --publish)",
        )
    kept = base[base["contract_id"].isin(absent)]
    print(
        printable(
            f"{roster}: contract{'s' * (len(absent) > 1)} {named} not in it: kept as published"
        ),
        file=sys.stderr,
    )
    return roster_table(pd.concat([new, kept], ignore_index=True))


def _voided_notes(
    scenario: Scenario, new: pd.DataFrame, entries: list[Entry], voided: frozenset[int], roster: str
) -> list[str]:
    """A note for each entry voided since whose days the roster still gives to it (as it
    was published, the leave of a void left in a cell, say): published as it is, the
    council's report counts them as following the void until they are changed."""
    lines = []
    for held in voided_held(scenario, new, [e for e in entries if e.is_live], voided):
        one = len(held.days) == 1
        days = counted(len(held.days), "day") + (f" ({held.days[0]})" if one else "")
        span = "" if one else f" from {held.days[0]}"
        lines.append(
            f"note: {held.named()}, voided: {roster} still gives it {days}{span}; type the "
            f"tour{'' if one else 's'} back in, or re-roster --from {held.days[0]}, to give "
            f"{'it' if one else 'them'} back"
        )
    return lines


def _days_before_stand(base: pd.DataFrame, new: pd.DataFrame, from_date: date, roster: str) -> None:
    """Refuse a roster that changes a day before ``--from`` (the days worked stand)."""
    first = from_date.isoformat()
    merged = (
        base[base["date"] < first]
        .merge(
            new[new["date"] < first],
            on=["officer_id", "date"],
            how="outer",
            suffixes=("_was", "_now"),
        )
        .fillna("")
    )
    differs = (
        (merged["state_was"] != merged["state_now"])
        | (merged["start_was"] != merged["start_now"])
        | (merged["end_was"] != merged["end_now"])
    )
    before = merged[differs]
    if before.empty:
        return
    listed = "; ".join(
        f"{r.officer_id} {r.date} was {_cell(r.state_was, r.shift_was)}, "
        f"now {_cell(r.state_now, r.shift_now)}"
        for r in before.head(SHOWN_BEFORE).itertuples(index=False)
    )
    more = f" (and {len(before) - SHOWN_BEFORE} more)" if len(before) > SHOWN_BEFORE else ""
    raise InputError.one(
        roster,
        "--from",
        f"{counted(len(before), 'officer-day')} before {from_date} "
        f"differ{'s' * (len(before) == 1)} from the published roster, "
        f"and days before --from stand: {listed}{more}",
    )


def _cell(state: object, shift: object) -> str:
    if not state:
        return "no row"
    return f"{state} {shift}".strip()


def _notified(text: str | None, from_date: date | None) -> date:
    if text is not None:
        return cli_date(text, "--notified")
    if from_date is not None:
        return from_date - timedelta(days=1)
    return datetime.now(LONDON).date()


def _note(roster: Path, from_date: date | None) -> str:
    """What made the version, as the report's source line and the notices page name it: the
    file, and the day it holds from (the days before stand as the version before had them,
    as a re-roster's ``re-roster from DAY`` says)."""
    note = f"s92 publish {roster.name}"
    return note if from_date is None else f"{note} --from {from_date.isoformat()}"
