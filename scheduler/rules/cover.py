"""Council tasking: officers wanted on a tour on given weekdays (soft, weighted), and the
double-time cost of officers on duty on the bank holidays a council tasks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scheduler.core.data import Cover, ShiftRequest, StaffMember
from scheduler.rules.weights import Weights
from scheduler.scenario.model import Contract


def council_cover(
    contract: Contract, days: Sequence[date], bank_holidays: set[date], weights: Weights
) -> tuple[Cover, ...]:
    covers = []
    for d, day in enumerate(days):
        if day in bank_holidays and not contract.cover_bank_holidays:
            continue
        for want in contract.cover_on(day):  # variations followed; none outside the term
            if day.weekday() in want.days:
                covers.append(Cover(d, want.shift, want.min, want.weight, weights.cover_over))
    return tuple(covers)


def bank_holiday_duty(staff: Sequence[StaffMember], weights: Weights) -> tuple[ShiftRequest, ...]:
    """Double time on a covered bank holiday, priced per officer on duty (the days the
    council may task are an officer's ``unfree_days``)."""
    return tuple(
        ShiftRequest(m.id, d, None, weights.bank_holiday_duty, on=False, term="bank_holiday_duty")
        for m in staff
        for d in sorted(m.unfree_days)
    )
