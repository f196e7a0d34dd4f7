"""A council recomputes its monthly charge by hand from the report's published columns
alone (README, "Reconciling the charge"): a month's gross charge is the annual gross charge
of the posts bought × its days ÷ the days of its financial year, rounded to the penny on
the year's running total; the council's charge is the gross × (1 − the MPS's share),
rounded on its own running total; the MPS's match funding the difference. Before, the
report published neither the annual charge nor the MPS's share, and a council with posts
of two ranks, or under Met Patrol Plus with a match funding share of its own, could not.
Here: a part-year agreement with a sergeant, an uplift and more posts from 1 October; a
legacy Met Patrol Plus agreement at an odd-penny price and a 40 % share; and 2027/28, with
29 February 2028."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import report_csv_text
from scheduler.scenario import Scenario, scenario_from_dict

FIRST, LAST = date(2026, 4, 1), date(2028, 3, 31)


def _scenario() -> Scenario:
    return scenario_from_dict(
        {
            "scenario": {"name": "by hand", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "PP",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2026, 6, 17),
                    "posts": {"constable": 2, "sergeant": 1},
                    "uplift": 0.03,
                    "variation": [
                        {"from": date(2026, 10, 1), "posts": {"constable": 3, "sergeant": 1}}
                    ],
                },
                {
                    "id": "MPP",
                    "council": "LB Test",
                    "bcu": "XX",
                    "scheme": "met-patrol-plus",
                    "start": date(2018, 4, 2),
                    "years": 10,
                    "posts": {"constable": 1},
                    "annual_charge": {"constable": 57_000.01},
                    "match_funding_share": 0.4,
                },
            ],
            "officer": [
                {"id": "A1", "contract": "PP", "rank": "constable"},
                {"id": "A2", "contract": "PP", "rank": "constable"},
                {"id": "A3", "contract": "PP", "rank": "sergeant"},
                {"id": "B1", "contract": "MPP", "rank": "constable"},
            ],
        }
    )


def _monthly_csv(period: str) -> list[dict[str, str]]:
    s = _scenario()
    days = pd.date_range(FIRST, LAST)
    table = pd.DataFrame(
        [
            {"officer_id": o.id, "date": d, "state": "REST" if d.weekday() > 4 else "DUTY"}
            for o in s.officers
            for d in days
        ]
    )
    monthly = delivery_report(table, s, parse_period(period)).monthly
    return list(csv.DictReader(io.StringIO(report_csv_text(monthly))))  # monthly.csv's text


def _penny(amount: Fraction) -> Fraction:
    """Rounded to the penny, half up, as the README says."""
    pennies = Decimal(amount.numerator) / Decimal(amount.denominator) * 100
    return Fraction(int(pennies.quantize(Decimal(1), rounding=ROUND_HALF_UP)), 100)


def test_each_months_charge_recomputed_from_monthly_csv_alone() -> None:
    to_date: dict[tuple[str, int], tuple[Fraction, Fraction]] = defaultdict(
        lambda: (Fraction(0), Fraction(0))
    )
    rows = _monthly_csv("term")  # both financial years, as the data covers them
    for row in rows:
        start = date.fromisoformat(row["period_start"])
        end = date.fromisoformat(row["period_end"])
        fy = start.year if start.month >= 4 else start.year - 1  # the running total's year
        year_days = (date(fy + 1, 4, 1) - date(fy, 4, 1)).days
        annual = Fraction(row["annual_gross_charge_gbp"])
        paid = 1 - Fraction(row["match_funding_share"])
        gross_before, charge_before = to_date[row["contract_id"], fy]
        gross_now = gross_before + annual * ((end - start).days + 1) / year_days
        charge_now = charge_before + (gross_now - gross_before) * paid
        to_date[row["contract_id"], fy] = (gross_now, charge_now)
        gross = _penny(gross_now) - _penny(gross_before)
        charge = _penny(charge_now) - _penny(charge_before)
        assert Fraction(row["gross_charge_gbp"]) == gross, row
        assert Fraction(row["charge_gbp"]) == charge, row
        assert Fraction(row["match_funding_gbp"]) == gross - charge, row
    assert len(rows) == 10 + 12 + 12 + 12  # PP from 17 June 2026
    assert {r["period"] for r in rows if r["period_end"] == "2028-02-29"} == {"2028-02"}
