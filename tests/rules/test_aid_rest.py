"""High Demand Day aid and the minimum rest: nobody is planned on two aid tours closer than
``min_rest_hours`` (New Year's Eve's to 04:00, a New Year's Day parade from 10:00)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.rules.high_demand import plan_aid
from scheduler.scenario import Scenario, load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
PARADE = (
    '  { date = 2027-01-01, name = "New Year\'s Day Parade", start = "10:00", end = "16:00" },\n'
)


def _new_year(tmp_path: Path, min_rest: float | None = None) -> Scenario:
    """Havering over the New Year, with the parade added as a High Demand Day."""
    text = HAVERING.read_text()
    text = text.replace("start = 2026-04-01", "start = 2026-12-14", 1)
    text = text.replace("end = 2027-03-31", "end = 2027-01-10", 1)
    text = text.replace("add = [\n", "add = [\n" + PARADE, 1)
    if min_rest is not None:
        text = text.replace("[[shift]]", f"[rules]\nmin_rest_hours = {min_rest}\n\n[[shift]]", 1)
    path = tmp_path / "new-year.toml"
    path.write_text(text)
    return load_scenario(path)


def test_nobody_is_planned_on_new_years_eve_and_the_parade(tmp_path: Path) -> None:
    scenario = _new_year(tmp_path)
    plan = plan_aid(scenario)
    eve = {oid for (oid, day) in plan if str(day) == "2026-12-31"}
    parade = {oid for (oid, day) in plan if str(day) == "2027-01-01"}
    assert eve  # everyone available goes on New Year's Eve ...
    assert parade  # ... and the parade still gets those who were not
    assert not eve & parade
    available = {
        o.id
        for o in scenario.officers
        if not {d.isoformat() for d in o.leave_days()} & {"2027-01-01"}
    }
    assert parade == available - eve


def test_with_rest_enough_between_them_the_same_officer_may_do_both(tmp_path: Path) -> None:
    scenario = _new_year(tmp_path, min_rest=6)  # 04:00 to 10:00 is six hours
    plan = plan_aid(scenario)
    eve = {oid for (oid, day) in plan if str(day) == "2026-12-31"}
    parade = {oid for (oid, day) in plan if str(day) == "2027-01-01"}
    assert eve & parade


@pytest.fixture(scope="module")
def rostered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, pd.DataFrame]:
    scenario = _new_year(tmp_path_factory.mktemp("new-year"))
    result = roster_scenario(scenario, SolveSettings(time_limit=1, seed=0, workers=1))
    # before: every officer planned on both, 6 h apart; no lawful roster for the contract
    assert result.feasible
    return scenario, result.table


def test_a_new_year_with_a_parade_is_rostered_and_passes_the_checker(
    rostered: tuple[Scenario, pd.DataFrame],
) -> None:
    scenario, table = rostered
    assert check_roster(scenario, table).breaches == []
    aid = table[table["state"] == "HDD_AID"]
    both = set(aid.loc[aid["date"] == "2026-12-31", "officer_id"]) & set(
        aid.loc[aid["date"] == "2027-01-01", "officer_id"]
    )
    assert not both


def test_the_checker_still_wants_the_rested_officers_on_the_parade(
    rostered: tuple[Scenario, pd.DataFrame],
) -> None:
    scenario, table = rostered
    parade = (table["date"] == "2027-01-01") & (table["state"] == "HDD_AID")
    assert parade.any()
    taken = table.copy()
    first = taken.index[parade][0]
    off: dict[str, str | float] = {"state": "PUBLIC_HOLIDAY", "shift": "", "start": ""}
    for column, value in {**off, "end": "", "hours": 0.0, "event": ""}.items():
        taken.at[first, column] = value
    breaches = check_roster(scenario, pd.DataFrame(taken)).breaches
    assert [b.rule for b in breaches] == ["high-demand-day"]
    assert "New Year's Day Parade" in breaches[0].detail


def test_a_parade_nobody_can_be_on_after_everyone_on_new_years_eve_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # every officer at work over the New Year: all on New Year's Eve's aid (every one
    # available, the default), none rested for the parade. The roster showed nobody on
    # it, with no word why; validate (and roster) now say so, and how to split them
    _new_year(tmp_path)
    path = tmp_path / "new-year.toml"
    text = path.read_text().replace('"2026-12-29/2026-12-31", ', "")
    path.write_text(text)
    assert not {o for (o, day) in plan_aid(load_scenario(path)) if str(day) == "2027-01-01"}
    assert main(["validate", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "note: 2027-01-01 New Year's Day Parade (10:00-16:00): nobody of HAV-PP on aid: each "
        "officer available is on the aid of New Year's Eve less than 11 h (min_rest_hours) "
        "before it"
    ) in out
    path.write_text(text.replace("add = [\n", "share = 0.5\nadd = [\n", 1))  # half each
    assert main(["validate", str(path)]) == 0
    assert "nobody of" not in capsys.readouterr().out
