"""The average-week precheck: a [rules] max_average_weekly_hours too low for the duty days
officers owe is said before any search, naming the setting and the numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from roster_fixtures import small_scenario

from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.rules.compile import compile_contract
from scheduler.rules.explain import precheck
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
EIGHTEEN_WEEKS = date(2027, 2, 7)  # past the 17-week reference period: duty days are owed


def test_a_thirty_hour_week_below_the_duty_days_owed_is_said_at_once() -> None:
    """18 weeks, 36 rest days owed: 82 duty days of at least 8 h (662 h with the HDD aid
    tours) against the 580 h a 30-hour week allows. Before, the solve ran to INFEASIBLE and
    its explanation found nothing smaller to say within the time limit."""
    scenario = small_scenario(
        end=EIGHTEEN_WEEKS, constables=1, rules={"max_average_weekly_hours": 30}
    )
    compiled = compile_contract(scenario, scenario.contract("A"))
    lines = precheck(compiled, scenario)
    assert len(lines) == len(compiled.officers)
    assert lines[0].startswith("officer A-C0: owes 82 duty days")
    assert "at least 662 hours at their shortest tours" in lines[0]
    assert "[rules] max_average_weekly_hours = 30 allows at most 580 hours" in lines[0]
    result = roster_scenario(scenario, SolveSettings(time_limit=5, seed=3, workers=1))
    assert {o.status for o in result.outcomes} == {"INFEASIBLE"}
    for outcome in result.outcomes:
        assert any("max_average_weekly_hours = 30" in c for c in outcome.conflicts)


def test_the_shipped_year_raises_no_alarm() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "havering.toml")
    for contract in scenario.contracts:
        assert precheck(compile_contract(scenario, contract), scenario) == []


def test_a_week_that_leaves_room_raises_no_alarm() -> None:
    """38 hours a week leave room for the same 662 h: the search decides."""
    scenario = small_scenario(
        end=EIGHTEEN_WEEKS, constables=1, rules={"max_average_weekly_hours": 38}
    )
    assert precheck(compile_contract(scenario, scenario.contract("A")), scenario) == []
