"""England & Wales bank holidays: the days off actually observed.

The ``holidays`` package lists a fixed-date holiday on its own day even when that is a
weekend, and adds a weekday "(observed)" substitute (Boxing Day 2026: Sat 26 Dec and
"Boxing Day (observed)" Mon 28 Dec). A bank holiday in England & Wales is always a
weekday, so we keep only weekday entries: the substitute, never the weekend day. The
tests check that every weekend entry has an observed substitute, so nothing is lost.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import holidays

from calendars._dates import as_date, check_period

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

__all__ = ["bank_holidays", "is_bank_holiday"]

_SATURDAY = 5


def package_holidays(year: int) -> dict[date, str]:
    """Everything the ``holidays`` package lists for England in ``year``, weekends too."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


@cache
def _observed(year: int) -> Mapping[date, str]:
    """Observed bank holidays of one calendar year; cached because rosters ask per day."""
    days = {d: name for d, name in package_holidays(year).items() if d.weekday() < _SATURDAY}
    return MappingProxyType(dict(sorted(days.items())))


def bank_holidays(start: date, end: date) -> dict[date, str]:
    """Observed England & Wales bank holidays in the inclusive period, in date order.

    Names are the package's, so a substitute day reads e.g. "Boxing Day (observed)".
    Raises ValueError if ``end`` is before ``start``.
    """
    start, end = check_period(start, end)
    return {
        d: name
        for year in range(start.year, end.year + 1)
        for d, name in _observed(year).items()
        if start <= d <= end
    }


def is_bank_holiday(d: date) -> bool:
    """True on an observed England & Wales bank holiday (False on Sat 26 Dec 2026)."""
    d = as_date(d)
    return d in _observed(d.year)
