"""Calendars of officers and contracts that leave the scenario: a calendar s92 wrote for
one has its events from today on cancelled (same UID, SEQUENCE one more, STATUS:CANCELLED,
blocking no time) so subscribed phones drop the tours; days before stand as worked; a file
s92 did not write is never touched."""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from icalendar import Calendar, Event
from lawful_roster import lawful_roster

from calendars import LONDON
from scheduler.cli import main
from scheduler.commands import ical as ical_command
from scheduler.export.ical import _event_day, export_ical
from scheduler.scenario.load import read_toml, scenario_from_dict
from scheduler.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "scenarios" / "havering.toml"
TODAY = date(2026, 6, 15)  # the day the officer's events are cancelled from
END = date(2026, 7, 31)  # four months keep the test quick


def scenario_data(split: bool) -> dict:
    """Havering to ``END``; with ``split``, HAV-05 on a contract of its own, HAV-XX."""
    data = read_toml(HAVERING)
    data["scenario"]["end"] = END
    if split:
        extra = copy.deepcopy(data["contract"][0])
        extra.update(id="HAV-XX", posts={"constable": 1})
        extra["cover"] = [{"days": ["Mon"], "shift": "E", "min": 1}]
        data["contract"].append(extra)
        next(o for o in data["officer"] if o["id"] == "HAV-05")["contract"] = "HAV-XX"
    return data


def build(data: dict) -> Scenario:
    return scenario_from_dict(data, str(HAVERING))


@pytest.fixture(scope="module")
def rosters() -> tuple[Scenario, pd.DataFrame, Scenario, pd.DataFrame]:
    """HAV-05 on HAV-XX, then both gone: the scenarios and rosters of the two exports."""
    before = build(scenario_data(split=True))
    table = lawful_roster(before)
    table.loc[table.officer_id == "HAV-05", "contract_id"] = "HAV-XX"
    data = scenario_data(split=False)
    data["officer"] = [o for o in data["officer"] if o["id"] != "HAV-05"]
    after = build(data)
    return before, table, after, table[table.officer_id != "HAV-05"].reset_index(drop=True)


def events(path: Path) -> dict[str, Event]:
    calendar = Calendar.from_ical(path.read_bytes())
    Calendar.from_ical(calendar.to_ical())  # a byte-level round trip
    return {str(e["UID"]): e for e in calendar.events}


def sequence(event: Event) -> int:
    value = event["SEQUENCE"]
    assert isinstance(value, int), value
    return value


def day_of(event: Event) -> date:
    start = event.decoded("DTSTART")
    return start.astimezone(LONDON).date() if isinstance(start, datetime) else start


def test_an_officer_and_contract_that_left_have_their_events_cancelled(rosters, tmp_path):
    before, table, after, rest = rosters
    export_ical(before, table, tmp_path, today=TODAY)
    officer, contract = tmp_path / "officers/HAV-05.ics", tmp_path / "contracts/HAV-XX.ics"
    kept = tmp_path / "officers/HAV-01.ics"
    old = {path: events(path) for path in (officer, contract, kept)}
    assert any(str(e["SUMMARY"]).startswith("Late tour") for e in old[officer].values())

    paths = export_ical(after, rest, tmp_path, today=TODAY)

    assert officer in paths
    assert contract in paths
    for path in (officer, contract):
        new = events(path)
        assert new.keys() == old[path].keys()  # every UID kept: nothing duplicated
        future = 0
        for uid, event in new.items():
            was = old[path][uid]
            if day_of(event) < TODAY:  # worked: as it was
                assert event.get("STATUS") is None
                assert event["SUMMARY"] == was["SUMMARY"]
                assert sequence(event) == sequence(was)
                continue
            future += 1
            assert event["STATUS"] == "CANCELLED"
            assert sequence(event) == sequence(was) + 1
            assert event["TRANSP"] == "TRANSPARENT"
            assert event["SUMMARY"] == f"Cancelled: {was['SUMMARY']}"
            assert event.decoded("DTSTART") == was.decoded("DTSTART")
        assert future == sum(day_of(e) >= TODAY for e in old[path].values()) > 0
    assert all(e.get("STATUS") is None for e in events(kept).values())

    # the next export cancels nothing more: the files stay as they are
    cancelled = officer.read_bytes(), contract.read_bytes()
    paths = export_ical(after, rest, tmp_path, today=TODAY)
    assert officer not in paths
    assert contract not in paths
    assert (officer.read_bytes(), contract.read_bytes()) == cancelled

    # back in the scenario: the same UIDs again, above the cancellation's SEQUENCE
    export_ical(before, table, tmp_path, today=TODAY)
    for path in (officer, contract):
        for uid, event in events(path).items():
            assert event.get("STATUS") is None
            raised = 2 if day_of(event) >= TODAY else 0
            assert sequence(event) == sequence(old[path][uid]) + raised


