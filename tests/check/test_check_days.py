"""Rules 'rest-days', 'leave' and 'bank-holiday'."""

from __future__ import annotations

import pandas as pd
from check_builder import AUTUMN, SPRING, found, roster, scenario, set_day

from scheduler.check import check_roster

AUT = scenario(AUTUMN)
SPR = scenario(SPRING)
A = roster(AUT)
S = roster(SPR)


def test_spring_base_is_lawful_with_bank_holidays_and_leave() -> None:
    report = check_roster(SPR, S)
    assert report.breaches == []
    assert report.warnings == []
    states = S.set_index(["officer_id", "date"])["state"]
    assert states["T1", "2026-04-03"] == "PUBLIC_HOLIDAY"  # Good Friday
    assert states["T2", "2026-04-06"] == "PUBLIC_HOLIDAY"  # Easter Monday, on leave
    assert states["T2", "2026-04-07"] == "LEAVE"


def test_too_few_rest_days() -> None:
    frame = set_day(A, "T1", "2026-10-23", "SICK")  # a rest day lost (not duty time)
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-19", "rest-days")
    assert b.detail == (
        "7 rest days in 28 days in post (2026-10-19 to 2026-11-15); at least 8 (2 a week)"
    )


def test_rest_days_round_down() -> None:
    # 2.2 a week over 28 days is 8.8: 8 rest days are enough
    assert check_roster(scenario(AUTUMN, rules={"rest_days_per_week": 2.2}), A).breaches == []
    s = scenario(AUTUMN, rules={"rest_days_per_week": 2.25})  # 9.0: 8 are too few
    assert found(check_roster(s, A)) == {
        ("T1", "2026-10-19", "rest-days"),
        ("T2", "2026-10-19", "rest-days"),
    }


def test_a_short_booking_keeps_the_rest_days_it_falls_on() -> None:
    """Leave is taken on duty days, never on rest days: 2 days of leave may keep a
    weekend's rest days (at most 2 a week or part-week of leave), so REST on one or both
    is lawful. Before, one was flagged, and a re-roster turned a published rest day a short
    booking fell on into leave and re-rostered it elsewhere."""
    frame = set_day(A, "T2", "2026-11-09", "REST")
    assert check_roster(AUT, frame).breaches == []
    frame = set_day(frame, "T2", "2026-11-10", "REST")
    assert {b for b in found(check_roster(AUT, frame)) if b[2] == "leave"} == set()


# T2 away Mon 26 Oct - Fri 6 Nov: 12 days, a week and a weekend (DESIGN.md's example)
FORTNIGHT = scenario(AUTUMN, leave={"T2": ["2026-10-26/2026-11-06"]})
AWAY = roster(FORTNIGHT)


def leave_breaches(frame) -> set[tuple[str, str, str]]:
    return {b for b in found(check_roster(FORTNIGHT, frame)) if b[2] == "leave"}


def test_a_week_of_leave_holds_its_rest_days_on_any_of_its_days() -> None:
    """12 days of leave span two weeks: REST on up to 4 of them is lawful (2 a week or
    part-week; they count toward the rest days owed), Saturday to Wednesday of a fortnight
    away spanning two weekends; a fifth counts toward nothing: a day off more while T2's
    other rest days meet the rest days owed, else rest days dumped into the leave. Before,
    a fifth was refused however many rest days T2 had besides."""
    assert leave_breaches(AWAY) == set()
    for days in (("2026-10-31", "2026-11-01"), ("2026-10-26", "2026-11-06", "2026-11-02")):
        frame = AWAY
        for day in days:
            frame = set_day(frame, "T2", day, "REST")
        assert leave_breaches(frame) == set(), days
    frame = set_day(frame, "T2", "2026-11-03", "REST")
    assert leave_breaches(frame) == set()
    frame = set_day(frame, "T2", "2026-11-04", "REST")
    # a fifth is a day off more while T2's other rest days still meet the rest days owed
    assert leave_breaches(frame) == set()
    # but dumped into the leave when T2 works the rest days outside it instead
    frame = worked_elsewhere(frame, "T2", ("2026-10-26", "2026-11-06"), 3)
    [b] = [b for b in check_roster(FORTNIGHT, frame).breaches if b.rule == "leave"]
    assert (b.officer_id, b.date.isoformat()) == ("T2", "2026-11-06")
    assert b.detail.startswith("5 rest days in 12 days of leave (2026-10-26 to 2026-11-06)")
    assert "at most 4 (2 a week or part-week of leave)" in b.detail


