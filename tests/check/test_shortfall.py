"""Under-cover explained: each cause on a small roster built to produce it, and every
explanation held against the roster table itself (who was where) and, for a rest the rules
force, against the independent checker."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest
from check_builder import AUTUMN, SPRING, roster, scenario, set_day

from scheduler.check import check_roster, parse_roster
from scheduler.check.context import dates_of
from scheduler.check.shortfall import Cause, Shortfall, explain_shortfalls, totals
from scheduler.scenario import Scenario

ABSENT = {  # cause -> the states an officer it names may be in that day
    "leave": {"LEAVE", "PUBLIC_HOLIDAY", "REST"},  # REST: a rest day a week of leave holds
    "sick": {"SICK"},
    "hdd_aid": {"HDD_AID"},
    "abstracted": {"EMERGENCY_AID", "ABSTRACTED", "COURT", "TRAINING"},
    "forced_rest": {"REST"},
}


def cover(*asks: tuple[list[str], str, int], **contract: Any) -> dict[str, Any]:
    return {"cover": [{"days": d, "shift": s, "min": n} for d, s, n in asks], **contract}


def explained(s: Scenario, table: pd.DataFrame) -> list[Shortfall]:
    """The explanation, held against the table: the counts, the states of every officer
    named, and the checker's verdict on each rest said to be forced."""
    assert check_roster(s, table).breaches == [], "the roster built for the test is lawful"
    found = explain_shortfalls(s, parse_roster(table))
    duty = table[table["state"] == "DUTY"]
    for short in found:
        day = short.day.isoformat()
        on = (
            (duty["date"] == day)
            & (duty["shift"] == short.tour)
            & (duty["contract_id"] == short.contract_id)
        ).sum()
        assert short.on_duty == on
        assert short.short > 0
        assert sum(c.count for c in short.causes) == short.short
        for cause in short.causes:
            for officer in cause.officers:
                [state] = table.loc[
                    (table["officer_id"] == officer) & (table["date"] == day), "state"
                ]
                assert state in ABSENT[cause.key], (officer, day, cause)
                if cause.key == "forced_rest":
                    worked = set_day(table, officer, day, "DUTY", short.tour)
                    rules = {b.rule for b in check_roster(s, worked).breaches} - {"rest-days"}
                    assert rules, f"{officer} could have worked {short.tour} on {day}"
    return found


def lines(found: list[Shortfall]) -> list[tuple[str, str, list[tuple[str, int, tuple[str, ...]]]]]:
    return [
        (s.day.isoformat(), s.tour, [(c.key, c.count, c.officers) for c in s.causes]) for s in found
    ]


def test_officers_on_leave() -> None:
    s = scenario(AUTUMN, contract=cover((["Mon", "Tue"], "L", 1)))
    found = explained(s, roster(s))  # T2 works L Mon-Thu, on leave Mon 9 - Tue 10 Nov
    assert lines(found) == [
        ("2026-11-09", "L", [("leave", 1, ("T2",))]),
        ("2026-11-10", "L", [("leave", 1, ("T2",))]),
    ]
    assert found[0].why == "1 on annual leave (T2)"


def test_a_rest_day_inside_a_fortnight_of_leave_is_leave() -> None:
    """T2 away Mon 26 Oct - Fri 6 Nov, its weekend REST (12 days of leave hold 2 rest
    days): the Sunday late tour T2 would work is short for the leave, not for a rest the
    rules force or a rest day owed elsewhere."""
    s = scenario(AUTUMN, leave={"T2": ["2026-10-26/2026-11-06"]}, contract=cover((["Sun"], "L", 1)))
    table = roster(s)
    for day in ("2026-10-31", "2026-11-01"):
        table = set_day(table, "T2", day, "REST", kind="leave")
    table = set_day(table, "T2", "2026-11-12", "REST")  # owed: 8 in 28 days
    shortfalls = explained(s, table)
    found = {line[0]: line for line in lines(shortfalls)}
    assert found["2026-11-01"] == ("2026-11-01", "L", [("leave", 1, ("T2",))])
    # the planner learns it is a rest day kept inside the leave, not a day of leave charged
    # (before, it read '1 on annual leave (T2)' as a day of leave does)
    [sunday] = [f for f in shortfalls if f.day == date(2026, 11, 1)]
    assert sunday.why == "1 on annual leave (T2): a rest day inside the leave, not a day of leave"


def test_a_day_of_leave_and_a_rest_day_in_leave_on_one_tour() -> None:
    """Two officers off one tour for leave, one on a day of it and one on a rest day
    inside it: each is said as what it is, with no empty note ('T1: ;')."""
    cause = Cause("leave", 2, ("T1", "T2"), ("", "a rest day inside the leave, not a day of leave"))
    assert str(cause) == (
        "2 on annual leave (T1; T2: a rest day inside the leave, not a day of leave)"
    )


def test_officers_on_hdd_aid() -> None:
    s = scenario(AUTUMN, contract=cover((["Thu"], "E", 1)))
    found = explained(s, roster(s))  # Thu 5 Nov: everyone on aid for Bonfire Night
    assert lines(found) == [("2026-11-05", "E", [("hdd_aid", 1, ("T1",))])]
    assert found[0].why == "1 on High Demand Day aid (T1): Million Mask March / Bonfire Night"


