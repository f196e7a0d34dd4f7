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
    return _planned(scenario)[0]


def aid_left_out(scenario: Scenario) -> list[str]:
    """The High Demand Days a contract puts nobody on aid for, though officers are
    available that day, because each of them is on an earlier HDD's aid too near it (New
    Year's Eve's to 04:00 with every officer available, the default, and a parade at 10:00
    the next day): the words a planner reads before the roster shows nobody there."""
    return _planned(scenario)[1]


def _planned(scenario: Scenario) -> tuple[dict[tuple[str, date], AidDuty], list[str]]:
    load: dict[str, int] = defaultdict(int)
    aid_ends: dict[str, list[datetime]] = defaultdict(list)
    leave = {o.id: o.leave_days() for o in scenario.officers}
    rest = scenario.rules.min_rest_hours
    plan: dict[tuple[str, date], AidDuty] = {}
    left_out: list[str] = []
    for hdd in sorted(scenario.high_demand_days(), key=aid_span):
        for contract in scenario.contracts:
            there = [
                o
                for o in scenario.officers_of(contract.id)
                if is_available(o, hdd.date, leave[o.id]) and contract.in_force(hdd.date)
            ]
            free = [o for o in there if rested(aid_ends[o.id], hdd, rest)]
            need = required_on_aid(hdd, len(free), scenario.high_demand.share)
            if not free and required_on_aid(hdd, len(there), scenario.high_demand.share):
                left_out.append(_left_out(hdd, contract.id, plan, [o.id for o in there], rest))
            chosen = sorted(free, key=lambda o: (load[o.id], o.id))[:need]
            for o in chosen:
                load[o.id] += 1
                aid_ends[o.id].append(aid_span(hdd)[1])
                plan[(o.id, hdd.date)] = AidDuty(o.id, hdd.date, hdd.name)
    return plan, left_out


def _left_out(
    hdd: HighDemandDay,
    contract_id: str,
    plan: dict[tuple[str, date], AidDuty],
    officers: list[str],
    rest: float,
) -> str:
    near = hdd.date - timedelta(days=2)  # an aid tour ends by the next day's morning
    before = sorted(
        {d.event for (o, day), d in plan.items() if o in officers and near <= day < hdd.date}
    )
    return (
        f"{hdd.date} {hdd.name} ({hdd.start:%H:%M}-{hdd.end:%H:%M}): nobody of {contract_id} on "
        f"aid: each officer available is on the aid of {', '.join(before)} less than "
        f"{rest:g} h (min_rest_hours) before it; give the events a number or share of officers "
        "(officers = N or share = 0.5 in [high_demand] add) to split them"
    )
