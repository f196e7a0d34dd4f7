"""The check every roster passes before a command writes or publishes it.

``s92 roster``, ``s92 reroster`` and ``s92 publish`` hand their roster to
``verify_roster`` before anything is written: the independent checker (``scheduler.check``,
which shares no code with the model that built the roster) re-verifies every hard rule,
and a roster that breaks one is listed, breach by breach, and never written (exit 1).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from rich.console import Console

from scheduler.check import CheckReport, check_parsed, parse_roster
from scheduler.check.standing import Standing, standing, stood
from scheduler.commands.findings import print_findings
from scheduler.errors import printable
from scheduler.scenario import Scenario
from scheduler.store.scenarios import rules_changed, same_rules, scenario_text, stored_text
from scheduler.store.store import Store, default_db_path
from scheduler.wording import counted

EXIT_BREACH = 1


def published_standing(
    scenario: Scenario, source: str | Path, db: str | None, from_date: date | None
) -> Standing | None:
    """With ``--from`` (``from_date``), the latest published version's breaches of the
    scenario's rules as they are now (read from ``source``) on the days before it, which stand
    as published (None without either, or when the rules are as every version had them)."""
    path = Path(db) if db else default_db_path()
    if from_date is None or not path.exists():
        return None
    with Store(path, create=False) as store:
        version = store.latest_version(scenario.name)
        table = None if version is None else store.roster(version)
        changed = rules_changed(store, scenario.name, scenario_text(source))
    if version is None or table is None or not changed:
        return None
    return standing(scenario, table, from_date, version)


def published_stands(scenario: Scenario, source: str | Path, db: str | None) -> Standing | None:
    """The latest published version's breaches of the scenario's rules as they are now
    (read from ``source``), when it was published under them after a version that was not
    (a ``[rules]`` limit tightened, re-rostered ``--from`` a day): the publication held every
    day from its ``--from`` on to them, so its breaches stand from before, and a roster no
    worse in them is the one published (``check.standing``, every day counted before: the
    average's reference periods over the limit held to their hours as published). None
    otherwise."""
    path = Path(db) if db else default_db_path()
    if not path.exists():
        return None
    text = scenario_text(source)
    with Store(path, create=False) as store:
        version = store.latest_version(scenario.name)
        table = None if version is None else store.roster(version)
        stored = None if version is None else stored_text(store, version)
        changed = rules_changed(store, scenario.name, text)
    if version is None or table is None or not changed or not same_rules(stored, text):
        return None
    return standing(scenario, table, scenario.end + timedelta(days=1), version)


def verify_roster(
    scenario: Scenario,
    table: pd.DataFrame,
    what: str,
    console: Console | None = None,
    stands: Standing | None = None,
    first: date | None = None,
) -> CheckReport:
    """The checker's report on ``table``; when it lists breaches they are printed (to
    stderr unless ``console`` says otherwise) with a line saying nothing was written, and
    the caller must return ``EXIT_BREACH`` without writing or publishing anything.
    ``stands``: breaches the published roster had already before ``first`` (the days that
    stand as published), noted on stderr and not counted."""
    return verify_parsed(scenario, parse_roster(table, what), what, console, stands, first)


def verify_parsed(
    scenario: Scenario,
    parsed: pd.DataFrame,
    what: str,
    console: Console | None = None,
    stands: Standing | None = None,
    first: date | None = None,
) -> CheckReport:
    """``verify_roster`` for a table already parsed by ``scheduler.check`` (a roster file
    read once: its parse both validated the file and feeds the checker)."""
    report = check_parsed(scenario, parsed, None if stands is None else stands.held)
    if stands is not None and first is not None:
        set_aside(report, stands, first, what)
    if report.breaches:
        console = console or Console(stderr=True, width=None if sys.stderr.isatty() else 160)
        print_findings(report.breaches, "Breaches", console)
        console.print(
            f"{what} breaks {len(report.breaches)} hard rule(s) (listed above): nothing "
            "written or published",
            highlight=False,
            soft_wrap=True,
        )
    return report


def set_aside(report: CheckReport, stands: Standing, first: date, what: str) -> None:
    """Take out of ``report`` the breaches the published roster had already before
    ``first``, with a line on stderr saying so (one per rule)."""
    aside = stood(report, stands)
    if stands.held:
        periods = sum(len(v) for v in stands.held.values())
        officers = sorted(stands.held)
        named = ", ".join(officers[:5]) + (
            f" and {len(officers) - 5} more" if len(officers) > 5 else ""
        )
        print(
            printable(
                f"{what}: {counted(periods, 'reference period')} of the average weekly hours "
                f"starting before {first} held more than the scenario's limit as published "
                f"({named}): each is held to its hours as published, never more; those "
                f"starting from {first} on hold to the limit"
            ),
            file=sys.stderr,
        )
    for rule in sorted({b.rule for b in aside}):
        these = [b for b in aside if b.rule == rule]
        print(
            printable(
                f"{what}: {counted(len(these), 'breach', 'breaches')} of {rule} under the "
                f"scenario's rules as they are now stand on days before {first}, as "
                f"published under the rules then (first: {these[0]}); from {first} on the "
                "rules now hold"
            ),
            file=sys.stderr,
        )
