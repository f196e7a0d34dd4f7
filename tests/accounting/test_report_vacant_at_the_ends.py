"""A published roster's report covers the roster's horizon, not only the days its rows
hold: a contract whose officers all join after the horizon's first day or leave before
its last (the posts vacant then) was reported from the first officer's first day to the
last one's last, "clipped to ... the data available", and the council was refunded none
of the vacant post-days at either end. The council's page read it the same way."""

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
name = "Vacant at the ends"
start = 2026-06-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "END"
council = "LB Ends"
bcu = "EA"
start = 2026-04-01
posts = { constable = 2 }

[[officer]]
id = "O1"
contract = "END"
rank = "constable"
start = 2026-06-11
end = 2026-06-25

[[officer]]
id = "O2"
contract = "END"
rank = "constable"
start = 2026-06-05
end = 2026-06-20
"""
FILLED = 15 + 16  # O1 11-25 June, O2 5-20 June
VACANT = 2 * 30 - FILLED


def test_the_report_counts_the_posts_vacant_before_the_first_joiner_and_after_the_last_leaver(
    tmp_path: Path,
) -> None:
    scenario, db = tmp_path / "ends.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO, encoding="utf-8")
    roster = ["roster", str(scenario), "--out", str(tmp_path / "r"), "--db", str(db)]
    assert main([*roster, "--publish", "--time-limit", "3", "--workers", "1", "--quiet"]) == 0
    out = tmp_path / "report"
    report = ["report", str(scenario), "--period", "2026-06", "--out", str(out), "--db", str(db)]
    assert main(report) == 0
    (row,) = pd.read_csv(out / "report.csv", keep_default_na=False).to_dict("records")
    assert (row["period_start"], row["period_end"]) == ("2026-06-01", "2026-06-30")
    assert (row["filled_post_days"], row["vacant_post_days"]) == (FILLED, VACANT)
    assert "clipped" not in row["note"]

    with Store(db) as store:
        Accounts(store).add("ends", "council", PASSWORD, actor="test", contracts=["END"])
    with TestClient(create_app(db)) as client:
        login(client, "ends")
        r = client.get("/api/contracts/END/report", params={"period": "2026-06"})
        assert r.status_code == 200, r.text[:300]
        (web,) = r.json()["summary"]
        assert (web["period_start"], web["period_end"]) == ("2026-06-01", "2026-06-30")
        assert web["vacant_post_days"] == VACANT
        assert web["penalty_gbp"] == row["penalty_gbp"]
