"""iCal export: RFC 5545 structure, stable opaque UIDs, sequences, DST, two parsers."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar import Calendar as IcalCalendar
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar, Event
from lawful_roster import lawful_roster

from calendars import LONDON, bank_holidays, high_demand_days, tour_interval
from scheduler.export.ical import (
    HDD_FILE,
    SECRET_ENV,
    STATE_FILE,
    IcalState,
    RosterDay,
    escape_text,
    export_contract_calendars,
    export_hdd_calendar,
    export_ical,
    export_officer_calendars,
    fold,
    officer_summary,
    roster_days,
)
from scheduler.scenario import load_scenario
from scheduler.scenario.load import read_toml, scenario_from_dict
from scheduler.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "scenarios" / "havering.toml"
SHORT_END = date(2026, 9, 30)  # half a year keeps the tests quick but holds the Carnival


# --- fixtures: a lawful roster ----------------------------------------


def night_scenario(end: date = date(2027, 3, 31)) -> Scenario:
    """Havering plus a 22:00-07:00 night tour ("X") to cross both clock changes."""
    data = read_toml(HAVERING)
    data["scenario"]["end"] = end
    data["shift"].append({"code": "X", "name": "Night", "start": "22:00", "end": "07:00"})
    return scenario_from_dict(data, str(HAVERING))


def roster_for(scenario: Scenario) -> pd.DataFrame:
    """A lawful roster of ``scenario`` (Havering, its end moved in or a tour type added):
    the solved Havering year, checked by the independent checker, as a calendar publishes."""
    return lawful_roster(scenario)


def set_times(row: dict[str, str], start: datetime, end: datetime) -> None:
    row.update(start=start.isoformat(), end=end.isoformat())
    elapsed = end.astimezone(UTC) - start.astimezone(UTC)  # not wall time across a change
    row["hours"] = f"{elapsed.total_seconds() / 3600:.2f}"


def set_tour(roster: pd.DataFrame, officer: str, day: date, code: str, scenario: Scenario) -> int:
    """Put ``officer`` on tour ``code`` on ``day``; returns the row index."""
    shift = scenario.shift(code)
    start, end = tour_interval(day, shift.start, shift.end)
    index = roster.index[(roster.officer_id == officer) & (roster.date == day.isoformat())][0]
    roster.loc[index, ["state", "shift", "event"]] = ["DUTY", code, ""]
    roster.loc[index, ["start", "end"]] = [start.isoformat(), end.isoformat()]
    return int(index)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return night_scenario(SHORT_END)


@pytest.fixture
def roster(scenario: Scenario) -> pd.DataFrame:
    return roster_for(scenario)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, list[Path]]:
    """One export of a whole Havering year, with an abstraction and the DST nights."""
    scenario = night_scenario()
    roster = roster_for(scenario)
    set_tour(roster, "HAV-02", date(2026, 10, 24), "X", scenario)
    set_tour(roster, "HAV-02", date(2027, 3, 27), "X", scenario)
    index = set_tour(roster, "HAV-03", date(2026, 5, 6), "L", scenario)
    roster.loc[index, ["state", "event"]] = ["ABSTRACTED", "Operation Hawk; custody, cover"]
    out = tmp_path_factory.mktemp("ical")
    return scenario, export_ical(scenario, roster, out)


# --- helpers to read calendars back -----------------------------------------------------


def parse_both(path: Path) -> tuple[Calendar, IcalCalendar]:
    """icalendar (with a byte-level round trip) and the independent ``ical`` parser."""
    raw = path.read_bytes()
    calendar = Calendar.from_ical(raw)
    again = Calendar.from_ical(calendar.to_ical())
    assert len(again.events) == len(calendar.events)
    assert [str(e["UID"]) for e in again.events] == [str(e["UID"]) for e in calendar.events]
    other = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    assert len(other.events) == len(calendar.events)
    return calendar, other


def events_by_uid(path: Path) -> dict[str, Event]:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).events}


def elapsed(start: datetime, end: datetime) -> timedelta:
    return end.astimezone(UTC) - start.astimezone(UTC)


def sequence(event: Event) -> int:
    """The SEQUENCE an event was written with (a KeyError if it has none)."""
    value = event["SEQUENCE"]
    assert isinstance(value, int), value
    return value


def timed(value: date) -> datetime:
    """An event's start or end that the test expects at a time, not on an all-day date."""
    assert isinstance(value, datetime), f"{value} is an all-day date"
    return value


