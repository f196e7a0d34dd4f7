"""A charge agreed for a later financial year (``[[contract.charges]]``) after a variation
that set the annual charge: the variation's charge was billed for ever (£60,000 in FY2027
although £65,000 was agreed for it). Now the agreed year's charge replaces it from that
year; the variation's stands until then. Expected figures are worked out here from the
README's rules: gross charge = annual charge × post-days ÷ the year's days."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from fractions import Fraction
from math import floor
from typing import Any

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict

FIRST, LAST = date(2026, 4, 1), date(2028, 3, 31)


def _report(period: str) -> dict[Hashable, Any]:
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "agreed", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2025, 4, 1),
                    "posts": {"constable": 1},
                    "uplift": 0.03,
                    "variation": [
                        {"from": date(2026, 6, 15), "annual_charge": {"constable": 60_000}}
                    ],
                    "charges": [{"year": 2027, "constable": 65_000}],
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    days = pd.date_range(FIRST, LAST).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    report = delivery_report(table, scenario, parse_period(period))
    (row,) = report.summary.to_dict("records")
    return row


def _pence(amount: Fraction) -> Fraction:
    """To the penny, half up (README: Rounding)."""
    return Fraction(floor(amount * 100 + Fraction(1, 2)), 100)


def _pounds(amount: Fraction) -> float:
    return float(_pence(amount))


def test_the_charge_agreed_for_a_later_year_replaces_the_variations() -> None:
    # FY2027 (366 days, 29 February 2028 in it): the £65,000 agreed for it
    assert _report("FY2027")["gross_charge_gbp"] == 65_000.0
    # May 2027 alone: 31 days of it
    assert _report("2027-05")["gross_charge_gbp"] == _pounds(Fraction(65_000 * 31, 366))


def test_the_variations_charge_stands_until_then() -> None:
    # FY2026: the uplifted list price to 14 June, then the variation's £60,000
    list_price = Fraction(57_000)
    for _ in range(7):  # 2019/20 to 2026/27, 3% a year, each year to the penny
        list_price = _pence(list_price * Fraction(103, 100))
    before = (date(2026, 6, 15) - FIRST).days
    expected = (list_price * before + 60_000 * (365 - before)) / 365
    assert _report("FY2026")["gross_charge_gbp"] == _pounds(expected)
