"""An abstraction on a bank holiday the contract does not buy (``cover_bank_holidays =
false``: the officer's day off, left out of the contracted days) cost the council no
officer-day, yet was penalised a whole day rate: README, Penalty."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import scenario_from_dict

GOOD_FRIDAY, AFTER = date(2027, 3, 26), date(2027, 3, 24)  # a bank holiday; a Wednesday


def report(cover_bank_holidays: bool):
    first, last = date(2027, 3, 1), date(2027, 3, 31)
    s = scenario_from_dict(
        {
            "scenario": {"name": "bh", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 1},
                    "cover_bank_holidays": cover_bank_holidays,
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    days = pd.date_range(first, last).date
    state = ["REST" if d.weekday() > 4 else "DUTY" for d in days]
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": state})
    table.loc[table["date"] == GOOD_FRIDAY, "state"] = "ABSTRACTED"  # worked for the MPS
    table.loc[table["date"] == AFTER, "state"] = "ABSTRACTED"
    (row,) = delivery_report(table, s, parse_period("2027-03")).summary.to_dict("records")
    return row


@pytest.mark.parametrize(("bought", "penalised"), [(False, 1), (True, 2)])
def test_a_bank_holiday_the_council_does_not_buy_is_not_penalised(
    bought: bool, penalised: int
) -> None:
    row = report(bought)
    assert row["penalised_days"] == penalised
    assert row["other_absence_days"] == 2 - penalised
    one_day = report(True)["abstraction_penalty_gbp"] / 2
    assert row["abstraction_penalty_gbp"] == pytest.approx(one_day * penalised, abs=0.011)