def test_files_s92_did_not_write_are_left_alone(rosters, tmp_path):
    before, table, after, rest = rosters
    export_ical(before, table, tmp_path, today=TODAY)
    (tmp_path / "officers").joinpath("NOTES.ics").write_bytes(b"not a calendar\n")
    # an s92 calendar of another scenario (another name) in the same folder
    other = build(
        {
            **scenario_data(split=True),
            "scenario": {"name": "Other", "start": "2026-04-01", "end": END},
        }
    )
    export_ical(other, table, tmp_path / "elsewhere", today=TODAY)
    foreign = (tmp_path / "elsewhere/officers/HAV-05.ics").read_bytes()
    (tmp_path / "officers/OTHER-05.ics").write_bytes(foreign)
    untouched = {p: p.read_bytes() for p in (tmp_path / "officers").glob("[NO]*.ics")}

    paths = export_ical(after, rest, tmp_path, today=TODAY)

    assert {p.name for p in paths if p.parent.name == "officers"} == {
        "HAV-01.ics",
        "HAV-02.ics",
        "HAV-03.ics",
        "HAV-04.ics",
        "HAV-05.ics",
    }
    assert {p: p.read_bytes() for p in untouched} == untouched


def test_ical_names_the_calendars_it_cancelled(tmp_path, capsys, monkeypatch):
    """The planner's steps: export, delete HAV-05 from the scenario file, export again."""
    monkeypatch.setattr(ical_command, "today", lambda: TODAY)
    text = HAVERING.read_text(encoding="utf-8")
    block = text[text.index('[[officer]]\nid = "HAV-05"') :]
    block = block[: block.index("\n\n") + 2]
    (tmp_path / "h.toml").write_text(text, encoding="utf-8")
    (tmp_path / "h2.toml").write_text(text.replace(block, ""), encoding="utf-8")
    table = lawful_roster(build(read_toml(HAVERING)))
    table.to_csv(tmp_path / "r1.csv", index=False)
    table[table.officer_id != "HAV-05"].to_csv(tmp_path / "r2.csv", index=False)
    out, db = tmp_path / "cal", tmp_path / "s.db"
    assert (
        main(
            [
                "ical",
                str(tmp_path / "h.toml"),
                str(tmp_path / "r1.csv"),
                "--out",
                str(out),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    capsys.readouterr()
    old = events(out / "officers/HAV-05.ics")

    code = main(
        [
            "ical",
            str(tmp_path / "h2.toml"),
            str(tmp_path / "r2.csv"),
            "--out",
            str(out),
            "--db",
            str(db),
        ]
    )

    stdout, stderr = capsys.readouterr()
    assert code == 0
    assert stdout.splitlines()[0] == f"4 officer calendars in {out / 'officers'}"
    assert stderr == (
        "1 calendar of an officer or contract no longer in the scenario, its events from "
        "2026-06-15 on cancelled so that subscribed phones drop them (days before stand as "
        f"worked): {out / 'officers/HAV-05.ics'}\n"
    )
    new = events(out / "officers/HAV-05.ics")
    tours = [u for u, e in old.items() if day_of(e) >= TODAY and e["TRANSP"] == "OPAQUE"]
    assert tours
    assert all(new[u]["STATUS"] == "CANCELLED" for u in tours)


def test_a_calendar_edited_past_reading_is_left_alone(rosters, tmp_path):
    before, table, after, rest = rosters
    export_ical(before, table, tmp_path, today=TODAY)
    officer = tmp_path / "officers/HAV-05.ics"
    text = officer.read_bytes()
    start = text.index(b"DTSTART;", text.index(b"BEGIN:VEVENT"))
    edited = text[:start] + text[text.index(b"\r\n", start) + 2 :]  # an event's DTSTART gone
    officer.write_bytes(edited)

    paths = export_ical(after, rest, tmp_path, today=TODAY)

    assert officer not in paths
    assert officer.read_bytes() == edited


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("DTSTART;VALUE=DATE:20261025", date(2026, 10, 25)),
        ("DTSTART;TZID=Europe/London:20261024T220000", date(2026, 10, 24)),
        ("DTSTART:20261025T013000Z", date(2026, 10, 25)),  # the repeated hour, in UTC
        ("DTSTART:20260701T233000Z", date(2026, 7, 2)),  # 00:30 in London
        ("DTSTART;TZID=America/New_York:20261024T220000", None),  # not s92's: left alone
        ("DTSTART;VALUE=DATE:2026-10-25", None),
    ],
)
def test_the_day_an_event_starts_is_londons(line: str, day: date | None) -> None:
    assert _event_day(["BEGIN:VEVENT", "UID:x", line, "SUMMARY:Rest day"]) == day
