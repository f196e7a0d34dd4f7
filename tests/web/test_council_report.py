"""A council's report in ``s92 serve`` is ``s92 report``'s, figure for figure: the same
report.csv, monthly.csv and penalties.csv rows for its contract, whatever the period and
whichever of its posts are vacant, new or stale.

A store of its own: three contracts of one scenario, rostered by the real solver and
checked by the independent checker; one whose officers all join in November (its posts
vacant in October), one that starts mid-November, and entries logged and voided."""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import PASSWORD, login

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import scenario_from_dict
from scheduler.store import Store, apply_abstractions
from scheduler.store.accounts import Accounts
from scheduler.store.entries import NewAbstraction
from scheduler.web.app import create_app

SCENARIO = """
[scenario]
name = "Money"
start = 2026-10-05
end = 2026-12-13

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "EARLY"
council = "Council Early"
bcu = "MM"
start = 2026-01-05
posts = { constable = 3 }
cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }]

[[contract]]
id = "LATE"
council = "Council Late"
bcu = "MM"
start = 2026-01-05
posts = { constable = 2 }
cover = [{ days = ["Thu"], shift = "E", min = 1 }]

[[contract]]
id = "NEW"
council = "Council New"
bcu = "MM"
start = 2026-11-16
posts = { constable = 2 }
cover = [{ days = ["Fri"], shift = "E", min = 1 }]

[[officer]]
id = "E0"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "E1"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "E2"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "L0"
contract = "LATE"
rank = "constable"
start = 2026-11-02

[[officer]]
id = "L1"
contract = "LATE"
rank = "constable"
start = 2026-11-02

[[officer]]
id = "N0"
contract = "NEW"
rank = "constable"

[[officer]]
id = "N1"
contract = "NEW"
rank = "constable"
"""
CONTRACTS = ("EARLY", "LATE", "NEW")
PERIODS = ("FY2026", "2026-10", "2026-11", "2026-12", "Y1", "term")
FILES = ("report.csv", "monthly.csv", "penalties.csv")


@dataclass(frozen=True)
class Money:
    db: Path
    scenario: Path


def entry(officer: str, contract: str, first: date, last: date, kind: str) -> NewAbstraction:
    return NewAbstraction(
        officer, contract, first, last, kind, f"{kind} probe", "Insp X", date(2026, 10, 1)
    )


@pytest.fixture(scope="module")
def money(tmp_path_factory: pytest.TempPathFactory) -> Money:
    folder = tmp_path_factory.mktemp("money")
    scenario_file = folder / "money.toml"
    scenario_file.write_text(SCENARIO)
    scenario = scenario_from_dict(tomllib.loads(SCENARIO), "money.toml")
    result = roster_scenario(scenario, SolveSettings(time_limit=10, seed=1, workers=1))
    assert result.feasible
    db = folder / "s92.db"
    with Store(db) as store:
        store.publish_roster("Money", result.table, "v1", scenario_text=SCENARIO)
        # a sickness applied and published, then voided: the published roster goes on
        # following it until the next re-roster, and the report says so
        sick = store.add_abstraction(
            entry("E1", "EARLY", date(2026, 11, 9), date(2026, 11, 13), "sickness")
        )
        applied = apply_abstractions(result.table, store.live_abstractions(), scenario)
        assert check_roster(scenario, applied).ok
        store.publish_roster("Money", applied, "v2", scenario_text=SCENARIO)
        store.void(sick, "entered in error", "Insp X")
        for officer, contract, day in (
            ("E0", "EARLY", date(2026, 10, 14)),
            ("L0", "LATE", date(2026, 11, 19)),
            ("N0", "NEW", date(2026, 12, 11)),
        ):
            store.add_abstraction(entry(officer, contract, day, day, "operational"))
        accounts = Accounts(store)
        for contract in CONTRACTS:
            accounts.add(contract.lower(), "council", PASSWORD, actor="test", contracts=[contract])
    return Money(db, scenario_file)


def cli_files(money: Money, period: str, out: Path) -> dict[str, pd.DataFrame]:
    argv = ["report", str(money.scenario), "--period", period, "--out", str(out)]
    assert main([*argv, "--db", str(money.db)]) == 0
    return {name: pd.read_csv(out / name, dtype=str, keep_default_na=False) for name in FILES}


@pytest.mark.parametrize("period", PERIODS)
def test_each_council_downloads_what_s92_report_writes(
    money: Money, tmp_path: Path, period: str
) -> None:
    cli = cli_files(money, period, tmp_path)
    with TestClient(create_app(money.db)) as client:
        for contract in CONTRACTS:
            client.cookies.clear()
            login(client, contract.lower())
            for name in FILES:
                r = client.get(f"/contracts/{contract}/{name}", params={"period": period})
                assert r.status_code == 200, r.text[:200]
                web = pd.read_csv(io.StringIO(r.text), dtype=str, keep_default_na=False)
                mine = cli[name][cli[name]["contract_id"] == contract].reset_index(drop=True)
                if name == "monthly.csv":  # counted from the report's first month
                    web = web.drop(columns="hdd_days_cumulative")
                    mine = mine.drop(columns="hdd_days_cumulative")
                pd.testing.assert_frame_equal(web, mine, obj=f"{contract} {name} {period}")


def test_a_vacancy_before_the_officers_join_is_charged_as_the_command_charges_it(
    money: Money, tmp_path: Path
) -> None:
    # LATE's two posts are vacant in October (its officers join on 2 November): the page
    # cut the report to the contract's own rows, from 2 November, and so left out the
    # vacancy's penalty that s92 report charges
    cli = cli_files(money, "2026-10", tmp_path)["report.csv"].set_index("contract_id")
    assert cli.loc["LATE", "vacant_post_days"] == "54"
    with TestClient(create_app(money.db)) as client:
        login(client, "late")
        api = client.get("/api/contracts/LATE/report", params={"period": "2026-10"}).json()
    (row,) = api["summary"]
    assert row["vacant_post_days"] == 54
    assert f"{row['vacancy_penalty_gbp']:.2f}" == cli.loc["LATE", "vacancy_penalty_gbp"]
    assert row["vacancy_penalty_gbp"] > 0


def test_the_stale_note_is_in_the_rows_of_report_csv(money: Money) -> None:
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        r = client.get("/contracts/EARLY/report.csv", params={"period": "2026-11"})
        (note,) = pd.read_csv(io.StringIO(r.text), keep_default_na=False)["note"]
        assert "5 officer-days in this period still follow abstractions voided since" in note
        october = client.get("/contracts/EARLY/report.csv", params={"period": "2026-10"})
        assert "voided" not in october.text  # the voided days are all in November
