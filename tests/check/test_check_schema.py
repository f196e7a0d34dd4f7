"""Rule 'schema': one row per officer per in-post day, consistent cells."""

from __future__ import annotations

import pandas as pd
from check_builder import AUTUMN, found, roster, scenario, set_day

from scheduler.check import check_roster

S = scenario(AUTUMN)
BASE = roster(S)


def only(frame: pd.DataFrame, s=S) -> list:
    report = check_roster(s, frame)
    return report.breaches


def test_base_rosters_are_lawful() -> None:
    report = check_roster(S, BASE)
    assert report.breaches == []
    assert report.warnings == []
    assert (report.rows, report.officers) == (56, 2)


def test_missing_days_are_one_breach_per_run() -> None:
    gone = BASE["date"].isin(["2026-10-27", "2026-10-28", "2026-10-29"]) & (
        BASE["officer_id"] == "T1"
    )
    [b] = only(BASE[~gone])
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-27", "schema")
    assert "2026-10-27 to 2026-10-29 (3 days)" in b.detail


def test_a_missing_officer_is_one_schema_breach() -> None:
    report = check_roster(S, BASE[BASE["officer_id"] != "T2"])
    [b] = report.of("schema")
    assert (b.officer_id, b.date.isoformat()) == ("T2", "2026-10-19")
    assert "(28 days)" in b.detail
    # what follows from having no rows is reported too: no rest days, not on aid on HDDs
    assert set(report.counts()) == {"schema", "rest-days", "high-demand-day"}


def test_duplicate_day_is_reported_and_the_first_row_checked() -> None:
    extra = set_day(BASE, "T1", "2026-10-28", "REST")
    extra = extra[(extra["officer_id"] == "T1") & (extra["date"] == "2026-10-28")]
    [b] = only(pd.concat([BASE, extra], ignore_index=True))
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("T1", "2026-10-28", "schema")
    assert "2 rows for one day (states DUTY, REST)" in b.detail


def test_unknown_officer_is_one_breach() -> None:
    stranger = BASE[BASE["officer_id"] == "T1"].assign(officer_id="ZZ")
    [b] = only(pd.concat([BASE, stranger], ignore_index=True))
    assert (b.officer_id, b.date.isoformat(), b.rule) == ("ZZ", "2026-10-19", "schema")
    assert "not in the scenario (28 rows)" in b.detail


def test_row_outside_the_horizon() -> None:
    late = BASE[(BASE["officer_id"] == "T1") & (BASE["date"] == "2026-11-15")].assign(
        date="2026-11-16"
    )
    [b] = only(pd.concat([BASE, late], ignore_index=True))
    assert found_one(b) == ("T1", "2026-11-16", "schema")
    assert "outside the horizon 2026-10-19 to 2026-11-15" in b.detail


def test_row_after_the_officer_left_the_post() -> None:
    s = scenario(
        AUTUMN,
        officers=[
            {"id": "T1", "contract": "TST", "rank": "constable"},
            {"id": "T2", "contract": "TST", "rank": "sergeant", "end": "2026-11-14"},
        ],
    )
    base = roster(s)
    assert check_roster(s, base).breaches == []  # 27 days in post, 7 rest days needed
    after = BASE[(BASE["officer_id"] == "T2") & (BASE["date"] == "2026-11-15")]
    [b] = only(pd.concat([base, after], ignore_index=True), s)
    assert found_one(b) == ("T2", "2026-11-15", "schema")
    assert "outside the officer's time in post" in b.detail


def test_rank_must_match_the_scenario() -> None:
    frame = set_day(BASE, "T2", "2026-10-23", "REST", rank="constable")
    [b] = only(frame)
    assert found_one(b) == ("T2", "2026-10-23", "schema")
    assert "rank 'constable'; the scenario says 'sergeant'" in b.detail


def test_contract_on_an_off_duty_row_is_the_schemas() -> None:
    frame = set_day(BASE, "T2", "2026-10-23", "REST", contract_id="OTHER")
    assert found(check_roster(S, frame)) == {("T2", "2026-10-23", "schema")}


def test_duty_without_times() -> None:
    frame = set_day(BASE, "T1", "2026-10-28", "DUTY", "E", start="", end="")
    [b] = only(frame)
    assert found_one(b) == ("T1", "2026-10-28", "schema")
    assert "needs both start and end" in b.detail


def test_tour_that_ends_before_it_starts() -> None:
    frame = set_day(BASE, "T1", "2026-10-28", "TRAINING", "E", end="2026-10-28T06:00:00+00:00")
    [b] = only(frame)
    assert found_one(b) == ("T1", "2026-10-28", "schema")
    assert "does not end after it starts" in b.detail


def test_tour_must_start_on_the_rows_london_date() -> None:
    # T2's Thursday tour moved to 01:00-09:00 on the Friday (a rest day): only the date is off
    frame = set_day(
        BASE,
        "T2",
        "2026-10-29",
        "TRAINING",
        start="2026-10-30T01:00:00+00:00",
        end="2026-10-30T09:00:00+00:00",
        hours=8.0,
    )
    [b] = only(frame)
    assert found_one(b) == ("T2", "2026-10-29", "schema")
    assert "tour starts on 2026-10-30 (London)" in b.detail


def test_local_date_not_utc_date_decides() -> None:
    # 00:30 BST on Sat 24 Oct is 23:30 UTC on the 23rd, but London's date is the 24th
    frame = set_day(
        BASE,
        "T2",
        "2026-10-24",
        "TRAINING",
        start="2026-10-23T23:30:00Z",
        end="2026-10-24T07:30:00Z",
        hours=8.0,
    )
    assert check_roster(S, frame).of("schema") == []


def test_hours_must_be_elapsed_hours() -> None:
    frame = set_day(BASE, "T1", "2026-10-28", "DUTY", "E", hours=8.5)
    [b] = only(frame)
    assert found_one(b) == ("T1", "2026-10-28", "schema")
    assert "hours 8.5 but" in b.detail
    assert "8.00 h elapsed" in b.detail
    assert only(set_day(BASE, "T1", "2026-10-28", "DUTY", "E", hours=8.02)) == []


def test_off_duty_row_with_times() -> None:
    frame = set_day(BASE, "T1", "2026-10-23", "REST", start="2026-10-23T07:00:00+01:00")
    [b] = only(frame)
    assert found_one(b) == ("T1", "2026-10-23", "schema")
    assert "REST is not duty time" in b.detail


def found_one(b) -> tuple[str, str, str]:
    return (b.officer_id, b.date.isoformat(), b.rule)
