"""Police rules compiled into the core: each family produces what the regulations say."""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

import pytest
from roster_fixtures import small_scenario

from scheduler.core.data import Cover
from scheduler.rules.compile import compile_contract
from scheduler.rules.high_demand import plan_aid, required_on_aid
from scheduler.rules.hours import average_hours_window
from scheduler.rules.rest import forbidden_successions, rest_day_target, weekly_rest_periods
from scheduler.rules.teams import form_teams, share_cover
from scheduler.rules.tours import Tour
from scheduler.scenario.model import Contract, Officer, Rules

EARLY = Tour("E", time(7), time(15))
LATE = Tour("L", time(15), time(23))
NIGHT = Tour("N", time(22), time(7))


def test_eleven_hours_rest_on_real_clock_times() -> None:
    days = [date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)]
    bad = forbidden_successions(days, [[EARLY, LATE, NIGHT]] * 3, Rules())
    assert (0, "L", "E") in bad  # 23:00 -> 07:00 is 8 h
    assert (0, "N", "E") in bad
    assert (0, "N", "L") in bad
    assert (0, "E", "E") not in bad
    assert (0, "E", "N") not in bad
    # Saturday night of the October change ends at 07:00 GMT; Sunday's late is 8 h later
    assert (0, "N", "L") in bad
    # 19:00 -> 07:00 is 12 h on a normal night, but the spring change takes an hour away
    evening = Tour("X", time(10), time(19))
    spring = [date(2027, 3, 27), date(2027, 3, 28)]
    assert (0, "X", "E") not in forbidden_successions(days, [[evening, EARLY]] * 3, Rules())
    assert (0, "X", "E") not in forbidden_successions(spring, [[evening, EARLY]] * 2, Rules())
    late_evening = Tour("Y", time(11), time(20))  # 20:00 -> 07:00 = 11 h, 10 h in spring
    assert (0, "Y", "E") not in forbidden_successions(
        days[1:], [[late_evening, EARLY]] * 2, Rules()
    )
    assert (0, "Y", "E") in forbidden_successions(spring, [[late_evening, EARLY]] * 2, Rules())


def test_clock_change_lengths() -> None:
    assert NIGHT.elapsed_minutes(date(2026, 10, 24)) == 600
    assert NIGHT.elapsed_minutes(date(2027, 3, 27)) == 480
    assert NIGHT.is_night
    assert not LATE.is_night
    assert LATE.is_late
    assert not EARLY.is_late


def test_rest_day_target_and_average_hours() -> None:
    assert rest_day_target(365, Rules()) == 104
    assert rest_day_target(7, Rules()) == 2
    window = average_hours_window(365, Rules())
    assert (window.length, window.max_minutes) == (119, 816 * 60)
    short = average_hours_window(28, Rules())
    assert (short.length, short.max_minutes) == (28, 48 * 4 * 60)


def test_weekly_rest_periods_are_monday_weeks_inside_the_horizon() -> None:
    days = [date(2026, 10, 21) + timedelta(i) for i in range(20)]  # Wed 21 Oct .. Mon 9 Nov
    periods = weekly_rest_periods(days, [[EARLY, NIGHT]] * 20, Rules())
    assert [days[p.days[0]].isoformat() for p in periods] == ["2026-10-26", "2026-11-02"]
    # a Sunday off after a Saturday night that runs into it is spoilt (rest cut at week end)
    first = periods[0]
    sunday = days.index(date(2026, 11, 1))
    assert (sunday, "N", None) in first.bad_neighbours


