"""s92 sweep penalised a drawn operational abstraction on a duty day that is a bank
holiday the contract does not buy, which the delivery report does not (README, Penalty:
the council bought no officer-day there): a run's penalty was more than the report of
the same run's roster. Now the fast runs are the delivery report there too."""

from __future__ import annotations

from datetime import date

import pandas as pd
from one_post import one_post_scenario

from scheduler.accounting.periods import parse_period
from scheduler.accounting.sweep import Rates, one_run, prepare, run_report

FIGURES = ["delivered_days", "penalty_gbp", "penalised_days", "other_absence_days"]


def test_an_abstraction_drawn_on_a_bank_holiday_not_bought_is_not_penalised() -> None:
    s = one_post_scenario(date(2027, 3, 1), date(2027, 3, 31))
    days = pd.date_range("2027-03-01", "2027-03-31").date
    # a planner's roster with tours on Good Friday and Easter Monday (26, 29 March), which
    # the contract does not buy
    state = ["REST" if d.weekday() > 4 else "DUTY" for d in days]
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": state})
    base = prepare(table, s, parse_period("2027-03"), Rates(operational=1.0, sickness=0.0), 1)
    fast = one_run(base, 0)[FIGURES].reset_index(drop=True)
    full = run_report(base, 0).summary[FIGURES].reset_index(drop=True)
    assert full.loc[0, "other_absence_days"] == 2  # Good Friday, Easter Monday
    pd.testing.assert_frame_equal(fast, full, check_dtype=False, check_exact=True)