def officer_file(paths: list[Path], officer: str) -> Path:
    return next(p for p in paths if p.name == f"{officer}.ics")


# --- structure ------------------------------------------------------------------------------


def test_export_writes_officers_contracts_and_hdd_calendar(published) -> None:
    scenario, paths = published
    out = paths[0].parent.parent
    assert sorted(p.name for p in (out / "officers").iterdir()) == [
        f"{o.id}.ics" for o in scenario.officers
    ]
    assert [p.name for p in (out / "contracts").iterdir()] == ["HAV-PP.ics"]
    assert paths[-1] == out / HDD_FILE
    assert len(paths) == len(scenario.officers) + 2
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_every_file_parses_with_both_parsers_and_is_rfc5545(published) -> None:
    _, paths = published
    for path in paths:
        raw = path.read_bytes()
        lines = raw.split(b"\r\n")
        assert lines[-1] == b""
        assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
        assert max(len(line) for line in lines) <= 75
        calendar, other = parse_both(path)
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"]).startswith("-//s92//")
        assert str(calendar["CALSCALE"]) == "GREGORIAN"
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
        assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
        assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw
        assert calendar.refresh_interval == timedelta(hours=12)
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
        assert other.method == "PUBLISH"
        assert other.refresh_interval == timedelta(hours=12)
        for event in calendar.events:
            assert event.DTSTAMP.tzinfo is not None
            assert event.DTSTAMP.utcoffset() == timedelta(0)
            assert event["SEQUENCE"] == 0
            if isinstance(event.start, datetime):
                assert event["DTSTART"].params["TZID"] == "Europe/London"
        uids = [str(e["UID"]) for e in calendar.events]
        assert len(set(uids)) == len(uids)


def test_vtimezone_agrees_with_zoneinfo_over_the_span(published) -> None:
    _, paths = published
    tz = Calendar.from_ical(paths[0].read_bytes()).timezones[0].to_tz()
    moment = datetime(2026, 4, 1, 12, tzinfo=UTC)
    while moment < datetime(2027, 4, 1, tzinfo=UTC):
        assert moment.astimezone(tz).utcoffset() == moment.astimezone(LONDON).utcoffset()
        moment += timedelta(hours=13)


def test_officer_calendar_reads_like_a_roster(published) -> None:
    _, paths = published
    calendar, _ = parse_both(officer_file(paths, "HAV-03"))
    by_day = {
        e.start if not isinstance(e.start, datetime) else e.start.date(): e for e in calendar.events
    }
    assert len(by_day) == 365
    tours = [e for e in calendar.events if isinstance(e.start, datetime)]
    assert all(str(e["TRANSP"]) == "OPAQUE" for e in tours if "HDD" not in str(e["SUMMARY"]))
    summaries = {str(e["SUMMARY"]) for e in calendar.events}
    assert "Late tour (L) 15:00–23:00" in summaries
    assert "Night-time economy tour (N) 20:00–04:00" in summaries
    assert "Abstracted: Operation Hawk; custody, cover" in summaries
    assert str(by_day[date(2026, 8, 31)]["SUMMARY"]) == "HDD aid: Notting Hill Carnival (Monday)"
    for day, summary in (
        (date(2026, 4, 3), "Public holiday: Good Friday"),
        (date(2026, 6, 15), "Annual leave"),
    ):
        event = by_day[day]
        assert str(event["SUMMARY"]) == summary
        assert event.start == day
        assert event.end == day + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
    rest = [e for e in calendar.events if str(e["SUMMARY"]) == "Rest day"]
    assert len(rest) in (104, 105)
    assert all(not isinstance(e.start, datetime) for e in rest)