def test_a_weeks_rest_is_its_own_whatever_week_was_asked_before() -> None:
    # weeks are worked out once (``rest._week``) and asked again of every contract: the
    # same Monday week spoilt by a tour ending 08:00 on its Monday in one horizon, and
    # not in another where the day before has an early tour only, nor with no day before
    late_night = Tour("M", time(23), time(8))
    days = [date(2026, 10, 25) + timedelta(i) for i in range(9)]  # Sun 25 Oct .. Mon 2 Nov
    week = [[EARLY]] * 8
    spoilt = weekly_rest_periods(days, [[late_night], *week], Rules())
    kept = weekly_rest_periods(days, [[EARLY], *week], Rules())
    alone = weekly_rest_periods(days[1:], week, Rules())
    assert (1, "M", "E") in spoilt[0].bad_neighbours
    assert not any(a == "M" for _, a, _ in kept[0].bad_neighbours)
    assert kept[0].days == spoilt[0].days == tuple(range(1, 8))
    assert alone[0].days == tuple(range(7))
    assert {(d + 1, a, b) for d, a, b in alone[0].bad_neighbours} <= kept[0].bad_neighbours


def test_hdd_aid_everyone_available_or_a_share() -> None:
    scenario = small_scenario()
    plan = plan_aid(scenario)
    hdd = date(2026, 11, 8)
    on_aid = {oid for (oid, d) in plan if d == hdd}
    assert on_aid == {o.id for o in scenario.officers}
    assert required_on_aid(type("E", (), {"officers": None, "share": 0.5})(), 5, 1.0) == 3
    assert required_on_aid(type("E", (), {"officers": 2, "share": None})(), 5, 1.0) == 2


def test_hdd_share_spreads_aid_evenly() -> None:
    scenario = small_scenario(high_demand={"share": 0.5})
    plan = plan_aid(scenario)
    per_officer: dict[str, int] = {}
    for oid, _ in plan:
        per_officer[oid] = per_officer.get(oid, 0) + 1
    assert max(per_officer.values()) - min(per_officer.values()) <= 1


def test_leave_and_bank_holidays_are_settled_before_solving() -> None:
    scenario = small_scenario(start=date(2026, 12, 21), end=date(2027, 1, 10))
    compiled = compile_contract(scenario, scenario.contract("A"))
    day = compiled.days.index(date(2026, 12, 25))
    assert {compiled.settled[(o.id, day)].state for o in compiled.officers} == {"PUBLIC_HOLIDAY"}
    nye = compiled.days.index(date(2026, 12, 31))
    assert {compiled.settled[(o.id, nye)].state for o in compiled.officers} == {"HDD_AID"}
    member = compiled.problem.staff[0]
    assert member.min_free_days_off == member.max_free_days_off == 2 * 21 // 7


def test_compiling_asks_whether_the_agreement_holds_once_a_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # once per officer-day (three times over) was a third of London's compiling
    scenario = small_scenario(constables=6)
    asked: list[date] = []
    holds = Contract.in_force

    def counted(contract: Contract, day: date) -> bool:
        asked.append(day)
        return holds(contract, day)

    monkeypatch.setattr(Contract, "in_force", counted)
    compiled = compile_contract(scenario, scenario.contract("A"))
    assert len(compiled.officers) == 7
    aid_days = {h.date for h in scenario.high_demand_days()}  # planning the aid asks more
    per_day = Counter(day for day in asked if day not in aid_days)
    assert set(per_day) == set(compiled.days) - aid_days
    assert max(per_day.values()) <= 2  # the officers' days, and the council's cover

    officers = [
        Officer(id=f"O{i:02}", contract="C", rank="sergeant" if i < 3 else "constable")
        for i in range(30)
    ]
    teams = form_teams(officers)
    assert len(teams) == 3
    assert sum(len(t.officer_ids) for t in teams) == 30
    assert all(any(oid in {"O00", "O01", "O02"} for oid in t.officer_ids) for t in teams)
    covers = [Cover(d, "N", 7, 100, 0) for d in range(6)]
    shared = [share_cover(covers, t) for t in teams]
    for d in range(6):
        assert sum(c.required for s in shared for c in s if c.day == d) == 7
    totals = [sum(c.required for c in s) for s in shared]
    assert max(totals) - min(totals) <= 2
