from datetime import date

import pytest

from scheduler.accounting.periods import Span, months_in, parse_period
from scheduler.scenario.model import Contract, Posts


def contract(start: date, years: int = 3) -> Contract:
    return Contract(
        id="C1", council="LB Test", bcu="XX", start=start, years=years, posts=Posts(constable=1)
    )


@pytest.mark.parametrize(
    ("text", "kind", "label", "first", "last"),
    [
        ("2026-08", "month", "2026-08", date(2026, 8, 1), date(2026, 8, 31)),
        ("2028-02", "month", "2028-02", date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        ("2026-12", "month", "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2198-12", "month", "2198-12", date(2198, 12, 1), date(2198, 12, 31)),
        ("FY2026", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        ("fy2026", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        ("2026/27", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        # as council papers write a financial year: read as one, not refused as month 27
        ("2026-27", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        ("FY2026/27", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        ("fy2026-27", "financial_year", "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
        ("2099-00", "financial_year", "FY2099", date(2099, 4, 1), date(2100, 3, 31)),
        ("12/2011", "month", "12/2011", date(2011, 12, 1), date(2011, 12, 31)),  # a month
        # contract years and the term count from the contract's own start (5 Jan 2026)
        ("Y1", "contract_year", "Y1", date(2026, 1, 5), date(2027, 1, 4)),
        ("y3", "contract_year", "Y3", date(2028, 1, 5), date(2029, 1, 4)),
        ("term", "term", "term", date(2026, 1, 5), date(2029, 1, 4)),
        (" TERM ", "term", "term", date(2026, 1, 5), date(2029, 1, 4)),
    ],
)
def test_parse_period_and_span(text: str, kind: str, label: str, first: date, last: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.label) == (kind, label)
    assert period.span(contract(date(2026, 1, 5))) == Span(first, last)


def test_last_contract_year_ends_with_the_contract() -> None:
    c = contract(date(2024, 2, 29))  # a 29 February start falls due on 1 March
    assert parse_period("Y1").span(c) == Span(date(2024, 2, 29), date(2025, 2, 28))
    assert parse_period("Y3").span(c).end == c.end == date(2027, 2, 28)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "Y0", "FY26", "next", "", "2026/28"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError, match=r"period|month|Y1|financial"):
        parse_period(text)


@pytest.mark.parametrize("text", ["9999-12", "0001-01", "FY0001", "FY2199", "1900-12"])
def test_periods_outside_the_calendars(text: str) -> None:
    # year 1 and 9999 crashed the report; the calendars cover 1901-2199
    with pytest.raises(ValueError, match="outside the years s92 covers"):
        parse_period(text)


def test_months_in_cuts_the_first_and_last_month() -> None:
    months = months_in(Span(date(2026, 1, 5), date(2026, 3, 10)))
    assert months == [
        Span(date(2026, 1, 5), date(2026, 1, 31)),
        Span(date(2026, 2, 1), date(2026, 2, 28)),
        Span(date(2026, 3, 1), date(2026, 3, 10)),
    ]
    assert sum(m.days for m in months_in(Span(date(2026, 4, 1), date(2029, 3, 31)))) == 1096
    assert months_in(Span(date(9999, 12, 5), date(9999, 12, 31))) == [
        Span(date(9999, 12, 5), date(9999, 12, 31))
    ]


def test_span_clip() -> None:
    a = Span(date(2026, 4, 1), date(2026, 4, 30))
    assert a.clip(Span(date(2026, 4, 20), date(2026, 5, 5))) == Span(date(2026, 4, 20), a.end)
    assert a.clip(Span(date(2026, 5, 1), date(2026, 5, 5))) is None


@pytest.mark.parametrize("text", ["2026-13", "2026-28", "FY2026/28", "2026-00"])
def test_neither_a_month_nor_a_financial_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_period(text)
