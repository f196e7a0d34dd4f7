"""The report of a period the roster does not reach yet (next month's, before it is
rostered) drew its contracted and delivered chart as an empty axis from -0.04 to 0.04
officer-days under a legend of bars that were not there, and its HDD chart as a bare axis;
each chart now says there is no data in the period, from 0 up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest
from matplotlib.figure import Figure
from one_post import one_post_scenario

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report_html import _delivery_chart, _hdd_chart, _kinds_chart


def report_of(period: str) -> Delivery:
    first, last = date(2026, 4, 1), date(2026, 4, 30)
    scenario = one_post_scenario(first, last)
    days = pd.date_range(first, last).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    return delivery_report(table, scenario, parse_period(period))


def said(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts]


@pytest.mark.parametrize("chart", [_delivery_chart, _kinds_chart, _hdd_chart])
def test_a_period_with_no_data_says_so_on_every_chart(chart: Callable[[Delivery], Figure]) -> None:
    figure = chart(report_of("2026-05"))
    assert said(figure) == ["no data in the period"]
    axes = figure.axes[0]
    assert axes.get_legend() is None
    assert axes.get_ylim()[0] == 0


def test_a_period_with_data_draws_it() -> None:
    report = report_of("2026-04")
    assert said(_delivery_chart(report)) == []
    assert said(_kinds_chart(report)) == ["no abstractions in the period"]
    assert said(_hdd_chart(report)) == []
