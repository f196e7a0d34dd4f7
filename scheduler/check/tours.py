"""Rules on tours and runs of days: 'tour-length', 'rest-between-tours',
'consecutive-duty-days', and the soft 'consecutive-nights'."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from scheduler.check.clock import iso_minutes
from scheduler.check.context import Context, records
from scheduler.check.report import Breach

EPS_HOURS = 1e-6  # float slack: a tour of exactly the limit is lawful
NIGHT_START_HOUR, NIGHT_END_HOUR = 23, 6  # night time, London wall clock
NIGHT_MIN_HOURS = 3.0  # a night tour has at least 3 h of night time


def tour_length(ctx: Context) -> list[Breach]:
    """Each tour is at most ``max_tour_hours`` long on the clock (what the officer's watch
    says) or elapsed: a 10 h tour type is lawful across either change of the clocks, at
    11 h elapsed in October, and in March at 11 h on the watch when it ends in the hour
    the clocks skip (15:00-01:00 ends at 02:00 BST, 10 h later)."""
    tours = ctx.tours
    wall = (tours["local_end"] - tours["local_start"]).dt.total_seconds() / 3600
    limit = ctx.rules.max_tour_hours
    long = tours[(wall > limit + EPS_HOURS) & (tours["elapsed"] > limit + EPS_HOURS)]
    return [
        Breach(
            r.officer_id,
            r.day,
            "tour-length",
            f"tour {_shown(r.start)} to {_shown(r.end)} lasts {w:.1f} h on the clock "
            f"({r.elapsed:.1f} h elapsed); maximum {limit:g} h",
        )
        for r, w in zip(records(long), wall[long.index].tolist(), strict=True)
    ]


def _shown(instant: pd.Timestamp | None) -> str:
    return "?" if instant is None else iso_minutes(instant)


def rest_between_tours(ctx: Context) -> list[Breach]:
    """Real elapsed time from the end of one tour (the latest end so far, so a tour inside
    another is caught) to the start of the next is at least ``min_rest_hours``."""
    tours = ctx.tours
    latest_end = tours.groupby("officer_id")["end"].cummax()
    prev_end = latest_end.groupby(tours["officer_id"]).shift()
    rest = (tours["start"] - prev_end).dt.total_seconds() / 3600
    minimum = ctx.rules.min_rest_hours
    short = tours[rest < minimum - EPS_HOURS]
    out = []
    for r in records(short):
        gap, ended = float(rest[r.label]), pd.Timestamp(prev_end[r.label])
        between = f"tour ending {iso_minutes(ended)} and tour starting {_shown(r.start)}"
        if gap < 0:
            detail = f"tours overlap by {-gap:.1f} h: {between}"
        else:
            detail = f"rest {gap:.1f} h between {between}; minimum {minimum:g} h"
        out.append(Breach(r.officer_id, r.day, "rest-between-tours", detail))
    return out


def consecutive_duty_days(ctx: Context) -> list[Breach]:
    """At most ``max_consecutive_duty_days`` calendar days in a row with duty time."""
    days = ctx.rows[ctx.rows["duty"]]
    limit = ctx.rules.max_consecutive_duty_days
    return [
        Breach(
            oid,
            first + timedelta(days=limit),
            "consecutive-duty-days",
            f"{n} consecutive days with a tour, {first} to {last}; maximum {limit}",
            n - limit,
        )
        for oid, first, last, n in _runs_over(days, limit)
    ]


def consecutive_nights(ctx: Context) -> list[Breach]:
    """Soft: at most ``max_consecutive_nights`` nights in a row (a warning, not a breach)."""
    tours = ctx.tours
    nights = tours[_night_hours(tours) >= NIGHT_MIN_HOURS - EPS_HOURS]
    limit = ctx.rules.max_consecutive_nights
    return [
        Breach(
            oid,
            first + timedelta(days=limit),
            "consecutive-nights",
            f"{n} consecutive night tours, {first} to {last}; maximum {limit}",
        )
        for oid, first, last, n in _runs_over(nights, limit)
    ]


def _night_hours(tours: pd.DataFrame) -> pd.Series:
    """Wall-clock hours of each tour between 23:00 and 06:00, trying the nights that start
    the evening before, of and after the tour's first day."""
    start, end = tours["local_start"], tours["local_end"]
    total = pd.Series(0.0, index=tours.index)
    for offset in (-1, 0, 1):
        night_from = start.dt.normalize() + pd.Timedelta(days=offset, hours=NIGHT_START_HOUR)
        night_to = night_from + pd.Timedelta(hours=24 - NIGHT_START_HOUR + NIGHT_END_HOUR)
        overlap = end.where(end < night_to, night_to) - start.where(start > night_from, night_from)
        total += overlap.dt.total_seconds().clip(lower=0) / 3600
    return total


def _runs_over(rows: pd.DataFrame, limit: int) -> list[tuple[str, date, date, int]]:
    """Runs of consecutive days (per officer) longer than ``limit``: (officer, first day,
    last day, length)."""
    days = rows[["officer_id", "day"]].drop_duplicates().sort_values(["officer_id", "day"])
    step = days.groupby("officer_id")["day"].diff() != pd.Timedelta(days=1)
    run = step.cumsum()
    spans = days.groupby(run).agg(
        officer_id=("officer_id", "first"),
        first=("day", "min"),
        last=("day", "max"),
        n=("day", "size"),
    )
    over = spans[spans["n"] > limit]
    return [
        (str(oid), first.date(), last.date(), int(n))
        for oid, first, last, n in zip(
            over["officer_id"].tolist(),
            over["first"].tolist(),
            over["last"].tolist(),
            over["n"].tolist(),
            strict=True,
        )
    ]
