"""penalties.csv's ``annual_charge_gbp`` (the council's share of the post's annual charge,
the day rate's making) lost the half penny Met Patrol Plus leaves of an odd-penny charge:
half of £57,000.01 was written 28500.01, so ``annual_charge_gbp`` ÷ ``working_days`` was
no longer the day rate the penalty was worked out with (README: to reconcile a penalty to
the penny). Now it is written 28500.005; whole pennies stay at 2 places."""

from __future__ import annotations

import io
from datetime import date
from fractions import Fraction

import pandas as pd
from one_post import one_post_scenario

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import report_csv_text


def penalties_csv(charge: float) -> pd.DataFrame:
    s = one_post_scenario(
        date(2026, 6, 1),
        date(2026, 6, 30),
        scheme="met-patrol-plus",
        annual_charge={"constable": charge},
    )
    days = pd.date_range("2026-06-01", "2026-06-30").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    table.loc[table["date"] == date(2026, 6, 10), "state"] = "ABSTRACTED"
    delivery = delivery_report(table, s, parse_period("2026-06"))
    return pd.read_csv(io.StringIO(report_csv_text(delivery.penalties)), dtype=str)


def test_the_half_penny_of_the_councils_share_is_kept() -> None:
    (row,) = penalties_csv(57_000.01).to_dict("records")
    assert row["annual_charge_gbp"] == "28500.005"
    rate = Fraction(row["annual_charge_gbp"]) / int(row["working_days"])
    assert abs(rate - Fraction(row["penalty_gbp"])) <= Fraction(1, 200)
    assert row["day_rate_gbp"] == f"{float(rate):.2f}"


def test_whole_pennies_stay_at_two_places() -> None:
    (row,) = penalties_csv(57_000.02).to_dict("records")
    assert row["annual_charge_gbp"] == "28500.01"
    assert len(row["penalty_gbp"].split(".")[1]) == 2
