"""Soft goals for officers: supervision, consecutive nights, a fair spread of weekends,
nights and lates, and officers' own on/off requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scheduler.core.data import (
    CompanionRule,
    ConsecutiveShiftLimit,
    FairnessRule,
    ShiftRequest,
)
from scheduler.rules.tours import Tour
from scheduler.rules.weights import Weights
from scheduler.scenario.model import Officer, Rules

SUPERVISOR, CONSTABLE = "supervisor", "constable"


def supervision(tours: Sequence[Tour], weights: Weights) -> tuple[CompanionRule, ...]:
    """A sergeant or inspector on duty on every day that has constables on council tours."""
    shifts = frozenset(t.code for t in tours if t.aid_day is None)
    return (CompanionRule(CONSTABLE, SUPERVISOR, shifts, weights.supervision, per_day=True),)


def night_runs(tours: Sequence[Tour], rules: Rules, weights: Weights) -> tuple:
    nights = frozenset(t.code for t in tours if t.is_night)
    if not nights:
        return ()
    return (
        ConsecutiveShiftLimit(nights, rules.max_consecutive_nights, weights.consecutive_nights),
    )


def fairness(days: Sequence[date], tours: Sequence[Tour], weights: Weights) -> tuple:
    council = [t for t in tours if t.aid_day is None]
    every_day = frozenset(range(len(days)))
    weekend = frozenset(d for d, day in enumerate(days) if day.weekday() >= 5)
    rules = [
        FairnessRule("weekends", weekend, frozenset(t.code for t in council), weights.fair_weekends)
    ]
    nights = frozenset(t.code for t in council if t.is_night)
    lates = frozenset(t.code for t in council if t.is_late)
    if nights:
        rules.append(FairnessRule("nights", every_day, nights, weights.fair_nights))
    if lates:
        rules.append(FairnessRule("lates", every_day, lates, weights.fair_lates))
    return tuple(rules)


def requests(
    officers: Sequence[Officer], days: Sequence[date], weights: Weights
) -> tuple[ShiftRequest, ...]:
    index = {day: d for d, day in enumerate(days)}
    out = []
    for o in officers:
        for r in o.requests:
            if r.date in index:
                out.append(
                    ShiftRequest(
                        o.id,
                        index[r.date],
                        r.shift,
                        r.weight * weights.request_scale,
                        r.kind == "on",
                    )
                )
    return tuple(out)
