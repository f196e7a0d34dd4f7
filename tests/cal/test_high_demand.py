"""High Demand Day rules and overrides (DESIGN §3)."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars import (
    DEFAULT_AID_TOUR,
    HighDemandCalendar,
    HighDemandDay,
    high_demand_days,
    is_bank_holiday,
)


def on(cal: HighDemandCalendar, d: date) -> HighDemandDay:
    """The High Demand Day the test expects ``cal`` to hold on ``d``."""
    hdd = cal.get(d)
    assert hdd is not None, f"no High Demand Day on {d}"
    return hdd


def test_rule_days_of_2023() -> None:
    names = {h.date: h.name for h in HighDemandCalendar(2023).days()}
    assert names == {
        date(2023, 8, 27): "Notting Hill Carnival (Sunday)",
        date(2023, 8, 28): "Notting Hill Carnival (Monday)",
        date(2023, 11, 5): "Million Mask March / Bonfire Night",
        date(2023, 11, 12): "Remembrance Sunday",
        date(2023, 12, 31): "New Year's Eve",
    }


def test_remembrance_sunday_2024_was_10_november() -> None:
    hdd = HighDemandCalendar(2024).get(date(2024, 11, 10))
    assert hdd is not None
    assert hdd.name == "Remembrance Sunday"
    assert (hdd.start, hdd.end) == (time(7), time(17))


def test_aid_tours_of_the_rules() -> None:
    cal = HighDemandCalendar(2026)
    assert (on(cal, date(2026, 12, 31)).start, on(cal, date(2026, 12, 31)).end) == (
        time(18),
        time(4),
    )
    assert on(cal, date(2026, 12, 31)).hours == 10  # runs past midnight
    assert (on(cal, date(2026, 11, 5)).start, on(cal, date(2026, 11, 5)).end) == (time(15), time(1))
    assert (on(cal, date(2026, 8, 30)).start, on(cal, date(2026, 8, 31)).end) == (time(8), time(18))
    assert all(h.source == "rule" and h.officers is None and h.share is None for h in cal)


def test_membership_and_get() -> None:
    cal = HighDemandCalendar([2026, 2027])
    assert date(2027, 12, 31) in cal
    assert date(2026, 12, 30) not in cal
    assert "2026-12-31" not in cal
    assert cal.get(date(2026, 12, 30)) is None
    assert len(cal) == 10
    assert cal.years == (2026, 2027)


def test_add_dict_with_default_tour_and_add_object() -> None:
    trooping = {"date": date(2026, 6, 13), "name": "Trooping the Colour"}
    marathon = HighDemandDay(date(2026, 4, 26), "London Marathon", time(6), time(16), "added", 20)
    cal = HighDemandCalendar(2026, add=[trooping, marathon])
    hdd = cal.get(date(2026, 6, 13))
    assert hdd == HighDemandDay(
        date(2026, 6, 13), "Trooping the Colour", *DEFAULT_AID_TOUR, "added"
    )
    assert cal.get(date(2026, 4, 26)) == marathon
    assert [h.date for h in cal.days()] == sorted(h.date for h in cal.days())


def test_add_dict_with_text_times() -> None:
    cal = HighDemandCalendar(
        2026, add=[{"date": "2026-07-04", "name": "Pride", "start": "10:00", "end": "22:30"}]
    )
    assert (on(cal, date(2026, 7, 4)).start, on(cal, date(2026, 7, 4)).end) == (
        time(10),
        time(22, 30),
    )


def test_adding_a_rule_date_replaces_it() -> None:
    nye = {"date": date(2026, 12, 31), "name": "NYE fireworks", "start": time(16), "end": time(6)}
    cal = HighDemandCalendar(2026, add=[nye])
    assert len(cal) == 5
    assert on(cal, date(2026, 12, 31)).name == "NYE fireworks"
    assert on(cal, date(2026, 12, 31)).source == "added"


def test_remove_a_rule_date() -> None:
    cal = HighDemandCalendar(2026, remove=[date(2026, 11, 5)])
    assert date(2026, 11, 5) not in cal
    assert len(cal) == 4


def test_remove_accepts_iso_text() -> None:
    assert date(2026, 11, 5) not in HighDemandCalendar(2026, remove=["2026-11-05"])


def test_overrides_outside_the_years_are_ignored() -> None:
    cal = HighDemandCalendar(
        2026, add=[{"date": date(2027, 6, 12), "name": "Trooping"}], remove=[date(2025, 11, 5)]
    )
    assert len(cal) == 5


@pytest.mark.parametrize(
    ("add", "remove", "message"),
    [
        (
            [{"date": date(2026, 6, 13), "name": "A"}, {"date": date(2026, 6, 13), "name": "B"}],
            [],
            "two HDDs",
        ),
        ([{"date": date(2026, 11, 5), "name": "A"}], [date(2026, 11, 5)], "both added and removed"),
        ([], [date(2026, 11, 6)], "not a High Demand Day"),
        ([{"date": date(2026, 6, 13)}], [], "date and a name"),
        ([{"date": date(2026, 6, 13), "name": "A", "start": "08:00"}], [], "both start and end"),
        ([{"date": date(2026, 6, 13), "name": "A", "colour": "red"}], [], "unknown"),
        ([{"date": "13/06/2026", "name": "A"}], [], "date like"),
        ([{"date": date(2026, 6, 13), "name": "A", "start": "8am", "end": "6pm"}], [], "clock"),
        ([{"date": date(2026, 6, 13), "name": "A", "officers": -1}], [], "officers"),
        ([{"date": date(2026, 6, 13), "name": "A", "share": 1.5}], [], "share"),
        ([{"date": date(2026, 6, 13), "name": " "}], [], "needs a name"),
    ],
)
def test_bad_overrides(add: list, remove: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HighDemandCalendar(2026, add=add, remove=remove)


def test_bad_source_and_types() -> None:
    with pytest.raises(ValueError, match="source"):
        HighDemandDay(date(2026, 6, 13), "A", time(8), time(18), "x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        HighDemandDay(date(2026, 6, 13), "A", "08:00", time(18), "added")  # type: ignore[arg-type]


def test_high_demand_days_of_fy2026() -> None:
    days = high_demand_days(date(2026, 4, 1), date(2027, 3, 31))
    assert [h.date for h in days] == [
        date(2026, 8, 30),
        date(2026, 8, 31),
        date(2026, 11, 5),
        date(2026, 11, 8),
        date(2026, 12, 31),
    ]


def test_high_demand_days_with_overrides_in_the_period() -> None:
    days = high_demand_days(
        date(2026, 6, 1),
        date(2026, 9, 30),
        add=[{"date": date(2026, 6, 13), "name": "Trooping the Colour", "officers": 3}],
        remove=[date(2026, 8, 30)],
    )
    assert [(h.date, h.officers) for h in days] == [
        (date(2026, 6, 13), 3),
        (date(2026, 8, 31), None),
    ]


def test_interval_of_an_hdd() -> None:
    start, end = on(HighDemandCalendar(2026), date(2026, 11, 5)).interval()
    assert start.isoformat() == "2026-11-05T15:00:00+00:00"
    assert end.isoformat() == "2026-11-06T01:00:00+00:00"


@given(st.integers(1972, 2100))
def test_rule_dates_lie_in_their_year_one_per_date(year: int) -> None:
    days = HighDemandCalendar(year).days()
    assert len(days) == len({h.date for h in days}) == 5
    assert all(h.date.year == year for h in days)


@given(st.integers(1972, 2100))
def test_carnival_monday_is_the_last_monday_of_august_and_a_bank_holiday(year: int) -> None:
    cal = HighDemandCalendar(year)
    (monday,) = [h.date for h in cal if h.name == "Notting Hill Carnival (Monday)"]
    (sunday,) = [h.date for h in cal if h.name == "Notting Hill Carnival (Sunday)"]
    assert monday.weekday() == 0
    assert monday.month == 8
    assert (monday + timedelta(days=7)).month == 9
    assert sunday == monday - timedelta(days=1)
    assert is_bank_holiday(monday)


@given(st.integers(1900, 2200))
def test_remembrance_sunday_is_the_second_sunday_of_november(year: int) -> None:
    (day,) = [h.date for h in HighDemandCalendar(year) if h.name == "Remembrance Sunday"]
    assert day.weekday() == 6
    assert day.month == 11
    assert 8 <= day.day <= 14


@given(
    start=st.dates(date(1980, 1, 1), date(2090, 12, 31)),
    length=st.integers(0, 1500),
    removed=st.sets(st.integers(0, 4), max_size=5),
)
def test_high_demand_days_stay_in_the_period(start: date, length: int, removed: set[int]) -> None:
    end = date.fromordinal(start.toordinal() + length)
    rule_days = high_demand_days(start, end)
    remove = [rule_days[i].date for i in removed if i < len(rule_days)]
    days = high_demand_days(start, end, remove=remove)
    assert all(start <= h.date <= end for h in days)
    assert len(days) == len(rule_days) - len(remove)
    assert [h.date for h in days] == sorted({h.date for h in days})
