"""sweep.csv and runs.csv wrote money as floats print (a plan's penalty of £2,186.30 as
2186.3, a mean as 158.9): a council's spreadsheet of pounds and pence showed them short
of a digit, unlike report.csv. Now every £ column is written to the penny."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from scheduler.accounting.sweep import SweepResult
from scheduler.export.sweep import write_sweep


def test_every_money_column_is_written_to_the_penny(tmp_path: Path) -> None:
    summary = pd.DataFrame(
        {
            "contract_id": ["A"],
            "council": ["LB A"],
            "runs": [2],
            "contracted_days": [52.16],
            "delivered_days_p50": [52.0],
            "planned_penalty_gbp": [2186.3],
            "penalty_gbp_p5": [2186.3],
            "penalty_gbp_mean": [158.9],
        }
    )
    runs = pd.DataFrame(
        {
            "run": [0, 1],
            "contract_id": ["A", "A"],
            "council": ["LB A", "LB A"],
            "delivered_days": [53, 50],
            "penalty_gbp": [2501.0, 126.1],
        }
    )
    write_sweep(SweepResult(runs, summary, summary, ()), tmp_path)
    with (tmp_path / "sweep.csv").open(newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["planned_penalty_gbp"], row["penalty_gbp_p5"], row["penalty_gbp_mean"]) == (
        "2186.30",
        "2186.30",
        "158.90",
    )
    assert row["contracted_days"] == "52.16"  # not money: as it was
    with (tmp_path / "runs.csv").open(newline="", encoding="utf-8") as f:
        assert [r["penalty_gbp"] for r in csv.DictReader(f)] == ["2501.00", "126.10"]
