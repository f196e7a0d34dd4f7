"""A variation's annual charge is the price agreed in its financial year; the contract's
uplift raised every other price year on year (the list price, and a price agreed in
``[[contract.charges]]``) but left a variation's frozen for the rest of the term, so a
council was billed £60,000 in FY2027 and FY2028 for a post its own uplift priced at
£61,800.00 and £63,654.00. README, Annual charge: each year's charge is the year before's
times 1 + uplift, rounded to the penny. Expected figures are worked out here from that rule."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import floor

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.errors import InputError

FIRST, LAST = date(2026, 4, 1), date(2029, 3, 31)
VARIED = date(2026, 11, 16)


def _scenario(charge: float = 60_000, uplift: float = 0.03):
    variation = [{"from": VARIED, "annual_charge": {"constable": charge}}]
    return one_post_scenario(FIRST, LAST, uplift=uplift, variation=variation)


def _gross(period: str) -> float:
    days = pd.date_range(FIRST, LAST).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    (row,) = delivery_report(table, _scenario(), parse_period(period)).summary.to_dict("records")
    return float(row["gross_charge_gbp"])


def _raised(amount: Fraction, years: int) -> Fraction:
    for _ in range(years):
        amount = Fraction(floor(amount * Fraction(103, 100) * 100 + Fraction(1, 2)), 100)
    return amount


def test_a_variations_charge_rises_by_the_uplift_in_the_years_after_its_own() -> None:
    assert _gross("FY2027") == float(_raised(Fraction(60_000), 1)) == 61_800.00
    assert _gross("FY2028") == float(_raised(Fraction(60_000), 2)) == 63_654.00


def test_in_its_own_year_it_is_the_price_agreed() -> None:
    before = (VARIED - FIRST).days
    list_price = _raised(Fraction(57_000), 7)  # 2019/20 to 2026/27
    exact = (list_price * before + 60_000 * (365 - before)) / 365
    assert _gross("FY2026") == float(Fraction(floor(exact * 100 + Fraction(1, 2)), 100))


def test_a_variations_charge_the_uplift_carries_over_the_limit_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        _scenario(charge=9_900_000, uplift=0.05)
    assert "uplift" in str(caught.value)
    assert "FY2027" in str(caught.value)