def test_night_tours_across_clock_changes_have_their_true_length(published) -> None:
    _, paths = published
    calendar, other = parse_both(officer_file(paths, "HAV-02"))
    expected = {date(2026, 10, 24): timedelta(hours=10), date(2027, 3, 27): timedelta(hours=8)}
    for parsed in (calendar.events, other.events):
        found = {}
        for event in parsed:
            start, end = (event.start, event.end)
            if isinstance(start, datetime) and start.date() in expected:
                assert (start.hour, timed(end).hour) == (22, 7)  # wall clock as rostered
                found[start.date()] = elapsed(start, timed(end))
        assert found == expected
    text = officer_file(paths, "HAV-02").read_bytes().decode()
    assert "DTSTART;TZID=Europe/London:20261024T220000\r\n" in text
    assert "DTEND;TZID=Europe/London:20261025T070000\r\n" in text
    assert "10 h elapsed (the clocks change" in text.replace("\r\n ", "")


def test_instant_in_the_repeated_october_hour_is_written_in_utc(scenario, tmp_path) -> None:
    roster = roster_for(scenario).head(3).copy()
    second_one_thirty = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT, after 01:30 BST
    roster.loc[0, ["state", "shift", "event"]] = ["EMERGENCY_AID", "", "Major incident"]
    roster.loc[0, "start"] = second_one_thirty.isoformat()
    roster.loc[0, "end"] = (second_one_thirty + timedelta(hours=8)).isoformat()
    [path] = export_officer_calendars(scenario, roster, tmp_path)
    assert "DTSTART:20261025T013000Z\r\n" in path.read_bytes().decode()
    calendar, other = parse_both(path)
    for event in (calendar.events[0], other.events[0]):
        assert event.start == second_one_thirty
        assert elapsed(timed(event.start), timed(event.end)) == timedelta(hours=8)
    assert str(calendar.events[0]["SUMMARY"]) == "Emergency aid: Major incident"


def test_contract_calendar_counts_and_lists_officers(published) -> None:
    scenario, paths = published
    [path] = [p for p in paths if p.parent.name == "contracts"]
    calendar, _ = parse_both(path)
    days = [e for e in calendar.events if not isinstance(e.start, datetime)]
    hdds = [e for e in calendar.events if isinstance(e.start, datetime)]
    assert len(days) == 365
    assert len(hdds) == len(scenario.high_demand_days())
    carnival = next(e for e in hdds if "Carnival (Monday)" in str(e["SUMMARY"]))
    roster = roster_for(scenario)  # as published: its edits are of other days
    aid = (roster.date == "2026-08-31") & (roster.state == "HDD_AID")
    assert str(carnival["SUMMARY"]).endswith(f"– {aid.sum()} on aid")
    assert carnival.start == datetime(2026, 8, 31, 8, tzinfo=LONDON)
    first = next(e for e in days if e.start == date(2026, 4, 1))
    summary, description = str(first["SUMMARY"]), str(first["DESCRIPTION"])
    assert re.fullmatch(r"HAV-PP: \d on duty, \d away, \d off", summary)
    counts = [int(n) for n in re.findall(r"(\d) ", summary)]
    assert sum(counts) == len(scenario.officers)
    for officer in scenario.officers:
        assert officer.id in description
    assert "On duty (" in description
    assert "HAV-01 (E)" in description


