"""A report names its period to the council in words, as the web's menu does: its
heading said "2026-12" (and the quarter "FY2026 Q3") where the menu offering it said
"December 2026". Now report.html, report.xlsx's headings and the menu name each period
one way (Period.name); the files' ``period`` column keeps the form ``--period`` reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from one_post import one_post_scenario
from openpyxl import load_workbook

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, render_html, write_report
from scheduler.web.catalog import ContractView
from scheduler.web.report import period_choices


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Dec 2026", "December 2026"),
        ("Q3 2026/27", "Q3 2026/27 (Oct-Dec 2026)"),
        ("2026/27", "Financial year 2026/27"),
        ("Y1", "Contract year 1"),
        ("term", "Whole term"),
    ],
)
def test_the_report_names_the_period_as_the_menu_does(
    tmp_path: Path, typed: str, words: str
) -> None:
    s = one_post_scenario(date(2026, 4, 1), date(2027, 3, 31))
    days = pd.date_range("2026-04-01", "2027-03-31").date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    period = parse_period(typed)
    delivery = delivery_report(table, s, period)
    view = ContractView(s.contracts[0], s, None)  # type: ignore[arg-type]
    assert (period.label, words) in period_choices(view)

    info = ReportInfo("one post", "roster.csv")
    page = render_html(delivery, info)
    assert f"Period {words}: " in page
    assert f"contract delivery {words}</title>" in page
    write_report(delivery, tmp_path, info)
    book = load_workbook(tmp_path / "report.xlsx")
    summary = [[c for c in row if c is not None] for row in book["Summary"].values]
    assert ["Period", words] in summary
    headers = {name: book[name].oddHeader for name in ("Contracts", "Penalties")}
    texts = {name: str(h.left.text) for name, h in headers.items() if h is not None}
    assert texts["Contracts"].endswith(f", {words}")
    assert words in texts["Penalties"]
    # the files' period column keeps the form --period reads back
    assert list(delivery.summary["period"]) == [period.label]
    assert parse_period(period.label) == period


def test_the_sweeps_horizon_is_not_named_the_whole_term() -> None:
    # s92 sweep's default period is the roster's horizon (each term cut to it), not the term
    from scheduler.accounting.sweep import horizon_period

    s = one_post_scenario(date(2026, 6, 1), date(2027, 3, 31))
    assert horizon_period(s).name == "horizon"
    assert parse_period("term").name == "Whole term"
