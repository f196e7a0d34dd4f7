"""Reference periods held at their published hours: a limit tightened since publication
(the 17-week average lowered with ``--from``) holds a window that starts before ``--from``
and was over it as published to those hours, so the days that stand keep it and the days
still to roster never make it worse (``check.standing`` holds it the same). The week of
the weekly rest that starts before ``--from`` and ends after it is held the same way: its
days before ``--from`` as they stand, its rest kept (or, short of the rules as they are now
as published, no shorter than published)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pandas as pd

from scheduler.core.data import RestPeriod
from scheduler.rules.compile import CompiledContract, tours_by_day
from scheduler.rules.rest import midnight, rest_around, weekly_rest_period
from scheduler.scenario.model import Scenario


def held_caps(
    compiled: CompiledContract, base: pd.DataFrame, scenario: Scenario, from_date: date, a: int
) -> dict[str, dict[tuple[int, int], int]]:
    """Officer -> (length, first day from ``a``) of each hours window that starts before
    ``from_date`` and reaches day ``a``, over its limit as published -> the minutes it is
    held to. Counted as the window's model counts it: the days before ``a`` at their tours'
    nominal length, the checker's elapsed hours each."""
    problem, days = compiled.problem, compiled.days
    first = days.index(from_date) if from_date in days else 0
    if first == 0 or not problem.windows:
        return {}
    index = {day.isoformat(): d for d, day in enumerate(days)}
    staff = {m.id for m in problem.staff}
    rows = base[base["officer_id"].isin(staff) & (base["start"].astype(str) != "")]
    published = {officer_id: [0] * (len(days) + 1) for officer_id in staff}
    for officer_id, day, hours in zip(
        rows["officer_id"].tolist(), rows["date"].tolist(), rows["hours"].tolist(), strict=True
    ):
        if day in index:
            published[officer_id][index[day] + 1] += round(float(hours) * 60)
    caps: dict[str, dict[tuple[int, int], int]] = {}
    for m in problem.staff:
        cum = list(itertools.accumulate(published[m.id]))  # cum[d]: minutes of days 0..d-1
        # a window starting before the officer's first day in post holds a part of the one
        # starting on that day (the checker's first), and is held as that one is
        span = scenario.service_span(scenario.officer(m.id))
        joined = index.get(span[0].isoformat(), 0) if span is not None else 0
        # what the model counts for the days before a, less the minutes they are worked
        drift = [0]
        for d in range(a):
            code = pinned_code(compiled, m.id, d)
            more = 0 if code is None else problem.shift(code).minutes - problem.minutes(d, code)
            drift.append(drift[-1] + more)
        for w in problem.windows:
            if w.staff is not None and m.id not in w.staff:
                continue
            for start in range(a - w.length + 1, first):
                held = cum[min(len(days), max(start, joined) + w.length)] - cum[max(start, joined)]
                if held > w.max_minutes:
                    adjust = drift[a] - drift[max(start, 0)] if start < a else 0
                    caps.setdefault(m.id, {})[(w.length, start - a)] = held + adjust
    return caps


def held_rests(
    compiled: CompiledContract, base: pd.DataFrame, scenario: Scenario, first: int, a: int
) -> tuple[RestPeriod, ...]:
    """The week of the weekly rest that starts before day ``first`` (``--from``: the days
    before stand) and ends after it, numbered from day ``a`` (the window's first; days
    before it are history, negative): each officer has the rest in it the rules as they are
    now ask, counted as the model counts it (a day off and its neighbours); one whose week
    as published lacks it (a breach that stands, or lawful by its fortnight) the longest it
    had as published, no shorter."""
    days = compiled.days
    if not 0 < first < len(days):
        return ()
    monday = first - days[first].weekday()
    if monday == first or monday < 0 or monday + 7 > len(days):
        return ()
    need = timedelta(hours=scenario.rules.weekly_rest_hours)
    tours_on = tours_by_day(days, compiled.tours, compiled.settled)
    week = range(max(0, monday - 1), min(len(days), monday + 8))
    wanted = {days[d].isoformat() for d in week}
    rows = base[base["date"].isin(wanted) & (base["start"].astype(str) != "")]
    published = {  # officer-day -> its tour's (start, end) as published
        (o, day): (pd.Timestamp(s).to_pydatetime(), pd.Timestamp(e).to_pydatetime())
        for o, day, s, e in zip(
            rows["officer_id"], rows["date"], rows["start"], rows["end"], strict=True
        )
    }
    kept, short = set(), {}
    for m in compiled.problem.staff:

        def tour(d: int, oid: str = m.id) -> tuple[datetime, datetime] | None:
            return published.get((oid, days[d].isoformat())) if 0 <= d < len(days) else None

        longest = max(
            (
                rest_around(
                    days,
                    monday,
                    d,
                    None if (t := tour(d - 1)) is None else t[1],
                    None if (t := tour(d + 1)) is None else t[0],
                )
                for d in range(monday, monday + 7)
                if tour(d) is None
            ),
            default=timedelta(0),
        )
        if longest >= need:
            kept.add(m.id)
        elif longest > timedelta(0):
            short[m.id] = longest
    periods = [weekly_rest_period(days, tours_on, monday, need, frozenset(kept))] if kept else []
    periods += [
        weekly_rest_period(days, tours_on, monday, longest, frozenset({officer_id}))
        for officer_id, longest in short.items()
    ]
    return tuple(
        RestPeriod(
            tuple(d - a for d in p.days),
            frozenset((d - a, x, y) for d, x, y in p.bad_neighbours),
            p.staff,
        )
        for p in periods
    )


