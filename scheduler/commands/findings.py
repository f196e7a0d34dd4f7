"""Breaches and warnings as a table on the terminal, the first ``SHOWN`` of each (``s92
check`` and the commands that guard a publication print them alike)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from scheduler.check import COVER_MAX, Breach, CheckReport
from scheduler.wording import counted

SHOWN = 200  # rows of each table printed; --csv has them all


def print_findings(findings: list[Breach], title: str, console: Console) -> None:
    if not findings:
        return
    shown = f" (first {SHOWN} of {len(findings):,})" if len(findings) > SHOWN else ""
    table = Table(title=f"{title}{shown}", title_justify="left")
    for column in ("officer", "date", "rule", "detail"):
        table.add_column(column, overflow="fold")
    for b in findings[:SHOWN]:
        table.add_row(b.officer_id or "-", b.date.isoformat(), b.rule, b.detail)
    console.print(table)


def print_over_max(report: CheckReport, console: Console) -> None:
    """Under a roster's summary: the officer-tours on duty above a cover row's ``max``, as
    the checker counts them (``s92 check`` lists each day and tour)."""
    if not report.over_max:
        return
    tours = sum(1 for w in report.warnings if w.rule == COVER_MAX)
    console.print(
        f"Above a cover row's max: {counted(report.over_max, 'officer-tour')} "
        f"on {counted(tours, 'day and tour', 'days and tours')} (s92 check lists each)",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
