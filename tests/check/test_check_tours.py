"""Rules 'tour-length', 'rest-between-tours', 'consecutive-duty-days' and the
'consecutive-nights' warning, including both clock changes of 2026."""

from __future__ import annotations

from check_builder import AUTUMN, SPRING, found, roster, scenario, set_day

from scheduler.check import check_roster

AUT = scenario(AUTUMN)
SPR = scenario(SPRING)
A = roster(AUT)
S = roster(SPR)


def test_night_tour_across_october_change_is_ten_hours_and_lawful() -> None:
    # T2 swaps Sunday's late for Saturday night 22:00 BST - 07:00 GMT
    frame = set_day(A, "T2", "2026-10-24", "DUTY", "N")
    frame = set_day(frame, "T2", "2026-10-25", "REST")
    row = frame[(frame["officer_id"] == "T2") & (frame["date"] == "2026-10-24")].iloc[0]
    assert (row["start"], row["end"], row["hours"]) == (
        "2026-10-24T22:00:00+01:00",
        "2026-10-25T07:00:00+00:00",
        10.0,
    )
    report = check_roster(AUT, frame)
    assert report.breaches == []
    assert report.warnings == []


def test_ten_hour_clock_tour_is_eleven_elapsed_and_lawful() -> None:
    frame = set_day(A, "T2", "2026-10-24", "DUTY", "X")  # 21:00 BST - 07:00 GMT
    frame = set_day(frame, "T2", "2026-10-25", "REST")
    assert check_roster(AUT, frame).breaches == []


def test_tour_longer_than_the_maximum() -> None:
    frame = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-28", "tour-length")
    assert b.detail == (
        "tour 2026-10-28T07:00+00:00 to 2026-10-28T18:00+00:00 lasts 11.0 h "
        "on the clock (11.0 h elapsed); maximum 10 h"
    )


def test_ten_hours_elapsed_across_the_march_change_is_lawful_at_eleven_on_the_clock() -> None:
    # 20:00 GMT Sat 28 Mar - 07:00 BST Sun 29 Mar: 11 h on the clock, 10 h elapsed (a
    # 10 h tour type ending in the hour the clocks skip is such a tour: once a refusal of
    # every roster that put anyone on it that night)
    frame = set_day(S, "T2", "2026-03-28", "TRAINING", times=("20:00", "07:00"))
    frame = set_day(frame, "T2", "2026-03-29", "REST")
    assert check_roster(SPR, frame).breaches == []


