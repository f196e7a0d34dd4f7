"""Live entries applied to a hand-built roster table: one rule for every kind."""

from __future__ import annotations

import tomllib
from collections.abc import Hashable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd
import pytest
from store_helpers import SCENARIO_TOML, make_scenario, roster

from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store import Entry, apply_entries
from scheduler.store.apply import unbooked_leave, voided_rows, with_waiting

DAYS = [
    ("2026-10-22", "DUTY", "E"),
    ("2026-10-23", "HDD_AID", "E"),
    ("2026-10-24", "DUTY", "N"),
    ("2026-10-25", "REST", ""),
    ("2026-10-26", "LEAVE", ""),
    ("2026-10-27", "PUBLIC_HOLIDAY", ""),
]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return make_scenario()


def apply_abstractions(
    table: pd.DataFrame, entries: list[Entry], scenario: Scenario
) -> pd.DataFrame:
    applied = apply_entries(table, entries, scenario)
    assert applied.refused == ()
    return applied.table


def entry(
    entry_id: int,
    first: str,
    last: str | None = None,
    kind: str = "court",
    start: time | None = None,
    end: time | None = None,
    officer: str = "A-01",
    voids: int | None = None,
    voided_by: int | None = None,
) -> Entry:
    return Entry(
        id=entry_id,
        officer_id=officer,
        contract_id="TB-A",
        first_date=date.fromisoformat(first),
        last_date=date.fromisoformat(last or first),
        kind=kind,
        reason=f"reason {entry_id}",
        authorised_by="Insp Okafor",
        notified=date(2026, 10, 1),
        logged_at=datetime(2026, 10, 1, tzinfo=UTC),
        start=start,
        end=end,
        voids=voids,
        voided_by=voided_by,
    )


def row(table: pd.DataFrame, day: str) -> dict[Hashable, object]:
    return table.loc[table["date"] == day].iloc[0].to_dict()


def test_court_without_times_keeps_the_rostered_tour(scenario: Scenario) -> None:
    table = roster(DAYS)
    out = apply_abstractions(table, [entry(5, "2026-10-22")], scenario)
    before, after = row(table, "2026-10-22"), row(out, "2026-10-22")
    assert after["state"] == "COURT"
    assert (after["shift"], after["start"], after["end"], after["hours"]) == (
        before["shift"],
        before["start"],
        before["end"],
        before["hours"],
    )
    assert (after["event"], after["kind"], after["abstraction_id"]) == ("reason 5", "court", "5")
    # every other row, and the input, untouched
    pd.testing.assert_frame_equal(out.drop(index=0), table.drop(index=0))
    assert row(table, "2026-10-22")["state"] == "DUTY"


def test_own_times_become_the_tour_in_real_hours_across_the_clock_change(
    scenario: Scenario,
) -> None:
    out = apply_abstractions(
        roster(DAYS),
        [entry(6, "2026-10-24", kind="training", start=time(22), end=time(7))],
        scenario,
    )
    r = row(out, "2026-10-24")
    assert (r["state"], r["shift"]) == ("TRAINING", "")
    assert (r["start"], r["end"]) == ("2026-10-24T22:00:00+01:00", "2026-10-25T07:00:00+00:00")
    assert r["hours"] == 10.0  # the clocks go back that night


def test_sickness_is_sick_with_no_times_and_a_rest_day_stays_one(scenario: Scenario) -> None:
    out = apply_abstractions(
        roster(DAYS),
        [entry(7, "2026-10-22", "2026-10-26", kind="sickness", start=time(9), end=time(12))],
        scenario,
    )
    spell = out[out["abstraction_id"] == "7"]
    assert len(spell) == 5  # every day carries the entry
    rest = spell[spell["date"] == "2026-10-25"]  # a rest day: sickness loses duty days only
    assert list(rest["state"]) == ["REST"]
    assert list(rest["kind"]) == ["sickness"]
    sick = spell[spell["date"] != "2026-10-25"]
    assert set(sick["state"]) == {"SICK"}
    assert set(sick["start"]) == set(sick["end"]) == set(sick["shift"]) == {""}
    assert set(sick["hours"]) == {0.0}


def test_duty_kind_on_a_day_off_needs_times_else_it_is_refused(scenario: Scenario) -> None:
    entries = [
        entry(8, "2026-10-24", "2026-10-26", kind="operational"),
        entry(9, "2026-10-27", kind="court", start=time(10), end=time(16)),
    ]
    result = apply_entries(roster(DAYS), entries, scenario)
    states = dict(zip(result.table["date"], result.table["state"], strict=True))
    assert states["2026-10-24"] == "ABSTRACTED"
    assert states["2026-10-25"] == "REST"
    assert states["2026-10-26"] == "LEAVE"
    assert [(r.entry.id, r.day, r.state) for r in result.refused] == [
        (8, date(2026, 10, 25), "REST"),
        (8, date(2026, 10, 26), "LEAVE"),
    ]
    assert "no rostered tour to keep" in result.refused[0].why
    assert (
        result.refused[0]
        .describe()
        .startswith("entry 8 (A-01 operational 2026-10-24 to 2026-10-26) cannot be applied")
    )
    holiday = row(result.table, "2026-10-27")
    assert (holiday["state"], holiday["hours"]) == ("COURT", 6.0)
    assert holiday["start"] == "2026-10-27T10:00:00+00:00"


