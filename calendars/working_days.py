"""Effective working days (EWD) per post, and the High Demand Day allowance.

EWD = days - rest days - bank holidays - annual leave (pro rata), DESIGN §2. The HDD
allowance is a share (5%) of EWD, so FY2026 with 25 days' leave gives 226 EWD and 11 HDDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from calendars._dates import check_period, days_in
from calendars.bank_holidays import bank_holidays
from calendars.financial_year import FinancialYear, financial_years_between

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from calendars.high_demand import HighDemandDay

__all__ = [
    "HddYearCheck",
    "annual_leave_days",
    "check_hdd_allowance",
    "effective_working_days",
    "hdd_allowance",
    "rest_days",
]

DEFAULT_HDD_SHARE = 0.05

# (minimum completed years of service, days of annual leave), highest first.
_LEAVE_BY_SERVICE: tuple[tuple[int, int], ...] = ((20, 30), (15, 28), (10, 27), (2, 25), (0, 22))


def annual_leave_days(service_years: int) -> int:
    """Annual leave entitlement by completed years of service (Police Regulations)."""
    if service_years < 0:
        raise ValueError(f"service years cannot be negative ({service_years})")
    return next(days for least, days in _LEAVE_BY_SERVICE if service_years >= least)


def rest_days(days: int) -> int:
    """Rest days owed in a period of ``days``: two a week on average, ⌊2 × days / 7⌋."""
    if days < 0:
        raise ValueError(f"a period cannot have a negative number of days ({days})")
    return 2 * days // 7


def _leave_pro_rata(start: date, end: date, annual_leave: float) -> float:
    """Annual leave falling in the period, pro rata by financial year.

    Each FY the period touches contributes annual_leave × (days of the period in that FY)
    / (days in that FY), so a whole FY deducts exactly its entitlement, leap year or not.
    """
    total = 0.0
    for fy in financial_years_between(start, end):
        inside = days_in(max(start, fy.start), min(end, fy.end))
        total += annual_leave * inside / fy.days
    return total


def effective_working_days(start: date, end: date, annual_leave: float) -> float:
    """EWD of one post over the inclusive period, rounded to 2 dp.

    Not clamped: a period of a few days around a bank holiday can come out negative.
    Rest days are floored per period, so EWD of months does not add up to a year's.
    """
    start, end = check_period(start, end)
    if annual_leave < 0:
        raise ValueError(f"annual leave cannot be negative ({annual_leave})")
    days = days_in(start, end)
    ewd = (
        days
        - rest_days(days)
        - len(bank_holidays(start, end))
        - _leave_pro_rata(start, end, annual_leave)
    )
    return round(ewd, 2)


def hdd_allowance(ewd: float, share: float = DEFAULT_HDD_SHARE) -> int:
    """HDDs the MPS may call on: ``share`` of EWD, rounded half-up (226 → 11.3 → 11).

    Decimal avoids binary rounding at exact halves (e.g. 230 × 0.05 = 11.5 → 12).
    """
    if ewd < 0:
        raise ValueError(f"effective working days cannot be negative ({ewd})")
    if not 0 <= share <= 1:
        raise ValueError(f"HDD share must be between 0 and 1 ({share})")
    exact = Decimal(str(ewd)) * Decimal(str(share))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class HddYearCheck:
    """HDDs in one financial year against the allowance; ``exceeded`` flags the year."""

    fy: FinancialYear
    count: int
    allowance: int
    effective_working_days: float
    exceeded: bool = field(init=False)
    excess: int = field(init=False)  # HDDs beyond the allowance, penalised per DESIGN §1

    def __post_init__(self) -> None:
        object.__setattr__(self, "exceeded", self.count > self.allowance)
        object.__setattr__(self, "excess", max(0, self.count - self.allowance))


def check_hdd_allowance(
    fy: FinancialYear,
    hdds: Iterable[HighDemandDay],
    annual_leave: float = 25,
    share: float = DEFAULT_HDD_SHARE,
) -> HddYearCheck:
    """Count the HDDs (distinct dates) inside ``fy`` and compare with the allowance."""
    ewd = effective_working_days(fy.start, fy.end, annual_leave)
    count = len({h.date for h in hdds if fy.contains(h.date)})
    return HddYearCheck(fy, count, hdd_allowance(ewd, share), ewd)
