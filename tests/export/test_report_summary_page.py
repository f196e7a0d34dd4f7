"""report.xlsx's Summary sheet printed on two pages (A4 landscape, as wide as the page):
its last lines (the penalty by cause) alone on a second sheet of paper, away from the
figures they break down. Now the Summary prints on one page (LibreOffice renders it)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from libreoffice import convert
from one_post import one_post_scenario

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report_xlsx import Title, write_report_xlsx


def test_the_summary_prints_on_one_page(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    s = one_post_scenario(date(2026, 4, 1), date(2027, 3, 31), posts={"constable": 2})
    days = pd.date_range("2026-04-01", "2027-03-31").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    delivery = delivery_report(table, s, parse_period("FY2026"))
    book = write_report_xlsx(delivery, tmp_path / "report.xlsx", Title("Report", []))
    pdf = convert(book, "pdf", tmp_path)
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "Penalty due to the council" in first
    assert "Penalty for vacant posts" in first
