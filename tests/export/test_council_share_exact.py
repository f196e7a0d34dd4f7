"""penalties.csv's ``annual_charge_gbp`` (the council's share of the post's annual charge,
the day rate's making) was written to the penny unless it ended in a half penny: with a
``match_funding_share`` of 0.25 the council's share of £57,004.73 is £42,753.5475, written
42753.55, and 42753.55 ÷ 226 working days is 189.175, a day rate of £189.18 against the
£189.17 penalised (README: to reconcile a penalty to the penny, an abstraction is
``annual_charge_gbp`` ÷ ``working_days``). Now it is written exactly, in the CSV and in
report.xlsx's Penalties sheet; whole pennies stay at 2 places."""

from __future__ import annotations

import io
from datetime import date
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
from one_post import one_post_scenario

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, report_csv_text, write_report


def june_with_one_abstraction(charge: float, mps_share: float) -> Delivery:
    """One constable post (its holder with 25 days' leave: 226 working days in FY2026),
    abstracted on 10 June 2026."""
    scenario = one_post_scenario(
        date(2026, 6, 1),
        date(2026, 6, 30),
        officer={"service_years": 5},
        annual_charge={"constable": charge},
        match_funding_share=mps_share,
    )
    days = pd.date_range("2026-06-01", "2026-06-30").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    table.loc[table["date"] == date(2026, 6, 10), "state"] = "ABSTRACTED"
    return delivery_report(table, scenario, parse_period("2026-06"))


def half_up_pennies(amount: Fraction) -> int:
    return int(amount * 100 + Fraction(1, 2))


def test_the_councils_share_reconciles_the_day_rate_to_the_penny() -> None:
    delivery = june_with_one_abstraction(57_004.73, 0.25)
    text = report_csv_text(delivery.penalties)
    (row,) = pd.read_csv(io.StringIO(text), dtype=str).to_dict("records")
    assert row["annual_charge_gbp"] == "42753.5475"  # £57,004.73 × 0.75, exactly
    assert row["working_days"] == "226"
    rate = Fraction(row["annual_charge_gbp"]) / int(row["working_days"])
    assert Fraction(row["penalty_gbp"]) * 100 == half_up_pennies(rate)  # 189.17
    assert row["day_rate_gbp"] == row["penalty_gbp"]


def test_whole_pennies_and_half_pennies_are_written_as_before() -> None:
    for charge, share, shown in ((57_004.72, 0.25, "42753.54"), (57_000.01, 0.5, "28500.005")):
        penalties = june_with_one_abstraction(charge, share).penalties
        (row,) = pd.read_csv(io.StringIO(report_csv_text(penalties)), dtype=str).to_dict("records")
        assert row["annual_charge_gbp"] == shown


def test_the_workbook_shows_the_councils_share_exactly(tmp_path: Path) -> None:
    delivery = june_with_one_abstraction(57_004.73, 0.25)
    write_report(delivery, tmp_path, ReportInfo("share", "test"))
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Penalties"]
    rows = [list(row) for row in sheet.iter_rows()]
    at = next(i for i, row in enumerate(rows) if row[0].value == "Date")
    column = next(
        i for i, c in enumerate(rows[at]) if str(c.value).startswith("Council's annual charge")
    )
    cell = rows[at + 1][column]
    assert cell.value == 42753.5475
    # shown with its places: '£42,753.5475', not '£42,753.55'
    assert cell.number_format == '"£"#,##0.00####'


def test_the_definitions_name_the_contracts_match_funding_share(tmp_path: Path) -> None:
    # a council whose contract sets match_funding_share read that its share of the charge
    # was "all of it, or half under Met Patrol Plus": neither is what it pays
    write_report(june_with_one_abstraction(57_004.73, 0.25), tmp_path, ReportInfo("share", "t"))
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Definitions"]
    meaning = {str(a): str(b) for a, b in sheet.iter_rows(values_only=True) if a and b}
    for term in (
        "Charges",
        "MPS match funding (£) (match_funding_gbp)",
        "MPS share of the charge (match_funding_share)",
        "Day rate (£) (day_rate_gbp)",
        "Council's annual charge of the post (£) (annual_charge_gbp)",
    ):
        assert "match funding share" in meaning[term], term
