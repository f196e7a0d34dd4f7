"""``s92 ical SCENARIO ROSTER.csv --out DIR``: publish a roster as iCal calendars.

Writes ``DIR/officers/<officer>.ics``, ``DIR/contracts/<contract>.ics`` and
``DIR/high-demand-days.ics``; re-exporting into the same DIR keeps event UIDs and raises
SEQUENCE on changed duties, so subscribed calendars update in place. UIDs derive from the
store's secret, so ``s92 serve``'s feeds of the same store carry the same UIDs; a folder
an older s92 wrote (its secret in ``.s92-ical.json``) hands its secret to the store.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from scheduler.errors import InputError, Problem
from scheduler.export.ical import (
    CONTRACTS_DIR,
    HDD_FILE,
    OFFICERS_DIR,
    export_ical,
    folder_secret,
)
from scheduler.files import preflight_folder, restore_frame
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Store, add_db_argument
from scheduler.store.feeds import ical_secret
from scheduler.table import COLUMNS, DUTY_STATES, STATES

MAX_PROBLEMS = 20  # enough to see a pattern, short enough to read
_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario TOML file")
    parser.add_argument("roster", help="roster CSV (one row per officer per day)")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the .ics files")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    out = preflight_folder(args.out)
    roster = read_roster_csv(args.roster, scenario)
    secret = store_secret(args.db, out)
    try:
        paths = export_ical(scenario, roster, out, secret=secret)
    except ValueError as exc:  # a row the minimal checks let through
        raise InputError.one(str(args.roster), "", str(exc)) from None
    except OSError as exc:  # --out is a file, read-only ...
        where = exc.filename or out
        raise InputError.one(str(where), "", f"cannot write: {exc.strerror}") from None
    print(summary_lines(paths, out))
    return 0


def store_secret(db: str | Path | None, out: Path) -> bytes:
    """The store's UID secret, adopting the one a published folder holds if the store has
    none yet (after which the folder's state file no longer keeps it)."""
    try:
        found = folder_secret(out)
    except OSError:  # --out is a file ...: the export says so in its own words
        found = None
    with Store(db) as store:
        return ical_secret(store, found)


def summary_lines(paths: list[Path], out: Path) -> str:
    officers = sum(p.parent.name == OFFICERS_DIR for p in paths)
    contracts = sum(p.parent.name == CONTRACTS_DIR for p in paths)
    return "\n".join(
        (
            f"{officers} officer calendar{'s' * (officers != 1)} in {out / OFFICERS_DIR}",
            f"{contracts} contract calendar{'s' * (contracts != 1)} in {out / CONTRACTS_DIR}",
            f"HDD calendar: {out / HDD_FILE}",
        )
    )


# --- reading the roster CSV ---------------------------------------------------------------


def read_roster_csv(path: str | Path, scenario: Scenario | None = None) -> pd.DataFrame:
    """The roster table as text columns; InputError naming file, line, column and value.
    With a ``scenario``, rows must be its officers' and within its horizon: a mistyped id
    or date would otherwise publish a calendar nobody owns and leave a day out of
    someone's."""
    name = str(path)
    table = _read_csv(Path(path), name)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputError.one(name, "header", f"missing column(s): {', '.join(missing)}")
    if table.empty:
        raise InputError.one(name, "", "no roster rows")
    problems = _row_problems(table, name, scenario)
    if problems:
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], Problem(name, "", f"... and {more} more")]
        raise InputError(problems)
    return table


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return restore_frame(frame, ("event",))  # s92 wrote "=1+1" as "'=1+1"
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", "is a directory, not a roster CSV") from None
    except UnicodeDecodeError:
        raise InputError.one(name, "", "not a text file (expected UTF-8 CSV)") from None
    except pd.errors.EmptyDataError:
        raise InputError.one(name, "", "file is empty") from None
    except pd.errors.ParserError as exc:
        raise InputError.one(name, "", f"not a readable CSV ({exc})".strip()) from None
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read: {exc.strerror}") from None


def _row_problems(table: pd.DataFrame, name: str, scenario: Scenario | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    officers = set() if scenario is None else {o.id for o in scenario.officers}
    columns = ("officer_id", "date", "state", "start", "end")
    # Line numbers as a spreadsheet shows them: the header is line 1.
    for line, (officer, day, state, start, end) in enumerate(
        zip(*(table[c].tolist() for c in columns), strict=True), start=2
    ):
        where = f"line {line}"
        problems += _row_cell_problems(name, where, officer, day, state, start, end)
        if scenario is not None:
            problems += _scenario_problems(name, where, officer, day, scenario, officers)
        key = (officer, day)
        if key in seen:
            problems.append(Problem(name, f"{where}, date", f"second row for {officer}", day))
        seen.add(key)
    return problems


def _row_cell_problems(
    name: str, where: str, officer: str, day: str, state: str, start: str, end: str
) -> list[Problem]:
    problems = []
    if not _ID.match(officer):
        problems.append(Problem(name, f"{where}, officer_id", "not a pseudonymous id", officer))
    try:
        date.fromisoformat(day)
        if len(day) != 10:
            raise ValueError
    except ValueError:
        problems.append(Problem(name, f"{where}, date", "not a date YYYY-MM-DD", day))
    if state not in STATES:
        problems.append(Problem(name, f"{where}, state", f"not one of {', '.join(STATES)}", state))
    moments = {}
    for column, text in (("start", start), ("end", end)):
        if not text:
            if state in DUTY_STATES:
                problems.append(Problem(name, f"{where}, {column}", f"needed for {state}", text))
            continue
        moment = _aware(text)
        if moment is None:
            message = "not an ISO 8601 time with UTC offset (e.g. 2026-10-24T22:00:00+01:00)"
            problems.append(Problem(name, f"{where}, {column}", message, text))
        moments[column] = moment
    first, last = moments.get("start"), moments.get("end")
    if first is not None and last is not None and last <= first:
        problems.append(Problem(name, f"{where}, end", f"not after start {start}", end))
    return problems


def _scenario_problems(
    name: str, where: str, officer: str, day: str, scenario: Scenario, officers: set[str]
) -> list[Problem]:
    problems = []
    if _ID.match(officer) and officer not in officers:
        problems.append(
            Problem(name, f"{where}, officer_id", "not an officer of the scenario", officer)
        )
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return problems  # reported as not a date
    if not scenario.start <= when <= scenario.end:
        where_date = f"{where}, date"
        message = f"outside the horizon {scenario.start} to {scenario.end}"
        problems.append(Problem(name, where_date, message, day))
    return problems


def _aware(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
