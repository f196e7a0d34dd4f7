"""End to end: scenario -> rules -> core -> roster table, verified by the independent
checker (never by the model that produced it). One worker, fixed seed, time limits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import small_scenario
from work_alone import work_alone

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.table import COLUMNS

SETTINGS = SolveSettings(time_limit=8, seed=3, workers=1)


@pytest.fixture(scope="module")
def autumn():
    scenario = small_scenario()
    return scenario, roster_scenario(scenario, SETTINGS)


def test_roster_passes_the_independent_checker(autumn) -> None:
    scenario, result = autumn
    assert result.feasible
    report = check_roster(scenario, result.table)
    assert report.breaches == []


def test_one_row_per_officer_per_day(autumn) -> None:
    scenario, result = autumn
    table = result.table
    assert list(table.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert len(table) == len(scenario.officers) * len(scenario.days)
    assert not table.duplicated(["officer_id", "date"]).any()


def test_hdd_aid_for_every_available_officer(autumn) -> None:
    scenario, result = autumn
    table = result.table
    for hdd in scenario.high_demand_days():
        day = table[table["date"] == hdd.date.isoformat()]
        assert set(day["state"]) == {"HDD_AID"}, hdd
        assert set(day["event"]) == {hdd.name}
    # Bonfire Night's 15:00-01:00 aid tour then Remembrance Sunday: both in the horizon
    assert {h.name for h in scenario.high_demand_days()} >= {"Remembrance Sunday"}


def test_leave_honoured_and_never_a_rest_day(autumn) -> None:
    scenario, result = autumn
    officer = scenario.officers[1]
    rows = result.table[result.table["officer_id"] == officer.id].set_index("date")
    for day in officer.leave_days():
        assert rows.loc[day.isoformat(), "state"] == "LEAVE"


def test_ring_fence_each_officer_works_its_own_contract(autumn) -> None:
    scenario, result = autumn
    for o in scenario.officers:
        rows = result.table[result.table["officer_id"] == o.id]
        assert set(rows["contract_id"]) == {o.contract}


def test_rest_day_count(autumn) -> None:
    scenario, result = autumn
    rest = result.table[result.table["state"] == "REST"].groupby("officer_id").size()
    assert (rest >= 2 * len(scenario.days) // 7).all()


def test_clock_change_night_has_its_true_length(autumn) -> None:
    _, result = autumn
    nights = result.table[(result.table["date"] == "2026-10-24") & (result.table["shift"] == "N")]
    assert (nights["hours"] == 10.0).all()


def test_same_seed_one_worker_same_roster() -> None:
    scenario = small_scenario(end=date(2026, 10, 25))
    with work_alone():  # one worker's work budget alone decides, not a loaded machine's clock
        first = roster_scenario(scenario, SolveSettings(time_limit=4, seed=7, workers=1))
        second = roster_scenario(scenario, SolveSettings(time_limit=4, seed=7, workers=1))
    pd.testing.assert_frame_equal(first.table, second.table)


def test_christmas_bank_holidays_are_days_off() -> None:
    scenario = small_scenario(start=date(2026, 12, 7), end=date(2027, 1, 10))
    result = roster_scenario(scenario, SolveSettings(time_limit=6, seed=1, workers=1))
    assert check_roster(scenario, result.table).breaches == []
    t = result.table
    for day in ("2026-12-25", "2026-12-28", "2027-01-01"):
        assert set(t[t["date"] == day]["state"]) <= {"PUBLIC_HOLIDAY", "LEAVE"}
    nye = t[t["date"] == "2026-12-31"]
    assert set(nye["state"]) == {"HDD_AID"}
    assert set(nye["event"]) == {"New Year's Eve"}


def test_covered_bank_holidays_get_the_tasked_officers_and_no_more() -> None:
    scenario = small_scenario(
        start=date(2026, 3, 30), end=date(2026, 4, 26), contract_extra={"cover_bank_holidays": True}
    )
    result = roster_scenario(scenario, SolveSettings(time_limit=6, seed=1, workers=1))
    assert check_roster(scenario, result.table).breaches == []
    t = result.table
    # Good Friday (Friday: one on nights asked for), Easter Monday (Monday: one early)
    for day, tour in (("2026-04-03", "N"), ("2026-04-06", "E")):
        for contract in ("A", "B"):
            duty = t[(t["date"] == day) & (t["contract_id"] == contract) & (t["state"] == "DUTY")]
            assert list(duty["shift"]) == [tour]  # double time only for the tasked tour


def test_long_roster_solved_in_blocks_passes_the_checker() -> None:
    scenario = small_scenario(start=date(2026, 8, 3), end=date(2026, 11, 29), constables=2)
    result = roster_scenario(scenario, SolveSettings(time_limit=12, seed=2, workers=1))
    assert result.feasible
    assert check_roster(scenario, result.table).breaches == []


def test_impossible_roster_names_officers_dates_and_rules(capsys) -> None:
    # a 7-day rule of 1 day and HDD aid on consecutive days cannot both hold
    scenario = small_scenario(
        start=date(2026, 8, 24), end=date(2026, 9, 6), rules={"max_consecutive_duty_days": 1}
    )
    result = roster_scenario(scenario, SolveSettings(time_limit=5, seed=0, workers=1))
    assert not result.feasible
    lines = [line for o in result.outcomes for line in o.conflicts]
    text = "\n".join(lines)
    assert "officer A-" in text
    assert "Notting Hill Carnival" in text
    assert "consecutive days" in text


def test_roster_command_writes_csv_and_xlsx(tmp_path: Path) -> None:
    scenario_file = tmp_path / "s.toml"
    scenario_file.write_text(
        (Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml")
        .read_text()
        .replace("end = 2027-03-31", "end = 2026-05-10")
    )
    out = tmp_path / "out"
    code = main(
        [
            "roster",
            str(scenario_file),
            "--out",
            str(out),
            "--time-limit",
            "6",
            "--workers",
            "1",
            "--quiet",
        ]
    )
    assert code == 0
    table = read_roster_csv(out / "roster.csv")
    assert (out / "roster.xlsx").stat().st_size > 0
    assert main(["check", str(scenario_file), str(out / "roster.csv")]) == 0
    assert len(table) == 5 * 40


def test_roster_command_exit_1_when_impossible(tmp_path: Path, capsys) -> None:
    # a tour on one day in a row at most, and HDD aid on Notting Hill Carnival's two days
    # (a day in two at work alone is lawful: the officers rest the other days, scen23)
    scenario_file = tmp_path / "s.toml"
    scenario_file.write_text(
        (Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml")
        .read_text()
        .replace("start = 2026-04-01", "start = 2026-08-24")
        .replace("end = 2027-03-31", "end = 2026-09-06")
        .replace("[[shift]]", "[rules]\nmax_consecutive_duty_days = 1\n\n[[shift]]", 1)
    )
    code = main(
        [
            "roster",
            str(scenario_file),
            "--out",
            str(tmp_path / "o"),
            "--time-limit",
            "5",
            "--workers",
            "1",
            "--quiet",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot roster" in err
    assert "INFEASIBLE" not in err.splitlines()[-1]
    assert not (tmp_path / "o" / "roster.csv").exists()


@pytest.mark.parametrize("command", ["roster", "reroster", "sweep"])
@pytest.mark.parametrize("limit", ["0", "-1", "nan", "inf"])
def test_a_time_limit_must_be_positive_and_finite(
    command: str, limit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    havering = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
    extra = {"roster": [], "reroster": ["--from", "2026-08-10"], "sweep": ["--runs", "1"]}
    argv = [command, str(havering), "--out", str(tmp_path / "o"), *extra[command]]
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--time-limit", limit])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith(f"--time-limit: must be a positive number of seconds, got '{limit}'")
    assert not (tmp_path / "o").exists()


def test_cover_is_counted_over_the_contract_and_against_its_bound() -> None:
    """Teams of one contract: their officers together against the council's tasking, and
    the contract's cover bound (any lawful roster delivers at most that)."""
    from scheduler.roster.run import ContractOutcome, merge_teams

    first = ContractOutcome("X", "FEASIBLE", 500.0, 100.0, None, 1.0, 3)
    first.tasked = {(0, "E"): [3, 2], (1, "E"): [0, 1]}  # one officer over on day 0
    second = ContractOutcome("X", "FEASIBLE", 300.0, 100.0, None, 1.0, 3)
    second.tasked = {(0, "E"): [0, 1], (1, "E"): [1, 1]}
    second.cover_bound, second.least_cover_cost = 5, 250.0
    (merged,) = merge_teams([first, second])
    # day 0: 3 on, 3 wanted; day 1: 1 on, 2 wanted (team by team it would be 2 + 0 + 1)
    assert (merged.cover_met, merged.cover_wanted, merged.cover_bound) == (4, 5, 5)
    assert merged.objective == 800.0
    assert merged.bound == 250.0  # the contract's bound beats the teams' 100 + 100
    assert merged.gap == pytest.approx((800 - 250) / 800)
    assert merged.cover_of_bound == pytest.approx(4 / 5)


