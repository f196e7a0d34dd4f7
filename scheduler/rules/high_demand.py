"""High Demand Days: who goes on aid. Every available officer by default, or the share or
number the event (or the scenario) sets, chosen so that aid spreads evenly across officers."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from calendars import HighDemandDay
from scheduler.scenario.model import Officer, Scenario


@dataclass(frozen=True)
class AidDuty:
    officer_id: str
    day: date
    event: str


def is_available(officer: Officer, day: date, leave: set[date]) -> bool:
    return officer.in_post(day) and day not in leave


def required_on_aid(event: HighDemandDay, available: int, default_share: float) -> int:
    """How many of a contract's available officers the MPS takes on this HDD."""
    if event.officers is not None:
        return min(event.officers, available)
    share = event.share if event.share is not None else default_share
    return min(available, math.ceil(share * available - 1e-9))


def plan_aid(scenario: Scenario) -> dict[tuple[str, date], AidDuty]:
    """Aid duties for every HDD in the horizon, fewest-aid-days-first within each contract."""
    load: dict[str, int] = defaultdict(int)
    leave = {o.id: o.leave_days() for o in scenario.officers}
    plan: dict[tuple[str, date], AidDuty] = {}
    for hdd in scenario.high_demand_days():
        for contract in scenario.contracts:
            free = [
                o
                for o in scenario.officers_of(contract.id)
                if is_available(o, hdd.date, leave[o.id]) and contract.in_force(hdd.date)
            ]
            need = required_on_aid(hdd, len(free), scenario.high_demand.share)
            chosen = sorted(free, key=lambda o: (load[o.id], o.id))[:need]
            for o in chosen:
                load[o.id] += 1
                plan[(o.id, hdd.date)] = AidDuty(o.id, hdd.date, hdd.name)
    return plan
