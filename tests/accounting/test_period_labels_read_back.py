"""One period vocabulary out and in: December 2011 was named ``2011-12`` in monthly.csv,
the API's ``period`` and the web report's month menu, and ``2011-12`` given back as
``--period``/``?period=`` is refused (it could be the financial year 2011/12). Every month
the report names is now written so that it is read back as that month (``12/2011``), and
the report's months stay in date order."""

from __future__ import annotations

from datetime import date

import pandas as pd
from one_post import one_post_scenario

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import month_span, parse_period
from scheduler.export.report_html import monthly_totals

FIRST, LAST = date(2011, 4, 1), date(2012, 3, 31)


def _fy2011(period: str) -> Delivery:
    s = one_post_scenario(FIRST, LAST, start=FIRST, scheme="met-patrol-plus")
    days = pd.date_range(FIRST, LAST)
    table = pd.DataFrame(
        [
            {"officer_id": "O1", "date": d, "state": "REST" if d.weekday() > 4 else "DUTY"}
            for d in days
        ]
    )
    table["kind"] = ""
    return delivery_report(table, s, parse_period(period))


def test_every_month_the_report_names_reads_back_as_that_month() -> None:
    report = _fy2011("FY2011")
    months = report.monthly
    assert len(months) == 12
    for label, start in zip(months["period"], months["period_start"], strict=True):
        period = parse_period(label)  # refused before for December 2011
        asked = date.fromisoformat(start)
        assert (period.kind, period.year, period.month) == ("month", asked.year, asked.month)
        assert period.label == label
    assert "12/2011" in set(months["period"])


def test_december_2011_as_its_own_report_names_it_and_links_it() -> None:
    december = _fy2011("Dec 2011")
    assert december.period.label == december.period.query == "12/2011"
    assert parse_period(december.period.label).span(None) == month_span(2011, 12)  # type: ignore[arg-type]
    assert list(december.monthly["period"]) == ["12/2011"]


def test_the_months_stay_in_date_order() -> None:
    report = _fy2011("FY2011")
    shown = list(monthly_totals(report)["period"])
    expected = [
        label
        for _, label in sorted(
            zip(report.monthly["period_start"], report.monthly["period"], strict=True)
        )
    ]
    assert shown == expected
    assert shown.index("12/2011") == 8
