"""Reading announced High Demand Days from .ics files written with icalendar."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import STATUS, Calendar, Event

from calendars import (
    DEFAULT_AID_TOUR,
    LONDON,
    HighDemandCalendar,
    HighDemandDay,
    read_hdd_ics,
)


def write_ics(path: Path, *events: Event) -> Path:
    """A calendar file holding ``events``, with VTIMEZONEs as real exports have."""
    cal = Calendar.new(prodid="-//s92 tests//EN", subcomponents=events)
    cal.add_missing_timezones()
    path.write_bytes(cal.to_ical())
    return path


def test_all_day_event_gets_the_default_aid_tour(tmp_path: Path) -> None:
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(summary="Trooping the Colour", start=date(2026, 6, 13), end=date(2026, 6, 14)),
    )
    assert read_hdd_ics(ics) == [
        HighDemandDay(date(2026, 6, 13), "Trooping the Colour", *DEFAULT_AID_TOUR, "imported")
    ]


def test_multi_day_all_day_event_gives_one_hdd_per_day(tmp_path: Path) -> None:
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(summary="State visit", start=date(2026, 7, 7), end=date(2026, 7, 10)),
    )
    assert [h.date for h in read_hdd_ics(ics)] == [
        date(2026, 7, 7),
        date(2026, 7, 8),
        date(2026, 7, 9),
    ]


def test_timed_events_keep_london_times(tmp_path: Path) -> None:
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(
            summary="London Marathon",
            start=datetime(2026, 4, 26, 6, 0, tzinfo=LONDON),
            end=datetime(2026, 4, 26, 16, 30, tzinfo=LONDON),
        ),
        # 09:00-17:00 UTC is 10:00-18:00 BST.
        Event.new(
            summary="Pride in London",
            start=datetime(2026, 7, 4, 9, 0, tzinfo=UTC),
            end=datetime(2026, 7, 4, 17, 0, tzinfo=UTC),
        ),
    )
    marathon, pride = read_hdd_ics(str(ics))
    assert (marathon.date, marathon.start, marathon.end) == (
        date(2026, 4, 26),
        time(6),
        time(16, 30),
    )
    assert (pride.start, pride.end, pride.source) == (time(10), time(18), "imported")


def test_overnight_event_across_the_clock_change(tmp_path: Path) -> None:
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(
            summary="Night operation",
            start=datetime(2026, 10, 24, 22, 0, tzinfo=LONDON),
            end=datetime(2026, 10, 25, 7, 0, tzinfo=LONDON),
        ),
    )
    (hdd,) = read_hdd_ics(ics)
    assert (hdd.date, hdd.start, hdd.end, hdd.hours) == (date(2026, 10, 24), time(22), time(7), 10)


def test_duration_and_floating_times(tmp_path: Path) -> None:
    event = Event.new(summary="State Opening of Parliament", start=datetime(2026, 5, 13, 7, 0))
    event.DURATION = timedelta(hours=9)
    (hdd,) = read_hdd_ics(write_ics(tmp_path / "hdd.ics", event))
    assert (hdd.start, hdd.end) == (time(7), time(16))


def test_cancelled_events_are_skipped_and_output_is_sorted(tmp_path: Path) -> None:
    cancelled = Event.new(summary="Called off", start=date(2026, 5, 1), status=STATUS.CANCELLED)
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(summary="B", start=date(2026, 9, 1)),
        cancelled,
        Event.new(summary="A", start=date(2026, 6, 1)),
    )
    assert [h.name for h in read_hdd_ics(ics)] == ["A", "B"]


def test_imported_days_feed_a_calendar(tmp_path: Path) -> None:
    ics = write_ics(
        tmp_path / "hdd.ics",
        Event.new(summary="NYE (Met plan)", start=date(2026, 12, 31)),
        Event.new(summary="Trooping the Colour", start=date(2026, 6, 13)),
    )
    cal = HighDemandCalendar(2026, add=read_hdd_ics(ics))
    assert len(cal) == 6
    nye = cal.get(date(2026, 12, 31))
    assert nye is not None
    assert nye.source == "imported"


def test_empty_calendar_gives_no_days(tmp_path: Path) -> None:
    assert read_hdd_ics(write_ics(tmp_path / "empty.ics")) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable iCalendar"),
        (b"this is not a calendar\n", "not a readable iCalendar"),
        (b"BEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20260613\r\nEND:VEVENT\r\n", "no VCALENDAR"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:notadate\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            "event 'x'",
        ),
        (b"\xff\xfe\x00garbage", "iCalendar"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message) as caught:
        read_hdd_ics(path)
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nowhere\.ics: no such file$") as caught:
        read_hdd_ics(tmp_path / "nowhere.ics")
    assert "nowhere.ics" in str(caught.value)


def _recurring() -> Event:
    event = Event.new(summary="Every NYE", start=date(2026, 12, 31))
    event.add("RRULE", {"FREQ": "YEARLY"})
    return event


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([Event.new(start=date(2026, 6, 13))], "SUMMARY"),
        ([Event.new(summary="No start")], "DTSTART"),
        ([Event.new(summary="No end", start=datetime(2026, 6, 13, 8, tzinfo=LONDON))], "DTEND"),
        (
            [
                Event.new(
                    summary="Too long",
                    start=datetime(2026, 6, 13, 8, tzinfo=LONDON),
                    end=datetime(2026, 6, 14, 9, tzinfo=LONDON),
                )
            ],
            "0-24 h",
        ),
        (
            [
                Event.new(summary="A", start=date(2026, 6, 13)),
                Event.new(summary="B", start=date(2026, 6, 13)),
            ],
            "two events on 2026-06-13",
        ),
        ([_recurring()], "recurring"),
    ],
)
def test_events_we_cannot_use(tmp_path: Path, events: list[Event], message: str) -> None:
    path = write_ics(tmp_path / "odd.ics", *events)
    with pytest.raises(ValueError, match=message) as caught:
        read_hdd_ics(path)
    assert "odd.ics" in str(caught.value)
