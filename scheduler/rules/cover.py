"""Council tasking: officers wanted on a tour on given weekdays (soft, weighted)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scheduler.core.data import Cover
from scheduler.rules.weights import Weights
from scheduler.scenario.model import Contract


def council_cover(
    contract: Contract, days: Sequence[date], bank_holidays: set[date], weights: Weights
) -> tuple[Cover, ...]:
    covers = []
    for d, day in enumerate(days):
        if day in bank_holidays and not contract.cover_bank_holidays:
            continue
        for want in contract.cover:
            if day.weekday() in want.days:
                covers.append(Cover(d, want.shift, want.min, want.weight, weights.cover_over))
    return tuple(covers)
