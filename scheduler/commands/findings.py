"""Breaches and warnings as a table on the terminal, the first ``SHOWN`` of each (``s92
check`` and the commands that guard a publication print them alike)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from scheduler.check import Breach

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
