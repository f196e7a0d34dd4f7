"""A charge agreed for one financial year (``charges``) is the base of the years after it
(README: "each year's charge being the year before's times 1 + uplift"): the year after
an agreed £60,000 fell back to the 2019/20 list price raised by the uplift (£57,000 with
no uplift: a cheaper officer the year after the price was agreed)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict


def scenario(uplift: float):
    first, last = date(2026, 4, 1), date(2028, 3, 31)
    return scenario_from_dict(
        {
            "scenario": {"name": "agreed", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Agreed",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1, "sergeant": 1},
                    "uplift": uplift,
                    "charges": [{"year": 2026, "constable": 60_000}],
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )


@pytest.mark.parametrize(("uplift", "fy2027"), [(0.0, 60_000.00), (0.03, 61_800.00)])
def test_the_year_after_an_agreed_charge_is_raised_from_it(uplift: float, fy2027: float) -> None:
    s = scenario(uplift)
    c = s.contracts[0]
    assert c.charge("constable", 2026) == 60_000
    assert c.charge("constable", 2027) == fy2027
    assert c.charge("constable", 2025) == pytest.approx(57_000 * (1 + uplift) ** 6, abs=0.05)
    # the sergeant, with no agreed charge, keeps the 2019/20 list price raised
    assert c.charge("sergeant", 2027) == pytest.approx(70_500 * (1 + uplift) ** 8, abs=0.05)
    days = pd.date_range("2027-04-01", "2028-03-31").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    (row,) = delivery_report(table, s, parse_period("FY2027")).summary.to_dict("records")
    sergeant = c.charge("sergeant", 2027)
    assert row["gross_charge_gbp"] == pytest.approx(fy2027 + sergeant, abs=0.005)
