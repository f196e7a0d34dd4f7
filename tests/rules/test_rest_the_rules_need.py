"""Rest days owed fewer than the other rules need (scen23): every other day is a duty day
within the law, so the days off that the days in a row with a tour and the weekly rest
need are given, and the contract has a roster (before: none, and a message naming the
rules but not what to do)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scheduler.check import check_roster
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.rules.rest import least_rest_days
from scheduler.scenario import Rules, Scenario, scenario_from_dict

MARCH = [date(2027, 3, 1) + timedelta(n) for n in range(28)]  # four weeks from a Monday


def _scenario(**rules: object) -> Scenario:
    return scenario_from_dict(
        {
            "scenario": {"name": "rules need", "start": MARCH[0], "end": MARCH[-1]},
            "rules": rules,
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C",
                    "council": "Council C",
                    "bcu": "EA",
                    "start": date(2027, 1, 4),
                    "posts": {"constable": 2},
                    "cover": [{"days": "daily", "shift": "E", "min": 1}],
                }
            ],
            "officer": [{"id": f"O{n}", "contract": "C", "rank": "constable"} for n in (1, 2)],
        }
    )


@pytest.mark.parametrize(
    ("rules", "least_rest"),
    [
        ({"rest_days_per_week": 1, "max_consecutive_duty_days": 3}, 7),  # 1 day in 4
        ({"rest_days_per_week": 0}, 4),  # a day off each week
    ],
)
def test_a_contract_whose_rest_days_owed_are_too_few_is_rostered(
    rules: dict[str, object], least_rest: int
) -> None:
    scenario = _scenario(**rules)
    result = roster_scenario(scenario, SolveSettings(time_limit=2, seed=0, workers=1))
    assert [o.status for o in result.outcomes] in (["OPTIMAL"], ["FEASIBLE"])
    assert check_roster(scenario, result.table).breaches == []
    for oid in ("O1", "O2"):
        rows = result.table[result.table["officer_id"] == oid]
        assert len(rows) == 28
        off = int((rows["state"] != "DUTY").sum())
        # the days the rules need off, no more than the cover leaves room for
        assert least_rest <= off <= least_rest + 1  # Good Friday, 26 March, is not asked
    # the council's daily tour has its officer every day but that bank holiday
    duty = result.table[result.table["state"] == "DUTY"]
    assert duty["date"].nunique() >= 27


def test_least_rest_days_of_the_rules() -> None:
    """Four weeks from a Monday: 3 days in a row at most, a day in four off; none in a row
    limit but the weekly rest, a day each week; leave on Thursday to Sunday of the first
    week serves its weekly rest; rest days owed that surely suffice are what is owed."""
    runs = Rules(max_consecutive_duty_days=3, rest_days_per_week=1)
    assert least_rest_days(MARCH, set(), runs, owed=4) == 7
    weekly = Rules(rest_days_per_week=0)
    assert least_rest_days(MARCH, set(), weekly, owed=0) == 4
    assert least_rest_days(MARCH, {3, 4, 5, 6}, weekly, owed=0) == 3
    assert least_rest_days(MARCH, set(), Rules(), owed=8) == 8
