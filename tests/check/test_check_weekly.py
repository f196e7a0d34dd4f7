"""Rules 'weekly-rest' (WTR reg 11) and 'average-hours' (WTR reg 4)."""

from __future__ import annotations

from check_builder import AUTUMN, found, roster, scenario, set_day

from scheduler.check import check_roster

AUT = scenario(AUTUMN)
A = roster(AUT)
# Weeks 19 Oct and 26 Oct make the first fortnight. T1 works every day of the week of 26
# Oct (at most 16 h between earlies) and rests elsewhere to keep 8 rest days. HDDs: Thu 5
# and Sun 8 Nov are aid days.
NO_WEEKLY_REST = "EEEEEE." + "EEEEEEE" + "...E..E" + "..EEEEE"


def test_week_without_24_hours_and_fortnight_without_48() -> None:
    # the fortnight's only long rest: Sat 24 Oct 15:00 BST to Mon 26 Oct 07:00 GMT = 41 h
    [b] = check_roster(AUT, roster(AUT, {"T1": NO_WEEKLY_REST})).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-26", "weekly-rest")
    assert b.detail == (
        "longest rest in the week from 2026-10-26 is 16.0 h; minimum 24 h, nor does its "
        "fortnight have one rest of 48 h or two of 24 h (longest 41.0 h, 1 of 24 h)"
    )


def test_fortnight_alternative_one_long_rest() -> None:
    # Fri 23 Oct 15:00 to Mon 26 Oct 07:00 is 65 h, inside the first fortnight
    t1 = "EEEEE.." + "EEEEEEE" + "...E..E" + "E..EEEE"
    assert check_roster(AUT, roster(AUT, {"T1": t1})).breaches == []


def test_fortnight_alternative_two_daily_rests() -> None:
    # rests of 40 h (Wed 15:00 - Fri 07:00) and 41 h (Sat 15:00 - Mon 07:00): two of 24 h
    t1 = "EEE.EE." + "EEEEEEE" + "...E..E" + "E..EEEE"
    assert check_roster(AUT, roster(AUT, {"T1": t1})).breaches == []


def test_fortnight_rest_follows_the_setting() -> None:
    s = scenario(AUTUMN, rules={"fortnightly_rest_hours": 40})
    assert check_roster(s, roster(s, {"T1": NO_WEEKLY_REST})).breaches == []


def test_odd_last_week_has_no_fortnight() -> None:
    s = scenario(AUTUMN, weeks=3, keep_rule_hdds=False)
    t1 = "EEE...E" + "EEE...." + "EEEEEEE"
    [b] = check_roster(s, roster(s, {"T1": t1})).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-11-02", "weekly-rest")
    assert "no fortnight" in b.detail


def test_sunday_night_tour_spilling_into_monday_counts_in_the_new_week() -> None:
    # With 50 h weekly rest, T1's week of 26 Oct passes on Mon-Tue off (Mon 00:00 to Wed
    # 07:00 = 55 h) unless Sunday's tour runs 21:00-07:00 into Monday (48 h left); the
    # fortnight needs 100 h or two rests of 50 h, and has only 65 h (Thu 22 - Sun 25 Oct).
    s = scenario(AUTUMN, rules={"weekly_rest_hours": 50, "fortnightly_rest_hours": 100})
    frame = roster(s, {"T1": "EEEE..E" + "..EEEEE" + "E..E..E" + "EEEE..E"})
    week = ("T1", "2026-10-26", "weekly-rest")
    assert week not in found(check_roster(s, frame))
    spill = set_day(frame, "T1", "2026-10-25", "DUTY", "X")
    [b] = [b for b in check_roster(s, spill).breaches if b.date.isoformat() == "2026-10-26"]
    assert (b.officer_id, b.rule) == ("T1", "weekly-rest")
    assert b.detail.startswith("longest rest in the week from 2026-10-26 is 48.0 h")


def test_average_hours_over_the_reference_period() -> None:
    frame = A
    for day, state in A[A["officer_id"] == "T1"][["date", "state"]].itertuples(index=False):
        if state == "DUTY":  # 10 h training instead of each 8 h early
            frame = set_day(frame, "T1", day, "TRAINING", times=("07:00", "17:00"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-19", "average-hours")
    assert b.detail == (
        "200.0 h in the 28 days 2026-10-19 to 2026-11-15 (average 50.0 h a "
        "week); maximum 192.0 h (48 h a week)"
    )


def test_average_hours_reports_the_worst_window_once() -> None:
    s = scenario(AUTUMN, rules={"reference_weeks": 1, "max_average_weekly_hours": 40})
    breaches = check_roster(s, A).breaches
    # T1's week of 2 Nov: three earlies (24 h) and two 10 h aid tours = 44 h in 7 days
    [b] = [b for b in breaches if b.officer_id == "T1"]
    assert b.rule == "average-hours"
    assert b.detail.startswith("44.0 h in the 7 days")
