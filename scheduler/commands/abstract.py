"""``s92 abstract``: record, void, list and import entries in the store's log: annual
leave, sickness, training, court, emergency and High Demand Day aid, and operational
abstractions (one family of entries, applied to the roster by the next ``s92 reroster``).

The log is append-only: a mistake is corrected by voiding the entry (with a reason) and
adding a new one. An entry the roster could not take (a duty kind without times of its own
on a day the published roster gives no tour to keep, or on the officer's scenario leave) is
refused when it is added, never skipped later.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scheduler.errors import COMMAND_LINE, InputError, Problem, printable
from scheduler.files import rows_csv_text
from scheduler.limits import MAX_ENTRY_ID, given_file, int_between
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Entry, Store, add_db_argument, default_db_path
from scheduler.store.csv_import import (
    OPTIONAL,
    REQUIRED,
    LoggedRow,
    logged_problems,
    read_abstractions_csv,
)
from scheduler.store.entries import NewEntry
from scheduler.store.fixed_tours import together_problems
from scheduler.store.published_days import PublishedDays
from scheduler.store.scenarios import heads
from scheduler.store.validate import (
    Where,
    applicability_problems,
    cli_date,
    entry_notes,
    future_notice,
    parse_entry,
)
from scheduler.wording import counted

# logical entry field -> the option a user typed, for problems
OPTIONS = {
    "officer_id": "--officer",
    "date": "--date",
    "end_date": "--to",
    "start": "--start",
    "end": "--end",
    "kind": "--kind",
    "reason": "--reason",
    "authorised_by": "--authorised-by",
    "notified": "--notified",
}
LIST_COLUMNS = (
    "id",
    "officer_id",
    "contract_id",
    "first_date",
    "last_date",
    "start",
    "end",
    "kind",
    "reason",
    "authorised_by",
    "notified",
    "logged_at",
    "voids",
    "voided_by",
    "source_key",
)

_SCENARIO_HELP = (
    "scenario TOML file (also --scenario FILE): the entry is checked against its officers, "
    "contract terms, horizon, kinds, leave and published roster; without one only the "
    "entry's structure is checked (dates, times, id and kind spelling), its contract is left "
    "blank, and a duty kind needs --start and --end"
)
KINDS_HELP = (
    "leave (annual leave, any length), sickness, training, court, emergency_aid, hdd_aid, "
    "operational, or a kind a contract penalises (any case: 'HDD aid' is hdd_aid)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    _add_arguments(
        actions.add_parser(
            "add",
            help="log one entry (leave, sickness, an abstraction...); prints its id",
            description="Log one entry; prints its id. The next s92 reroster applies it. An "
            "entry may not share a day with a live entry for the same officer (void that one "
            "first); one the roster could not take is refused, saying why.",
        )
    )
    _void_arguments(
        actions.add_parser(
            "void",
            help="void an entry (a correction); prints the voiding entry's id",
            description="Void an entry: logs a correction pointing at it. An entry can be voided "
            "once; a voiding entry cannot be voided. Prints the voiding entry's id.",
        )
    )
    _list_arguments(
        actions.add_parser(
            "list", help="show the log", description="Show the log, voided entries included."
        )
    )
    _import_arguments(
        actions.add_parser(
            "import",
            help="log every row of a CSV file, all or nothing",
            description=f"Log every row of a CSV file, all or nothing. Columns: "
            f"{', '.join(REQUIRED)}; optional {', '.join(OPTIONAL)} (dates YYYY-MM-DD or "
            "day first, DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY; times HH:MM or HHMM, or h:mm AM/PM, "
            "London time; as "
            "Excel saves a CSV: UTF-8 or Windows-1252, commas or semicolons, or 'Unicode "
            "Text', UTF-16 with tabs; headers in any case, with spaces for underscores). "
            "Importing the same file "
            "again adds nothing (each row is keyed by its content and how many identical rows "
            "precede it). The CSV 'abstract list --csv' writes is read too: first_date and "
            "last_date are date and end_date; a row with an id is that entry of the log, "
            "already logged if unchanged, refused if edited (void it and give the row again "
            "with id blank); a row with id blank is a new entry. "
            "Problems name the row as a spreadsheet numbers it (header = row 1).",
        )
    )


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", type=given_file, metavar="SCENARIO", help=_SCENARIO_HELP)
    p.add_argument(
        "--scenario",
        dest="scenario_option",
        type=given_file,
        metavar="FILE",
        help="same as SCENARIO",
    )
    p.add_argument("--officer", required=True, metavar="ID", help="officer id")
    p.add_argument(
        "--date", required=True, metavar="DATE", help="first day, YYYY-MM-DD or DD/MM/YYYY"
    )
    p.add_argument("--to", metavar="DATE", default="", help="last day (default: --date)")
    p.add_argument(
        "--start",
        metavar="HH:MM",
        default="",
        help="own tour start (with --end); default: keep the rostered tour (leave and "
        "sickness have none)",
    )
    p.add_argument("--end", metavar="HH:MM", default="", help="own tour end")
    p.add_argument("--kind", required=True, help=KINDS_HELP)
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--authorised-by", required=True, metavar="NAME")
    p.add_argument(
        "--notified",
        required=True,
        metavar="DATE",
        help="day the officer was told (a date as --date)",
    )
    _today_argument(p)
    add_db_argument(p)
    p.set_defaults(action_run=_add)


def _today_argument(p: argparse.ArgumentParser, logged: str = "the entries are") -> None:
    p.add_argument(
        "--today",
        metavar="DATE",
        help=f"the day {logged} logged, for replaying a log kept on paper (default: "
        "today in London): a notice dated after it is noted",
    )


def _void_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "id", type=int_between(1, MAX_ENTRY_ID), metavar="ID", help="id of the entry to void"
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help="why it is void")
    p.add_argument(
        "--authorised-by", metavar="NAME", help="default: whoever authorised the entry voided"
    )
    p.add_argument(
        "--notified",
        metavar="DATE",
        help="day the officer was told (default: --today, else today in London)",
    )
    _today_argument(p, "the void is")
    add_db_argument(p)
    p.set_defaults(action_run=_void)


def _list_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "scenario",
        nargs="?",
        type=given_file,
        metavar="SCENARIO",
        help="only entries for this scenario's officers",
    )
    p.add_argument(
        "--csv",
        action="store_true",
        help="CSV with a header row, one row per entry, with voids/voided_by links",
    )
    p.add_argument("--live", action="store_true", help="only entries in force")
    add_db_argument(p)
    p.set_defaults(action_run=_list)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "scenario",
        type=given_file,
        metavar="SCENARIO",
        help="scenario TOML file to check rows against",
    )
    p.add_argument("file", type=given_file, metavar="FILE.csv", help="entries, one per row")
    _today_argument(p)
    add_db_argument(p)
    p.set_defaults(action_run=_import)


def run(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args.action_run
    return action(args)


def _add(args: argparse.Namespace) -> int:
    scenario = _optional_scenario(args.scenario, args.scenario_option)
    raw = {field: getattr(args, _attr(option)) for field, option in OPTIONS.items()}
    where = Where(COMMAND_LINE, OPTIONS)
    entry, problems = parse_entry(raw, where, scenario)
    if entry is None:
        raise InputError(problems)
    unheld = None
    if scenario is None:
        officer_id, unheld = _store_officer(args.db, entry.officer_id)
        entry = replace(entry, officer_id=officer_id)
    published = _published(args.db, scenario)
    refused = applicability_problems(entry, where, scenario, published) or together_problems(
        [entry], [where], scenario, published, _live(args.db, [entry.officer_id])
    )
    if refused:
        raise InputError(refused)
    with Store(args.db) as store:
        entry_id = store.add_abstraction(entry, label=(COMMAND_LINE, "--date"))
    if unheld:
        print(printable(f"note: {unheld}"), file=sys.stderr)
    _print_notes([entry], _today(args))
    print(entry_id)
    return 0


def _print_notes(entries: list[NewEntry], today: date | None) -> None:
    """What s92 says of each entry logged (``entry_notes``), one line each on stderr."""
    for entry in entries:
        for note in entry_notes(entry, today):
            print(printable(f"note: {note}"), file=sys.stderr)


def _void(args: argparse.Namespace) -> int:
    today = _today(args)
    # the officer is told of a void the day it is logged, unless --notified says otherwise
    notified = today
    if args.notified is not None:
        notified = cli_date(args.notified, "--notified")
    with Store(args.db, create=False) as store:
        entry_id = store.void(args.id, args.reason, args.authorised_by, notified=notified)
    if notified is not None and (future := future_notice(notified, today)) is not None:
        print(printable(f"note: entry {args.id} voided: {future}"), file=sys.stderr)
    print(entry_id)
    return 0


def _list(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario) if args.scenario else None
    with Store(args.db, create=False) as store:
        entries = store.entries(include_voided=not args.live)
    if scenario is not None:
        # an officer is an id within a contract: another council's A-01 is not this one's
        # (an entry logged without a scenario has no contract, and is shown)
        officers = {o.id: o.contract for o in scenario.officers}
        entries = [
            e
            for e in entries
            if e.officer_id in officers and e.contract_id in ("", officers[e.officer_id])
        ]
    if args.csv:
        _print_csv(entries)
    else:
        # piped output is not cut to 80 columns: ids and dates must stay whole
        _print_table(entries, Console(width=None if sys.stdout.isatty() else 160))
    return 0


def _import(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    # every row checked before any write
    rows = read_abstractions_csv(args.file, scenario)
    # the roster's days by officer and the year's HDDs, worked out once for every row
    published = PublishedDays.of(_published(args.db, scenario))
    high_demand = scenario.high_demand_days()
    wheres = rows.wheres
    refused = [
        p
        for entry, where in zip(rows.entries, wheres, strict=True)
        for p in applicability_problems(entry, where, scenario, published, high_demand)
    ]
    if not refused and rows.logged:  # rows of an exported log, held to the log
        refused = _logged_problems(args.db, rows.logged)
    if not refused:  # tours the entries fix together, with those logged before
        live = _live(args.db, {e.officer_id for e in rows.entries})
        refused = together_problems(rows.entries, wheres, scenario, published, live)
    if refused:
        raise InputError(refused)
    with Store(args.db) as store:
        ids = store.add_many(rows.entries, labels=rows.labels)
    _print_notes(rows.entries, _today(args))
    already = len(rows.entries) - len(ids) + len(rows.logged)
    print(f"{args.file}: {counted(len(ids), 'entry', 'entries')} added, {already} already logged")
    return 0


def _logged_problems(db: str | None, logged: list[LoggedRow]) -> list[Problem]:
    """``logged_problems`` against the store's log (none there if there is no store)."""
    path = Path(db) if db else default_db_path()
    if not path.exists():
        return logged_problems(logged, lambda _: None)
    with Store(path, create=False) as store:
        return logged_problems(logged, store.entry)