def held_fortnights(
    compiled: CompiledContract, base: pd.DataFrame, scenario: Scenario, first: int, a: int
) -> tuple[RestPeriod, ...]:
    """The fortnight of the weekly rest (full weeks paired from the officer's first, as the
    checker pairs them) that starts before day ``first`` (``--from``: the days before it
    stand) and ends on or after it: an officer whose first week as published has no weekly
    rest of its own (lawful by its fortnight) keeps one rest of
    ``fortnightly_rest_hours`` in the fortnight, counted as the model counts it (a day off
    and its neighbours), numbered from day ``a``. Else the days from ``first`` on could
    take the fortnight's long rest away, and the week that stands would break the rule.
    Nothing is held where the model cannot count so long a rest (over two whole days off),
    nor for a fortnight short of the rule as published (a breach that stands)."""
    days = compiled.days
    if not 0 < first < len(days):
        return ()
    rules = scenario.rules
    need = timedelta(hours=rules.weekly_rest_hours)
    long = timedelta(hours=rules.fortnightly_rest_hours)
    tours_on = tours_by_day(days, compiled.tours, compiled.settled)
    index = {day: d for d, day in enumerate(days)}
    # the officers' tours as published near ``first`` (the fortnights holding it, and the
    # day before them: a night reaching into their first Monday)
    near = {(days[first] + timedelta(k)).isoformat() for k in range(-15, 14)}
    staff = {m.id for m in compiled.problem.staff}
    tours = _published_tours(base[base["date"].isin(near) & base["officer_id"].isin(staff)])
    out = []
    for m in compiled.problem.staff:
        span = scenario.service_span(scenario.officer(m.id))
        if span is None:
            continue
        monday = _fortnight_before(span, days[first])
        if monday is None or monday not in index:
            continue
        mine = tours.get(m.id, [])
        if max(_rests(mine, monday, monday + timedelta(7)), default=timedelta(0)) >= need:
            continue  # the week that stands has its own weekly rest
        rests = _rests(mine, monday, monday + timedelta(14))
        if max(rests, default=timedelta(0)) < long and sum(r >= need for r in rests) < 2:
            continue  # a breach as published, which stands (the checker's to judge)
        period = weekly_rest_period(
            days, tours_on, index[monday], long, frozenset({m.id}), length=14
        )
        if period.days:
            out.append(
                RestPeriod(
                    tuple(d - a for d in period.days),
                    frozenset((d - a, x, y) for d, x, y in period.bad_neighbours),
                    period.staff,
                )
            )
    return tuple(out)


def _fortnight_before(span: tuple[date, date], first: date) -> date | None:
    """The Monday of the fortnight of an officer in post over ``span`` that starts before
    ``first`` and holds it (None: no such)."""
    monday = span[0] + timedelta(days=(7 - span[0].weekday()) % 7)
    while monday + timedelta(days=13) <= span[1]:
        if monday < first <= monday + timedelta(days=13):
            return monday
        monday += timedelta(days=14)
    return None


def _published_tours(base: pd.DataFrame) -> dict[str, list[tuple[datetime, datetime]]]:
    rows = base[base["start"].astype(str) != ""]
    out: dict[str, list[tuple[datetime, datetime]]] = {}
    for o, s, e in zip(rows["officer_id"], rows["start"], rows["end"], strict=True):
        out.setdefault(o, []).append(
            (pd.Timestamp(s).to_pydatetime(), pd.Timestamp(e).to_pydatetime())
        )
    return out


def _rests(tours: list[tuple[datetime, datetime]], first: date, end: date) -> list[timedelta]:
    """The officer's times off between ``tours`` inside the days ``first`` to ``end``
    (exclusive), midnight to midnight in London, clipped to them."""
    lo, hi = midnight(first), midnight(end)
    out, free_from = [], lo
    for start, stop in sorted(t for t in tours if t[1] > lo and t[0] < hi):
        if start > free_from:
            out.append(start - free_from)
        free_from = max(free_from, stop)
    return [*out, hi - free_from] if hi > free_from else out


def pinned_code(compiled: CompiledContract, officer_id: str, d: int) -> str | None:
    pin = compiled.settled.get((officer_id, d))
    return None if pin is None or pin.tour is None else pin.tour.code
