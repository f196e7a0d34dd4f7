"""Breaches a roster may keep: on days before the first day that may change (``--from``),
the published roster's days stand as worked or as published, lawful under the rules they
were published with. A ``[rules]`` limit tightened since makes them breaches of the rules
as they are now; the rules now hold from that first day on.

The average weekly hours are judged over reference periods (17 weeks) that may start
before that first day and end after it: such a period, over the limit as published, is
held to its hours as published (the days that stand cannot change, and the days still to
be rostered may not make it worse); a period starting on or after the first day is held to
the limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from scheduler.check.average_hours import EPS_HOURS, window_totals
from scheduler.check.checker import check_parsed
from scheduler.check.read import parse_roster
from scheduler.check.report import Breach, CheckReport
from scheduler.check.schema import scope
from scheduler.scenario import Scenario

# the rules a planner may tighten under [rules] whose breaches lie on days a re-roster can
# change: one officer's tours, in a run of days ending on the breach's day
MENDABLE = frozenset(
    ("rest-between-tours", "consecutive-duty-days", "weekly-rest", "average-hours")
)


@dataclass(frozen=True)
class Standing:
    """The published roster's breaches of the scenario's rules as they are now (a
    ``[rules]`` limit tightened since it was published): those dated before the first day
    that may change stand (lawful under the rules they were published with, and worked or
    kept as published); those from it on are to be mended, with the words why."""

    before: tuple[Breach, ...] = ()
    mend: Mapping[tuple[str, date], str] = field(default_factory=dict)
    # officer -> first day (before ``first``) of a reference period over the average's
    # limit as published -> its hours as published, which it is held to (``Context.held``)
    held: Mapping[str, Mapping[date, float]] = field(default_factory=dict)


def standing(scenario: Scenario, published: pd.DataFrame, first: date, version: int) -> Standing:
    """Split the published roster's working-time breaches under ``scenario`` at ``first``."""
    parsed = parse_roster(published, f"published version {version}")
    held = held_periods(scenario, parsed, first)
    report = check_parsed(scenario, parsed, held)
    found = [b for b in report.breaches if b.rule in MENDABLE and b.officer_id]
    return Standing(
        tuple(b for b in found if b.date < first),
        {
            (b.officer_id, b.date): f"{b.rule} under the scenario's rules, changed since "
            f"version {version} was published: {b.detail}"
            for b in found
            if b.date >= first
        },
        held,
    )


def held_periods(
    scenario: Scenario, parsed: pd.DataFrame, first: date
) -> dict[str, dict[date, float]]:
    """Officer -> first day -> hours of each reference period of the average weekly hours
    that starts before ``first`` and holds more than the limit in the ``parsed`` roster."""
    ctx, _ = scope(scenario, parsed)
    rules = scenario.rules
    out: dict[str, dict[date, float]] = {}
    for oid, (start, length, totals) in window_totals(ctx).items():
        limit = rules.max_average_weekly_hours * length / 7
        before = min(len(totals), max(0, (first - start).days))
        over = {
            start + timedelta(days=n): float(totals[n])
            for n in range(before)
            if totals[n] > limit + EPS_HOURS
        }
        if over:
            out[oid] = over
    return out


def stood(report: CheckReport, stands: Standing) -> list[Breach]:
    """Take out of ``report`` the breaches ``stands`` has before its first day (the same
    officer, day and rule, no worse: a run of duty days that stands over the limit may not
    be made longer, nor a week's longest rest shorter, from the first day on); returns
    them."""
    known = {(b.officer_id, b.date, b.rule): b.excess for b in stands.before}
    aside = [b for b in report.breaches if _stands(b, known)]
    if aside:
        report.breaches = [b for b in report.breaches if b not in aside]
    return aside


def _stands(b: Breach, known: Mapping[tuple[str, date, str], float | None]) -> bool:
    key = (b.officer_id, b.date, b.rule)
    if key not in known:
        return False
    was = known[key]
    return was is None or b.excess is None or b.excess <= was + EPS_HOURS


def check_standing(
    scenario: Scenario, roster: pd.DataFrame, source: str, stands: Standing | None
) -> CheckReport:
    """``check_roster`` of a roster re-rostered from the first day of ``stands`` (None: one
    that was not): its reference periods held to their hours as published, and the
    published roster's breaches before that day set aside (they stand)."""
    report = check_parsed(scenario, parse_roster(roster, source), stands.held if stands else None)
    if stands is not None:
        stood(report, stands)
    return report
