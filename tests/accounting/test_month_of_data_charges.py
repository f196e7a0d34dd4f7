"""A month reported from that month's data alone (the duty record the MPS returns each
month, ``s92 report --period 2026-08 --actuals august.csv``) rounded its charge on a running
total that began at the data's first day instead of the financial year's: Havering's
twelve monthly reports came to £298,499.98 against the year's £298,500.00, and August's
charge was a penny off the roster's report of August. The charges are the agreement's,
whatever data a report reads. README, Rounding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
CHARGES = ("contracted_days", "gross_charge_gbp", "match_funding_gbp", "charge_gbp")


@pytest.mark.parametrize("scenario_file", ["havering.toml", "tower-hamlets.toml"])
def test_months_of_monthly_data_add_up_to_the_years_charge(scenario_file: str) -> None:
    s = load_scenario(ROOT / "scenarios" / scenario_file)
    days = pd.date_range(s.start, s.end)
    table = pd.DataFrame(
        [
            {"officer_id": o.id, "date": d, "state": "REST" if d.weekday() > 4 else "DUTY"}
            for o in s.officers
            for d in days
        ]
    )
    fy = parse_period("FY2026")
    year = delivery_report(table, s, fy)
    for contract in year.summary["contract_id"]:
        whole = year.summary.set_index("contract_id").loc[contract]
        months = year.monthly[year.monthly["contract_id"] == contract].set_index("period")
        added = dict.fromkeys(CHARGES, 0)
        for month in months.index:
            alone = table[table["date"].dt.strftime("%Y-%m") == month]
            mine = delivery_report(alone, s, parse_period(month), contracts=[contract])
            row = mine.summary.iloc[0]
            for column in CHARGES:
                assert row[column] == months.loc[month, column], (contract, month, column)
                added[column] += round(row[column] * 100)
        for column in CHARGES:
            assert added[column] == round(whole[column] * 100), (contract, column)