def test_eleven_hours_both_ways_across_the_march_change_is_too_long() -> None:
    # 19:00 GMT Sat 28 Mar - 07:00 BST Sun 29 Mar: 12 h on the clock, 11 h elapsed
    frame = set_day(S, "T2", "2026-03-28", "TRAINING", times=("19:00", "07:00"))
    frame = set_day(frame, "T2", "2026-03-29", "REST")
    [b] = check_roster(SPR, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T2", "2026-03-28", "tour-length")
    assert "12.0 h on the clock (11.0 h elapsed)" in b.detail


def test_tour_length_follows_the_setting() -> None:
    s = scenario(AUTUMN, rules={"max_tour_hours": 12})
    frame = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    assert check_roster(s, frame).breaches == []


def test_rest_across_october_change_counts_real_time() -> None:
    # T1 rests Thursday instead of Saturday: late 14:00-22:00 BST Sat, then 08:00 GMT Sun is
    # 10 h on the clock but 11 h of real rest
    frame = set_day(A, "T1", "2026-10-22", "REST")
    frame = set_day(frame, "T1", "2026-10-24", "DUTY", "L")
    lawful = set_day(frame, "T1", "2026-10-25", "DUTY", "D")
    assert check_roster(AUT, lawful).breaches == []
    short = set_day(frame, "T1", "2026-10-25", "DUTY", "E")  # 07:00 GMT: 10 h real rest
    [b] = check_roster(AUT, short).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-25", "rest-between-tours")
    assert b.detail == (
        "rest 10.0 h between tour ending 2026-10-24T22:00+01:00 and tour "
        "starting 2026-10-25T07:00+00:00; minimum 11 h"
    )


def test_rest_across_march_change_loses_an_hour() -> None:
    # late 14:00-22:00 GMT Sat 28 Mar, early 07:00 BST Sun 29 Mar: 9 h on the clock, 8 real
    frame = set_day(S, "T2", "2026-03-28", "DUTY", "L")
    [b] = check_roster(SPR, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T2", "2026-03-29", "rest-between-tours")
    assert b.detail.startswith(
        "rest 8.0 h between tour ending 2026-03-28T22:00+00:00 and "
        "tour starting 2026-03-29T07:00+01:00"
    )


def test_overlapping_tours_are_a_breach() -> None:
    # Wednesday's 21:00-07:00 tour still runs when Thursday's 06:00 training starts
    frame = set_day(A, "T2", "2026-10-28", "DUTY", "X")
    frame = set_day(frame, "T2", "2026-10-29", "TRAINING", times=("06:00", "14:00"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T2", "2026-10-29", "rest-between-tours")
    assert b.detail.startswith("tours overlap by 1.0 h")


def test_rest_counts_duty_time_whoever_it_was_for() -> None:
    # an emergency aid tour the evening before an early is duty time too
    frame = set_day(A, "T1", "2026-10-28", "EMERGENCY_AID", times=("18:00", "23:00"))
    [b] = check_roster(AUT, frame).breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-29", "rest-between-tours")
    assert b.detail.startswith("rest 8.0 h")


def test_more_than_seven_consecutive_duty_days() -> None:
    t1 = "..EEEEE" + "EEEE..E" * 3  # Wed 21 Oct to Thu 29 Oct: 9 days
    report = check_roster(AUT, roster(AUT, {"T1": t1}))
    [b] = report.breaches
    assert (b.officer_id, b.date.isoformat(), b.rule) == (
        "T1",
        "2026-10-28",
        "consecutive-duty-days",
    )
    assert b.detail == "9 consecutive days with a tour, 2026-10-21 to 2026-10-29; maximum 7"


def test_seven_consecutive_duty_days_are_lawful() -> None:
    t1 = "EE..EEE" + "EEE...E" + "EEEE..E" * 2  # Thu 22 to Wed 28 Oct: 7 days
    assert check_roster(AUT, roster(AUT, {"T1": t1})).breaches == []


def test_abstraction_days_count_as_duty_days() -> None:
    t1 = "..EEEEE" + "EEEE..E" * 3
    frame = roster(AUT, {"T1": t1})
    frame = set_day(frame, "T1", "2026-10-25", "COURT", times=("10:00", "16:00"))
    assert found(check_roster(AUT, frame)) == {("T1", "2026-10-28", "consecutive-duty-days")}
    frame = set_day(frame, "T1", "2026-10-25", "SICK")  # sickness breaks the run
    assert check_roster(AUT, frame).of("consecutive-duty-days") == []


def test_five_nights_in_a_row_is_a_warning_not_a_breach() -> None:
    t2 = "LLLL..L" + "NNNNN.." + "LLLL..L" * 2
    report = check_roster(AUT, roster(AUT, {"T2": t2}))
    assert report.breaches == []
    [w] = report.warnings
    assert (w.officer_id, w.date.isoformat(), w.rule) == ("T2", "2026-10-30", "consecutive-nights")
    assert w.detail == "5 consecutive night tours, 2026-10-26 to 2026-10-30; maximum 4"


def test_four_nights_and_short_night_time_are_no_warning() -> None:
    t2 = "LLLL..L" + "NNNN..." + "LLLL..L" * 2
    assert check_roster(AUT, roster(AUT, {"T2": t2})).warnings == []
    # 15:00-01:00 has only 2 h between 23:00 and 06:00: not a night tour
    t2 = "LLLL..L" + "LLLLL.." + "LLLL..L" * 2
    frame = roster(AUT, {"T2": t2})
    for day in ("2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"):
        frame = set_day(frame, "T2", day, "TRAINING", times=("15:00", "01:00"))
    assert check_roster(AUT, frame).warnings == []


def test_nights_after_midnight_count() -> None:
    # 01:00-09:00 tours have 5 h of the night that began the evening before
    t2 = "LLLL..L" + "LLLLL.." + "LLLL..L" * 2
    frame = roster(AUT, {"T2": t2})
    for day in ("2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"):
        frame = set_day(frame, "T2", day, "TRAINING", times=("01:00", "09:00"))
    report = check_roster(AUT, frame)
    assert found(report, warnings=True) == {("T2", "2026-10-30", "consecutive-nights")}


def test_rest_is_measured_from_the_latest_end_so_far() -> None:
    # a 48 h training block from Wed 00:00 holds Thursday's short tour inside it; Friday's
    # 07:00 early is 7 h after the block ends, however long after Thursday's tour
    frame = set_day(
        A,
        "T1",
        "2026-10-28",
        "TRAINING",
        start="2026-10-28T00:00:00+00:00",
        end="2026-10-30T00:00:00+00:00",
        hours=48.0,
    )
    frame = set_day(frame, "T1", "2026-10-29", "TRAINING", times=("02:00", "04:00"))
    frame = set_day(frame, "T1", "2026-10-30", "DUTY", "E")
    rests = check_roster(AUT, frame).of("rest-between-tours")
    assert [(b.date.isoformat(), b.detail.split(":")[0]) for b in rests] == [
        ("2026-10-28", "rest 9.0 h between tour ending 2026-10-27T15"),  # Tuesday's early
        ("2026-10-29", "tours overlap by 22.0 h"),
        ("2026-10-30", "rest 7.0 h between tour ending 2026-10-30T00"),
    ]
