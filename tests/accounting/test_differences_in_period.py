"""differences.csv lists what the report covers (README: "every officer-day the record
differs from it"): a month's report of a year-long duty record listed every month's
differences, and a bank holiday recorded as leave (the record has no bank-holiday
deployment) was a difference on every bank holiday of every officer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scheduler.cli import main

SCENARIO = """
[scenario]
name = "Differences"
start = 2026-04-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "C1"
council = "LB Test"
bcu = "EA"
start = 2026-04-01
posts = { constable = 1 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
  shift = "E"
  min = 1

[[officer]]
id = "O1"
contract = "C1"
rank = "constable"
"""
DEPLOYMENT = {"DUTY": "council", "REST": "rest", "LEAVE": "leave", "PUBLIC_HOLIDAY": "leave"}


def test_a_months_report_lists_that_months_differences_and_no_bank_holidays(
    tmp_path: Path,
) -> None:
    scenario, db = tmp_path / "s.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO, encoding="utf-8")
    argv = ["roster", str(scenario), "--out", str(tmp_path / "r"), "--db", str(db), "--publish"]
    assert main([*argv, "--seed", "1", "--workers", "1", "--time-limit", "20"]) == 0
    roster = pd.read_csv(tmp_path / "r" / "roster.csv", dtype=str, keep_default_na=False)
    assert "PUBLIC_HOLIDAY" in set(roster["state"])  # Good Friday, Easter Monday, May
    record = pd.DataFrame(
        {
            "officer_id": roster["officer_id"],
            "date": roster["date"],
            "start": roster["start"],
            "end": roster["end"],
            "deployment": roster["state"].map(DEPLOYMENT),
            "reason": "",
        }
    )
    # one tour taken for an operation in April, one in June
    duty = record.index[record["deployment"] == "council"]
    for i in (duty[3], duty[-3]):
        record.loc[i, "deployment"], record.loc[i, "reason"] = "operational", "Op Test"
    taken = set(record.loc[[duty[3], duty[-3]], "date"])
    path = tmp_path / "duty.csv"
    record.to_csv(path, index=False)
    for period in ("2026-04", "2026-05", "2026-06", "FY2026"):
        out = tmp_path / period
        argv = ["report", str(scenario), "--period", period, "--out", str(out), "--db", str(db)]
        assert main([*argv, "--actuals", str(path)]) == 0
        diffs = pd.read_csv(out / "differences.csv", dtype=str, keep_default_na=False)
        wanted = {d for d in taken if period == "FY2026" or d.startswith(period)}
        assert set(diffs["date"]) == wanted, period
        assert set(diffs["actual_deployment"]) <= {"operational"}