def _today(args: argparse.Namespace) -> date | None:
    """The day given by ``--today``, or None (today in London)."""
    return None if args.today is None else cli_date(args.today, "--today")


def _published(db: str | None, scenario: Scenario | None) -> pd.DataFrame | None:
    """The scenario's latest published roster, if the store holds one (a missing store is
    not created just to be read)."""
    path = Path(db) if db else default_db_path()
    if scenario is None or not path.exists():
        return None
    with Store(path, create=False) as store:
        return store.latest_roster(scenario.name)


def _live(db: str | None, officer_ids: Iterable[str]) -> list[Entry]:
    """The live entries of ``officer_ids`` (none if there is no store yet)."""
    path = Path(db) if db else default_db_path()
    if not path.exists():
        return []
    with Store(path, create=False) as store:
        return store.live_abstractions(officer_ids)


def _store_officer(db: str | None, officer_id: str) -> tuple[str, str | None]:
    """The officer id of an entry logged without a scenario as the published rosters spell
    it (ids are read in any case: ``hav-01`` is HAV-01's, whose rosters match ids exactly),
    and a note when no published roster holds it. Refused when the published rosters of
    two contracts hold it (two councils in one store may both have an A-01): with no
    contract the entry would be applied to both."""
    path = Path(db) if db else default_db_path()
    if not path.exists():
        return officer_id, None
    holders: dict[tuple[str, str], str] = {}
    with Store(path, create=False) as store:
        published = heads(store)
        for head in published:
            roster = store.roster(head.version_id)
            ids = roster["officer_id"].astype(str)
            rows = roster[ids.str.casefold() == officer_id.casefold()]
            for spelt, contract_id in zip(rows["officer_id"], rows["contract_id"], strict=True):
                holders[(head.scenario, str(contract_id))] = str(spelt)
    if len(holders) > 1:
        named = " and ".join(f"{scenario} ({contract})" for scenario, contract in sorted(holders))
        raise InputError.one(
            COMMAND_LINE,
            "--officer",
            f"officer {officer_id} is in the published rosters of {named}: "
            "give the scenario file, so that the entry is one council's officer's",
            officer_id,
        )
    if holders:
        return next(iter(holders.values())), None
    if not published:
        return officer_id, None
    return officer_id, (
        f"officer {officer_id} is in no published roster: no re-roster applies the entry "
        "until a scenario with that officer is re-rostered (check the id, or give the "
        "scenario file)"
    )