def test_a_year_roster_reports_cover_within_its_bound(autumn) -> None:
    _scenario, result = autumn
    for o in result.outcomes:
        assert o.cover_bound is not None
        assert o.cover_met <= o.cover_bound <= o.cover_wanted
        assert o.bound is not None
        assert o.objective is not None
        assert o.bound <= o.objective
        table = result.table[(result.table["contract_id"] == o.contract_id)]
        on_duty = table[table["state"] == "DUTY"]
        assert o.cover_met <= len(on_duty)


def test_roster_command_rosters_the_contracts_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    london = Path(__file__).resolve().parents[2] / "scenarios" / "london.toml"
    scenario_file = tmp_path / "s.toml"
    scenario_file.write_text(london.read_text().replace("end = 2027-03-31", "end = 2026-04-19"))
    out = tmp_path / "out"
    argv = ["roster", str(scenario_file), "--out", str(out), "--time-limit", "4"]
    assert main([*argv, "--workers", "1", "--quiet", "--contracts", "nope"]) == 2
    assert "--contracts" in capsys.readouterr().err
    assert not out.exists()
    publish = ["--publish", "--db", str(tmp_path / "s.db")]
    assert main([*argv, "--workers", "1", "--quiet", "--contracts", "RIC-PP", *publish]) == 2
    assert "every contract" in capsys.readouterr().err
    assert not out.exists()
    capsys.readouterr()
    assert main([*argv, "--workers", "1", "--quiet", "--contracts", "RIC-PP,CRY-MPP"]) == 0
    table = read_roster_csv(out / "roster.csv")
    assert set(table["contract_id"]) == {"RIC-PP", "CRY-MPP"}
    err = capsys.readouterr().err
    assert "cover bound" in err
    assert "of bound" in err