def test_leave_makes_every_day_leave_and_public_holiday_on_a_bank_holiday(
    scenario: Scenario,
) -> None:
    # 2026-12-25 and 12-28 are bank holidays (Christmas, Boxing Day observed)
    days = [("2026-12-24", "DUTY", "E"), ("2026-12-25", "DUTY", "E"), ("2026-12-26", "REST", "")]
    days += [("2026-12-27", "HDD_AID", "E"), ("2026-12-28", "PUBLIC_HOLIDAY", "")]
    out = apply_abstractions(
        roster(days), [entry(4, "2026-12-24", "2026-12-28", "leave")], scenario
    )
    # the rest day it falls on stays REST: leave is taken on duty days (README: Entries)
    assert out["state"].tolist() == ["LEAVE", "PUBLIC_HOLIDAY", "REST", "LEAVE", "PUBLIC_HOLIDAY"]
    assert set(out["start"]) == set(out["shift"]) == {""}
    assert set(out["hours"]) == {0.0}
    assert set(out["kind"]) == {"leave"}
    assert set(out["abstraction_id"]) == {"4"}


def test_a_duty_entry_on_scenario_leave_is_refused_sickness_is_not() -> None:
    text = SCENARIO_TOML.replace(
        'rank = "sergeant"', 'rank = "sergeant"\nleave = ["2026-10-22/2026-10-24"]', 1
    )
    scenario = scenario_from_dict(tomllib.loads(text), "t.toml")
    entries = [
        entry(1, "2026-10-22", kind="court", start=time(10), end=time(16)),
        entry(2, "2026-10-23", kind="sickness"),
    ]
    result = apply_entries(roster(DAYS), entries, scenario)
    assert [(r.entry.id, r.day) for r in result.refused] == [(1, date(2026, 10, 22))]
    assert "on leave" in result.refused[0].why
    assert row(result.table, "2026-10-23")["state"] == "SICK"


def test_leave_cancelled_in_the_scenario_and_voided_entries_are_found() -> None:
    table = roster(DAYS)
    table.loc[0, ["state", "kind"]] = ["LEAVE", "leave"]  # scenario leave, since removed
    table.loc[2, ["state", "kind", "abstraction_id"]] = ["SICK", "sickness", "5"]
    scenario = make_scenario()
    # the LEAVE of 26 October has no kind: typed by hand into a published roster, it is
    # not the scenario's leave to cancel
    assert unbooked_leave(table, scenario).tolist() == [True, False, False, False, False, False]
    assert voided_rows(table, [entry(5, "2026-10-24", kind="sickness")]).sum() == 0
    assert voided_rows(table, []).tolist() == [False, False, True, False, False, False]


def test_kinds_map_to_states_and_aid_writes_the_aid_shift(scenario: Scenario) -> None:
    entries = [
        entry(1, "2026-10-22", kind="hdd_aid"),
        entry(2, "2026-10-23", kind="emergency_aid"),
        entry(3, "2026-10-24", kind="mutual_aid"),
    ]
    out = apply_abstractions(roster(DAYS), entries, scenario)
    assert out["state"].tolist()[:3] == ["HDD_AID", "EMERGENCY_AID", "ABSTRACTED"]
    assert out["shift"].tolist()[:3] == ["AID", "E", "N"]


def test_voided_and_voiding_entries_are_ignored(scenario: Scenario) -> None:
    table = roster(DAYS)
    entries = [entry(1, "2026-10-22", voided_by=2), entry(2, "2026-10-22", voids=1)]
    result = apply_entries(table, entries, scenario)
    pd.testing.assert_frame_equal(result.table, table)
    assert result.refused == ()


def test_days_without_a_roster_row_and_other_scenarios_entries_are_left_out(
    scenario: Scenario,
) -> None:
    entries = [
        entry(1, "2026-10-27", "2026-10-28", kind="sickness"),
        entry(2, "2026-10-22", officer="Q-1"),
    ]
    result = apply_entries(roster(DAYS), entries, scenario)
    assert result.refused == ()
    assert result.table["abstraction_id"].tolist() == ["", "", "", "", "", "1"]


def test_a_roster_read_from_csv_takes_abstractions(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    roster(DAYS).to_csv(path, index=False)
    table = pd.read_csv(path)  # empty text is NaN, abstraction_id a float column
    out = apply_abstractions(table, [entry(12, "2026-10-22", kind="operational")], scenario)
    assert out["abstraction_id"].tolist() == ["12", "", "", "", "", ""]
    assert out["kind"].tolist()[:2] == ["operational", ""]
    assert row(out, "2026-10-22")["event"] == "reason 12"


def test_leave_waiting_for_a_re_roster_shows_the_rest_days_the_re_roster_gives(
    scenario: Scenario,
) -> None:
    """Leave logged since publication, from ``first`` to the roster's last day, shown on
    the officer's calendar before the re-roster (``with_waiting``): its rest days are those
    a re-roster from ``first`` gives (the officer served days before it, so the run is not
    all their days: 12 days hold 2). Before, only the days from ``first`` were looked at,
    the run seemed all the officer's days, and the calendar showed a third rest day."""
    days = [(f"2026-11-{d:02d}", "DUTY", "E") for d in range(2, 16)]
    leave = entry(7, "2026-11-04", "2026-11-15", kind="leave")
    shown = with_waiting(roster(days), [leave], date(2026, 11, 4), scenario)
    rest = shown.loc[shown["state"] == "REST", "date"].tolist()
    assert rest == ["2026-11-08", "2026-11-15"]
    assert shown["date"].tolist() == [d for d, _, _ in days]
