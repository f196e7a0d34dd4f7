"""A council checks a month, an abstraction is voided, it checks the month again: the month
moves back at once (README: "an entry logged or voided since on its days ... moves its
figures at once"), and each report says which point of the entry log it read. Before,
both named only "with 1 live abstraction": a report from before the entry was logged and
one from after it was voided read the same, and so did the web's page; now each names the
council's latest entry (``entry log to entry 9``), from ``s92 report`` and the page alike,
and nothing of another council's entries."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import Money, entry, login

from scheduler.cli import main
from scheduler.store import Store
from scheduler.web.app import create_app

LOG_READ = re.compile(r"live abstractions?, (entry log to entry [0-9]+|no entry logged)")


def report(db: Path, scenario: Path, out: Path, contract: str) -> tuple[str, pd.Series]:
    argv = ["report", str(scenario), "--period", "2026-11", "--out", str(out)]
    assert main([*argv, "--db", str(db), "--contract", contract]) == 0
    found = LOG_READ.search((out / "report.html").read_text(encoding="utf-8"))
    assert found, "the report names no point of the entry log"
    return found.group(1), pd.read_csv(out / "report.csv").iloc[0]


def page_log_read(db: Path, contract: str) -> str:
    with TestClient(create_app(db)) as client:
        login(client, contract.lower())
        page = client.get(f"/contracts/{contract}/report", params={"period": "2026-11"})
        assert page.status_code == 200
    found = LOG_READ.search(page.text)
    assert found, "the page names no point of the entry log"
    return found.group(1)


def test_a_void_moves_the_month_back_and_the_report_names_the_log_it_read(
    money: Money, tmp_path: Path
) -> None:
    db = tmp_path / "s92.db"
    shutil.copy(money.db, db)  # the session's store stays as it was
    before, month = report(db, money.scenario, tmp_path / "before", "EARLY")
    late, _ = report(db, money.scenario, tmp_path / "late-before", "LATE")
    with Store(db) as store:
        roster = store.latest_roster("Money")
        assert roster is not None
        duty = roster[
            (roster["officer_id"] == "E2")
            & (roster["state"] == "DUTY")
            & roster["date"].astype(str).str.startswith("2026-11")
        ]
        day = date.fromisoformat(str(duty["date"].iloc[0])[:10])
        logged = store.add_abstraction(entry("E2", "EARLY", day, day, "operational"))
    during, abstracted = report(db, money.scenario, tmp_path / "during", "EARLY")
    assert during == f"entry log to entry {logged}" != before
    assert abstracted["penalised_days"] == month["penalised_days"] + 1
    assert abstracted["penalty_gbp"] > month["penalty_gbp"]
    assert page_log_read(db, "EARLY") == during
    with Store(db) as store:
        voiding = store.void(logged, "entered in error", "Insp X")
    after, voided = report(db, money.scenario, tmp_path / "after", "EARLY")
    # the month reads as before the entry, but the report says it read the log since
    assert after == f"entry log to entry {voiding}" not in (before, during)
    columns = ["penalised_days", "penalty_gbp", "delivered_days", "net_cost_gbp"]
    assert voided[columns].tolist() == month[columns].tolist()
    assert page_log_read(db, "EARLY") == after
    # another council's report names its own log, whatever EARLY's entries did
    assert report(db, money.scenario, tmp_path / "late-after", "LATE")[0] == late
    assert page_log_read(db, "LATE") == late
