"""Rule 'weekly-rest' (WTR reg 11): an uninterrupted rest in every Monday-to-Monday week,
or the fortnight alternative (one long rest, or two weekly ones, in each fortnight)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

import numpy as np

from scheduler.check.clock import HOUR_NS, hours, midnight_ns, midnights_ns
from scheduler.check.context import Context
from scheduler.check.report import Breach

RULE = "weekly-rest"


def weekly_rest(ctx: Context) -> list[Breach]:
    tours = ctx.tours
    starts = tours["start"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    ends = tours["end"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    positions = tours.groupby("officer_id").indices
    out = []
    for oid in sorted(ctx.spans):
        at = positions.get(oid, np.array([], dtype=np.int64))
        out += officer_weekly_rest(ctx, oid, starts[at], ends[at])
    return out


def officer_weekly_rest(
    ctx: Context,
    oid: str,
    starts: np.ndarray,
    ends: np.ndarray,
    days: Collection[date] | None = None,
) -> list[Breach]:
    """The weeks an officer's tours (start and end instants, ns) leave without the weekly
    rest; with ``days``, only the fortnights holding them (the explanation of a shortfall
    asks it of a tour it adds, many times)."""
    first, last = ctx.spans[oid]
    mondays = full_weeks(first, last)
    if days is not None and mondays:
        index = {m: k for k, m in enumerate(mondays)}
        weeks = [index[m] for d in days if (m := d - timedelta(days=d.weekday())) in index]
        if not weeks:
            return []
        # whole fortnights, paired from the first full week as the rule pairs them
        lo, hi = min(weeks) // 2 * 2, max(weeks) // 2 * 2 + 2
        mondays = mondays[lo:hi]
        near = (ends > midnight_ns(mondays[0])) & (
            starts < midnight_ns(mondays[-1] + timedelta(days=7))
        )
        starts, ends = starts[near], ends[near]
    return _officer(ctx, oid, mondays, starts, ends) if mondays else []


@cache
def full_weeks(first: date, last: date) -> list[date]:
    """Mondays of the weeks lying wholly within [first, last] (a cached list: do not
    change it)."""
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _officer(
    ctx: Context, oid: str, mondays: list[date], starts: np.ndarray, ends: np.ndarray
) -> list[Breach]:
    bounds = midnights_ns([mondays[0] + timedelta(days=7 * k) for k in range(len(mondays) + 1)])
    free_from, free_to = free_periods(starts, ends, bounds[0], bounds[-1])
    week_need = round(ctx.rules.weekly_rest_hours * HOUR_NS)
    longest = rests_within(free_from, free_to, bounds[:-1], bounds[1:]).max(axis=0)
    out = []
    for k in np.flatnonzero(longest < week_need):
        detail = _fortnight_fails(ctx, free_from, free_to, bounds, int(k))
        if detail is None:
            continue
        text = (
            f"longest rest in the week from {mondays[k]} is {hours(longest[k]):.1f} h; "
            f"minimum {ctx.rules.weekly_rest_hours:g} h, {detail}"
        )
        short = ctx.rules.weekly_rest_hours - hours(longest[k])
        out.append(Breach(oid, mondays[k], RULE, text, short))
    return out


def _fortnight_fails(
    ctx: Context, free_from: np.ndarray, free_to: np.ndarray, bounds: np.ndarray, week: int
) -> str | None:
    """None when the week's fortnight (pairs of full weeks from the first) has one rest of
    ``fortnightly_rest_hours`` or two of ``weekly_rest_hours``; else why not."""
    r = ctx.rules
    pair = week // 2 * 2
    if pair + 2 >= len(bounds):
        return "and the week has no fortnight to share (an odd last week)"
    rests = rests_within(free_from, free_to, bounds[pair : pair + 1], bounds[pair + 2 : pair + 3])[
        :, 0
    ]
    weekly = int((rests >= round(r.weekly_rest_hours * HOUR_NS)).sum())
    longest = int(rests.max())
    if longest >= round(r.fortnightly_rest_hours * HOUR_NS) or weekly >= 2:
        return None
    return (
        f"nor does its fortnight have one rest of {r.fortnightly_rest_hours:g} h or two of "
        f"{r.weekly_rest_hours:g} h (longest {hours(longest):.1f} h, {weekly} of "
        f"{r.weekly_rest_hours:g} h)"
    )


def free_periods(
    starts: np.ndarray, ends: np.ndarray, lo: int, hi: int
) -> tuple[np.ndarray, np.ndarray]:
    """The officer's time off duty between ``lo`` and ``hi`` as (from, to) arrays: the
    gaps around the union of the duty intervals (overlapping tours merge)."""
    if len(starts) == 0:
        return np.array([lo]), np.array([hi])
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    opens = np.ones(len(starts), dtype=bool)
    opens[1:] = starts[1:] > reach[:-1]
    block_start = starts[opens]
    block_end = reach[np.r_[np.flatnonzero(opens)[1:] - 1, len(starts) - 1]]
    return np.r_[lo, block_end], np.r_[block_start, hi]


def rests_within(
    free_from: np.ndarray, free_to: np.ndarray, win_from: np.ndarray, win_to: np.ndarray
) -> np.ndarray:
    """Length (ns) of each free period clipped to each window: periods x windows."""
    clipped = np.minimum(free_to[:, None], win_to[None, :]) - np.maximum(
        free_from[:, None], win_from[None, :]
    )
    return np.clip(clipped, 0, None)