def test_a_bank_holiday_the_contract_does_not_buy() -> None:
    s = scenario(SPRING, contract=cover((["Fri"], "E", 1)))
    found = explained(s, roster(s))  # T1 works E Mon-Fri; Good Friday is 3 Apr
    assert lines(found) == [("2026-04-03", "E", [("bank_holiday", 1, ())])]
    assert "Good Friday (cover_bank_holidays = false)" in found[0].why
    # a contract that buys bank-holiday cover is short for another reason
    bought = scenario(SPRING, contract=cover((["Fri"], "E", 1), cover_bank_holidays=True))
    [short] = explained(bought, roster(bought))
    assert [c.key for c in short.causes] == ["elsewhere"]


def test_rest_the_rules_force() -> None:
    # T1 rests Monday after a Sunday night (22:00-07:00): an early at 07:00 Monday would
    # leave no rest; on Mon 19 Oct there was no night before, so that rest was a choice
    s = scenario(AUTUMN, contract=cover((["Mon"], "E", 1)))
    table = roster(s, {"T1": ".EEE..N"})
    found = explained(s, table)
    assert lines(found) == [
        ("2026-10-19", "E", [("elsewhere", 1, ())]),
        ("2026-10-26", "E", [("forced_rest", 1, ("T1",))]),
        ("2026-11-02", "E", [("forced_rest", 1, ("T1",))]),
        ("2026-11-09", "E", [("leave", 1, ("T2",))]),  # after aid ending 17:00: T1 could
    ]
    assert found[1].why == (
        "1 on rest the rules force (T1): working it would leave under 11 h rest after their "
        "tour before"
    )


def test_seven_days_in_a_row_force_the_eighth_off() -> None:
    # T1 works Wed 21 to Tue 27 Oct, seven days (rested the Monday and Tuesday before, so
    # the weekly rest holds); Wed 28 is the eighth, and T2 alone is on the D tour
    s = scenario(AUTUMN, contract=cover((["Wed"], "D", 2)))
    line = "..DDDDD" + "DD.DD.." + "DDDD..D" + "DDDD..D"
    found = explained(s, roster(s, {"T1": line, "T2": "DDDD..D"}))
    assert lines(found) == [("2026-10-28", "D", [("forced_rest", 1, ("T1",))])]
    # worked, it would join the seven before to Thu 29 and Fri 30: ten in a row, said as
    # what working it would do (the roster itself has seven, within the rule)
    assert found[0].why == (
        "1 on rest the rules force (T1): working it would make 10 days in a row with a tour "
        "(at most 7)"
    )


def test_sick_and_abstracted_officers() -> None:
    s = scenario(AUTUMN, contract=cover((["Mon", "Tue"], "L", 1)))
    table = set_day(roster(s), "T2", "2026-10-19", "SICK")
    table = set_day(table, "T2", "2026-10-27", "COURT", times=("09:00", "17:00"))
    found = explained(s, table)
    assert lines(found)[:2] == [
        ("2026-10-19", "L", [("sick", 1, ("T2",))]),
        ("2026-10-27", "L", [("abstracted", 1, ("T2",))]),
    ]
    assert found[1].why == "1 abstracted (T2): court"


def test_a_vacant_post() -> None:
    s = scenario(
        AUTUMN,
        contract=cover((["Wed"], "E", 3), posts={"constable": 2, "sergeant": 1}),
        leave={},
    )
    found = explained(s, roster(s, {"T2": "EEEE..E"}))
    assert {c.key for f in found for c in f.causes} == {"vacant"}
    assert len(found) == 4
    assert found[0].why == "1 post(s) vacant"


def test_too_few_officers_for_the_weekly_pattern() -> None:
    # two officers each working five days a week cannot give two every day
    s = scenario(AUTUMN, contract=cover((["daily"], "E", 2)), leave={})
    found = explained(s, roster(s, {"T1": "EEEE..E", "T2": "EEEE..E"}))
    # Fri 6 Nov: an early at 07:00 would follow Bonfire Night's aid ending at 01:00
    assert totals(found) == {"hdd_aid": 4, "forced_rest": 2, "pattern": 14}
    weekend = [f for f in found if f.day.weekday() in (4, 5) and f.day != date(2026, 11, 6)]
    assert len(weekend) == 7
    assert all([c.key for c in f.causes] == ["pattern"] for f in weekend)
    assert "it asks 56 officer-tours, the officers can give 36" in weekend[0].why


def test_filters_by_contract_and_month() -> None:
    s = scenario(AUTUMN, contract=cover((["Mon", "Tue"], "L", 1)))
    table = roster(s)
    parsed = parse_roster(table)
    assert len(explain_shortfalls(s, parsed, month=(2026, 11))) == 2
    assert explain_shortfalls(s, parsed, month=(2026, 10)) == []
    assert explain_shortfalls(s, parsed, contract_id="OTHER") == []


