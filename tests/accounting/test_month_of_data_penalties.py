"""A month reported from that month's duty record alone (the record the MPS returns each
month, ``s92 report --period 2026-08 --actuals august.csv``) must read as that month does
in the year's report, and the twelve must add up to the year, to the penny.

- Charges: rounded on a running total that began at the data's first day instead of the
  financial year's, Havering's twelve monthly reports came to £298,499.98 against the
  year's £298,500.00. The charges are the agreement's, whatever data a report reads.
- Penalties: rounded on the financial year's running total, a month's penalty alone was a
  penny off the same month in the year's report about one month in three: a month's record
  alone knows none of the year's earlier abstractions. Now a month's penalty for
  abstractions (and HDD days beyond the allowance) is its own exact total rounded once,
  its itemised penalties rounded on the month's running total, and a longer period's is
  the sum of its months'; vacancy refunds, the agreement's, are rounded with the charge.

README, Rounding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from recomputed_money import BY_CAUSE
from recomputed_money import MONEY as CHARGES_AND_PENALTY

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.accounting.sweep import Rates, one_run, prepare, run_report
from scheduler.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
MONEY = (*CHARGES_AND_PENALTY, *BY_CAUSE)  # README, Rounding
SWEPT = ["contract_id", "delivered_days", "penalty_gbp", "penalised_days"]


def duty_record(scenario_file: str) -> tuple[Scenario, pd.DataFrame]:
    """A year of duty: weekdays on duty, weekends off, and now and then an operational
    abstraction (penalised) or a day sick (not), spread unevenly over officers and months."""
    s = load_scenario(ROOT / "scenarios" / scenario_file)
    rows = []
    for i, o in enumerate(s.officers):
        for n, d in enumerate(pd.date_range(s.start, s.end)):
            state = "REST" if d.weekday() > 4 else "DUTY"
            if state == "DUTY" and (n * (i + 3)) % 17 == 0:
                state = "ABSTRACTED"
            elif state == "DUTY" and (n + i) % 23 == 0:
                state = "SICK"
            rows.append({"officer_id": o.id, "date": d, "state": state})
    return s, pd.DataFrame(rows)


@pytest.mark.parametrize("scenario_file", ["havering.toml", "tower-hamlets.toml"])
def test_a_months_money_is_the_same_alone_and_in_the_year(scenario_file: str) -> None:
    s, table = duty_record(scenario_file)
    year = delivery_report(table, s, parse_period("FY2026"))
    assert year.summary["penalised_days"].sum() > 0
    for contract in year.summary["contract_id"]:
        whole = year.summary.set_index("contract_id").loc[contract]
        months = year.monthly[year.monthly["contract_id"] == contract].set_index("period")
        items = year.penalties[year.penalties["contract_id"] == contract]
        added = dict.fromkeys(MONEY, 0)
        for month in months.index:
            alone = table[table["date"].dt.strftime("%Y-%m") == month]
            mine = delivery_report(alone, s, parse_period(month), contracts=[contract])
            row = mine.summary.iloc[0]
            for column in MONEY:
                assert row[column] == months.loc[month, column], (contract, month, column)
                added[column] += round(row[column] * 100)
            # and its itemised penalties are the year's rows of that month, to the penny
            of_month = items[items["date"].str[:7] == month].reset_index(drop=True)
            pd.testing.assert_frame_equal(
                mine.penalties, of_month, check_dtype=False, check_exact=True
            )
        for column in MONEY:
            assert added[column] == round(whole[column] * 100), (contract, column)


def test_the_sweeps_runs_round_their_penalties_as_the_report_does() -> None:
    # s92 sweep adds a run's drawn abstractions to the plan's penalties without building
    # the report: over a year of months it must round them month by month as the report
    s, table = duty_record("tower-hamlets.toml")
    base = prepare(table, s, parse_period("FY2026"), Rates(0.05, 0.05), 3)
    for run in range(3):
        fast = one_run(base, run)[SWEPT].reset_index(drop=True)
        full = run_report(base, run).summary[SWEPT].reset_index(drop=True)
        pd.testing.assert_frame_equal(fast, full, check_dtype=False, check_exact=True)