def _attr(option: str) -> str:
    return option.removeprefix("--").replace("-", "_")


def _optional_scenario(positional: str | None, option: str | None) -> Scenario | None:
    if positional and option and positional != option:
        raise InputError.one(
            COMMAND_LINE,
            "--scenario",
            f"two scenarios given ({positional!r} and --scenario)",
            option,
        )
    path = positional or option
    return load_scenario(path) if path else None


def _row(e: Entry) -> dict[str, str]:
    values = {
        "id": e.id,
        "officer_id": e.officer_id,
        "contract_id": e.contract_id,
        "first_date": e.first_date.isoformat(),
        "last_date": e.last_date.isoformat(),
        "start": "" if e.start is None else f"{e.start:%H:%M}",
        "end": "" if e.end is None else f"{e.end:%H:%M}",
        "kind": e.kind,
        "reason": e.reason,
        "authorised_by": e.authorised_by,
        "notified": e.notified.isoformat(),
        "logged_at": e.logged_at.isoformat(timespec="milliseconds"),
        "voids": e.voids,
        "voided_by": e.voided_by,
        "source_key": e.source_key,
    }
    return {k: "" if v is None else str(v) for k, v in values.items()}


def _print_csv(entries: list[Entry]) -> None:
    sys.stdout.write(rows_csv_text(LIST_COLUMNS, (_row(e) for e in entries)))


