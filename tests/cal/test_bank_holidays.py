"""England & Wales bank holidays: only the observed days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars import FinancialYear, bank_holidays, is_bank_holiday
from calendars.bank_holidays import package_holidays


def test_easter_monday_2026() -> None:
    assert is_bank_holiday(date(2026, 4, 6))
    assert bank_holidays(date(2026, 4, 6), date(2026, 4, 6)) == {date(2026, 4, 6): "Easter Monday"}


def test_boxing_day_2026_is_observed_on_monday_28_december() -> None:
    # The package also lists Saturday 26 December; that day is not a day off.
    assert date(2026, 12, 26) in package_holidays(2026)
    assert not is_bank_holiday(date(2026, 12, 26))
    assert is_bank_holiday(date(2026, 12, 28))
    assert is_bank_holiday(date(2026, 12, 25))  # Friday, its own day
    christmas = bank_holidays(date(2026, 12, 20), date(2026, 12, 31))
    assert list(christmas) == [date(2026, 12, 25), date(2026, 12, 28)]


def test_christmas_2027_on_a_weekend_moves_both_days() -> None:
    days = bank_holidays(date(2027, 12, 20), date(2028, 1, 5))
    assert list(days) == [date(2027, 12, 27), date(2027, 12, 28), date(2028, 1, 3)]


def test_fy2026_holds_ten_and_fy2027_six() -> None:
    # Two Easters fall in FY2026 (April 2026 and March 2027), none in FY2027.
    fy26, fy27 = FinancialYear(2026), FinancialYear(2027)
    assert len(bank_holidays(fy26.start, fy26.end)) == 10
    assert len(bank_holidays(fy27.start, fy27.end)) == 6


def test_result_is_ordered_and_a_fresh_dict() -> None:
    days = bank_holidays(date(2026, 1, 1), date(2026, 12, 31))
    assert list(days) == sorted(days)
    days.clear()
    assert len(bank_holidays(date(2026, 1, 1), date(2026, 12, 31))) == 8


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        bank_holidays(date(2026, 2, 1), date(2026, 1, 1))


@pytest.mark.parametrize("year", range(1985, 2101))
def test_every_weekend_entry_has_an_observed_substitute(year: int) -> None:
    # Guards the assumption in bank_holidays: dropping weekend entries loses nothing.
    listed = package_holidays(year) | package_holidays(year + 1)
    for d, name in package_holidays(year).items():
        if d.weekday() >= 5:
            subs = [n for s, n in listed.items() if 0 < (s - d).days <= 3 and "(observed)" in n]
            assert subs, f"{d} {name} has no observed substitute"


@given(st.integers(1985, 2100))
def test_weekdays_only_and_at_least_eight_a_year(year: int) -> None:
    days = bank_holidays(date(year, 1, 1), date(year, 12, 31))
    assert all(d.weekday() < 5 for d in days)
    assert len(days) >= 8


@given(st.dates(date(1985, 1, 1), date(2100, 12, 31)))
def test_is_bank_holiday_agrees_with_bank_holidays(d: date) -> None:
    assert is_bank_holiday(d) == (d in bank_holidays(d, d))
