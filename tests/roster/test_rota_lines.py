"""Rota-line mode: officers follow a cyclic base pattern, deviating only where leave, High
Demand Days or the rules make them; the roster still passes the independent checker."""

from __future__ import annotations

from datetime import date

from roster_fixtures import small_scenario

from scheduler.check import check_roster
from scheduler.roster.run import SolveSettings, roster_scenario

# a 1-week cycle for a 3-week test: E E L L . N . (Mon..Sun), lawful on its own
PATTERN = "EELL.N."
LINES = {"mode": "lines", "cycle_weeks": 1, "lines": [PATTERN], "weight": 50}


def test_given_pattern_is_followed_except_where_it_must_not_be() -> None:
    scenario = small_scenario(
        start=date(2026, 9, 7), end=date(2026, 9, 27), rota=LINES, cover_min=0
    )
    result = roster_scenario(scenario, SolveSettings(time_limit=6, seed=1, workers=1))
    assert result.feasible
    assert check_roster(scenario, result.table).breaches == []
    t = result.table
    free = t[~t["state"].isin(["LEAVE", "HDD_AID", "PUBLIC_HOLIDAY"])]
    follows = sum(
        (PATTERN[date.fromisoformat(day).weekday()] == "." and state == "REST")
        or (PATTERN[date.fromisoformat(day).weekday()] == shift and state == "DUTY")
        for day, shift, state in zip(free["date"], free["shift"], free["state"], strict=True)
    )
    assert follows / len(free) >= 0.9


def test_solver_designed_lines_give_a_lawful_roster() -> None:
    scenario = small_scenario(
        start=date(2026, 9, 7), end=date(2026, 10, 4), rota={"mode": "lines", "cycle_weeks": 2}
    )
    result = roster_scenario(scenario, SolveSettings(time_limit=8, seed=1, workers=1))
    assert result.feasible
    assert check_roster(scenario, result.table).breaches == []
