"""Reference periods held at their published hours: a limit tightened since publication
(the 17-week average lowered with ``--from``) holds a window that starts before ``--from``
and was over it as published to those hours, so the days that stand keep it and the days
still to roster never make it worse (``check.standing`` holds it the same)."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd

from scheduler.rules.compile import CompiledContract
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


def pinned_code(compiled: CompiledContract, officer_id: str, d: int) -> str | None:
    pin = compiled.settled.get((officer_id, d))
    return None if pin is None or pin.tour is None else pin.tour.code