def test_hdd_calendar_of_a_year_with_overrides(tmp_path) -> None:
    added = [{"date": date(2026, 6, 13), "name": "Trooping the Colour"}]
    path = export_hdd_calendar(2026, tmp_path / "hdd.ics", add=added, remove=[date(2026, 11, 8)])
    calendar, _other = parse_both(path)
    expected = high_demand_days(
        date(2026, 1, 1), date(2026, 12, 31), add=added, remove=[date(2026, 11, 8)]
    )
    assert [timed(e.start).date() for e in calendar.events] == [h.date for h in expected]
    assert "Trooping the Colour" in {str(e["SUMMARY"]) for e in calendar.events}
    nye = calendar.events[-1]
    assert nye.end == datetime(2027, 1, 1, 4, tzinfo=LONDON)  # runs past midnight
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in calendar.events)
    assert (tmp_path / STATE_FILE).exists()
    span = export_hdd_calendar((date(2026, 8, 1), date(2026, 8, 31)), tmp_path / "aug.ics")
    assert len(Calendar.from_ical(span.read_bytes()).events) == 2  # the Carnival's two days


def test_hdd_calendar_reads_back_with_the_hdd_importer(tmp_path) -> None:
    from calendars import read_hdd_ics

    path = export_hdd_calendar((date(2026, 4, 1), date(2027, 3, 31)), tmp_path / "hdd.ics")
    rules = high_demand_days(date(2026, 4, 1), date(2027, 3, 31))
    back = read_hdd_ics(path)
    assert [(h.date, h.name, h.start, h.end) for h in back] == [
        (h.date, h.name, h.start, h.end) for h in rules
    ]


# --- UIDs and sequences -------------------------------------------------------------------


def test_uids_are_stable_across_exports(scenario, roster, tmp_path) -> None:
    first = export_ical(scenario, roster, tmp_path)
    before = {p: list(events_by_uid(p)) for p in first}
    second = export_ical(scenario, roster, tmp_path)
    assert second == first
    for path in second:
        after = events_by_uid(path)
        assert list(after) == before[path]
        assert {sequence(e) for e in after.values()} == {0}


def test_uids_are_opaque(scenario, roster, tmp_path) -> None:
    paths = export_ical(scenario, roster, tmp_path)
    uids = [u for p in paths for u in events_by_uid(p)]
    assert len(set(uids)) == len(uids)
    # hex can hold any short digit run by chance, so look for the key's own spellings
    readable = [o.id for o in scenario.officers] + ["HAV-PP", "Havering", "20260401"]
    readable += [d.isoformat() for d in scenario.days]
    for uid in uids:
        assert re.fullmatch(r"[0-9a-f]{32}@s92", uid)
        assert not any(word.lower() in uid.lower() for word in readable)
    for path in paths:  # the calendars' own UIDs too
        assert re.fullmatch(r"[0-9a-f]{32}@s92", str(Calendar.from_ical(path.read_bytes())["UID"]))


def test_sequence_rises_each_time_a_duty_changes(scenario, roster, tmp_path) -> None:
    day = date(2026, 6, 3)
    set_tour(roster, "HAV-04", day, "E", scenario)
    export_officer_calendars(scenario, roster, tmp_path)
    path = tmp_path / "officers" / "HAV-04.ics"
    uid = next(
        u
        for u, e in events_by_uid(path).items()
        if e.start == datetime(2026, 6, 3, 7, tzinfo=LONDON)
    )
    sequences = []
    for code in ("L", "L", "N", "E"):
        set_tour(roster, "HAV-04", day, code, scenario)
        export_officer_calendars(scenario, roster, tmp_path)
        events = events_by_uid(path)
        sequences.append(sequence(events[uid]))
        assert {sequence(e) for u, e in events.items() if u != uid} == {0}
    assert sequences == [1, 1, 2, 3]  # unchanged export keeps it; back to E is a change too
    assert str(events_by_uid(path)[uid]["SUMMARY"]) == "Early tour (E) 07:00–15:00"


def test_a_duty_turned_rest_day_keeps_its_uid(scenario, roster, tmp_path) -> None:
    index = set_tour(roster, "HAV-05", date(2026, 7, 1), "D", scenario)
    export_officer_calendars(scenario, roster, tmp_path)
    path = tmp_path / "officers" / "HAV-05.ics"
    before = list(events_by_uid(path))
    roster.loc[index, ["state", "shift", "start", "end", "hours"]] = ["REST", "", "", "", ""]
    export_officer_calendars(scenario, roster, tmp_path)
    after = events_by_uid(path)
    assert list(after) == before
    changed = [e for e in after.values() if sequence(e) == 1]
    assert [str(e["SUMMARY"]) for e in changed] == ["Rest day"]


