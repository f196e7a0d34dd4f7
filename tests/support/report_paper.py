"""report.xlsx as it prints: a workbook of one officer working weekdays, and the printed
width of a column, for tests of the report on paper."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, write_report
from scheduler.scenario import Scenario

USABLE = (11.69 - 2 * 0.4) * 72  # A4 landscape less the margins, points


def printed_points(width: float) -> float:
    """A column's printed width: 7 px a character and 5 px padding (Excel), a fifth more
    (LibreOffice)."""
    return (7 * width + 5) * 0.75 * 1.2


def weekday_report(scenario: Scenario, first: date, last: date, folder: Path, title: str) -> Any:
    """The FY2026 report.xlsx of O1 on duty every weekday from ``first`` to ``last``, opened
    (openpyxl's sheets, which its stubs type loosely)."""
    days = pd.date_range(first, last)
    table = pd.DataFrame(
        {
            "officer_id": "O1",
            "date": days,
            "state": ["REST" if d.weekday() > 4 else "DUTY" for d in days],
        }
    )
    report = delivery_report(table, scenario, parse_period("FY2026"))
    write_report(report, folder / "out", ReportInfo(title, "hand"))
    return openpyxl.load_workbook(folder / "out" / "report.xlsx")
