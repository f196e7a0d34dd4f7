"""Exact money: amounts are fractions until they are shown, and rounded in one way only.

Rounding is to the penny (or, for officer-days, the hundredth), half up, on a running
total (``running_round``): a month's figure is the running total at its end, rounded, less
the running total at the end of the month before, rounded. Charges, contracted days and
vacancy refunds run over each financial year, so a whole financial year is its exact total
rounded once; penalties from the duty record (abstractions, HDD days beyond the allowance)
over each month alone, so a month's is the same from its own duty record as within the year
(``ContractLedger.rounded``). Either way any period's months add up to the period's figure
exactly, and a month has the same figure in every report of the same data. Itemised
penalties are rounded the same way in date order, so they add up to their months.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

PENNY = 100  # units per pound
HUNDREDTH = 100  # units per officer-day


def exact(value: float) -> Fraction:
    """A money or share setting as the exact decimal the user wrote (57000.0, 0.5)."""
    return Fraction(Decimal(repr(float(value))))


def half_up(value: Fraction) -> int:
    """Round to a whole number, halves away from zero (ROUND_HALF_UP), exactly."""
    whole, rest = divmod(abs(value).numerator, abs(value).denominator)
    if 2 * rest >= abs(value).denominator:
        whole += 1
    return -whole if value < 0 else whole


def pennies(amount: Fraction) -> Decimal:
    """An exact amount rounded to the penny, ROUND_HALF_UP."""
    return Decimal(half_up(amount * PENNY)).scaleb(-2)


def running_round(
    amounts: Iterable[Fraction], scale: int = PENNY, before: Fraction = Fraction(0)
) -> list[int]:
    """Each amount in whole 1/``scale`` units, so that every running total of the rounded
    amounts is the exact running total rounded: the i-th is R(S_i) - R(S_i-1), where the
    running total starts from ``before`` (what came earlier in the same year)."""
    out = []
    total = before
    shown = half_up(total * scale)
    for amount in amounts:
        total += amount
        now = half_up(total * scale)
        out.append(now - shown)
        shown = now
    return out


def percent(part: int, whole_units: int, scale: int = HUNDREDTH) -> float | None:
    """``part`` as a percentage of ``whole_units`` (whole 1/``scale`` units), to one
    place, half up (None when the whole is nothing): delivered of contracted days."""
    if whole_units <= 0:
        return None
    return half_up(Fraction(1000 * part * scale, whole_units)) / 10


def per_day(units: int, days: int) -> float | None:
    """Whole pennies shared over ``days``, to the penny, half up (None over no days)."""
    return as_money(half_up(Fraction(units, days))) if days else None


def as_money(units: int) -> float:
    """Whole pennies as pounds (a float for the tables; exact to 2 dp)."""
    return float(Decimal(units).scaleb(-2))
