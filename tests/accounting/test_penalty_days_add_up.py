"""penalties.csv's ``days`` column adds up: three officers sharing the 2 officer-days
beyond the HDD allowance on the day it runs out showed 0.6667 each (2.0001 added up, for
2 days beyond), and vacancies' working days, rounded each on its own, missed their total.
Now each kind's days are rounded on its running total in the year, as pennies are: a
day's shares add up to its whole days beyond, and the vacancy rows to the exact working
days their post-days stand for (README: "To reconcile a penalty")."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, render_html, write_report
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.web.report import _shown

FIRST, LAST = date(2026, 4, 1), date(2027, 3, 31)
CARNIVAL = (date(2026, 8, 30), date(2026, 8, 31))


def _scenario() -> Scenario:
    officers = [
        {"id": f"O{i}", "contract": "C1", "rank": "constable", "service_years": 3} for i in range(3)
    ]
    # the fourth post is held from 11 May to 13 October only: two vacancies in the year,
    # each month's run a row whose working days are a fraction
    officers.append(
        {
            "id": "O3",
            "contract": "C1",
            "rank": "constable",
            "service_years": 3,
            "start": date(2026, 5, 11),
            "end": date(2026, 10, 13),
        }
    )
    return scenario_from_dict(
        {
            "scenario": {"name": "days", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": FIRST,
                    "posts": {"constable": 4},
                    "hdd_allowance": 1,  # 4 officer-days a year for 4 posts
                    # aid on Carnival Monday, a bank holiday, uses the allowance
                    "cover_bank_holidays": True,
                }
            ],
            "officer": officers,
        }
    )


def _report() -> Delivery:
    """FY2026 of three officers on weekday tours, all three on aid on both carnival days."""
    rows = []
    for officer in ("O0", "O1", "O2"):
        for d in pd.date_range(FIRST, LAST).date:
            state = "HDD_AID" if d in CARNIVAL else "REST" if d.weekday() > 4 else "DUTY"
            rows.append({"officer_id": officer, "date": d, "state": state})
    return delivery_report(pd.DataFrame(rows), _scenario(), parse_period("FY2026"))


def test_the_days_column_adds_up_by_day_and_by_kind() -> None:
    report = _report()
    items = report.penalties
    hdd = items[items["kind"] == "hdd_beyond_allowance"]
    # 3 on aid on the first carnival day (3 of the 4 allowed), 3 on the second: 1 within,
    # 2 beyond, shared by the three
    first_day = hdd[hdd["date"] == CARNIVAL[1].isoformat()]
    assert len(first_day) == 3
    assert all("(2 of 3 officer-days beyond)" in r for r in first_day["reason"])
    shown = [Fraction(str(v)) for v in first_day["days"]]
    assert sum(shown) == 2
    assert all(abs(v - Fraction(2, 3)) < Fraction(1, 10_000) for v in shown)
    (summary,) = report.summary.to_dict("records")
    assert sum(Fraction(str(v)) for v in hdd["days"]) == summary["hdd_excess_days"] == 2
    # vacancies: each row's post-days (in its reason) × working days ÷ the year's days,
    # exactly; the rows' shown days add up to the exact total rounded to 4 places
    vacancy = items[items["kind"] == "vacancy"]
    assert len(vacancy) > 2
    working = Fraction(int(vacancy["working_days"].iloc[0]))
    post_days = [int(re.search(r"\((\d+) post-days?\)", r)[1]) for r in vacancy["reason"]]  # type: ignore[index]
    assert sum(post_days) == summary["vacant_post_days"]
    exact_total = sum(Fraction(n) * working / 365 for n in post_days)
    added = sum(Fraction(str(v)) for v in vacancy["days"])
    assert added == Fraction(round(exact_total * 10_000), 10_000)


def test_the_workbook_shows_the_days_to_4_places_and_adds_them_up(tmp_path: Path) -> None:
    report = _report()
    write_report(report, tmp_path, ReportInfo("days", "test"))
    sheet = load_workbook(tmp_path / "report.xlsx")["Penalties"]
    table = list(sheet.iter_rows())
    header_row = next(i for i, r in enumerate(table) if r[0].value == "Date")
    column = [c.value for c in table[header_row]].index("Officer-days")
    cells = [r[column] for r in table[header_row + 1 :]]
    *items, total = cells
    assert table[-1][0].value == "Total"
    # a share of a day shows as 0.6667, not 0.67 (three of which a reader adds to 2.01)
    assert all(c.number_format == "#,##0.00##" for c in cells)
    shown = [Fraction(str(c.value)) for c in items]
    assert Fraction(2, 3) - Fraction(1, 10_000) < min(s for s in shown if s < 1)
    assert Fraction(str(total.value)) == sum(shown)


def test_the_page_and_the_web_show_the_days_as_penalties_csv_has_them() -> None:
    report = _report()
    page = render_html(report, ReportInfo("days", "test"))
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    # the page showed 0.67 (to the hundredth), or 6 significant digits (185.753)
    vacancies = report.penalties[report.penalties["kind"] == "vacancy"]["days"]
    fours = [f"{v:,.4f}" for v in vacancies if round(v, 2) != v]
    assert fours
    # to 4 places, at least 2 (24.7670 shows 24.767)
    assert all(t in cells or t[:-1] in cells for t in fours)
    assert "0.6667" in cells
    assert "0.6666" in cells
    assert _shown("days", 0.6667) == ("0.6667", False)
    assert _shown("days", 185.7534) == ("185.7534", False)
