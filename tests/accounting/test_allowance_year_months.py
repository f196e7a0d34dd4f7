"""A contract whose HDD allowance belongs to the contract year (from 17 October): the month
one allowance year ends in and the next begins names both years and adds their allowances,
as a period across two allowance years does (README: HDD allowance); the October row named
the new year alone, as if the aid of 1-16 October had been against its allowance."""

from __future__ import annotations

from datetime import date

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict

FIRST, LAST = date(2027, 4, 1), date(2028, 3, 31)
AID = [date(2027, 9, 30), date(2027, 10, 5), date(2027, 10, 20), date(2027, 10, 21)]


def report(period: str):
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "contract year", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2026, 10, 17),
                    "posts": {"constable": 2},
                    "hdd_allowance_year": "contract",
                    "hdd_allowance": 3,
                }
            ],
            "officer": [
                {"id": "O1", "contract": "C1", "rank": "constable"},
                {"id": "O2", "contract": "C1", "rank": "constable"},
            ],
        }
    )
    days = pd.date_range(FIRST, LAST).date
    rows = [
        {"officer_id": o, "date": d, "state": "HDD_AID" if d in AID else "DUTY"}
        for o in ("O1", "O2")
        for d in days
    ]
    return delivery_report(pd.DataFrame(rows), scenario, parse_period(period))


def test_the_month_a_contract_year_ends_in_shows_each_year() -> None:
    year = report("FY2027")
    monthly = year.monthly.set_index("period")
    assert len(monthly) == 12
    columns = ["hdd_days", "hdd_allowance_year", "hdd_allowance", "hdd_days_year_to_date"]
    # Y1 (to 16 October) and Y2 each have 3 a post: 6; on aid 30 Sep and 5 Oct (Y1) and
    # 20 and 21 Oct (Y2), two officers each
    assert monthly.loc["2027-09", columns].tolist() == [2, "Y1", 6, 2]
    assert monthly.loc["2027-10", columns].tolist() == [6, "Y1 + Y2", 12, 4]
    assert monthly.loc["2027-11", columns].tolist() == [0, "Y2", 6, 4]
    assert year.monthly["hdd_excess_days"].sum() == 0
    # the year counts each allowance year once, October's two as well
    (whole,) = year.summary.to_dict("records")
    assert (whole["hdd_allowance_year"], whole["hdd_allowance"]) == ("Y1 + Y2", 12)
    # October alone is October within the year
    (alone,) = report("2027-10").summary.to_dict("records")
    assert [alone[c] for c in columns] == monthly.loc["2027-10", columns].tolist()
