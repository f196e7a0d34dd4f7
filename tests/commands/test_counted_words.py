"""One of a thing is said in the singular: "1 officer-day", not "1 officer-days", in the
lines the commands print and the reports a council reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from scheduler.accounting.sweep import SweepResult
from scheduler.cli import main
from scheduler.export.sweep import penalty_chart

SCENARIO = """
[scenario]
name = "One of each"
start = 2026-09-01
end = 2026-09-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "C1"
council = "LB One"
bcu = "XX"
start = 2026-04-01
posts = { constable = 2 }

[[officer]]
id = "O1"
contract = "C1"
rank = "constable"

[[officer]]
id = "O2"
contract = "C1"
rank = "constable"
start = 2026-09-02
"""


def test_one_of_each_is_singular(tmp_path: Path, capsys) -> None:
    scenario = tmp_path / "one.toml"
    scenario.write_text(SCENARIO)
    assert main(["validate", str(scenario)]) == 0
    out = capsys.readouterr().out
    assert "(30 days), 1 tour type, 1 contract, 2 officers" in out
    # O2 in post from 2 September: a post is vacant 1 day; the record has no row for O2's 30th
    rows = "".join(f"O1,2026-09-{d:02d},07:00,15:00,council,\n" for d in range(1, 31))
    rows += "".join(f"O2,2026-09-{d:02d},07:00,15:00,council,\n" for d in range(2, 30))
    record = tmp_path / "duty.csv"
    record.write_text("officer_id,date,start,end,deployment,reason\n" + rows)
    argv = ["report", str(scenario), "--period", "2026-09", "--actuals", str(record)]
    argv += ["--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "out")]
    assert main(argv) == 0
    with (tmp_path / "out" / "penalties.csv").open(encoding="utf-8") as f:
        (vacancy,) = csv.DictReader(f)
    assert vacancy["reason"] == "constable post vacant (1 post-day)"
    page = (tmp_path / "out" / "report.html").read_text()
    assert "no row for 1 officer-day the officers served" in page
    capsys.readouterr()
    assert main([*argv[:-1], str(tmp_path / "strict"), "--strict"]) == 2
    assert "no row for 1 officer-day the scenario's officers" in capsys.readouterr().err


def test_a_sweep_of_one_run_says_one_run() -> None:
    runs = pd.DataFrame(
        {"council": ["LB One", "LB Two"], "run": [0, 0], "penalty_gbp": [120.5, 0.0]}
    )
    result = SweepResult(runs=runs, summary=pd.DataFrame(), planned=pd.DataFrame(), notes=())
    title = penalty_chart(result).get_suptitle()
    assert title.startswith("Penalty due per council over 1 run (")
