"""``check_roster``: re-verify every hard rule of DESIGN.md §2 from a roster table alone.

Written apart from the solver (no code shared with scheduler/core or scheduler/rules): it
reads only the scenario's inputs, the table vocabulary and the calendars, and computes
clock times itself, so an engine mistake cannot pass both."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd

from scheduler.check.average_hours import average_hours
from scheduler.check.context import Context
from scheduler.check.cover_max import over_max
from scheduler.check.days import bank_holiday, leave, public_holiday_off_calendar, rest_days
from scheduler.check.hdd import high_demand_day
from scheduler.check.read import parse_roster
from scheduler.check.report import Breach, CheckReport
from scheduler.check.ring_fence import ring_fence
from scheduler.check.schema import scope
from scheduler.check.tours import (
    consecutive_duty_days,
    consecutive_nights,
    rest_between_tours,
    tour_length,
)
from scheduler.check.weekly_rest import weekly_rest
from scheduler.scenario.model import Scenario

Rule = Callable[[Context], list[Breach]]

HARD_RULES: tuple[Rule, ...] = (
    tour_length,
    rest_between_tours,
    consecutive_duty_days,
    rest_days,
    leave,
    bank_holiday,
    weekly_rest,
    average_hours,
    high_demand_day,
    ring_fence,
)
SOFT_RULES: tuple[Rule, ...] = (consecutive_nights, public_holiday_off_calendar, over_max)


def check_roster(
    scenario: Scenario,
    roster: pd.DataFrame,
    source: str = "<roster>",
    held: Mapping[str, Mapping[date, float]] | None = None,
) -> CheckReport:
    """Every breach of the scenario's hard rules, and soft-rule warnings. ``roster`` is the
    table of DESIGN.md §5 as text (``read_roster_csv``) or typed (dates, aware datetimes).
    Raises ``InputError`` if a cell cannot be parsed at all. ``held``: reference periods of
    the average weekly hours held to their hours as published (``Context.held``)."""
    return check_parsed(scenario, parse_roster(roster, source), held)


def check_parsed(
    scenario: Scenario,
    frame: pd.DataFrame,
    held: Mapping[str, Mapping[date, float]] | None = None,
) -> CheckReport:
    """``check_roster`` of a table ``parse_roster`` already parsed (``load_roster_csv``)."""
    ctx, breaches = scope(scenario, frame)
    ctx.held = held or {}
    for rule in HARD_RULES:
        breaches += rule(ctx)
    warnings = [w for rule in SOFT_RULES for w in rule(ctx)]
    return CheckReport(
        breaches=sorted(breaches),
        warnings=sorted(warnings),
        rows=len(frame),
        officers=frame["officer_id"].nunique(),
    )
