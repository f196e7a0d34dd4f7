"""report.xlsx: a text cell after a right-aligned number ran into it when printed
("34FY2026": the HDD allowance, then its year; "14/04/2026SM-PP" on the Penalties sheet).
Text in the tables is indented now, the Total row's too. An indent alone was still printed
run into the number ("56FY2026" in LibreOffice's PDF of a month sheet): Excel and LibreOffice
indent only text aligned left (or right), so the cells say left."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, write_report
from scheduler.scenario import scenario_from_dict


def test_text_after_a_number_is_indented(tmp_path: Path) -> None:
    first, last = date(2026, 4, 1), date(2026, 5, 31)
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "apart", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 2},
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    days = pd.date_range(first, last).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    report = delivery_report(table, scenario, parse_period("FY2026"))
    write_report(report, tmp_path, ReportInfo("apart", "test"))
    book = load_workbook(tmp_path / "report.xlsx")
    for name, after, column in (
        ("C1", "hdd_allowance", "Allowance year"),
        ("Penalties", "To", "Contract"),
    ):
        rows = list(book[name].iter_rows())
        top = next(i for i, r in enumerate(rows) if r[0].value in ("Period", "Date"))
        j = [c.value for c in rows[top]].index(column)
        cells = [r[j] for r in rows[top + 1 :] if isinstance(r[j].value, str)]
        assert cells, (name, after)
        assert all(c.alignment.indent >= 1 for c in cells), name
        assert all(c.alignment.horizontal == "left" for c in cells), name
