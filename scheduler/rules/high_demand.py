"""High Demand Days: who goes on aid. Every available officer by default, or the share or
number the event (or the scenario) sets, chosen so that aid spreads evenly across officers.
An officer whose aid tour ends less than the minimum rest before another HDD's aid tour
starts (New Year's Eve's, to 04:00, and a New Year's Day parade at 10:00) is not available
for the second: no lawful roster has them on both."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from calendars import HighDemandDay, tour_interval
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


def aid_span(hdd: HighDemandDay) -> tuple[datetime, datetime]:
    """The HDD's aid tour as UTC instants (an end at or before the start is the next day's)."""
    start, end = tour_interval(hdd.date, hdd.start, hdd.end)
    return start.astimezone(UTC), end.astimezone(UTC)


def rested(aid_ends: Iterable[datetime], hdd: HighDemandDay, min_rest_hours: float) -> bool:
    """Whether no aid tour of an officer's (their ends, UTC) ends less than the minimum
    rest before ``hdd``'s aid tour starts."""
    start, _ = aid_span(hdd)
    earliest = start - timedelta(hours=min_rest_hours)
    return not any(earliest < end <= start for end in aid_ends)


def plan_aid(scenario: Scenario) -> dict[tuple[str, date], AidDuty]:
    """Aid duties for every HDD in the horizon, in the order their tours start,
    fewest-aid-days-first within each contract; an officer without the minimum rest since
    their last aid tour is not available (module docstring)."""
    load: dict[str, int] = defaultdict(int)
    aid_ends: dict[str, list[datetime]] = defaultdict(list)
    leave = {o.id: o.leave_days() for o in scenario.officers}
    rest = scenario.rules.min_rest_hours
    plan: dict[tuple[str, date], AidDuty] = {}
    for hdd in sorted(scenario.high_demand_days(), key=aid_span):
        for contract in scenario.contracts:
            free = [
                o
                for o in scenario.officers_of(contract.id)
                if is_available(o, hdd.date, leave[o.id])
                and contract.in_force(hdd.date)
                and rested(aid_ends[o.id], hdd, rest)
            ]
            need = required_on_aid(hdd, len(free), scenario.high_demand.share)
            chosen = sorted(free, key=lambda o: (load[o.id], o.id))[:need]
            for o in chosen:
                load[o.id] += 1
                aid_ends[o.id].append(aid_span(hdd)[1])
                plan[(o.id, hdd.date)] = AidDuty(o.id, hdd.date, hdd.name)
    return plan
