"""Rule 'high-demand-day': enough officers of each contract on aid on every HDD, each on
the HDD's own aid tour; aid on any other day only as a logged abstraction. An officer whose
aid tour ended less than the minimum rest before an HDD's aid tour starts is not available
for it (no lawful roster has them on both)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pandas as pd

from calendars import HighDemandDay
from scheduler.check.clock import LONDON, clock, london_instant, second_reading_words
from scheduler.check.context import Context, Row, records
from scheduler.check.report import Breach
from scheduler.table import KIND_STATE

RULE = "high-demand-day"
AID = "HDD_AID"
MAX_NAMED = 10  # officers named in a shortfall's detail
# an officer sick or already taken by the MPS (court, training, operational or emergency
# aid) that day is not available for HDD aid, as one on leave is not
ELSEWHERE = frozenset(KIND_STATE.values()) - {AID}


def high_demand_day(ctx: Context) -> list[Breach]:
    hdds = {h.date: h for h in ctx.high_demand_days}
    out = []
    for h in hdds.values():
        day = ctx.rows[ctx.rows["day"] == pd.Timestamp(h.date)]
        states = dict(zip(day["officer_id"], day["state"], strict=True))
        # leave from the entry log: LEAVE, or PUBLIC_HOLIDAY when the HDD is a bank holiday;
        # and sickness, which leaves a rest day REST: the officer is sick all the same
        on_leave = set(day.loc[day["kind"].isin(("leave", "sickness")), "officer_id"])
        on_leave |= _unrested(ctx, h)
        for contract in ctx.scenario.contracts:
            out += _shortfall(ctx, h, contract.id, states, on_leave)
    aid = ctx.rows[ctx.rows["state"] == AID]
    for r in records(aid):
        planned = hdds.get(r.day)
        out += _off_calendar(r) if planned is None else _wrong_tour(r, planned)
    return out


def _unrested(ctx: Context, h: HighDemandDay) -> set[str]:
    """Officers whose aid tour ends less than ``min_rest_hours`` of real time before the
    start of ``h``'s aid tour."""
    start = pd.Timestamp(datetime.combine(h.date, h.start, tzinfo=LONDON)).tz_convert("UTC")
    aid = ctx.rows[(ctx.rows["state"] == AID) & ctx.rows["end"].notna()]
    hours = (start - aid["end"]).dt.total_seconds() / 3600
    return set(aid.loc[(hours >= 0) & (hours < ctx.rules.min_rest_hours), "officer_id"])


def required(ctx: Context, h: HighDemandDay, available: int) -> int:
    """Officers the MPS may take: a number (capped at those available) or a share of them
    (the HDD's, else the scenario's; 1.0 = everyone not on leave)."""
    if h.officers is not None:
        return min(h.officers, available)
    share = h.share if h.share is not None else ctx.scenario.high_demand.share
    return math.ceil(share * available - 1e-9)


def _shortfall(
    ctx: Context,
    h: HighDemandDay,
    contract_id: str,
    states: dict[str, str],
    on_leave: set[str],
) -> list[Breach]:
    """Too few of the contract's officers on aid: one breach for the contract, naming the
    available officers who were not on aid."""
    members = [o.id for o in ctx.scenario.officers_of(contract_id)]
    team = [
        oid
        for oid in members
        if oid in ctx.spans
        and ctx.scenario.serves(ctx.officers[oid], h.date)
        and h.date not in ctx.leave[oid]
        and oid not in on_leave
        and states.get(oid) not in ELSEWHERE
    ]
    need = required(ctx, h, len(team))
    if need == 0:
        return []
    on_aid = sum(1 for oid in members if states.get(oid) == AID)
    if on_aid >= need:
        return []
    idle = [f"{oid} {states.get(oid, 'no row')}" for oid in team if states.get(oid) != AID]
    named = ", ".join(idle[:MAX_NAMED]) + (" ..." if len(idle) > MAX_NAMED else "")
    detail = (
        f"contract {contract_id}: {on_aid} on aid for {h.name!r}, {need} required "
        f"({len(team)} available); not on aid: {named}"
    )
    return [Breach("", h.date, RULE, detail)]


def _wrong_tour(r: Row, h: HighDemandDay) -> list[Breach]:
    problems = []
    if r.event != h.name:
        problems.append(f"event {r.event!r}, not the HDD's {h.name!r}")
    if r.local_start is not None and r.local_end is not None:
        times = (clock(r.local_start), clock(r.local_end))
        if times != (clock(h.start), clock(h.end)):
            problems.append(
                f"aid tour {times[0]}-{times[1]}, not the HDD's {clock(h.start)}-{clock(h.end)}"
            )
        else:  # the clock times, but perhaps an hour off in the hour the clocks repeat
            end_day = h.date + timedelta(days=1) if h.end <= h.start else h.date
            first = (london_instant(h.date, h.start), london_instant(end_day, h.end))
            if (r.start, r.end) != first:
                words = second_reading_words(r.start == first[0], times)
                problems.append(f"aid tour {times[0]}-{times[1]} {words} as the HDD's does")
    if not problems:
        return []
    return [Breach(r.officer_id, r.day, RULE, "HDD_AID with " + "; ".join(problems))]


def _off_calendar(r: Row) -> list[Breach]:
    if r.kind == "hdd_aid":  # an aid abstraction the log recorded on an unplanned day
        return []
    detail = (
        "HDD_AID on a day that is not a High Demand Day, without kind 'hdd_aid' "
        "(a logged abstraction)"
    )
    return [Breach(r.officer_id, r.day, RULE, detail)]