def test_state_file_is_private_and_reused(scenario, roster, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    export_contract_calendars(scenario, roster, tmp_path)
    state_path = tmp_path / STATE_FILE
    assert stat.S_IMODE(state_path.stat().st_mode) == 0o600
    data = json.loads(state_path.read_text())
    assert len(bytes.fromhex(data["secret"])) == 32
    assert all(re.fullmatch(r"[0-9a-f]{16}:0", v) for v in data["events"].values())
    other = tmp_path / "elsewhere"
    a = events_by_uid(export_contract_calendars(scenario, roster, tmp_path)[0])
    b = events_by_uid(export_contract_calendars(scenario, roster, other)[0])
    assert not set(a) & set(b)  # a fresh directory draws a fresh secret
    state = IcalState.load(tmp_path)  # ... unless it continues an earlier state
    c = events_by_uid(export_contract_calendars(scenario, roster, other, previous_state=state)[0])
    assert list(c) == list(a)


def test_unchanged_export_leaves_the_state_file_alone(scenario, roster, tmp_path) -> None:
    export_officer_calendars(scenario, roster, tmp_path)
    state_path = tmp_path / STATE_FILE
    before = state_path.stat().st_mtime_ns, state_path.read_bytes()
    export_officer_calendars(scenario, roster, tmp_path)
    assert (state_path.stat().st_mtime_ns, state_path.read_bytes()) == before
    set_tour(roster, "HAV-01", date(2026, 7, 7), "X", scenario)  # roster_for never uses X
    export_officer_calendars(scenario, roster, tmp_path)
    assert state_path.read_bytes() != before[1]


def test_secret_from_environment_is_not_written(scenario, roster, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "correct horse battery staple")
    a = events_by_uid(export_contract_calendars(scenario, roster, tmp_path / "a")[0])
    b = events_by_uid(export_contract_calendars(scenario, roster, tmp_path / "b")[0])
    assert list(a) == list(b)
    assert "secret" not in json.loads((tmp_path / "a" / STATE_FILE).read_text())


def test_a_folder_made_with_another_secret_is_refused(
    scenario, roster, tmp_path, monkeypatch
) -> None:
    """A store's secret never reaches the folder, but the folder knows which secret made
    it: re-exporting with another store's (a wrong --db, a fresh s92.db) would give every
    event a new UID, so subscribers would see each duty twice."""
    from scheduler.errors import InputError

    monkeypatch.delenv(SECRET_ENV, raising=False)
    first, other = b"1" * 32, b"2" * 32
    export_ical(scenario, roster, tmp_path, secret=first)
    state_path = tmp_path / STATE_FILE
    assert first.hex() not in state_path.read_text()
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(InputError, match="different UID secret"):
        export_ical(scenario, roster, tmp_path, secret=other)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    monkeypatch.setenv(SECRET_ENV, "another secret altogether")
    with pytest.raises(InputError, match="different UID secret"):
        export_ical(scenario, roster, tmp_path, secret=first)
    monkeypatch.delenv(SECRET_ENV)
    assert export_ical(scenario, roster, tmp_path, secret=first)  # the same store: fine


def test_garbled_state_file_is_an_input_error(scenario, roster, tmp_path) -> None:
    from scheduler.errors import InputError

    (tmp_path / STATE_FILE).write_text("{not json")
    with pytest.raises(InputError, match="iCal state"):
        export_officer_calendars(scenario, roster, tmp_path)


# --- roster rows and text ------------------------------------------------------------------


def test_duty_without_times_is_refused(roster) -> None:
    index = roster.index[roster.state == "DUTY"][0]
    roster.loc[index, "start"] = ""
    with pytest.raises(ValueError, match="DUTY needs start and end"):
        roster_days(roster)


def test_rows_from_a_dataframe_with_missing_values_and_timestamps(roster) -> None:
    frame = roster.replace("", None)
    frame["date"] = pd.to_datetime(frame["date"])
    days = roster_days(frame)
    assert days == roster_days(roster)


def test_officer_id_that_is_not_a_file_name_is_refused(scenario, roster, tmp_path) -> None:
    roster["officer_id"] = roster["officer_id"].where(roster.officer_id != "HAV-01", "../x")
    with pytest.raises(ValueError, match="not usable as a file name"):
        export_officer_calendars(scenario, roster, tmp_path)


def test_long_description_is_folded_and_parses(tmp_path) -> None:
    line = fold("DESCRIPTION:" + escape_text("Ünïcödé, ; \\ " * 20))
    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    assert line.endswith("\r\n")
    assert "\r\n " in line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_any_summary_survives_escaping_and_folding(text: str) -> None:
    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\n"
        + fold("SUMMARY:" + escape_text(text))
        + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert all(len(part.encode()) <= 75 for part in body.split("\r\n"))
    expected = "".join(c for c in text if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127))
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")
    assert str(Calendar.from_ical(body).events[0]["SUMMARY"]) == expected
    other = IcsCalendarStream.calendar_from_ics(body).events[0].summary
    assert other == expected or (other is None and expected == "")


