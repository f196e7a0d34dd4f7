"""Tour intervals in London across the clock changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars import LONDON, clock_change, clocks_go_forward, tour_hours, tour_interval


def test_day_tour_is_same_day_and_aware() -> None:
    start, end = tour_interval(date(2026, 6, 10), time(7), time(16))
    assert start == datetime(2026, 6, 10, 7, tzinfo=LONDON)
    assert end == datetime(2026, 6, 10, 16, tzinfo=LONDON)
    assert start.isoformat() == "2026-06-10T07:00:00+01:00"
    assert tour_hours(date(2026, 6, 10), time(7), time(16)) == 9


def test_night_tour_ends_next_day() -> None:
    _start, end = tour_interval(date(2026, 1, 10), time(22), time(7))
    assert end.date() == date(2026, 1, 11)
    assert tour_hours(date(2026, 1, 10), time(22), time(7)) == 9


def test_end_equal_to_start_is_a_24_hour_tour() -> None:
    assert tour_hours(date(2026, 1, 10), time(7), time(7)) == 24


def test_october_clock_change_night_is_ten_hours() -> None:
    # Clocks go back at 02:00 BST on Sunday 25 October 2026.
    start, end = tour_interval(date(2026, 10, 24), time(22), time(7))
    assert start.isoformat() == "2026-10-24T22:00:00+01:00"
    assert end.isoformat() == "2026-10-25T07:00:00+00:00"
    assert tour_hours(date(2026, 10, 24), time(22), time(7)) == 10


def test_march_clock_change_night_is_eight_hours() -> None:
    # Clocks go forward at 01:00 GMT on Sunday 28 March 2027.
    start, end = tour_interval(date(2027, 3, 27), time(22), time(7))
    assert start.isoformat() == "2027-03-27T22:00:00+00:00"
    assert end.isoformat() == "2027-03-28T07:00:00+01:00"
    assert tour_hours(date(2027, 3, 27), time(22), time(7)) == 8


def test_nonexistent_time_is_read_on_the_clock_before_the_jump() -> None:
    # 01:30 on 29 March 2026 never shows on a London clock; fold=0 reads it as 01:30 GMT.
    start, _ = tour_interval(date(2026, 3, 29), time(1, 30), time(9, 30))
    assert start.isoformat() == "2026-03-29T02:30:00+01:00"
    assert tour_hours(date(2026, 3, 29), time(1, 30), time(9, 30)) == 7


def test_ambiguous_time_is_its_first_occurrence() -> None:
    # 01:30 on 25 October 2026 happens twice; fold=0 picks the first, still on BST.
    start, _ = tour_interval(date(2026, 10, 25), time(1, 30), time(9, 30))
    assert start.isoformat() == "2026-10-25T01:30:00+01:00"
    assert tour_hours(date(2026, 10, 25), time(1, 30), time(9, 30)) == 9


def test_tour_inside_the_march_gap_with_no_length_is_refused() -> None:
    with pytest.raises(ValueError, match="no length"):
        tour_interval(date(2026, 3, 29), time(1, 30), time(2, 10))


def test_aware_times_and_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="local"):
        tour_interval(date(2026, 6, 1), time(7, tzinfo=UTC), time(16))
    with pytest.raises(ValueError, match="date"):
        tour_interval(datetime(2026, 6, 1, 7), time(7), time(16))


@given(
    day=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
    start=st.times(),
    end=st.times(),
)
def test_tour_hours_match_wall_clock_within_an_hour(day: date, start: time, end: time) -> None:
    # A tour spans at most one clock change, so real and wall-clock lengths differ by <= 1 h.
    wall_end_day = day + timedelta(days=1) if end <= start else day
    wall = datetime.combine(wall_end_day, end) - datetime.combine(day, start)
    try:
        hours = tour_hours(day, start, end)
    except ValueError:
        return  # only a tour beginning in the March gap; covered above
    assert 0 < hours <= 25
    assert abs(hours - wall.total_seconds() / 3600) <= 1


@given(day=st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_interval_is_a_real_london_reading(day: date) -> None:
    start, end = tour_interval(day, time(22), time(7))
    for moment in (start, end):
        assert moment.tzinfo is LONDON
        assert moment.astimezone(UTC).astimezone(LONDON) == moment
    assert end.astimezone(UTC) > start.astimezone(UTC)


@pytest.mark.parametrize(
    ("day", "at", "expected"),
    [
        (date(2026, 3, 29), time(1, 0), "skipped"),
        (date(2026, 3, 29), time(1, 59), "skipped"),
        (date(2026, 3, 29), time(0, 59), None),
        (date(2026, 3, 29), time(2, 0), None),
        (date(2026, 10, 25), time(1, 0), "repeated"),
        (date(2026, 10, 25), time(1, 30), "repeated"),
        (date(2026, 10, 25), time(2, 0), None),
        (date(2026, 10, 24), time(1, 30), None),
        (date(2028, 2, 29), time(1, 30), None),
    ],
)
def test_clock_change_names_skipped_and_repeated_times(
    day: date, at: time, expected: str | None
) -> None:
    assert clock_change(day, at) == expected


def test_a_tours_clock_length_runs_past_midnight_and_round_the_clock() -> None:
    from calendars import clock_minutes

    assert clock_minutes(time(7), time(15)) == 480
    assert clock_minutes(time(22), time(7)) == 540  # a night: the end is the next day's
    assert clock_minutes(time(18), time(4)) == 600  # New Year's Eve's aid tour
    assert clock_minutes(time(7), time(7)) == 1440  # a whole day, not none


def test_the_days_the_clocks_go_forward_come_from_the_time_zone() -> None:
    assert clocks_go_forward(date(2026, 1, 1), date(2028, 12, 31)) == [
        date(2026, 3, 29),
        date(2027, 3, 28),
        date(2028, 3, 26),
    ]
    # the day itself counts at either end; October's change is not one
    assert clocks_go_forward(date(2027, 3, 28), date(2027, 3, 28)) == [date(2027, 3, 28)]
    assert clocks_go_forward(date(2027, 3, 29), date(2027, 12, 31)) == []
