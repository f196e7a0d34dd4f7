"""Under-cover explained: every day a contract's tour had fewer officers than the council
asked for, and why, in a planner's words, read from a roster table and its scenario."""

from __future__ import annotations

from datetime import date

from scheduler.scenario.model import Contract


def council_ask(contract: Contract, day: date) -> dict[str, int]:
    """Officers the council's weekly pattern asks for on each tour that day (bank holidays
    included: whether the contract buys them is a cause of a shortfall, not its absence)."""
    ask: dict[str, int] = {}
    for cover in contract.cover:
        if day.weekday() in cover.days and cover.min:
            ask[cover.shift] = max(ask.get(cover.shift, 0), cover.min)
    return ask