def test_export_state_survives_a_reload(tmp_path) -> None:
    state = IcalState.new()
    uid = state.uid("officer", "s", "HAV-01", "2026-04-01", "0")
    assert state.sequence(uid, "a") == 0
    state.save(tmp_path)
    again = IcalState.load(tmp_path)
    assert again.uid("officer", "s", "HAV-01", "2026-04-01", "0") == uid
    assert again.sequence(uid, "a") == 0
    assert again.sequence(uid, "b") == 1
    assert os.listdir(tmp_path) == [STATE_FILE]


def test_havering_scenario_as_shipped_exports(tmp_path) -> None:
    scenario = load_scenario(HAVERING)
    paths = export_ical(scenario, roster_for(scenario), tmp_path)
    assert len(paths) == len(scenario.officers) + 2
    for path in paths:
        parse_both(path)


def test_a_bank_holiday_inside_leave_is_named_on_the_calendar() -> None:
    """Leave over Christmas makes the day PUBLIC_HOLIDAY marked with the leave: the officer's
    calendar names the holiday, not "Public holiday: annual leave"."""
    day = date(2026, 12, 25)
    holidays = bank_holidays(day, day)
    on_leave = RosterDay("O1", "C1", day, "PUBLIC_HOLIDAY", "", None, None, "annual leave")
    assert officer_summary(on_leave, {}, holidays) == "Public holiday: Christmas Day"
    plain = on_leave._replace(event="")
    assert officer_summary(plain, {}, holidays) == "Public holiday: Christmas Day"


def test_a_council_calendar_shows_no_hdd_outside_its_agreement(roster, tmp_path) -> None:
    """An agreement ended on notice before the Carnival: its council's calendar shows no
    "HDD: Notting Hill Carnival – 0 on aid", as though its officers were kept back."""
    data = read_toml(HAVERING)
    data["scenario"]["end"] = SHORT_END
    data["shift"].append({"code": "X", "name": "Night", "start": "22:00", "end": "07:00"})
    data["contract"][0]["notice_given"] = date(2026, 1, 31)  # ends 2026-07-31
    scenario = scenario_from_dict(data, str(HAVERING))
    [contract] = scenario.contracts
    assert contract.end == date(2026, 7, 31)
    kept = roster[roster.date <= contract.end.isoformat()]
    [path] = export_contract_calendars(scenario, kept, tmp_path)
    calendar, _ = parse_both(path)
    starts = [e.start for e in calendar.events]
    in_force = [h for h in scenario.high_demand_days() if h.date <= contract.end]
    assert 0 < len(in_force) < len(scenario.high_demand_days())
    assert sorted(start.date() for start in starts if isinstance(start, datetime)) == [
        h.date for h in in_force
    ]
