"""Dates, months and financial years are read in the digits 0-9 only, as times are: int()
reads Arabic-Indic or Devanagari digits, so a date typed in them was read while a time
typed in them was refused."""

from __future__ import annotations

import pytest

from calendars import parse_financial_year, read_day
from scheduler.accounting.periods import parse_period


@pytest.mark.parametrize(
    "typed", ["٢٠٢٦-١٠-٢٠", "२०२६-१०-२०", "٢٠/١٠/٢٠٢٦", "2026-10-٢٠", "20.10.२०२६"]
)
def test_a_date_in_other_digits_is_no_date(typed: str) -> None:
    assert read_day(typed) is None


def test_dates_in_the_digits_0_to_9_are_read_as_before() -> None:
    assert str(read_day("2026-10-20")) == "2026-10-20"
    assert str(read_day("20/10/2026 00:00")) == "2026-10-20"


@pytest.mark.parametrize("typed", ["FY٢٠٢٦", "٢٠٢٦-١٠", "Y١", "Aug ٢٠٢٦", "٠٨/2026"])
def test_a_period_in_other_digits_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_period(typed)


def test_a_financial_year_in_other_digits_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_financial_year("FY٢٠٢٦")
    assert parse_financial_year("FY2026").label == "FY2026"
