"""A council whose every post is vacant still gets its report: the refund of the empty
posts' charge (README: Vacant post-days). s92 roster writes a roster with no rows for such
a scenario; s92 report and the council's page refused it ("no officer-days")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import PASSWORD, login

from scheduler.cli import main
from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.web.app import create_app

SCENARIO = """
[scenario]
name = "All vacant"
start = 2026-04-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "VAC"
council = "LB Vacant"
bcu = "EA"
start = 2026-04-01
posts = { constable = 2 }
"""


def test_a_contract_with_every_post_vacant_is_refunded_its_whole_charge(tmp_path: Path) -> None:
    scenario, db = tmp_path / "vacant.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO, encoding="utf-8")
    roster = ["roster", str(scenario), "--out", str(tmp_path / "r"), "--db", str(db)]
    assert main([*roster, "--publish"]) == 0
    out = tmp_path / "report"
    assert (
        main(["report", str(scenario), "--period", "FY2026", "--out", str(out), "--db", str(db)])
        == 0
    )
    (row,) = pd.read_csv(out / "report.csv").to_dict("records")
    assert (row["period_start"], row["period_end"]) == ("2026-04-01", "2026-06-30")
    assert (row["vacant_post_days"], row["filled_post_days"]) == (2 * 91, 0)
    assert row["charge_gbp"] > 0
    assert row["vacancy_penalty_gbp"] == row["penalty_gbp"] == row["charge_gbp"]
    assert row["net_cost_gbp"] == 0
    monthly = pd.read_csv(out / "monthly.csv")
    assert list(monthly["period"]) == ["2026-04", "2026-05", "2026-06"]
    assert (monthly["penalty_gbp"] == monthly["charge_gbp"]).all()
    penalties = pd.read_csv(out / "penalties.csv")
    assert round(penalties["penalty_gbp"].sum() * 100) == round(row["penalty_gbp"] * 100)

    with Store(db) as store:
        Accounts(store).add("vac", "council", PASSWORD, actor="test", contracts=["VAC"])
    with TestClient(create_app(db)) as client:
        login(client, "vac")
        r = client.get("/api/contracts/VAC/report", params={"period": "FY2026"})
        assert r.status_code == 200, r.text[:300]
        (web,) = r.json()["summary"]
        assert web["penalty_gbp"] == row["penalty_gbp"]
        assert web["period_end"] == "2026-06-30"
        for page in ("report", "report.xlsx", "report.html", "penalties.csv"):
            r = client.get(f"/contracts/VAC/{page}", params={"period": "FY2026"})
            assert r.status_code == 200, (page, r.text[:300])


def test_a_month_past_the_data_of_an_all_vacant_roster_is_reported_as_no_data(
    tmp_path: Path,
) -> None:
    # a traceback (a comparison of dates with nothing) once the report no longer refused
    # the roster outright
    scenario, db = tmp_path / "vacant.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO, encoding="utf-8")
    assert (
        main(["roster", str(scenario), "--out", str(tmp_path / "r"), "--db", str(db), "--publish"])
        == 0
    )
    out = tmp_path / "july"
    assert (
        main(["report", str(scenario), "--period", "2026-07", "--out", str(out), "--db", str(db)])
        == 0
    )
    (row,) = pd.read_csv(out / "report.csv", keep_default_na=False).to_dict("records")
    assert row["note"].startswith("no data for 2026-07")
    assert row["penalty_gbp"] == 0


def test_the_sweep_of_an_all_vacant_roster_is_the_vacancy_refund(tmp_path: Path) -> None:
    # exit 2 "no officer-days for the scenario's officers" before
    scenario = tmp_path / "vacant.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    assert main(["roster", str(scenario), "--out", str(tmp_path / "r")]) == 0
    roster = str(tmp_path / "r" / "roster.csv")
    out = tmp_path / "sweep"
    assert main(["sweep", str(scenario), "--runs", "3", "--out", str(out), "--roster", roster]) == 0
    (row,) = pd.read_csv(out / "sweep.csv").to_dict("records")
    assert row["contract_id"] == "VAC"
    assert row["planned_penalty_gbp"] > 0
    for p in ("p5", "p50", "p95"):  # nobody to abstract: every run refunds the vacancy
        assert row[f"penalty_gbp_{p}"] == row["planned_penalty_gbp"]
