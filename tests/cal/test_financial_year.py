"""Financial years, 1 April to 31 March."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars import (
    FinancialYear,
    financial_year_of,
    financial_years_between,
    parse_financial_year,
)


def test_fy2026_bounds_and_label() -> None:
    fy = FinancialYear(2026)
    assert fy.start == date(2026, 4, 1)
    assert fy.end == date(2027, 3, 31)
    assert fy.days == 365
    assert fy.label == "FY2026" == str(fy)


def test_fy2027_holds_29_february_2028() -> None:
    assert FinancialYear(2027).days == 366
    assert FinancialYear(2027).contains(date(2028, 2, 29))


def test_contains_edges() -> None:
    fy = FinancialYear(2026)
    assert fy.contains(date(2026, 4, 1))
    assert fy.contains(date(2027, 3, 31))
    assert not fy.contains(date(2026, 3, 31))
    assert not fy.contains(date(2027, 4, 1))
    assert datetime(2026, 7, 1, 12) in fy


def test_financial_year_of() -> None:
    assert financial_year_of(date(2026, 4, 1)) == FinancialYear(2026)
    assert financial_year_of(date(2026, 3, 31)) == FinancialYear(2025)
    assert financial_year_of(date(2027, 1, 15)) == FinancialYear(2026)


@pytest.mark.parametrize(
    "text", ["FY2026", "fy2026", " FY2026 ", "2026/27", "2026-27", "2026/2027"]
)
def test_parse_financial_year(text: str) -> None:
    assert parse_financial_year(text) == FinancialYear(2026)


def test_parse_across_a_century() -> None:
    assert parse_financial_year("2099/00") == FinancialYear(2099)


@pytest.mark.parametrize("text", ["", "FY26", "FY 20 26", "2026", "2026/28", "FY2026x", "April"])
def test_parse_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match="financial year"):
        parse_financial_year(text)


def test_parse_non_text() -> None:
    with pytest.raises(ValueError, match="must be text"):
        parse_financial_year(2026)  # type: ignore[arg-type]


def test_financial_years_between() -> None:
    years = financial_years_between(date(2026, 1, 5), date(2029, 1, 4))
    assert [fy.label for fy in years] == ["FY2025", "FY2026", "FY2027", "FY2028"]
    assert financial_years_between(date(2026, 4, 1), date(2027, 3, 31)) == [FinancialYear(2026)]
    with pytest.raises(ValueError, match="before it starts"):
        financial_years_between(date(2026, 4, 2), date(2026, 4, 1))


def test_ordering_and_validation() -> None:
    assert FinancialYear(2026) < FinancialYear(2027)
    with pytest.raises(TypeError):
        FinancialYear("2026")  # type: ignore[arg-type]


@given(st.dates(date(1901, 1, 1), date(2199, 12, 31)))
def test_every_day_is_in_exactly_its_financial_year(d: date) -> None:
    fy = financial_year_of(d)
    assert fy.contains(d)
    assert not FinancialYear(fy.year - 1).contains(d)
    assert not FinancialYear(fy.year + 1).contains(d)
    assert parse_financial_year(fy.label) == fy


@given(st.dates(date(1901, 1, 1), date(2199, 12, 31)), st.integers(0, 2000))
def test_years_between_cover_the_period_contiguously(start: date, length: int) -> None:
    end = date.fromordinal(start.toordinal() + length)
    years = financial_years_between(start, end)
    assert years[0].contains(start)
    assert years[-1].contains(end)
    assert [fy.year for fy in years] == list(range(years[0].year, years[-1].year + 1))
