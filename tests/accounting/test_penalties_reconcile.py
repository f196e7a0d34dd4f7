"""A council reconciles every penalty to the penny from penalties.csv (README: "To
reconcile a penalty"): the rounded day rate times the rounded days missed a vacancy by
pence (22 post-days: 13.6219 × £265.49 = £3,616.48 for £3,616.44), and nothing in the
file said what the day rate was made of. Now each row carries the council's annual
charge and the working days it is divided by."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict

FIRST, LAST = date(2026, 4, 1), date(2026, 9, 30)
HDDS = (date(2026, 8, 30), date(2026, 8, 31))  # Notting Hill Carnival


def exact(value: object) -> Fraction:
    return Fraction(str(value))


def test_each_penalty_is_its_annual_charge_over_its_working_days() -> None:
    s = scenario_from_dict(
        {
            "scenario": {"name": "reconcile", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": FIRST,
                    "scheme": "met-patrol-plus",
                    "posts": {"constable": 3},
                    "annual_charge": {"constable": 60_000.01},
                    "hdd_allowance": 1,
                    # aid on Carnival Monday, a bank holiday, uses the allowance
                    "cover_bank_holidays": True,
                }
            ],
            "officer": [
                {"id": "O1", "contract": "C1", "rank": "constable", "service_years": 12},
                {"id": "O2", "contract": "C1", "rank": "constable", "service_years": 1},
            ],
        }
    )
    days = pd.date_range(FIRST, LAST).date
    rows = []
    for officer in ("O1", "O2"):
        for d in days:
            state = "REST" if d.weekday() > 4 else "DUTY"
            if d in HDDS:
                state = "HDD_AID"
            elif d.day == 15 and state == "DUTY":
                state = "ABSTRACTED"
            rows.append({"officer_id": officer, "date": d, "state": state})
    report = delivery_report(pd.DataFrame(rows), s, parse_period("FY2026"))
    items = report.penalties
    assert set(items["kind"]) == {"abstraction", "hdd_beyond_allowance", "vacancy"}
    # README, Rounding: vacancy refunds rounded for the year, the others month by month
    refunds, by_month = Fraction(0), dict[str, Fraction]()
    for item in items.to_dict("records"):
        charge, working = exact(item["annual_charge_gbp"]), int(item["working_days"])
        assert charge == Fraction(6_000_001, 200)  # half of £60,000.01 under Met Patrol Plus
        if item["kind"] == "vacancy":
            found = re.search(r"\((\d+) post-days?\)", item["reason"])
            assert found is not None, item["reason"]
            post_days = int(found[1])
            amount = charge * post_days / 365
        else:
            amount = charge / working * exact(item["days"]).limit_denominator(10)
        assert abs(amount - exact(item["penalty_gbp"])) <= Fraction(1, 100), item
        if item["kind"] == "vacancy":
            refunds += amount
        else:
            month = item["date"][:7]
            by_month[month] = by_month.get(month, Fraction(0)) + amount
    (row,) = report.summary.to_dict("records")
    pennies = round(refunds * 100) + sum(round(amount * 100) for amount in by_month.values())
    assert pennies == round(row["penalty_gbp"] * 100)
    # the leave behind the working days: 27 days (12 years' service), 22 (1 year), 25 vacant
    by_officer = items.groupby("officer_id")["working_days"].first().to_dict()
    assert by_officer == {
        "": 365 - 104 - 10 - 25,
        "O1": 365 - 104 - 10 - 27,
        "O2": 365 - 104 - 10 - 22,
    }
