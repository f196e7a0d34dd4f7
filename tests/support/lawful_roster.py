"""A lawful Havering roster for the tests of what a roster is published as (calendars,
feeds): solved once per test session (one worker, a fixed seed, a short limit) and verified
by the independent checker, since no command publishes a roster that breaks a hard rule."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from work_alone import work_alone

from scheduler.check import check_parsed, parse_roster
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import Scenario, load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
SETTINGS = SolveSettings(time_limit=5, seed=1, workers=1)


@cache
def _havering_year() -> pd.DataFrame:
    scenario = load_scenario(HAVERING)
    with work_alone():  # the tests name its days: solver work decides them, not the clock
        table = roster_scenario(scenario, SETTINGS).table
    breaches = check_parsed(scenario, parse_roster(table, "havering")).breaches
    assert breaches == [], breaches[:5]
    return table.astype(str)  # the text a roster file holds, as a test edits it


def lawful_roster(scenario: Scenario) -> pd.DataFrame:
    """The solved Havering year cut to ``scenario``'s days (Havering with its end moved in,
    or a tour type added): a fresh copy a test may edit."""
    table = _havering_year()
    first, last = scenario.start.isoformat(), scenario.end.isoformat()
    days = table["date"].astype(str).str[:10]
    return table[(days >= first) & (days <= last)].reset_index(drop=True).copy()
