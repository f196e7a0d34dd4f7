"""``s92 ical SCENARIO ROSTER --out DIR``: publish a roster as iCal calendars.

ROSTER is a ``roster.csv`` or the ``roster.xlsx`` s92 wrote (as a planner edited it), read
by the checker's reader and refused unless it has one row per scenario officer per in-post
day (``scheduler.check.load_scoped_roster``). Writes ``DIR/officers/<officer>.ics``,
``DIR/contracts/<contract>.ics`` and ``DIR/high-demand-days.ics``; re-exporting into the
same DIR keeps event UIDs and raises SEQUENCE on changed duties, so subscribed calendars
update in place. UIDs derive from the store's secret, and officers' events take their
SEQUENCE from the store too, so ``s92 serve``'s feeds of the same store carry the same UIDs
and sequences; a folder an older s92 wrote (its secret in ``.s92-ical.json``)
hands its secret to the store.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pandas as pd

from calendars import LONDON
from scheduler.check import check_parsed, load_scoped_roster
from scheduler.check.standing import Standing, stood
from scheduler.commands.guard import published_stands
from scheduler.errors import InputError, Problem, disk_advice
from scheduler.export.ical import (
    CONTRACTS_DIR,
    HDD_FILE,
    OFFICERS_DIR,
    IcalState,
    export_ical,
    folder_secret,
    ical_file_names,
)
from scheduler.files import Staged, preflight_folder
from scheduler.limits import given_file
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Store, add_db_argument
from scheduler.store.apply import not_applied
from scheduler.store.entries import Entry, scenario_leave
from scheduler.store.feeds import (
    pending_ical_secret,
    save_calendar_sequences,
    scenario_sequences,
    write_calendar_sequences,
)
from scheduler.table import DUTY_STATES
from scheduler.wording import counted

# the calendars' record in the store, written in a transaction (the store, its connection)
CalendarRecord = Callable[[Store, sqlite3.Connection], None]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=given_file, help="scenario TOML file")
    parser.add_argument(
        "roster",
        type=given_file,
        help="roster.csv or the roster.xlsx s92 wrote (one row per officer per in-post day)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the .ics files")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    reads = [("the scenario", args.scenario), ("the roster", args.roster)]
    out = preflight_folder(args.out, names=ical_file_names(scenario), reads=reads)
    loaded = load_scoped_roster(args.roster, scenario)
    roster = loaded.table
    # first: leave booked since the roster was made is named with what to do about it
    _entries_held(args.db, scenario, roster, str(args.roster))
    stands = published_stands(scenario, args.scenario, args.db)
    lawful(scenario, loaded.parsed, str(args.roster), today(), stands)
    try:
        paths = export_calendars(args.db, scenario, roster, out)
    except ValueError as exc:  # a row the reader's checks let through
        raise InputError.one(str(args.roster), "", str(exc)) from None
    except OSError as exc:  # --out is a file, read-only ...
        where = exc.filename or out
        raise InputError.one(str(where), "", disk_advice(exc)) from None
    print(summary_lines(paths, out, scenario))
    return 0


def lawful(
    scenario: Scenario,
    parsed: pd.DataFrame,
    name: str,
    first: date,
    stands: Standing | None = None,
) -> None:
    """Refuse a roster the independent checker finds breaking a hard rule, one line per
    breach as ``s92 check`` words it: a calendar is a publication, and officers would be
    told to work tours no roster may give them. Leave added to the scenario file for days
    before ``first`` (today) is set aside: those days stand as worked. ``stands``: the
    breaches of the rules as they are now (tightened since) the latest version, published
    under them, has from before its ``--from`` (``guard.published_stands``): set aside
    where this roster is no worse, its reference periods held to their hours as published."""
    report = check_parsed(scenario, parsed, stands.held if stands else None)
    if stands is not None:
        stood(report, stands)
    breaches = [b for b in report.breaches if not (b.rule == "leave" and b.date < first)]
    if not breaches:
        return
    head = Problem(
        name,
        "",
        f"breaks {counted(len(breaches), 'hard rule')} (s92 check lists every one): "
        "no calendar written",
    )
    raise InputError(
        [head]
        + [
            Problem(name, f"{b.officer_id or '-'} {b.date.isoformat()}", f"{b.rule}: {b.detail}")
            for b in breaches
        ]
    )


def today() -> date:
    return datetime.now(LONDON).date()


def _entries_held(db: str | None, scenario: Scenario, roster: pd.DataFrame, name: str) -> None:
    """Refuse a roster that does not hold an entry logged for days from today on (leave
    booked since it was made, say): its calendars would show the officer on duty through
    it. Days already past stand as they were worked."""
    with Store(db) as store:
        logged = store.scenario_entries(scenario)
    waiting = not_applied(roster, logged, today(), scenario)
    problems = [
        Problem(
            name,
            "entry",
            f"{e.describe()} is logged but not in this roster, so the calendars "
            "would show the officer's rostered days: re-roster (s92 reroster "
            f"--from {max(e.first_date, today())} --publish) and export its roster, "
            "or void the entry",
        )
        for e in waiting
    ]
    for e, day in _leave_not_held(scenario, roster, today()):
        problems.append(
            Problem(
                name,
                "entry",
                f"{e.describe()} is in the scenario file but not in this roster ({day} is "
                "a tour there), so the calendars would show the officer's rostered days: "
                f"re-roster (s92 reroster --from {day} --publish) and export its roster",
            )
        )
    if problems:
        raise InputError(problems)


def _leave_not_held(
    scenario: Scenario, roster: pd.DataFrame, first: date
) -> list[tuple[Entry, date]]:
    """Each range of the scenario file's leave with a day from ``first`` on that the roster
    gives a tour (leave added to the scenario since the roster was made), and that day:
    its calendar would show the officer on duty."""
    states = dict(
        zip(
            zip(roster["officer_id"].astype(str), roster["date"].astype(str).str[:10], strict=True),
            roster["state"].astype(str),
            strict=True,
        )
    )
    out = []
    for e in scenario_leave(scenario):
        for day in e.days():
            state = states.get((e.officer_id, day.isoformat()))
            if day >= first and state in DUTY_STATES:
                out.append((e, day))
                break
    return out


def export_calendars(
    db: str | Path | None,
    scenario: Scenario,
    roster: pd.DataFrame,
    out: Path,
    staged: Staged | None = None,
    keep: Callable[[CalendarRecord], None] | None = None,
) -> list[Path]:
    """``export_ical`` with the store's UID secret and the store's SEQUENCE numbers of
    officers' calendars: an event takes the greater of the folder's and the store's (which
    ``s92 serve``'s feeds raise), and what it was written with is recorded in the store for
    the feeds, so an export and a feed of one store never disagree (a calendar client
    ignores an update whose SEQUENCE is lower than one it holds). With ``keep`` that
    record is handed to it, for a publication to store in its own transaction, rather than
    stored once the files are in place."""
    with Store(db) as store:
        secret, origin = pending_ical_secret(store, _folder_secret(out))
        known = scenario_sequences(store, scenario.name)
    state = IcalState.load(out, secret)
    state.adopt(known)
    with Staged(out) if staged is None else contextlib.nullcontext(staged) as stage:
        first = today()
        paths = export_ical(
            scenario, roster, out, staged=stage, secret=secret, state=state, today=first
        )
        gone = departed(scenario, paths)
        if gone:
            stage.on_commit(partial(print, departed_line(gone, first), file=sys.stderr))
        written: dict[str, dict[str, str]] = defaultdict(dict)
        for uid, calendar in state.feed_calendars.items():
            value = state.events[uid]
            if known.get(uid) != value:
                written[calendar][uid] = value
        if keep is not None:
            keep(partial(write_calendar_sequences, calendars=written, secret=(secret, origin)))
        elif written or origin is not None:

            def record() -> None:
                with Store(db) as store:
                    save_calendar_sequences(store, written, (secret, origin))

            # once the files are in place, and a store that cannot take the sequences puts
            # them back: no calendar the feeds would contradict, and a failed export
            # leaves the store as it was (no new UID secret: feeds' addresses unchanged)
            stage.on_commit(record)
    return paths


def _folder_secret(out: Path) -> bytes | None:
    try:
        return folder_secret(out)
    except OSError:  # --out is a file ...: the export says so in its own words
        return None


def departed(scenario: Scenario, paths: list[Path]) -> list[Path]:
    """The calendars among ``paths`` of officers and contracts no longer in ``scenario``
    (their events from today on cancelled by ``export_ical``)."""
    ids = {
        OFFICERS_DIR: {o.id for o in scenario.officers},
        CONTRACTS_DIR: {c.id for c in scenario.contracts},
    }
    return [p for p in paths if p.stem not in ids.get(p.parent.name, {p.stem})]


def departed_line(paths: list[Path], first: date) -> str:
    named = ", ".join(str(p) for p in paths[:20])
    more = f" and {len(paths) - 20} more" if len(paths) > 20 else ""
    its = "its" if len(paths) == 1 else "their"
    return (
        f"{counted(len(paths), 'calendar')} of an officer or contract no longer in the "
        f"scenario, {its} events from {first.isoformat()} on cancelled so that subscribed "
        f"phones drop them (days before stand as worked): {named}{more}"
    )


def summary_lines(paths: list[Path], out: Path, scenario: Scenario) -> str:
    gone = set(departed(scenario, paths))
    officers = sum(p.parent.name == OFFICERS_DIR and p not in gone for p in paths)
    contracts = sum(p.parent.name == CONTRACTS_DIR and p not in gone for p in paths)
    return "\n".join(
        (
            f"{officers} officer calendar{'s' * (officers != 1)} in {out / OFFICERS_DIR}",
            f"{contracts} contract calendar{'s' * (contracts != 1)} in {out / CONTRACTS_DIR}",
            f"HDD calendar: {out / HDD_FILE}",
        )
    )
