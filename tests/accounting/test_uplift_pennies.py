"""An uplifted annual charge is in pounds and pence, as the invoice a council is sent: each
year's charge is the year before's times 1 + uplift, rounded to the penny (README: Annual
charge), and the report's charges and day rates follow from those pennies."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.money import half_up
from scheduler.accounting.periods import parse_period
from scheduler.scenario import Scenario, scenario_from_dict


def price_list(base: str, uplift: str, years: int) -> list[Decimal]:
    """The charges a finance officer works out, year on year, on a calculator."""
    charges = [Decimal(base)]
    for _ in range(years):
        charges.append(
            (charges[-1] * (1 + Decimal(uplift))).quantize(Decimal("0.01"), ROUND_HALF_UP)
        )
    return charges


def scenario(uplift: float) -> Scenario:
    return scenario_from_dict(
        {
            "scenario": {"name": "uplift", "start": date(2026, 4, 1), "end": date(2027, 3, 31)},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Uplift",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 1, "sergeant": 1},
                    "annual_charge": {"constable": 59_123.45},
                    "uplift": uplift,
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )


def test_each_years_charge_is_last_years_uplifted_to_the_penny() -> None:
    contract = scenario(0.03).contracts[0]
    constable = price_list("59123.45", "0.03", 12)
    sergeant = price_list("70500", "0.03", 12)
    for years in range(13):
        fy = 2019 + years
        assert Decimal(repr(contract.charge("constable", fy))) == constable[years], fy
        assert Decimal(repr(contract.charge("sergeant", fy))) == sergeant[years], fy


def test_the_report_charges_and_refunds_from_the_invoiced_charge() -> None:
    s = scenario(0.027)
    days = pd.date_range("2026-04-01", "2027-03-31").date
    table = pd.DataFrame(
        {
            "officer_id": "O1",
            "date": days,
            "state": ["ABSTRACTED" if d == date(2026, 6, 2) else "DUTY" for d in days],
        }
    )
    report = delivery_report(table, s, parse_period("FY2026"))
    constable, sergeant = price_list("59123.45", "0.027", 7)[7], price_list("70500", "0.027", 7)[7]
    row = report.summary.iloc[0]
    # a whole year of both posts: the two invoiced charges, to the penny
    assert pounds(row["gross_charge_gbp"]) == constable + sergeant
    (abstraction,) = report.penalties[report.penalties["kind"] == "abstraction"].to_dict("records")
    # the abstraction's day rate: the invoiced charge / 226 working days, to the penny
    rate = half_up(Fraction(constable) * 100 / 226)
    assert pounds(abstraction["day_rate_gbp"]) * 100 == rate
    # the vacant sergeant post a whole year refunds its whole invoiced charge
    assert pounds(row["vacancy_penalty_gbp"]) == sergeant


def pounds(value: object) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal("0.01"))  # type: ignore[arg-type]
