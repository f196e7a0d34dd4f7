"""A period as a council types it from a heading or a card: ``Whole term`` (the menu's
own words), ``whole term``, ``09/26`` were refused, as was a quarter copied with its
months, ``Q3 2026/27 (Oct-Dec 2026)``, the way the menu and the report's heading name it.
Now every name the menu offers reads back as its period, the whole agreement is read in
the words papers use, and a month with a two-digit year is read where it can be nothing
else; where it can (``11/12``, ``12/09``) or a quarter's months are another quarter's, it
is refused saying how to write each."""

from __future__ import annotations

import re
from datetime import date

import pytest
from one_post import one_post_scenario

from scheduler.accounting.periods import parse_period
from scheduler.web.catalog import ContractView
from scheduler.web.report import period_choices


def test_every_name_the_menu_offers_reads_back_as_its_period() -> None:
    scenario = one_post_scenario(date(2026, 4, 1), date(2028, 6, 30))
    view = ContractView(scenario.contracts[0], scenario, None)  # type: ignore[arg-type]
    choices = period_choices(view)
    assert len(choices) > 30
    for value, words in choices:
        assert parse_period(words) == parse_period(value), words
        assert parse_period(words.upper()).label == value, words


@pytest.mark.parametrize(
    "typed",
    ["whole term", "Whole Term", "the term", "full term", "contract term", "whole contract"],
)
def test_the_whole_agreement_in_a_paper_s_words(typed: str) -> None:
    assert parse_period(typed).kind == "term"


@pytest.mark.parametrize(
    ("typed", "label"),
    [("09/26", "2026-09"), ("9/26", "2026-09"), ("09-26", "2026-09"), ("12.27", "2027-12")],
)
def test_a_month_with_a_two_digit_year(typed: str, label: str) -> None:
    assert parse_period(typed).label == label


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("11/12", "could be November 2012 or 11 December or the financial year 2011/12"),
        ("12/09", "could be December 2009 or 12 September"),
        ("Q1 2026/27 (Jan-Mar 2026)", "FY2026 Q1 is Apr-Jun 2026, not Jan-Mar 2026"),
        ("Q1 2026/27 (Jan-Mar 2026)", "or FY2025 Q4 (January-March 2026)"),
    ],
)
def test_what_could_be_another_period_is_refused_saying_so(typed: str, said: str) -> None:
    with pytest.raises(ValueError, match=re.escape(said)) as refused:
        parse_period(typed)
    assert repr(typed) in str(refused.value)


@pytest.mark.parametrize("typed", ["13/26", "terms", "term 2", "Q5 2026/27 (Oct-Dec 2026)"])
def test_what_is_no_period_is_still_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not a report period"):
        parse_period(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Oct-Dec 2026",
        "October - December 2026",
        "Oct\u2013Dec 2026",
        "Q3 (Oct-Dec 2026)",
        "Q3 2026/27 (October-December 2026)",
    ],
)
def test_a_quarter_by_its_months(typed: str) -> None:
    assert parse_period(typed).label == "FY2026 Q3"


def test_january_to_march_is_the_last_quarter_of_the_year_before() -> None:
    assert parse_period("Jan-Mar 2027").label == "FY2026 Q4"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Feb-Apr 2026", "no quarter of a financial year: a quarter is Apr-Jun, Jul-Sep"),
        ("Q2 (Oct-Dec 2026)", "Oct-Dec 2026 is FY2026 Q3 (October-December 2026)"),
    ],
)
def test_months_that_are_no_such_quarter_are_refused(typed: str, said: str) -> None:
    with pytest.raises(ValueError, match=re.escape(said)):
        parse_period(typed)
