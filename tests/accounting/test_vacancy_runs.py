"""penalties.csv gives a vacancy's run of days (README: ``last_date``): a post of two empty
1-10 and 21-30 June 2026 while its officer served between was one row from 1 to 30 June for 20
post-days, as if the post stood empty all month. Now each run of consecutive vacant days
is its own row, and the two add up to the month's vacancy refund (20/365 of the annual
charge, to the penny)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict

CHARGE = 57_000


def test_each_run_of_vacant_days_is_its_own_row() -> None:
    first, last = date(2026, 6, 1), date(2026, 6, 30)
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "gap", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "GAP",
                    "council": "LB Gap",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 2},
                    "scheme": "partnership-plus",
                    "annual_charge": {"constable": CHARGE},
                }
            ],
            "officer": [
                {
                    "id": "O1",
                    "contract": "GAP",
                    "rank": "constable",
                    "start": date(2026, 6, 11),
                    "end": date(2026, 6, 20),
                },
                {"id": "O2", "contract": "GAP", "rank": "constable"},
            ],
        }
    )
    served = pd.date_range(date(2026, 6, 11), date(2026, 6, 20)).date
    june = pd.date_range(first, last).date
    table = pd.concat(
        [
            pd.DataFrame({"officer_id": "O1", "date": served, "state": "DUTY"}),
            pd.DataFrame({"officer_id": "O2", "date": june, "state": "DUTY"}),
        ]
    )
    report = delivery_report(table, scenario, parse_period("2026-06"))
    items = report.penalties
    vacancies = items[items["kind"] == "vacancy"]
    runs = [
        (str(row["date"]), str(row["last_date"]), row["reason"]) for _, row in vacancies.iterrows()
    ]
    assert runs == [
        ("2026-06-01", "2026-06-10", "constable post vacant (10 post-days)"),
        ("2026-06-21", "2026-06-30", "constable post vacant (10 post-days)"),
    ]
    refund = Fraction(CHARGE) * 20 / 365  # README: annual charge × post-days ÷ 365
    pence = round(refund * 100)
    assert round(vacancies["penalty_gbp"].sum() * 100) == pence
