"""Effective working days and the HDD allowance (DESIGN §2)."""

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars import (
    FinancialYear,
    HddYearCheck,
    HighDemandDay,
    annual_leave_days,
    check_hdd_allowance,
    effective_working_days,
    hdd_allowance,
    high_demand_days,
    rest_days,
)


@pytest.mark.parametrize(
    ("years", "days"),
    [
        (0, 22),
        (1, 22),
        (2, 25),
        (9, 25),
        (10, 27),
        (14, 27),
        (15, 28),
        (19, 28),
        (20, 30),
        (35, 30),
    ],
)
def test_annual_leave_by_service(years: int, days: int) -> None:
    assert annual_leave_days(years) == days


def test_negative_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="service years cannot be negative"):
        annual_leave_days(-1)
    with pytest.raises(ValueError, match="negative number of days"):
        rest_days(-1)
    with pytest.raises(ValueError, match="annual leave cannot be negative"):
        effective_working_days(date(2026, 4, 1), date(2027, 3, 31), -1)
    with pytest.raises(ValueError, match="HDD share must be between 0 and 1"):
        hdd_allowance(226, share=1.5)


def test_rest_days_for_a_year() -> None:
    assert rest_days(365) == rest_days(366) == 104
    assert rest_days(7) == 2
    assert rest_days(6) == 1
    assert rest_days(0) == 0


def test_fy2026_with_25_days_leave_is_226() -> None:
    fy = FinancialYear(2026)
    assert effective_working_days(fy.start, fy.end, 25) == 226  # 365 - 104 - 10 - 25


def test_fy2027_with_25_days_leave_is_231() -> None:
    fy = FinancialYear(2027)
    assert effective_working_days(fy.start, fy.end, 25) == 231  # 366 - 104 - 6 - 25


def test_leave_is_pro_rata_across_financial_years() -> None:
    # Calendar year 2026: 90 days of FY2025 (365 days), 275 of FY2026 (365 days).
    leave = 25 * 90 / 365 + 25 * 275 / 365
    expected = round(365 - 104 - 8 - leave, 2)
    assert effective_working_days(date(2026, 1, 1), date(2026, 12, 31), 25) == expected


def test_a_month() -> None:
    # April 2026: 30 days, 8 rest days, Good Friday and Easter Monday, 25 × 30/365 leave.
    assert effective_working_days(date(2026, 4, 1), date(2026, 4, 30), 25) == round(
        30 - 8 - 2 - 25 * 30 / 365, 2
    )


def test_hdd_allowance_rounds_half_up() -> None:
    assert hdd_allowance(226) == 11
    assert hdd_allowance(231) == 12  # 11.55
    assert hdd_allowance(230) == 12  # exactly 11.5
    assert hdd_allowance(229.9) == 11
    assert hdd_allowance(226, share=0) == 0


def test_check_for_the_rule_days_of_fy2026() -> None:
    fy = FinancialYear(2026)
    check = check_hdd_allowance(fy, high_demand_days(fy.start, fy.end))
    assert check == HddYearCheck(fy, 5, 11, 226.0)
    assert not check.exceeded
    assert check.excess == 0


def test_check_flags_an_exceeded_year_and_counts_only_its_dates() -> None:
    fy = FinancialYear(2026)
    hdds = [
        HighDemandDay(date(2026, 5, d), f"event {d}", time(8), time(18), "added")
        for d in range(1, 13)
    ]
    hdds += [hdds[0], HighDemandDay(date(2027, 4, 1), "next year", time(8), time(18), "added")]
    check = check_hdd_allowance(fy, hdds)
    assert (check.count, check.allowance, check.exceeded, check.excess) == (12, 11, True, 1)


@given(
    start=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
    length=st.integers(0, 1200),
    low=st.floats(0, 40),
    extra=st.floats(0, 40),
)
def test_ewd_falls_as_leave_rises(start: date, length: int, low: float, extra: float) -> None:
    end = date.fromordinal(start.toordinal() + length)
    assert effective_working_days(start, end, low + extra) <= effective_working_days(
        start, end, low
    )


@given(st.integers(0, 10_000))
def test_rest_days_formula(days: int) -> None:
    assert rest_days(days) == (2 * days) // 7
    assert rest_days(days + 7) == rest_days(days) + 2


@given(st.integers(1990, 2090), st.sampled_from([22, 25, 27, 28, 30]))
def test_a_whole_financial_year_deducts_exactly_the_entitlement(year: int, leave: int) -> None:
    fy = FinancialYear(year)
    without = effective_working_days(fy.start, fy.end, 0)
    assert effective_working_days(fy.start, fy.end, leave) == without - leave
    assert 6 <= fy.days - 104 - without <= 11  # 6 to 10 bank holidays (11 in a jubilee year)
