"""The check every roster passes before a command writes or publishes it.

``s92 roster``, ``s92 reroster`` and ``s92 publish`` hand their roster to
``verify_roster`` before anything is written: the independent checker (``scheduler.check``,
which shares no code with the model that built the roster) re-verifies every hard rule,
and a roster that breaks one is listed, breach by breach, and never written (exit 1).
"""

from __future__ import annotations

import sys

import pandas as pd
from rich.console import Console

from scheduler.check import CheckReport, check_parsed, parse_roster
from scheduler.commands.check import print_findings
from scheduler.scenario import Scenario

EXIT_BREACH = 1


def verify_roster(
    scenario: Scenario, table: pd.DataFrame, what: str, console: Console | None = None
) -> CheckReport:
    """The checker's report on ``table``; when it lists breaches they are printed (to
    stderr unless ``console`` says otherwise) with a line saying nothing was written, and
    the caller must return ``EXIT_BREACH`` without writing or publishing anything."""
    return verify_parsed(scenario, parse_roster(table, what), what, console)


def verify_parsed(
    scenario: Scenario, parsed: pd.DataFrame, what: str, console: Console | None = None
) -> CheckReport:
    """``verify_roster`` for a table already parsed by ``scheduler.check`` (a roster file
    read once: its parse both validated the file and feeds the checker)."""
    report = check_parsed(scenario, parsed)
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
