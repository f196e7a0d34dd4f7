"""The rest-day precheck: an officer owing more rest days than the days left free of leave,
bank holidays, High Demand Day aid and kept tours can hold is said before any search, with
the numbers, in English."""

from __future__ import annotations

from datetime import date, timedelta

from roster_fixtures import small_scenario

from scheduler.rules.compile import Pin, compile_contract
from scheduler.rules.explain import precheck


def test_an_officer_with_one_free_day_for_the_rest_days_owed_is_said_in_the_singular() -> None:
    """A-C0's every day but one kept off duty for sickness (a re-roster's kept days): 8
    weeks owe 16 rest days, and '1 day is' free for them."""
    scenario = small_scenario(start=date(2026, 10, 5), end=date(2026, 11, 29))
    days = [scenario.start + timedelta(n) for n in range((scenario.end - scenario.start).days)]
    pins = {("A-C0", day): Pin("SICK", kind="sickness") for day in days}
    compiled = compile_contract(scenario, scenario.contract("A"), pins=pins)
    lines = [line for line in precheck(compiled, scenario) if line.startswith("officer A-C0")]
    assert lines == [
        "officer A-C0: owes 16 rest days (2 a week on average) but only 1 day is free of "
        "leave, bank holidays and High Demand Day aid"
    ]
