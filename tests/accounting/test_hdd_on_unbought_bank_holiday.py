"""HDD aid on a bank holiday the contract does not buy (``cover_bank_holidays = false``:
Carnival Monday is the summer bank holiday) took one of the council's HDD allowance days,
and beyond it was penalised, though the allowance is a share of the contracted days and
they leave bank holidays out: the council lost no officer-day there. README, HDD
allowance."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.hdd_calendar import over_allowance
from scheduler.accounting.periods import parse_period

SUNDAY, MONDAY = date(2026, 8, 30), date(2026, 8, 31)  # Carnival; Monday a bank holiday


def scenario(cover_bank_holidays: bool, hdd_allowance: int = 1):
    return one_post_scenario(
        date(2026, 8, 1),
        date(2026, 8, 31),
        hdd_allowance=hdd_allowance,
        cover_bank_holidays=cover_bank_holidays,
    )


def report(cover_bank_holidays: bool) -> dict[Hashable, Any]:
    days = pd.date_range("2026-08-01", "2026-08-31").date
    state = ["REST" if d.weekday() in (1, 2) else "DUTY" for d in days]
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": state})
    table.loc[table["date"].isin([SUNDAY, MONDAY]), "state"] = "HDD_AID"
    delivery = delivery_report(table, scenario(cover_bank_holidays), parse_period("2026-08"))
    (row,) = delivery.summary.to_dict("records")
    return row


@pytest.mark.parametrize(("bought", "counted"), [(False, 1), (True, 2)])
def test_aid_on_a_bank_holiday_not_bought_uses_no_allowance(bought: bool, counted: int) -> None:
    row = report(bought)
    assert row["hdd_allowance"] == 1
    assert row["hdd_days"] == counted
    assert row["hdd_days_year_to_date"] == counted
    assert row["hdd_excess_days"] == counted - 1
    assert row["other_absence_days"] == 2 - counted
    assert (row["hdd_penalty_gbp"] > 0) == bought


def test_validate_counts_only_the_hdds_the_contract_buys() -> None:
    """The note that a year's HDDs outnumber a post's allowance counts the same days."""
    (only,) = [o for o in over_allowance(scenario(True)) if o.contract_id == "C1"]
    assert only.hdds == 2
    assert not over_allowance(scenario(False))


def test_the_counts_by_kind_show_that_aid_apart() -> None:
    """The report's chart of abstractions by kind showed Carnival Monday's aid as HDD aid,
    more than the table's HDD aid: now it is a kind of its own."""
    days = pd.date_range("2026-08-01", "2026-08-31").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    table.loc[table["date"].isin([SUNDAY, MONDAY]), "state"] = "HDD_AID"
    for bought, hdd_aid in ((True, 2), (False, 1)):
        delivery = delivery_report(table, scenario(bought), parse_period("2026-08"))
        kinds = delivery.kinds.set_index("kind")["days"].to_dict()
        assert kinds.get("hdd_aid") == hdd_aid == delivery.summary.loc[0, "hdd_days"]
        assert kinds.get("hdd_aid_bank_holiday", 0) == 2 - hdd_aid