def worked_elsewhere(
    frame: pd.DataFrame, officer: str, leave: tuple[str, str], n: int
) -> pd.DataFrame:
    """``frame`` with the officer's first ``n`` rest days outside ``leave`` worked."""
    mine = frame[(frame["officer_id"] == officer) & (frame["state"] == "REST")]
    outside = [d for d in mine["date"] if not leave[0] <= d <= leave[1]]
    for day in outside[:n]:
        frame = set_day(frame, officer, day, "DUTY", "E")
    return frame


def test_leave_from_the_entry_log_counts_by_its_rows_kind() -> None:
    """Leave logged since (rows of kind leave, the scenario not knowing it) is judged by
    the same rule: a week of it holds 2 rest days, 3 days at most 2 (not 3)."""
    frame = A
    week = [f"2026-10-{d}" for d in range(19, 26)]  # Mon 19 - Sun 25 Oct, T1 rests Fri, Sat
    for day in week:
        state = "REST" if day in ("2026-10-23", "2026-10-24") else "LEAVE"
        frame = set_day(frame, "T1", day, state, kind="leave", abstraction_id="4")
    assert {b for b in found(check_roster(AUT, frame)) if b[2] == "leave"} == set()
    short = A
    for day in ("2026-10-22", "2026-10-23", "2026-10-24"):
        short = set_day(short, "T1", day, "REST", kind="leave")
    assert {b for b in found(check_roster(AUT, short)) if b[2] == "leave"} == set()
    short = worked_elsewhere(short, "T1", ("2026-10-22", "2026-10-24"), 1)
    [b] = [b for b in check_roster(AUT, short).breaches if b.rule == "leave"]
    assert (b.officer_id, b.date.isoformat()) == ("T1", "2026-10-24")
    assert b.detail.startswith("3 rest days in 3 days of leave")


def test_leave_day_worked() -> None:
    for state in ("DUTY", "TRAINING"):
        frame = set_day(A, "T2", "2026-11-09", state, "L")
        assert found(check_roster(AUT, frame)) == {("T2", "2026-11-09", "leave")}, state


def test_sick_on_a_leave_day_is_lawful() -> None:
    assert check_roster(AUT, set_day(A, "T2", "2026-11-09", "SICK")).breaches == []


def test_leave_on_a_bank_holiday() -> None:
    assert check_roster(SPR, set_day(S, "T2", "2026-04-06", "LEAVE")).breaches == []
    frame = set_day(S, "T2", "2026-04-06", "REST")
    # the leave rule speaks for a leave day; the bank-holiday rule does not repeat it
    assert found(check_roster(SPR, frame)) == {("T2", "2026-04-06", "leave")}


def test_rest_on_a_bank_holiday() -> None:
    [b] = check_roster(SPR, set_day(S, "T1", "2026-04-03", "REST")).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-04-03", "bank-holiday")
    assert b.detail == "REST on bank holiday 'Good Friday'; a bank holiday is PUBLIC_HOLIDAY"


def test_duty_on_a_bank_holiday_needs_contract_cover() -> None:
    frame = set_day(S, "T1", "2026-04-03", "DUTY", "E")
    [b] = check_roster(SPR, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-04-03", "bank-holiday")
    assert "cover_bank_holidays = false" in b.detail
    covered = scenario(SPRING, contract={"cover_bank_holidays": True})
    assert check_roster(covered, frame).breaches == []


def test_mps_claims_and_sickness_on_a_bank_holiday_are_lawful() -> None:
    for state in ("EMERGENCY_AID", "ABSTRACTED", "COURT", "TRAINING"):
        frame = set_day(S, "T1", "2026-04-03", state, "E")
        assert check_roster(SPR, frame).breaches == [], state
    assert check_roster(SPR, set_day(S, "T1", "2026-04-03", "SICK")).breaches == []


def test_public_holiday_on_an_ordinary_day_is_a_warning() -> None:
    report = check_roster(AUT, set_day(A, "T1", "2026-10-28", "PUBLIC_HOLIDAY"))
    assert report.breaches == []
    assert found(report, warnings=True) == {("T1", "2026-10-28", "bank-holiday")}


def test_one_rest_day_is_said_in_the_singular() -> None:
    # "1 rest days in 28 days": a planner's edited roster left with one rest day
    frame = A
    rests = A[(A["officer_id"] == "T1") & (A["state"] == "REST")]["date"].astype(str).tolist()
    for day in rests[1:]:
        frame = set_day(frame, "T1", day, "SICK")
    rest_days = [b for b in check_roster(AUT, frame).breaches if b.rule == "rest-days"]
    assert [b.detail for b in rest_days] == [
        "1 rest day in 28 days in post (2026-10-19 to 2026-11-15); at least 8 (2 a week)"
    ]
