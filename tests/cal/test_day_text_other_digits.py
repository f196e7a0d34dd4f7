"""Dates, months and financial years are read in the digits 0-9 only, as times are: int()
reads Arabic-Indic or Devanagari digits, so a date typed in them was read while a time
typed in them was refused."""

from __future__ import annotations

import pytest

from calendars import parse_financial_year, read_day
from scheduler.accounting.periods import parse_period

ARABIC_2026 = "\u0662\u0660\u0662\u0666"  # 2026 in Arabic-Indic digits
DEVANAGARI_2026 = "\u0968\u0966\u0968\u096c"
ARABIC_10, ARABIC_20 = "\u0661\u0660", "\u0662\u0660"


@pytest.mark.parametrize(
    "typed",
    [
        f"{ARABIC_2026}-{ARABIC_10}-{ARABIC_20}",
        f"{DEVANAGARI_2026}-10-20",
        f"{ARABIC_20}/{ARABIC_10}/{ARABIC_2026}",
        f"2026-10-{ARABIC_20}",
        f"20.10.{DEVANAGARI_2026}",
    ],
)
def test_a_date_in_other_digits_is_no_date(typed: str) -> None:
    assert read_day(typed) is None


def test_dates_in_the_digits_0_to_9_are_read_as_before() -> None:
    assert str(read_day("2026-10-20")) == "2026-10-20"
    assert str(read_day("20/10/2026 00:00")) == "2026-10-20"


@pytest.mark.parametrize(
    "typed",
    [
        f"FY{ARABIC_2026}",
        f"{ARABIC_2026}-{ARABIC_10}",
        "Y\u0661",
        f"Aug {ARABIC_2026}",
        "\u0660\u0668/2026",
    ],
)
def test_a_period_in_other_digits_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_period(typed)


def test_a_financial_year_in_other_digits_is_refused() -> None:
    with pytest.raises(ValueError, match="FY"):
        parse_financial_year(f"FY{ARABIC_2026}")
    assert parse_financial_year("FY2026").label == "FY2026"
