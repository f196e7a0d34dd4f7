"""Rule 'average-hours' (WTR reg 4): duty hours in every reference period of consecutive
in-post days stay within the weekly average (816 h in any 119 days by default)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from scheduler.check.context import Context
from scheduler.check.report import Breach

RULE = "average-hours"
EPS_HOURS = 1e-6


def average_hours(ctx: Context) -> list[Breach]:
    """The worst window per officer: L = min(reference_weeks x 7, n) days, hours of the
    duty-time rows dated in it (elapsed, from start and end). A window ``ctx.held`` names
    (one that starts before the first day a re-roster may change, over a limit tightened
    since, as published) is held to its hours as published instead: it may not get worse."""
    r = ctx.rules
    out = []
    for oid, (first, length, totals) in sorted(window_totals(ctx).items()):
        limit = r.max_average_weekly_hours * length / 7
        caps = np.full(len(totals), limit)
        for begin, hours in ctx.held.get(oid, {}).items():
            at = (begin - first).days
            if 0 <= at < len(caps):
                caps[at] = max(limit, hours)
        worst = int(np.argmax(totals - caps))
        if totals[worst] > caps[worst] + EPS_HOURS:
            begin = first + timedelta(days=worst)
            end = begin + timedelta(days=length - 1)
            most = (
                f"maximum {limit:.1f} h ({r.max_average_weekly_hours:g} h a week)"
                if caps[worst] == limit
                else f"maximum {caps[worst]:.1f} h, its hours as published before the "
                f"limit of {r.max_average_weekly_hours:g} h a week (it may not get worse)"
            )
            detail = (
                f"{totals[worst]:.1f} h in the {length} days {begin} to {end} "
                f"(average {totals[worst] * 7 / length:.1f} h a week); {most}"
            )
            out.append(Breach(oid, begin, RULE, detail))
    return out


def window_totals(ctx: Context) -> dict[str, tuple[date, int, np.ndarray]]:
    """Officer -> (first day in post, the reference period's length in days, the duty
    hours of each period of that length in post, by its first day)."""
    grid = daily_hours(ctx)
    out = {}
    for oid, (first, last) in ctx.spans.items():
        n = (last - first).days + 1
        offset = (first - ctx.scenario.start).days
        hours = grid.get(oid, np.zeros(len(ctx.scenario.days)))[offset : offset + n]
        length = min(ctx.rules.reference_weeks * 7, n)
        out[oid] = (first, length, np.convolve(hours, np.ones(length), mode="valid"))
    return out


def daily_hours(ctx: Context) -> dict[str, np.ndarray]:
    """Officer -> elapsed duty hours on each horizon day (officers x days in one array)."""
    tours = ctx.tours
    ids = sorted(ctx.spans)
    grid = np.zeros((len(ids), len(ctx.scenario.days)))
    if tours.empty:  # no tour to place (and an empty map would type the rows as floats)
        return dict(zip(ids, grid, strict=True))
    row = tours["officer_id"].map({oid: i for i, oid in enumerate(ids)}).to_numpy()
    col = (tours["day"] - pd.Timestamp(ctx.scenario.start)).dt.days.to_numpy()
    np.add.at(grid, (row, col), tours["elapsed"].to_numpy())
    return dict(zip(ids, grid, strict=True))
