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
    """One cover a tasked tour a day: where two of the tasking's rows name a tour on one
    weekday (every day 1, Tuesdays 2), the larger ``min`` holds, as ``s92 explain`` and
    the checker's ``council_ask`` read the pattern, never their sum; and the smaller
    ``max`` of the rows that give one, raised to that ``min`` if below it (a row without
    ``max`` sets no limit of its own). Each officer above the ``max`` costs the weight a
    missing one does (the larger of the rows'); with no ``max``, ``weights.cover_over``
    from the ``min`` up."""
    covers = []
    for d, day in enumerate(days):
        if day in bank_holidays and not contract.cover_bank_holidays:
            continue
        wanted: dict[str, tuple[int, int | None, int]] = {}
        for want in contract.cover_on(day):  # variations followed; none outside the term
            if day.weekday() in want.days:
                had, most, weight = wanted.get(want.shift, (0, None, 0))
                if want.max is not None:
                    most = want.max if most is None else min(most, want.max)
                wanted[want.shift] = (max(had, want.min), most, max(weight, want.weight))
        for shift, (need, most, weight) in wanted.items():
            if most is None:
                covers.append(Cover(d, shift, need, weight, weights.cover_over))
            else:
                covers.append(Cover(d, shift, need, weight, weight, ceiling=max(most, need)))
    return tuple(covers)


def bank_holiday_duty(staff: Sequence[StaffMember], weights: Weights) -> tuple[ShiftRequest, ...]:
    """Double time on a covered bank holiday, priced per officer on duty (the days the
    council may task are an officer's ``unfree_days``)."""
    return tuple(
        ShiftRequest(m.id, d, None, weights.bank_holiday_duty, on=False, term="bank_holiday_duty")
        for m in staff
        for d in sorted(m.unfree_days)
    )