@pytest.mark.parametrize("weeks", [3, 4])
def test_a_solved_roster_is_explained_true_to_its_table(weeks: int) -> None:
    """The engine's roster of a small scenario, explained: every shortfall's numbers and
    every officer named agree with the table (checked by ``explained``)."""
    from roster_fixtures import small_scenario

    from scheduler.roster.run import SolveSettings, roster_scenario

    start = date(2026, 10, 5)
    s = small_scenario(
        start=start, end=start + timedelta(days=7 * weeks - 1), constables=2, cover_min=2
    )
    result = roster_scenario(s, SolveSettings(time_limit=5, seed=0, workers=1))
    assert result.feasible
    found = explained(s, result.table)
    assert found, "two constables and a sergeant cannot cover two on every asked tour"
    by_cause = totals(found)
    assert sum(by_cause.values()) == sum(f.short for f in found)


def test_a_contract_the_roster_does_not_hold_is_left_out() -> None:
    """s92 roster prints the totals for the contracts it could roster, not the others."""
    from roster_fixtures import small_scenario

    s = small_scenario(end=date(2026, 10, 18))
    table = roster_of(s)
    only_a = table[table["contract_id"] == "A"]
    found = explain_shortfalls(s, parse_roster(only_a))
    assert {f.contract_id for f in found} <= {"A"}
    assert [f for f in explain_shortfalls(s, parse_roster(table)) if f.contract_id == "A"] == found


def roster_of(s: Scenario) -> pd.DataFrame:
    """Every officer on REST every day: a roster of the whole scenario, short everywhere."""
    rows = [
        {
            "officer_id": o.id,
            "contract_id": o.contract,
            "rank": o.rank,
            "date": d.isoformat(),
            "state": "REST",
            "shift": "",
            "start": "",
            "end": "",
            "hours": 0.0,
            "event": "",
        }
        for o in s.officers
        for d in s.days
    ]
    return pd.DataFrame(rows)


def test_rows_days_are_their_dates_converted_once_a_day() -> None:
    """``dates_of``: each row's day as a date, as ``Timestamp.date`` gives it row by row
    (the explanation reads a year's 120,000 rows; a few hundred days); no day stays none."""
    days = ["2026-10-25", "2026-04-01", "NaT", "2026-10-25", "2027-03-28"]
    stamps = pd.Series([pd.Timestamp(d) for d in days])
    assert dates_of(stamps)[:2] == [date(2026, 10, 25), date(2026, 4, 1)]
    assert dates_of(stamps)[3:] == [date(2026, 10, 25), date(2027, 3, 28)]
    assert dates_of(stamps)[2] is pd.NaT
    assert dates_of(stamps[stamps.notna()]) == [d.date() for d in stamps.dropna().tolist()]


def test_each_days_ask_is_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pattern and each day's shortfalls read the council's ask of the same day: once
    a contract-day (a London year's explanation spent a tenth of its time on it), the
    explanation the same."""
    import scheduler.check.shortfall as shortfall

    s = scenario(AUTUMN, contract=cover((["daily"], "E", 2), (["daily"], "L", 1)), leave={})
    table = roster(s, {"T1": "EEEE..E", "T2": "EEEE..E"})
    expected = lines(explained(s, table))
    assert {c for _, _, causes in expected for c, _, _ in causes} >= {"pattern", "forced_rest"}
    asked: list[date] = []
    ask = shortfall.council_ask

    def counted(contract: Any, day: date) -> dict[str, int]:
        asked.append(day)
        return ask(contract, day)

    monkeypatch.setattr(shortfall, "council_ask", counted)
    assert lines(explain_shortfalls(s, parse_roster(table))) == expected
    assert sorted(asked) == sorted(s.days)


@pytest.mark.parametrize("bought", [False, True])
def test_the_pattern_is_counted_once_for_the_roster(
    bought: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The weekly pattern's numbers (bank holidays bought or not, a bank holiday and a rest
    day inside leave) come from officer-days counted once for the whole roster, not from
    the roster read again for every officer-day of every contract (a London year's
    explanation read it 158,000 times)."""
    from scheduler.check.shortfall import _Roster

    s = scenario(
        SPRING,
        contract=cover((["daily"], "E", 2), cover_bank_holidays=bought),
    )  # Good Friday and Easter Monday; T2 on leave on Easter Monday and the day after
    table = roster(s)
    reads = 0
    state = _Roster.state

    def counted(self: _Roster, oid: str, day: date) -> tuple[str, str] | None:
        nonlocal reads
        reads += sys._getframe(1).f_code.co_name == "_pattern"
        return state(self, oid, day)

    monkeypatch.setattr(_Roster, "state", counted)
    found = explained(s, table)
    [pattern] = {c.notes for f in found for c in f.causes if c.key == "pattern"}
    # T1 gives 28 days less 8 rest days owed; T2 three fewer (two of leave, one of HDD aid);
    # bank holidays not bought: Good Friday off both, Easter Monday off T1 (T2's is leave)
    asks, gives = (56, 37) if bought else (52, 34)
    assert pattern == (f"it asks {asks} officer-tours, the officers can give {gives}",)
    assert reads == 0  # was every officer-day, once a contract
