"""Entries checked against a scenario, or for structure only: one Problem per mistake."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from store_helpers import make_scenario, new

from scheduler.scenario import Scenario
from scheduler.store.entries import Abstraction
from scheduler.store.validate import (
    FIELDS,
    Where,
    clock_notes,
    known_kinds,
    overlap_problems,
    parse_entry,
)

WHERE = Where("<command line>", {f: f"--{f}" for f in FIELDS})
GOOD = {
    "officer_id": "A-01",
    "date": "2026-05-04",
    "end_date": "2026-05-06",
    "start": "",
    "end": "",
    "kind": "court",
    "reason": "Snaresbrook Crown Court",
    "authorised_by": "Insp Okafor",
    "notified": "2026-04-20",
}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return make_scenario()


def problems_of(scenario: Scenario | None, **changes: str) -> list[tuple[str, str]]:
    entry, problems = parse_entry({**GOOD, **changes}, WHERE, scenario)
    assert (entry is None) == bool(problems)
    return [(p.field, p.message) for p in problems]


def test_a_good_entry_parses(scenario: Scenario) -> None:
    entry, problems = parse_entry({**GOOD, "start": "22:00", "end": "07:00"}, WHERE, scenario)
    assert problems == []
    assert entry is not None
    assert (entry.contract_id, entry.first_date, entry.last_date) == (
        "TB-A",
        date(2026, 5, 4),
        date(2026, 5, 6),
    )
    assert (entry.start, entry.end) == (time(22), time(7))
    assert entry.days() == [date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 6)]


def test_known_kinds_add_every_contracts_penalised_kinds(scenario: Scenario) -> None:
    assert known_kinds(scenario) == {
        "leave",
        "hdd_aid",
        "emergency_aid",
        "operational",
        "court",
        "training",
        "sickness",
        "mutual_aid",
    }
    assert problems_of(scenario, kind="mutual_aid") == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"officer_id": "Z-99"}, "--officer_id", "unknown officer"),
        ({"kind": "secondment"}, "--kind", "unknown entry kind"),
        (
            {"date": "2026-03-31", "notified": "2026-03-20"},
            "--date",
            "outside the scenario horizon",
        ),
        ({"end_date": "2027-01-01"}, "--end_date", "outside the scenario horizon"),
        (
            {"officer_id": "B-01", "end_date": "2026-06-02"},
            "--date",
            "outside contract TB-B's term",
        ),
        (
            {"officer_id": "A-02", "date": "2026-09-30", "end_date": "2026-10-02"},
            "--date",
            "not in post on 2026-10-01 and 1 more days",
        ),
        ({"end_date": "2026-05-03"}, "--end_date", "ends before the entry starts"),
        ({"start": "09:00"}, "--end", "give both start and end"),
        ({"end": "17:00"}, "--start", "give both start and end"),
        ({"start": "9:0", "end": "17:00"}, "--start", "not a clock time HH:MM"),
        ({"start": "09:00", "end": "24:00"}, "--end", "not a clock time HH:MM"),
        ({"start": "09:00", "end": "09:00"}, "--end", "tour start equals end"),
        ({"notified": "04/20/2026"}, "--notified", "no month 20 (dates are day first)"),
        ({"notified": "2026-02-30"}, "--notified", "not a real date: February 2026 has 28 days"),
        ({"notified": ""}, "--notified", "must not be empty"),
        ({"date": "20260504"}, "--date", "not a date YYYY-MM-DD"),
        ({"reason": "  "}, "--reason", "must not be empty"),
        ({"authorised_by": ""}, "--authorised_by", "must not be empty"),
    ],
)
def test_each_mistake_is_one_problem_naming_its_field(
    scenario: Scenario, changes: dict[str, str], field: str, message: str
) -> None:
    [(got_field, got_message)] = problems_of(scenario, **changes)
    assert got_field == field
    assert message in got_message


@pytest.mark.parametrize(
    ("changes", "advice"),
    [
        (
            {"date": "2026-12-21", "end_date": "2027-01-08", "kind": "leave"},
            "log it to 2026-12-31 with this scenario and the days after with the next "
            "horizon's scenario",
        ),
        (
            {
                "date": "2026-03-23",
                "end_date": "2026-04-03",
                "kind": "leave",
                "notified": "2026-03-01",
            },
            "log it from 2026-04-01 with this scenario and the days before with the "
            "previous horizon's scenario",
        ),
        (
            {"date": "2027-02-01", "end_date": "2027-02-03"},
            "log it with the scenario whose horizon holds it",
        ),
        (
            {"officer_id": "B-01", "date": "2026-05-30", "end_date": "2026-06-02"},
            "log it from 2026-06-01, the term's first day",
        ),
    ],
)
def test_an_entry_past_the_horizon_says_how_to_log_it(
    scenario: Scenario, changes: dict[str, str], advice: str
) -> None:
    """Leave booked across the year end was refused with 'outside the scenario horizon'
    and no word of what to do: the planner must split it."""
    found = problems_of(scenario, **changes)
    assert found
    assert all(message.endswith(advice) for _, message in found), found


def test_every_problem_is_reported_at_once(scenario: Scenario) -> None:
    found = problems_of(scenario, officer_id="Z-99", kind="nap", notified="soon", end="07:00")
    assert [f for f, _ in found] == ["--notified", "--start", "--kind", "--officer_id"]


@pytest.mark.parametrize("notified", ["2020-01-01", "2026-05-04", "04/05/2026"])
def test_notified_may_be_any_date_up_to_the_first_day(scenario: Scenario, notified: str) -> None:
    assert problems_of(scenario, notified=notified) == []


@pytest.mark.parametrize("kind", ["court", "leave", "training", "operational", "emergency_aid"])
def test_a_notice_dated_after_the_entry_starts_is_refused(scenario: Scenario, kind: str) -> None:
    """A notice dated after the day it announces is a slip (a year or month mistyped),
    once logged silently; sickness, which the officer reports, may be logged any day."""
    assert problems_of(scenario, kind=kind, notified="2026-05-05") == [
        (
            "--notified",
            "after the entry's first day 2026-05-04: a notice is given before the change it "
            "announces, or on its day at the latest",
        )
    ]
    assert problems_of(scenario, kind="sickness", notified="2026-05-05") == []


def test_without_a_scenario_only_structure_is_checked() -> None:
    entry, problems = parse_entry({**GOOD, "officer_id": "Z-99", "kind": "secondment"}, WHERE)
    assert problems == []
    assert entry is not None
    assert entry.contract_id == ""
    found = problems_of(
        None, officer_id="Z 99", kind="court/aid", date="2031-01-01", end_date="2031-01-02"
    )
    assert [f for f, _ in found] == ["--officer_id", "--kind"]


def test_overlaps_name_the_live_entry_and_earlier_batch_entries() -> None:
    live = [
        Abstraction(
            7,
            "A-01",
            "TB-A",
            date(2026, 5, 1),
            date(2026, 5, 4),
            "court",
            "x",
            "y",
            notified=date(2026, 4, 1),
            logged_at=datetime(2026, 4, 1, tzinfo=UTC),
        )
    ]
    batch = [
        new(first=date(2026, 5, 4)),
        new("A-02"),
        new("A-02", date(2026, 5, 3), date(2026, 5, 5)),
    ]
    labels = [("f.csv", "row 2"), ("f.csv", "row 3"), ("f.csv", "row 4")]
    found = overlap_problems(batch, labels, live)
    assert [(p.field, p.message.split(" (")[0]) for p in found] == [
        ("row 2", "overlaps live entry #7"),
        ("row 4", "overlaps row 3"),
    ]
    assert overlap_problems([new("B-01")], [("f", "row 2")], live) == []


@pytest.mark.parametrize(
    ("typed", "kind"), [("Sickness", "sickness"), ("HDD aid", "hdd_aid"), (" LEAVE ", "leave")]
)
def test_a_kind_is_read_whatever_its_case_and_spacing(
    scenario: Scenario, typed: str, kind: str
) -> None:
    # a planner types "Sickness" or "HDD aid" into a spreadsheet: the kind it names
    entry, problems = parse_entry({**GOOD, "kind": typed}, WHERE, scenario)
    assert problems == []
    assert entry is not None
    assert entry.kind == kind


@pytest.mark.parametrize(
    ("first", "last", "start", "end", "field", "value"),
    [
        ("2026-03-29", "", "01:30", "09:00", "start", "01:30"),  # the hour the clocks skip
        ("2026-03-28", "", "22:00", "01:15", "end", "01:15"),  # a night ending in it
        ("2026-03-23", "2026-04-02", "01:00", "08:00", "start", "01:00"),  # a day of a course
        ("2027-03-27", "2027-03-28", "20:00", "01:59", "end", "01:59"),
    ],
)
def test_a_clock_time_the_clocks_skip_is_refused(
    first: str, last: str, start: str, end: str, field: str, value: str
) -> None:
    """01:30 on the last Sunday of March does not exist in London: read as 02:30 it would
    put the officer on a tour an hour later than the planner typed, without a word."""
    changes = {"date": first, "end_date": last, "start": start, "end": end, "notified": first}
    entry, problems = parse_entry({**GOOD, **changes}, WHERE, None)
    assert entry is None
    [problem] = problems
    assert (problem.field, problem.value) == (f"--{field}", value)
    day = "2027-03-28" if first.startswith("2027") else "2026-03-29"
    assert problem.message.startswith(f"{value} does not exist on {day} in London")


@pytest.mark.parametrize(
    ("first", "start", "end"),
    [
        ("2026-03-29", "02:00", "10:00"),
        ("2026-03-29", "00:00", "00:59"),
        ("2026-03-22", "01:30", "09:00"),
    ],
)
def test_clock_times_either_side_of_the_skipped_hour_parse(
    first: str, start: str, end: str
) -> None:
    changes = {"date": first, "end_date": "", "start": start, "end": end, "notified": first}
    entry, problems = parse_entry({**GOOD, **changes}, WHERE, None)
    assert problems == []
    assert entry is not None
    assert clock_notes(entry) == []


def test_a_clock_time_the_clocks_repeat_is_read_as_the_first_and_said_so(
    scenario: Scenario,
) -> None:
    changes = {"date": "2026-10-24", "end_date": "2026-10-25", "start": "01:30", "end": "09:00"}
    entry, problems = parse_entry({**GOOD, **changes}, WHERE, scenario)
    assert problems == []
    assert entry is not None
    assert clock_notes(entry) == [
        "A-01 2026-10-25: start 01:30 happens twice as the clocks go back; read as the "
        "first, 01:30 BST (an hour before 01:30 GMT)"
    ]
