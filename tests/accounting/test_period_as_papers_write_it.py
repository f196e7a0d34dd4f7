"""A financial year as council papers write it (README: Periods): "FY 2026/27" with a
space, "FY26/27", and "2026–27" with the en dash a word processor puts in were refused as
"not a report period"."""

from __future__ import annotations

import pytest

from scheduler.accounting.periods import parse_period


@pytest.mark.parametrize(
    "text", ["FY 2026/27", "FY 2026", "FY26/27", "fy26-27", "2026–27", "FY2026–27", "2026 / 27"]
)
def test_a_financial_year_as_a_council_paper_writes_it(text: str) -> None:
    period = parse_period(text)
    assert (period.kind, period.label, period.year) == ("financial_year", "FY2026", 2026)


@pytest.mark.parametrize(
    "text", ["FY26/28", "26/27", "FY 2026/28"]
)  # FY26: test_period_as_councils_type_it
def test_years_that_do_not_follow_are_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a report period"):
        parse_period(text)


def test_a_month_is_still_a_month() -> None:
    assert parse_period("2026-12").label == "2026-12"
