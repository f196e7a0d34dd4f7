"""A post nobody holds refunds exactly what the council was charged for it (README:
Vacant post-days, Rounding): under Met Patrol Plus, where the MPS pays half, the council's
charge is rounded on its own running total and the match funding is the rest, so a month
of a post empty throughout refunds that month's charge to the penny, not a penny or two
more."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict


@pytest.mark.parametrize("charge", [57_000, 59_123.45, 61_234.57, 86_000.01])
@pytest.mark.parametrize("scheme", ["met-patrol-plus", "partnership-plus"])
def test_a_post_empty_all_year_refunds_each_months_charge(charge: float, scheme: str) -> None:
    first, last = date(2027, 4, 1), date(2028, 3, 31)
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "vacant", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "HELD",
                    "council": "LB Held",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1},
                },
                {
                    "id": "EMPTY",
                    "council": "LB Empty",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1},
                    "scheme": scheme,
                    "annual_charge": {"constable": charge},
                },
            ],
            "officer": [{"id": "O1", "contract": "HELD", "rank": "constable"}],
        }
    )
    days = pd.date_range(first, last).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    report = delivery_report(table, scenario, parse_period("FY2027"), contracts=["EMPTY"])
    months = report.monthly
    assert len(months) == 12
    for _, month in months.iterrows():
        assert month["vacancy_penalty_gbp"] == month["charge_gbp"], month["period"]
        assert month["net_cost_gbp"] == 0, month["period"]
        gross = round(month["gross_charge_gbp"] * 100)
        assert gross == round(month["charge_gbp"] * 100) + round(month["match_funding_gbp"] * 100)
    (year,) = report.summary.to_dict("records")
    assert year["penalty_gbp"] == year["charge_gbp"]