def _print_table(entries: list[Entry], console: Console) -> None:
    title = f"Entry log: {counted(len(entries), 'entry', 'entries')}"
    table = Table(title=title, title_justify="left")
    for column in (
        "id",
        "officer",
        "contract",
        "days",
        "tour",
        "kind",
        "reason",
        "authorised by",
        "notified",
        "status",
    ):
        table.add_column(column, justify="right" if column == "id" else "left", overflow="fold")
    for e in entries:
        r = _row(e)
        days = (
            r["first_date"]
            if e.first_date == e.last_date
            else f"{r['first_date']} to {r['last_date']}"
        )
        tour = f"{r['start']}-{r['end']}" if e.start is not None else "rostered"
        table.add_row(
            *(
                _cell(text)
                for text in (
                    r["id"],
                    e.officer_id,
                    e.contract_id,
                    days,
                    tour,
                    e.kind,
                    e.reason,
                    e.authorised_by,
                    r["notified"],
                    _status(e),
                )
            )
        )
    console.print(table)


def _cell(text: str) -> Text:
    """Logged text as it is: no rich markup read into it, control characters escaped
    (an entry logged before s92 refused them must not drive the terminal)."""
    return Text(printable(text))


def _status(e: Entry) -> str:
    if e.voids is not None:
        return f"voids #{e.voids}"
    if e.voided_by is not None:
        return f"voided by #{e.voided_by}"
    return "live"
